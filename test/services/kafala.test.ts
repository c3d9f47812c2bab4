import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHijri } from '../../src/kernel/dates.js';
import { maskNationalId } from '../../src/kernel/national-id.js';
import { actOnRequest, foldHistory, runDeadlines } from '../../src/requests/index.js';
import { billsForRequest, paymentSettingsOf, receivePayment } from '../../src/payments/index.js';
import { KAFALA_FEE_SAR } from '../../src/services/traffic/kafala.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp, messagesTo, registerAccount } from '../identity/support.js';
import { aNationalId, withWrongCheckDigit } from '../registry/builders.js';
import { getAs, officerOf, personAct, staffAct, submit, webSignIn } from '../requests/support.js';
import { aDetainee, aGuarantor, caseOf, inCustody, KAFALA, kafalaData, type Guarantor } from './support.js';

/**
 * The electronic traffic kafala (bail), end to end through the API and the pages: who may stand
 * bail, the guaranteed person's details against the registry, the fee, payment releasing the
 * person, traffic closing the case, cancelling, and who may see and act on the request.
 */

describe(`traffic kafala (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;
  const deps = { db: database.db, clock, catalogue: app.catalogue };
  // The harness's day in Riyadh.
  const TODAY = '2026-11-01';

  async function eligibility(g: Guarantor) {
    const res = await app.inject({ method: 'POST', url: `/api/v1/services/${KAFALA}/eligibility`, headers: { authorization: `Bearer ${g.token}`, 'accept-language': 'en' }, payload: {} });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { eligible: boolean; rules: Array<{ id: string; passed: boolean; reason: { en: string } }> };
    return { eligible: body.eligible, failed: body.rules.filter((r) => !r.passed).map((r) => r.id), rules: body.rules };
  }

  const systemPays = (reference: string) => actOnRequest({ ...deps, actor: { kind: 'system' }, act: { reference, action: 'pay' } });

  it('sits in My Services under General Services, is found by the words people use, and takes cards only', async () => {
    const service = (await app.inject({ url: `/api/v1/services/${KAFALA}` })).json();
    assert.equal(service.agency, 'general');
    assert.deepEqual(service.form.map((s: { id: string }) => s.id), ['guaranteed', 'undertaking']);
    for (const words of ['كفالة', 'كفالة مرورية', 'إخلاء سبيل', 'traffic bail']) {
      const found = await app.inject({ url: `/api/v1/services?q=${encodeURIComponent(words)}` });
      assert.equal(found.json().services[0]?.id, KAFALA, words);
    }
    const v = new Visitor(app, 'ar');
    const general = await v.get('/agencies/general');
    assert.match(general.body, /<h1>الخدمات العامة<\/h1>/);
    assert.match(general.body, new RegExp(`href="/services/${KAFALA}">الكفالة</a>`));
    const page = await v.get(`/services/${KAFALA}`);
    assert.match(page.body, /href="\/agencies\/general">الخدمات العامة<\/a>/, 'My Services -> General Services -> Kafala');
    assert.match(page.body, /الطلبات السابقة/);
    assert.deepEqual(app.catalogue.get(KAFALA).payment, { channels: ['card'] });
  });

  it('lets an adult citizen inside the Kingdom with an activated account stand bail, and lists every condition', async () => {
    const g = await aGuarantor(h);
    const result = await eligibility(g);
    assert.equal(result.eligible, true, result.failed.join());
    assert.deepEqual(result.rules.map((r) => r.id), ['account_active', 'citizen', 'adult', 'inside_kingdom', 'not_wanted', 'no_criminal_case', 'at_most_two']);
  });

  it('counts the age to the day: 18 today may stand bail, 18 tomorrow may not', async () => {
    const eighteenToday = await aGuarantor(h, { birthDate: '2008-11-01' });
    assert.equal((await eligibility(eighteenToday)).eligible, true);
    const eighteenTomorrow = await aGuarantor(h, { birthDate: '2008-11-02' });
    const refused = await eligibility(eighteenTomorrow);
    assert.deepEqual(refused.failed, ['adult']);
    assert.match(refused.rules.find((r) => r.id === 'adult')!.reason.en, /at least 18/);
    assert.equal(TODAY, '2026-11-01');
  });

  it('refuses a resident, someone outside the Kingdom, a wanted person and one with an open criminal case, each with its reason', async () => {
    const cases: Array<[Parameters<typeof aGuarantor>[1], Parameters<typeof aGuarantor>[2], string]> = [
      [{}, { resident: true }, 'citizen'],
      [{ insideKingdom: false }, {}, 'inside_kingdom'],
      [{ securityRestriction: true }, {}, 'not_wanted'],
      [{ criminalCase: true }, {}, 'no_criminal_case'],
    ];
    for (const [overrides, options, rule] of cases) {
      const g = await aGuarantor(h, overrides, options);
      const result = await eligibility(g);
      assert.deepEqual(result.failed, [rule]);
      const d = await aDetainee(h);
      const refused = await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(d) });
      assert.equal(refused.statusCode, 422, rule);
      assert.deepEqual(refused.json().errors.map((e: { field: string }) => e.field), [`eligibility.${rule}`]);
    }
  });

  it('says on the eligibility page, and in the API, that an account must be activated first', async () => {
    const g = await aGuarantor(h, {}, { activated: false });
    const result = await eligibility(g);
    assert.deepEqual(result.failed, ['account_active']);
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, g);
    const page = await v.get(`/services/${KAFALA}/apply`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Your account is not activated yet/);
    assert.doesNotMatch(page.body, /Start the request/);
    const d = await aDetainee(h);
    assert.equal((await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(d) })).statusCode, 403);
  });

  it('checks the guaranteed person against the registry, without saying which detail is wrong', async () => {
    const g = await aGuarantor(h);
    const d = await aDetainee(h);
    const elsewhere = await aDetainee(h);
    const mismatches = {
      'a wrong date of birth': kafalaData(d, { birthDate: '1995-02-11' }),
      'an ID number nobody holds': kafalaData(d, { idNumber: aNationalId() }),
      'no such case': kafalaData(d, { caseNumber: 'TC0000001' }),
      'a person who is not a party to the case': kafalaData(d, { caseNumber: elsewhere.kase.number }),
    };
    for (const [what, data] of Object.entries(mismatches)) {
      const refused = await submit(h, g.token, { serviceId: KAFALA, data });
      assert.equal(refused.statusCode, 422, what);
      assert.deepEqual(refused.json().errors, [{ field: 'guaranteed.idNumber', message: "The details entered (ID number, date of birth and case number) do not match the records. Check them against the person's ID and the case papers, and try again." }], what);
    }
    const closed = await aDetainee(h, { closed: true });
    const noBail = await aDetainee(h, { bailAllowed: false });
    const free = await aDetainee(h, { inCustody: false });
    const refusals: Array<[object, string, RegExp]> = [
      [kafalaData(closed), 'guaranteed.caseNumber', /This case is closed/],
      [kafalaData(noBail), 'guaranteed.caseNumber', /Bail is not accepted in this case/],
      [kafalaData(free), 'guaranteed.idNumber', /not held in this case/],
      [kafalaData(d, { idNumber: g.person.nationalId, birthDate: g.person.birthDate }), 'guaranteed.idNumber', /cannot stand bail for yourself/],
      [kafalaData(d, { idNumber: withWrongCheckDigit(d.person.nationalId) }), 'guaranteed.idNumber', /not valid/],
      [kafalaData(d, { idNumber: aNationalId().replace(/^1/, '3') }), 'guaranteed.idNumber', /starts with 1 and an iqama number with 2/],
      [kafalaData(d, { caseNumber: 'no!' }), 'guaranteed.caseNumber', /4 to 20 digits/],
    ];
    for (const [data, field, message] of refusals) {
      const refused = await submit(h, g.token, { serviceId: KAFALA, data });
      assert.equal(refused.statusCode, 422, field);
      const errors = refused.json().errors as Array<{ field: string; message: string }>;
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0]!.field, field);
      assert.match(errors[0]!.message, message);
    }
    assert.equal((await database.db.selectFrom('service_requests').select('id').where('service_id', '=', KAFALA).where('applicant_person_id', 'in', database.db.selectFrom('persons').select('id').where('national_id', '=', g.person.nationalId)).execute()).length, 0, 'nothing was created');
    // An iqama holder may be guaranteed, and digits typed on an Arabic keyboard are read.
    const resident = await aDetainee(h, { resident: true });
    const arabicDigits = resident.person.nationalId.replace(/[0-9]/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));
    const created = await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(resident, { idNumber: arabicDigits }) });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().data.guaranteed.idNumber, resident.person.nationalId);
  });

  it('shows the fee before payment, waits a day for it, and pays by the system: the bail is in force and the person released', async () => {
    const g = await aGuarantor(h);
    const d = await aDetainee(h);
    const created = await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(d) });
    assert.equal(created.statusCode, 201, created.body);
    const request = created.json();
    assert.equal(request.state, 'awaiting_payment');
    assert.equal(request.fee.total, KAFALA_FEE_SAR * 100);
    assert.deepEqual(request.fee.lines, [{ code: 'kafala_fee', amount: 10_000, label: { ar: 'رسوم الكفالة المرورية', en: 'Traffic bail fee' } }]);
    assert.equal(new Date(request.dueAt).getTime() - new Date(request.createdAt).getTime(), 24 * 3600 * 1000);
    assert.deepEqual(request.outputs, { caseNumber: d.kase.number, guaranteedId: maskNationalId(d.person.nationalId) });
    assert.equal(await inCustody(h, d), true, 'held until the fee is paid');

    assert.equal((await personAct(h, g.token, request.reference, 'pay')).statusCode, 403, 'only the platform records a payment');
    const paid = await systemPays(request.reference);
    assert.equal(paid.state, 'active');
    assert.equal(paid.outputs.inForceSince, TODAY);
    assert.equal(await inCustody(h, d), false, 'released on bail');
    const sms = (await messagesTo(database, g.mobile)).filter((m) => m.template === 'request.update').map((m) => m.body);
    assert.ok(sms.some((text) => text.includes(d.kase.number) && /released/.test(text)), sms.join(' | '));
  });

  it('ends the bail when a traffic officer closes the case; an officer of another agency cannot', async () => {
    const g = await aGuarantor(h);
    const d = await aDetainee(h);
    const { reference } = (await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(d) })).json();
    await systemPays(reference);
    const civil = await officerOf(h, 'civil-affairs');
    assert.equal((await staffAct(h, civil.token, reference, 'closeCase')).statusCode, 404, 'not their agency: not even seen');
    assert.equal((await getAs(h, civil.token, `/api/v1/officer/requests/${reference}`)).statusCode, 404);
    assert.equal((await personAct(h, g.token, reference, 'closeCase')).statusCode, 403, 'the guarantor does not close cases');

    const traffic = await officerOf(h, 'traffic');
    const queue = await getAs(h, traffic.token, '/api/v1/officer/queue');
    assert.ok((queue.json().requests as Array<{ reference: string }>).some((r) => r.reference === reference), 'in the traffic queue');
    const seen = await getAs(h, traffic.token, `/api/v1/officer/requests/${reference}`);
    assert.deepEqual(seen.json().actions.map((a: { id: string }) => a.id), ['closeCase']);
    const closed = await staffAct(h, traffic.token, reference, 'closeCase');
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().state, 'ended');
    assert.equal(closed.json().final, true);
    const kase = await caseOf(h, d);
    assert.equal(kase.status, 'closed');
    assert.ok(kase.closed_at instanceof Date);
    assert.equal((await staffAct(h, traffic.token, reference, 'closeCase')).statusCode, 409, 'once');
  });

  it('cancels before payment freely; in force, only while the case takes bail, and the person is held again', async () => {
    const g = await aGuarantor(h);
    const unpaid = await aDetainee(h);
    const first = (await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(unpaid) })).json();
    const cancelled = await personAct(h, g.token, first.reference, 'cancel');
    assert.equal(cancelled.json().state, 'cancelled');
    assert.equal(await inCustody(h, unpaid), true);

    const d = await aDetainee(h);
    const active = (await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(d) })).json();
    await systemPays(active.reference);
    // Traffic stops taking bail in the case: the guarantor cannot withdraw from it now.
    await database.db.updateTable('traffic_cases').set({ bail_allowed: false }).where('number', '=', d.kase.number).execute();
    const refused = await personAct(h, g.token, active.reference, 'cancel');
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().errors[0].message, /cannot be cancelled now/);
    assert.equal((await getAs(h, g.token, `/api/v1/requests/${active.reference}`)).json().state, 'active', 'nothing changed');
    assert.equal(await inCustody(h, d), false);
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, g);
    await v.get(`/requests/${active.reference}`);
    const onPage = await v.post(`/requests/${active.reference}/actions/cancel`, { expectedVersion: '2', confirm: 'yes' });
    assert.equal(onPage.statusCode, 409);
    assert.match(onPage.body, /لا يمكن إلغاء هذه الكفالة الآن/, 'the page gives the reason, in Arabic');

    await database.db.updateTable('traffic_cases').set({ bail_allowed: true }).where('number', '=', d.kase.number).execute();
    const withdrawn = await personAct(h, g.token, active.reference, 'cancel');
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal(withdrawn.json().state, 'cancelled');
    assert.equal(await inCustody(h, d), true, 'the release rested on the bail');

    const closedCase = await aDetainee(h);
    const third = (await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(closedCase) })).json();
    await systemPays(third.reference);
    await database.db.updateTable('traffic_cases').set({ status: 'closed', closed_at: new Date() }).where('number', '=', closedCase.kase.number).execute();
    assert.equal((await personAct(h, g.token, third.reference, 'cancel')).statusCode, 409, 'a closed case ends the bail, not the guarantor');
  });

  it('offers Cancel only while it can succeed: before payment, and in force only while the case is open and takes bail', async () => {
    const g = await aGuarantor(h);
    const d = await aDetainee(h);
    const { reference } = (await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(d) })).json();
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, g);
    // What the API lists and whether the page has the button's form.
    const offered = async () => {
      const api = await getAs(h, g.token, `/api/v1/requests/${reference}`);
      assert.equal(api.statusCode, 200, api.body);
      const page = await v.get(`/requests/${reference}`);
      assert.equal(page.statusCode, 200);
      return { api: (api.json().actions as Array<{ id: string }>).map((a) => a.id), page: page.body.includes(`action="/requests/${reference}/actions/cancel"`) };
    };
    const setCase = (values: { bail_allowed?: boolean; status?: 'closed'; closed_at?: Date }) => database.db.updateTable('traffic_cases').set(values).where('number', '=', d.kase.number).execute();

    assert.deepEqual(await offered(), { api: ['cancel'], page: true }, 'waiting for payment');
    await systemPays(reference);
    assert.deepEqual(await offered(), { api: ['cancel'], page: true }, 'in force, the case takes bail');

    await setCase({ bail_allowed: false });
    assert.deepEqual(await offered(), { api: [], page: false }, 'the case no longer takes bail');
    // A page left open still has the button: its post is refused with the reason, at the confirmation step already.
    const stale = await v.post(`/requests/${reference}/actions/cancel`, { expectedVersion: '2' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /لا يمكن إلغاء هذه الكفالة الآن: القضية مغلقة أو لم تعد الكفالة فيها مقبولة/);
    const confirmed = await v.post(`/requests/${reference}/actions/cancel`, { expectedVersion: '2', confirm: 'yes' });
    assert.equal(confirmed.statusCode, 409);
    assert.match(confirmed.body, /لا يمكن إلغاء هذه الكفالة الآن/);
    const byApi = await personAct(h, g.token, reference, 'cancel');
    assert.equal(byApi.statusCode, 409);
    assert.match(byApi.json().errors[0].message, /cannot be cancelled now: the case is closed or no longer takes bail/);

    await setCase({ bail_allowed: true });
    assert.deepEqual(await offered(), { api: ['cancel'], page: true }, 'taking bail again');
    await setCase({ status: 'closed', closed_at: new Date() });
    assert.deepEqual(await offered(), { api: [], page: false }, 'the case is closed');
    assert.equal((await personAct(h, g.token, reference, 'cancel')).statusCode, 409);
    assert.equal((await getAs(h, g.token, `/api/v1/requests/${reference}`)).json().state, 'active', 'nothing changed');
    assert.equal(await inCustody(h, d), false);
  });

  it('tells the person released on the bail who stood bail for them and the case, in their own language, when they have an account', async () => {
    const g = await aGuarantor(h, { firstNameAr: 'سلطان', fatherNameAr: 'فهد', familyNameAr: 'السبيعي', firstNameEn: 'Sultan', fatherNameEn: 'Fahd', familyNameEn: 'Al-Subaie' });
    for (const language of ['ar', 'en'] as const) {
      const d = await aDetainee(h);
      const { body: account } = await registerAccount(h, d.person, { mobile: d.person.mobile!, language });
      const { reference } = (await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(d) })).json();
      assert.deepEqual(await messagesTo(database, d.person.mobile!).then((rows) => rows.filter((m) => m.template === 'request.update')), [], 'nothing before the bail is in force');
      await systemPays(reference);

      const sms = (await messagesTo(database, d.person.mobile!)).filter((m) => m.template === 'request.update').map((m) => m.body);
      assert.equal(sms.length, 1, sms.join(' | '));
      const text = sms[0]!;
      if (language === 'ar') {
        assert.match(text, new RegExp(`نفيدكم بأنه قد أُخلي سبيلكم في القضية المرورية رقم ${d.kase.number} بكفالة سلطان فهد السبيعي\\.`));
        assert.match(text, /نرجو منكم التكرم بالحضور/);
      } else {
        assert.match(text, new RegExp(`you have been released in traffic case ${d.kase.number} on bail provided by Sultan Fahd Al-Subaie\\.`));
        assert.match(text, /We kindly ask you to appear/);
      }
      assert.ok(!text.includes(g.person.nationalId) && !text.includes(maskNationalId(g.person.nationalId)), 'the name only, no ID number');

      const inbox = await database.db
        .selectFrom('inbox_messages')
        .innerJoin('accounts', 'accounts.id', 'inbox_messages.account_id')
        .select(['inbox_messages.request_id', 'inbox_messages.params'])
        .where('accounts.username', '=', account.username)
        .execute();
      assert.equal(inbox.length, 1);
      assert.equal(inbox[0]!.request_id, null, 'not linked to a request they may not open');
      assert.match(String(inbox[0]!.params.ar), /بكفالة سلطان فهد السبيعي/);
      assert.match(String(inbox[0]!.params.en), /on bail provided by Sultan Fahd Al-Subaie/);
      if (language === 'ar') {
        const v = new Visitor(app, 'ar');
        await webSignIn(h, v, { username: account.username, mobile: d.person.mobile! });
        const page = await v.get('/inbox');
        assert.match(page.body, /بكفالة سلطان فهد السبيعي/);
        assert.doesNotMatch(page.body, new RegExp(`href="/requests/${reference}"`));
        assert.equal((await v.get(`/requests/${reference}`)).statusCode, 404, 'the bail itself stays the guarantor\'s');
      }
      // The guarantor withdraws the bail while the case takes it: the person is told that too.
      h.clock.advance(1000);
      assert.equal((await personAct(h, g.token, reference, 'cancel')).statusCode, 200);
      const after = (await messagesTo(database, d.person.mobile!)).filter((m) => m.template === 'request.update').map((m) => m.body);
      assert.equal(after.length, 2, after.join(' | '));
      const withdrawn = language === 'ar' ? new RegExp(`الكفالة التي أُخلي سبيلكم بموجبها في القضية المرورية رقم ${d.kase.number} قد أُلغيت`) : new RegExp(`the bail under which you were released in traffic case ${d.kase.number} has been withdrawn`);
      assert.ok(after.some((text) => withdrawn.test(text)), after.join(' | '));
    }
  });

  it('tells no one else when the person released on the bail has no account', async () => {
    const g = await aGuarantor(h);
    const d = await aDetainee(h);
    const { reference } = (await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(d) })).json();
    const inboxCount = async () => Number((await database.db.selectFrom('inbox_messages').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await inboxCount();
    await systemPays(reference);
    assert.equal(await inCustody(h, d), false, 'released all the same');
    assert.deepEqual(await messagesTo(database, d.person.mobile!), []);
    assert.equal(await inboxCount(), before + 1, "the guarantor's notice only");
    const sms = (await messagesTo(database, g.mobile)).filter((m) => m.template === 'request.update').map((m) => m.body);
    assert.ok(sms.some((text) => text.includes(d.kase.number) && /released/.test(text)), sms.join(' | '));
  });

  it('takes one bail for a held person: a second guarantor\'s card payment is refused and refunded once the first bail released them', async () => {
    const first = await aGuarantor(h);
    const second = await aGuarantor(h);
    const d = await aDetainee(h);
    const a = (await submit(h, first.token, { serviceId: KAFALA, data: kafalaData(d) })).json();
    const b = (await submit(h, second.token, { serviceId: KAFALA, data: kafalaData(d) })).json();
    assert.equal(b.state, 'awaiting_payment', 'both may apply while the person is held');
    await systemPays(a.reference);
    assert.equal(await inCustody(h, d), false);

    await assert.rejects(systemPays(b.reference), { code: 'requests.action_not_allowed' });
    // Paid by card on the gateway all the same: the money cannot pay the bail and goes back.
    const row = await database.db.selectFrom('service_requests').selectAll().where('reference', '=', b.reference).executeTakeFirstOrThrow();
    const { bills } = await billsForRequest({ ...deps, settings: paymentSettingsOf(app.deps.config), accountId: row.applicant_account_id, personId: row.applicant_person_id, reference: b.reference });
    const bill = bills[0]!;
    const outcome = await receivePayment({ ...deps, billId: bill.id, incoming: { channel: 'card', externalId: `gw_${b.reference}`, amount: bill.amount, currency: 'SAR', receivedAt: clock.now() } });
    assert.equal(outcome.kind, 'refunding');
    assert.equal(outcome.kind === 'refunding' && outcome.reason, 'bill_closed');
    const refund = await database.db.selectFrom('refunds').selectAll().where('payment_id', '=', outcome.payment.id).executeTakeFirstOrThrow();
    assert.equal(refund.amount, bill.amount);
    assert.equal((await getAs(h, second.token, `/api/v1/requests/${b.reference}`)).json().state, 'awaiting_payment', 'the second bail is not in force');
    assert.equal((await getAs(h, first.token, `/api/v1/requests/${a.reference}`)).json().state, 'active');
  });

  it('holds at most two open bails per guarantor, counting those waiting for payment', async () => {
    const g = await aGuarantor(h);
    const [a, b, c] = [await aDetainee(h), await aDetainee(h), await aDetainee(h)];
    const first = (await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(a) })).json();
    await systemPays(first.reference);
    assert.equal((await eligibility(g)).eligible, true, 'one open bail');
    const second = await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(b) });
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.json().state, 'awaiting_payment');

    const full = await eligibility(g);
    assert.deepEqual(full.failed, ['at_most_two']);
    assert.match(full.rules.find((r) => r.id === 'at_most_two')!.reason.en, /already hold two open bails/);
    const third = await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(c) });
    assert.equal(third.statusCode, 422);
    assert.deepEqual(third.json().errors.map((e: { field: string }) => e.field), ['eligibility.at_most_two']);

    const traffic = await officerOf(h, 'traffic');
    assert.equal((await staffAct(h, traffic.token, first.reference, 'closeCase')).statusCode, 200);
    assert.equal((await eligibility(g)).eligible, true, 'an ended bail frees its place');
    assert.equal((await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(c) })).statusCode, 201);
  });

  it('shows another person nothing of a bail and lets them do nothing with it', async () => {
    const g = await aGuarantor(h);
    const d = await aDetainee(h);
    const { reference } = (await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(d) })).json();
    const stranger = await aGuarantor(h);
    assert.equal((await getAs(h, stranger.token, `/api/v1/requests/${reference}`)).statusCode, 404);
    assert.equal((await personAct(h, stranger.token, reference, 'cancel')).statusCode, 404);
    const list = await getAs(h, stranger.token, `/api/v1/requests?serviceId=${KAFALA}`);
    assert.deepEqual(list.json().requests, []);
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, stranger);
    assert.equal((await v.get(`/requests/${reference}`)).statusCode, 404);
    assert.equal((await v.get(`/requests/${reference}/print`)).statusCode, 404);
  });

  it('applies through the pages: the details checked on their step, the fee before payment, the person masked', async () => {
    const g = await aGuarantor(h);
    const d = await aDetainee(h);
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, g);
    assert.match((await v.get(`/services/${KAFALA}/apply`)).body, /You meet the conditions/);
    const form = { 'guaranteed.idNumber': d.person.nationalId, 'guaranteed.birthDate': d.person.birthDate, 'guaranteed.caseNumber': d.kase.number.toLowerCase() };

    const wrong = await v.submit(`/services/${KAFALA}/apply`, { step: 'guaranteed', go: 'next', ...form, 'guaranteed.birthDate': '1995-02-12' });
    assert.equal(wrong.posted.headers.location, `/services/${KAFALA}/apply/guaranteed`);
    assert.match(wrong.body, /href="#field-guaranteed.idNumber">The details entered \(ID number, date of birth and case number\) do not match the records/);
    assert.match(wrong.body, /Step 1 of 2/);

    // The date of birth as on the ID: in Hijri (citizens' records are Hijri) it is the same date.
    const hijri = toHijri(d.person.birthDate);
    const parts = (calendar: string, day: number, month: number, year: number) => ({ 'guaranteed.birthDate:calendar': calendar, 'guaranteed.birthDate:day': String(day), [`guaranteed.birthDate:${calendar === 'hijri' ? 'monthHijri' : 'monthGregorian'}`]: String(month), 'guaranteed.birthDate:year': String(year) });
    const { 'guaranteed.birthDate': _iso, ...withoutDate } = form;
    const noSuchDay = await v.submit(`/services/${KAFALA}/apply`, { step: 'guaranteed', go: 'next', ...withoutDate, ...parts('gregorian', 31, 2, 1990) });
    assert.match(noSuchDay.body, /href="#field-guaranteed.birthDate">There is no such date/);
    assert.match(noSuchDay.body, /name="guaranteed.birthDate:calendar" value="hijri"/, 'asked in either calendar');
    const inHijri = await v.submit(`/services/${KAFALA}/apply`, { step: 'guaranteed', go: 'next', ...withoutDate, ...parts('hijri', hijri.day, hijri.month, hijri.year) });
    assert.match(inHijri.body, /Step 2 of 2/, 'the Hijri date of birth matches the record');
    assert.match(inHijri.body, new RegExp(`<input type="hidden" name="guaranteed.birthDate" value="${d.person.birthDate}"`), 'carried on as the Gregorian date the registry keeps');
    const next = await v.submit(`/services/${KAFALA}/apply`, { step: 'guaranteed', go: 'next', ...form });
    assert.equal(next.statusCode, 200);
    assert.match(next.body, /Step 2 of 2/);
    assert.match(next.body, /The bail is in force once the fee is paid/);
    const check = await v.submit(`/services/${KAFALA}/apply`, { step: 'undertaking', go: 'next', ...form, 'undertaking.declaration': 'yes' });
    assert.match(check.body, /Check your answers/);
    assert.match(check.body, /Traffic bail fee/);
    assert.match(check.body, /100/);
    // What the guarantor typed is shown back whole to them, before sending (nothing from the registry).
    assert.match(check.body, new RegExp(`<dd><bdi dir="ltr">${d.person.nationalId}</bdi></dd>`));
    assert.doesNotMatch(check.body, /Naif/, 'the registry name is not revealed');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(check.body)![1]!;
    const submitted = await v.post(`/services/${KAFALA}/submit`, { ...form, 'undertaking.declaration': 'yes', idempotencyKey: key });
    assert.equal(submitted.statusCode, 303, submitted.body);
    const page = await v.get(submitted.headers.location as string);
    assert.match(page.body, /Awaiting payment/);
    assert.match(page.body, new RegExp(d.kase.number), 'the case number, in capitals');
    const reference = /\/requests\/(\w+)/.exec(submitted.headers.location as string)![1]!;
    for (const body of [page.body, (await v.get(`/requests/${reference}/print`)).body]) {
      assert.match(body, new RegExp(maskNationalId(d.person.nationalId).replaceAll('*', '\\*')), 'the ID number is masked from here on');
      assert.doesNotMatch(body, new RegExp(d.person.nationalId), 'the ID number is masked');
      assert.doesNotMatch(body, new RegExp(d.person.birthDate), 'the date of birth is not shown');
      assert.doesNotMatch(body, /Naif/, 'the registry name is not revealed');
    }
  });

  it('keeps the stored state equal to the fold of the history', async () => {
    const requests = await database.db.selectFrom('service_requests').select(['id', 'state', 'version']).where('service_id', '=', KAFALA).execute();
    assert.ok(requests.length > 5);
    for (const r of requests) {
      const history = await database.db.selectFrom('request_events').selectAll().where('request_id', '=', r.id).orderBy('seq').execute();
      assert.deepEqual(foldHistory(history), { state: r.state, version: r.version });
    }
  });

  // Last: it moves the clock a day on.
  it('expires an unpaid bail after a day, and the person stays held', async () => {
    const g = await aGuarantor(h);
    const d = await aDetainee(h);
    const { reference } = (await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(d) })).json();
    clock.advance(24 * 3600 * 1000 + 1000);
    await runDeadlines(deps);
    const row = await database.db.selectFrom('service_requests').select(['state', 'final', 'open_key']).where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'expired', final: true, open_key: null });
    assert.equal(await inCustody(h, d), true);
  });
});
