import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { billsForRequest, paymentSettingsOf, receivePayment } from '../../src/payments/index.js';
import { foldHistory, requestHistory, runDeadlines } from '../../src/requests/index.js';
import transfer, { ACCEPT_WITHIN_DAYS } from '../../src/services/passports/worker-transfer.js';
import { serviceProblems } from '../../src/catalogue/validate.js';
import type { AnyService } from '../../src/catalogue/define.js';
import { DAY_MS } from '../../src/kernel/clock.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { addPersons, aMobile, GOOD_PASSWORD, identityApp, type IdentityHarness, lastCodeSentTo, signedInAccount, signIn } from '../identity/support.js';
import { aCitizen, aDomesticWorkerSponsorship, aResident } from '../registry/builders.js';
import { getAs, personAct, submit, webSignIn } from '../requests/support.js';
import { serviceCodes } from './support.js';
import type { RecordOf } from '../../src/registry/index.js';

/**
 * Transfer of a domestic worker's services: each condition with its reason, the new sponsor's
 * 15 days (the 15th day and the 16th), the fee by the worker's transfer count and no 4th,
 * decline and withdraw, both sponsors acting at once, who may see and act, the registry after
 * the transfer, and both sponsors told.
 */

const SERVICE = 'passports.workers.transfer-services';

interface Party {
  person: RecordOf<'person'>;
  token: string;
  mobile: string;
  username: string;
}

function iqama(worker: { nationalId: string }, expiryDate: string): RecordOf<'document'> {
  return { kind: 'document', nationalId: worker.nationalId, documentKind: 'iqama', number: `${worker.nationalId}`, issueDate: '2026-01-01', expiryDate, status: 'valid', issuingCountry: 'SAU' } as RecordOf<'document'>;
}

async function withAccount(h: IdentityHarness, person: RecordOf<'person'>, extra: object[] = []): Promise<Party> {
  await addPersons(h.database, [person, ...extra]);
  return signedInAccount(h, person);
}

describe(`transfer of a domestic worker's services (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;
  const deps = { db: database.db, clock, catalogue: app.catalogue };

  /** A sponsor with a housemaid (iqama valid a year, `past` transfers before), and a Saudi new sponsor; both with accounts. */
  async function aTransfer(options: { past?: number; iqamaExpiry?: string; worker?: Partial<RecordOf<'person'>>; sponsorship?: Partial<RecordOf<'sponsorship'>>; newSponsor?: Partial<RecordOf<'person'>>; newSponsorAccount?: boolean } = {}) {
    const sponsor = await withAccount(h, aCitizen({ mobile: aMobile() }));
    const worker = aResident({ mobile: null, ...options.worker });
    await addPersons(database, [worker, iqama(worker, options.iqamaExpiry ?? '2027-10-01'), aDomesticWorkerSponsorship(worker, sponsor.person, { pastTransfers: options.past ?? 0, ...options.sponsorship })]);
    const newPerson = aCitizen({ mobile: aMobile(), birthDate: '1985-04-20', firstNameEn: 'Saad', ...options.newSponsor });
    const newSponsor = options.newSponsorAccount === false ? { person: newPerson } : await withAccount(h, newPerson);
    if (options.newSponsorAccount === false) await addPersons(database, [newPerson]);
    return { sponsor, worker, newSponsor: newSponsor as Party };
  }
  const data = (newSponsor: { nationalId: string; birthDate: string }, overrides: Partial<{ idNumber: string; birthDate: string }> = {}) => ({
    newSponsor: { idNumber: newSponsor.nationalId, birthDate: newSponsor.birthDate, ...overrides },
    review: { declaration: 'yes' },
  });
  /** A code to confirm a submission, sent to the party's mobile (the service asks for one). */
  async function confirmationOf(p: Party) {
    clock.advance(1000);
    const sent = await app.inject({ method: 'POST', url: `/api/v1/services/${SERVICE}/confirmation-codes`, headers: { authorization: `Bearer ${p.token}` } });
    assert.equal(sent.statusCode, 201, sent.body);
    return { challengeId: sent.json().challengeId as string, code: (await lastCodeSentTo(database, p.mobile))! };
  }
  const startOf = async (p: Party, beneficiaryId: string | undefined) => (await serviceCodes(h, SERVICE, p, beneficiaryId)).start;
  /** Submits as the party, started and confirmed with a code each. */
  const submitAs = async (p: Party, body: { serviceId: string; beneficiaryId?: string; data: unknown }, idempotencyKey?: string) =>
    submit(h, p.token, { ...body, start: await startOf(p, body.beneficiaryId), confirmation: await confirmationOf(p) }, idempotencyKey);
  async function start(t: Awaited<ReturnType<typeof aTransfer>>) {
    const res = await submitAs(t.sponsor, { serviceId: SERVICE, beneficiaryId: t.worker.nationalId, data: data(t.newSponsor.person) });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as { reference: string; state: string; fee: { total: number }; version: number };
    return { ...body, feeTotal: body.fee.total };
  }
  const refresh = async (p: Party) => ({ ...p, token: await signIn(h, p.username, GOOD_PASSWORD, p.mobile) });
  const sponsorOf = async (worker: { nationalId: string }) =>
    database.db
      .selectFrom('sponsorships')
      .innerJoin('persons as w', 'w.id', 'sponsorships.worker_id')
      .innerJoin('persons as s', 's.id', 'sponsorships.sponsor_person_id')
      .select(['s.national_id', 'sponsorships.past_transfers', 'sponsorships.started_on', 'sponsorships.ended_on'])
      .where('w.national_id', '=', worker.nationalId)
      .orderBy('sponsorships.ended_on', 'desc')
      .execute();
  async function payAsNewSponsor(newSponsor: Party, reference: string) {
    const bills = (await getAs(h, newSponsor.token, `/api/v1/requests/${reference}/bills`)).json().bills as Array<{ number: string; amount: number }>;
    assert.equal(bills.length, 1);
    const { bills: rows } = await billsForRequest({ ...deps, settings: paymentSettingsOf(app.deps.config), accountId: (await accountOf(newSponsor)).id, personId: (await accountOf(newSponsor)).person_id, reference });
    return receivePayment({ ...deps, billId: rows[0]!.id, incoming: { channel: 'card', externalId: `gw_${reference}`, amount: rows[0]!.amount, currency: 'SAR', receivedAt: clock.now() } });
  }
  const accountOf = (p: Party) => database.db.selectFrom('accounts').innerJoin('persons', 'persons.id', 'accounts.person_id').select(['accounts.id', 'accounts.person_id']).where('persons.national_id', '=', p.person.nationalId).executeTakeFirstOrThrow();
  /** The person's inbox notices (both languages), newest first. */
  const inbox = async (p: Party) =>
    (await database.db.selectFrom('inbox_messages').innerJoin('accounts', 'accounts.id', 'inbox_messages.account_id').innerJoin('persons', 'persons.id', 'accounts.person_id').select('inbox_messages.params').where('persons.national_id', '=', p.person.nationalId).orderBy('inbox_messages.created_at', 'desc').execute()).map((m) => m.params);

  it('sits under Passports with the seed\'s words, and lists its conditions', async () => {
    const service = (await app.inject({ url: `/api/v1/services/${SERVICE}` })).json();
    assert.equal(service.agency, 'passports');
    assert.equal(service.name.ar, 'نقل الخدمات');
    const found = await app.inject({ url: `/api/v1/services?q=${encodeURIComponent('نقل خدمات')}` });
    assert.equal(found.json().services[0]?.id, SERVICE);
  });

  it('checks a counterparty and a counterparty payer in the definition at start-up', () => {
    assert.deepEqual(serviceProblems(transfer as AnyService), []);
    const broken = { ...transfer, counterparty: { ...transfer.counterparty!, field: 'newSponsor.nothing' } } as AnyService;
    assert.ok(serviceProblems(broken).some((p) => p.includes('counterparty.field')), serviceProblems(broken).join('; '));
    const noParty = { ...transfer, counterparty: undefined } as AnyService;
    assert.ok(serviceProblems(noParty).some((p) => p.includes('payment.payer')));
  });

  it('refuses each condition on the worker with its reason', async () => {
    const cases: Array<[string, Parameters<typeof aTransfer>[0], RegExp]> = [
      ['iqama_valid_15_days', { iqamaExpiry: '2026-11-15' }, /expires in less than 15 days/],
      ['no_criminal_or_security_case', { worker: { criminalCase: true } }, /criminal or security case/],
      ['no_criminal_or_security_case', { worker: { securityRestriction: true } }, /criminal or security case/],
      ['no_absence_report', { sponsorship: { absenceReportedOn: '2026-10-01' } }, /absence report/],
      ['obligations_settled', { sponsorship: { obligationsSettled: false } }, /financial obligations/],
      ['at_most_three_transfers', { past: 3 }, /transferred 3 times, the most allowed/],
      ['legal_resident', { worker: { insideKingdom: false } }, /legal resident/],
    ];
    for (const [ruleId, options, reason] of cases) {
      const t = await aTransfer(options);
      const res = await app.inject({ method: 'POST', url: `/api/v1/services/${SERVICE}/eligibility`, headers: { authorization: `Bearer ${t.sponsor.token}`, 'accept-language': 'en' }, payload: { beneficiaryId: t.worker.nationalId } });
      assert.equal(res.statusCode, 200, res.body);
      const failed = (res.json().rules as Array<{ id: string; passed: boolean; reason: { en: string; ar: string } }>).filter((r) => !r.passed);
      assert.deepEqual(failed.map((r) => r.id), [ruleId], ruleId);
      assert.match(failed[0]!.reason.en, reason);
      assert.ok(failed[0]!.reason.ar.length > 10);
      const refused = await submitAs(t.sponsor, { serviceId: SERVICE, beneficiaryId: t.worker.nationalId, data: data(t.newSponsor.person) });
      assert.equal(refused.statusCode, 422, refused.body);
      assert.equal(refused.json().code, 'requests.not_eligible');
    }
    // The iqama valid exactly 15 more days passes (the boundary).
    const edge = await aTransfer({ iqamaExpiry: '2026-11-16' });
    await start(edge);
  });

  it('refuses a new sponsor who does not qualify, each with its reason, and takes the child of a Saudi mother', async () => {
    const check = async (t: Awaited<ReturnType<typeof aTransfer>>, body: object, reason: RegExp) => {
      const res = await submitAs(t.sponsor, { serviceId: SERVICE, beneficiaryId: t.worker.nationalId, data: body });
      assert.equal(res.statusCode, 422, res.body);
      const fields = res.json().errors as Array<{ field: string; message: string }>;
      assert.equal(fields[0]!.field, 'newSponsor.idNumber');
      assert.match(fields[0]!.message, reason);
    };
    const resident = await aTransfer({ newSponsor: { nationalId: aResident().nationalId, nationality: 'PHL', idType: undefined } as Partial<RecordOf<'person'>> });
    await check(resident, data(resident.newSponsor.person), /Saudi citizen or the child of a Saudi mother/);
    const noAccount = await aTransfer({ newSponsorAccount: false });
    await check(noAccount, data(noAccount.newSponsor.person), /activated account/);
    const wrongBirth = await aTransfer();
    await check(wrongBirth, data(wrongBirth.newSponsor.person, { birthDate: '1985-04-21' }), /do not match/);
    const self = await aTransfer();
    await check(self, data(self.sponsor.person), /current sponsor/);
    const saudiMother = await aTransfer({ newSponsor: { nationalId: aResident().nationalId, nationality: 'EGY', motherNationality: 'SAU' } });
    await start(saudiMother);
  });

  it('charges 2,000, 4,000 and 6,000 SAR for the 1st, 2nd and 3rd transfer', async () => {
    for (const [past, sar] of [[0, 2000], [1, 4000], [2, 6000]] as const) {
      const t = await aTransfer({ past });
      const r = await start(t);
      assert.equal(r.feeTotal, sar * 100, `past ${past}`);
      assert.equal(r.state, 'awaiting_new_sponsor');
    }
  });

  it('lets the new sponsor accept on the 15th day, pay, and moves the sponsorship and the iqama; both are told', async () => {
    const t = await aTransfer({ past: 1 });
    const r = await start(t);
    // The new sponsor sees it in their list of requests made to them, and on its page.
    const list = (await getAs(h, t.newSponsor.token, `/api/v1/requests?as=counterparty&serviceId=${SERVICE}`)).json().requests as Array<{ reference: string }>;
    assert.deepEqual(list.map((x) => x.reference), [r.reference]);
    const seen = (await getAs(h, t.newSponsor.token, `/api/v1/requests/${r.reference}`)).json();
    assert.deepEqual(seen.actions.map((a: { id: string }) => a.id).sort(), ['accept', 'decline']);
    const sponsorView = (await getAs(h, t.sponsor.token, `/api/v1/requests/${r.reference}`)).json();
    assert.deepEqual(sponsorView.actions.map((a: { id: string }) => a.id), ['withdraw']);
    assert.ok(JSON.stringify(await inbox(t.newSponsor)).includes('Service transfer requests'));
    // Nothing to pay before accepting, for anyone.
    assert.deepEqual((await getAs(h, t.newSponsor.token, `/api/v1/requests/${r.reference}/bills`)).json().bills, []);

    clock.advance(ACCEPT_WITHIN_DAYS * DAY_MS - 60_000);
    const newSponsor = await refresh(t.newSponsor);
    const accepted = await personAct(h, newSponsor.token, r.reference, 'accept');
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().state, 'awaiting_payment');
    // The bill is the new sponsor's: the current sponsor has none to pay.
    const sponsor = await refresh(t.sponsor);
    assert.deepEqual((await getAs(h, sponsor.token, `/api/v1/requests/${r.reference}/bills`)).json().bills, []);
    const outcome = await payAsNewSponsor(newSponsor, r.reference);
    assert.equal(outcome.kind, 'applied');
    assert.equal(outcome.bill.amount, 400000);

    const done = (await getAs(h, sponsor.token, `/api/v1/requests/${r.reference}`)).json();
    assert.equal(done.state, 'completed');
    const rows = await sponsorOf(t.worker);
    const current = rows.find((x) => x.ended_on === null)!;
    assert.equal(current.national_id, t.newSponsor.person.nationalId);
    assert.equal(current.past_transfers, 2);
    assert.ok(rows.some((x) => x.national_id === t.sponsor.person.nationalId && x.ended_on !== null));
    const card = await database.db.selectFrom('documents').innerJoin('persons', 'persons.id', 'documents.person_id').select('documents.details').where('persons.national_id', '=', t.worker.nationalId).where('documents.kind', '=', 'iqama').executeTakeFirstOrThrow();
    assert.equal((card.details as { sponsorNationalId?: string }).sponsorNationalId, t.newSponsor.person.nationalId);
    // Both told: each has the completion in their inbox, and an SMS went to the current sponsor.
    assert.ok(JSON.stringify(await inbox(sponsor)).includes('no longer under your sponsorship'));
    assert.ok(JSON.stringify(await inbox(newSponsor)).includes('now under your sponsorship'));
    const history = await requestHistory(database.db, (await database.db.selectFrom('service_requests').select('id').where('reference', '=', r.reference).executeTakeFirstOrThrow()).id);
    assert.equal(foldHistory(history).state, 'completed');
    // The worker is no longer the old sponsor's to transfer.
    const again = await submitAs(sponsor, { serviceId: SERVICE, beneficiaryId: t.worker.nationalId, data: data(t.newSponsor.person) });
    assert.equal(again.statusCode, 403, again.body);
  });

  it('expires on the 16th day by the worker, and then nobody can accept', async () => {
    const t = await aTransfer();
    const r = await start(t);
    clock.advance(ACCEPT_WITHIN_DAYS * DAY_MS + 60_000);
    const newSponsor = await refresh(t.newSponsor);
    const late = await personAct(h, newSponsor.token, r.reference, 'accept');
    assert.equal(late.statusCode, 409, late.body);
    const counts = await runDeadlines(deps);
    assert.ok(counts.timedOut >= 1);
    const after = (await getAs(h, newSponsor.token, `/api/v1/requests/${r.reference}`)).json();
    assert.equal(after.state, 'expired');
    assert.ok(JSON.stringify(await inbox(newSponsor)).includes('has expired'));
  });

  it('lets the new sponsor decline and the current sponsor withdraw, each only their own action', async () => {
    const a = await aTransfer();
    const ra = await start(a);
    assert.equal((await personAct(h, a.sponsor.token, ra.reference, 'accept')).statusCode, 403);
    const declined = await personAct(h, a.newSponsor.token, ra.reference, 'decline');
    assert.equal(declined.json().state, 'declined');
    assert.ok(JSON.stringify(await inbox(a.sponsor)).includes('declined'));
    const b = await aTransfer();
    const rb = await start(b);
    assert.equal((await personAct(h, b.newSponsor.token, rb.reference, 'withdraw')).statusCode, 403);
    const withdrawn = await personAct(h, b.sponsor.token, rb.reference, 'withdraw');
    assert.equal(withdrawn.json().state, 'withdrawn');
    assert.ok(JSON.stringify(await inbox(b.newSponsor)).includes('withdrew'));
  });

  it('lets one of the two sponsors win when both act at once; the other gets a conflict', async () => {
    const t = await aTransfer();
    const r = await start(t);
    const [accept, withdraw] = await Promise.all([personAct(h, t.newSponsor.token, r.reference, 'accept', { expectedVersion: r.version }), personAct(h, t.sponsor.token, r.reference, 'withdraw', { expectedVersion: r.version })]);
    const codes = [accept.statusCode, withdraw.statusCode].sort();
    assert.deepEqual(codes, [200, 409], `${accept.body} ${withdraw.body}`);
  });

  it('refuses payment when the iqama expired meanwhile, and the card payment is refunded', async () => {
    const t = await aTransfer();
    const r = await start(t);
    await personAct(h, t.newSponsor.token, r.reference, 'accept');
    await database.db.updateTable('documents').set({ expiry_date: '2026-11-05' }).where('number', '=', t.worker.nationalId).where('kind', '=', 'iqama').execute();
    const outcome = await payAsNewSponsor(t.newSponsor, r.reference);
    assert.equal(outcome.kind, 'refunding');
    const rows = await sponsorOf(t.worker);
    assert.equal(rows.find((x) => x.ended_on === null)!.national_id, t.sponsor.person.nationalId);
    // Accepting is refused with its reason too.
    const u = await aTransfer();
    const ru = await start(u);
    await database.db.updateTable('persons').set({ criminal_case: true }).where('national_id', '=', u.worker.nationalId).execute();
    const refused = await personAct(h, u.newSponsor.token, ru.reference, 'accept');
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /criminal or security case/);
  });

  it('shows a stranger nothing, and lets no one start a transfer for a worker who is not theirs', async () => {
    const t = await aTransfer();
    const r = await start(t);
    const stranger = await withAccount(h, aCitizen({ mobile: aMobile() }));
    assert.equal((await getAs(h, stranger.token, `/api/v1/requests/${r.reference}`)).statusCode, 404);
    assert.equal((await personAct(h, stranger.token, r.reference, 'accept')).statusCode, 404);
    assert.equal((await getAs(h, stranger.token, `/api/v1/requests/${r.reference}/bills`)).statusCode, 404);
    assert.deepEqual((await getAs(h, stranger.token, '/api/v1/requests?as=counterparty')).json().requests, []);
    const other = await aTransfer();
    const refused = await submitAs(stranger, { serviceId: SERVICE, beneficiaryId: other.worker.nationalId, data: data(t.newSponsor.person) });
    assert.equal(refused.statusCode, 403, refused.body);
    // The new sponsor cannot start one for the worker either (not theirs yet).
    const byNew = await submitAs(t.newSponsor, { serviceId: SERVICE, beneficiaryId: t.worker.nationalId, data: data(t.sponsor.person) });
    assert.equal(byNew.statusCode, 403, byNew.body);
  });

  it("lists the new sponsor's requests on their page under Passports, and lets them accept there", async () => {
    const t = await aTransfer();
    const r = await start(t);
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, t.newSponsor);
    const agency = await v.get('/agencies/passports');
    assert.match(agency.body, /طلبات نقل الخدمات/);
    const list = await v.get(`/requests/made-to-me?service=${SERVICE}`);
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(`/requests/${r.reference}`));
    const page = await v.get(`/requests/${r.reference}`);
    assert.match(page.body, /قبول نقل الخدمات/);
    // Declining cannot be undone: the page asks once more first.
    const asked = await v.post(`/requests/${r.reference}/actions/decline`, { expectedVersion: '1', ask: 'yes' });
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /لا يمكن التراجع عن الرفض/);
    const done = await v.post(`/requests/${r.reference}/actions/decline`, { expectedVersion: '1', confirm: 'yes' });
    assert.equal(done.statusCode, 303, done.body);
    assert.equal((await getAs(h, t.sponsor.token, `/api/v1/requests/${r.reference}`)).json().state, 'declined');
  });
  it('asks for a code to confirm every submission: none, a wrong one, another account\'s, a used one are refused and change nothing', async () => {
    const t = await aTransfer();
    const body = { serviceId: SERVICE, beneficiaryId: t.worker.nationalId, data: data(t.newSponsor.person), start: await startOf(t.sponsor, t.worker.nationalId) };
    const count = async () => Number((await database.db.selectFrom('service_requests').select((eb) => eb.fn.countAll<string>().as('n')).where('service_id', '=', SERVICE).executeTakeFirstOrThrow()).n);
    const before = await count();
    const none = await submit(h, t.sponsor.token, body);
    assert.equal(none.statusCode, 422, none.body);
    assert.equal(none.json().code, 'requests.code_required');
    assert.match(none.json().detail, /verification code/);
    const right = await confirmationOf(t.sponsor);
    const wrongCode = right.code === '000000' ? '111111' : '000000';
    const wrong = await submit(h, t.sponsor.token, { ...body, confirmation: { ...right, code: wrongCode } });
    assert.equal(wrong.statusCode, 422, wrong.body);
    assert.equal(wrong.json().code, 'identity.code_wrong');
    // Another person's code for the same service is not found, whatever its digits.
    const stranger = await withAccount(h, aCitizen({ mobile: aMobile() }));
    const theirs = await confirmationOf(stranger);
    const foreign = await submit(h, t.sponsor.token, { ...body, confirmation: theirs });
    assert.equal(foreign.statusCode, 404, foreign.body);
    assert.equal(foreign.json().code, 'identity.challenge_not_found');
    // A sign-in code is not a confirmation code.
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: t.sponsor.username, password: GOOD_PASSWORD } });
    const loginCode = await lastCodeSentTo(database, t.sponsor.mobile);
    assert.equal((await submit(h, t.sponsor.token, { ...body, confirmation: { challengeId: login.json().challengeId, code: loginCode } })).statusCode, 404);
    assert.equal(await count(), before);
    // Without the start code answered before the form, even the right confirmation is refused, and stays usable.
    const { start: _start, ...unstarted } = body;
    const notStarted = await submit(h, t.sponsor.token, { ...unstarted, confirmation: right });
    assert.equal(notStarted.statusCode, 403, notStarted.body);
    assert.equal(notStarted.json().code, 'requests.start_code_required');
    assert.equal((await submit(h, t.sponsor.token, { ...body, start: '0190c0de-0000-7000-8000-000000000000', confirmation: right })).json().code, 'requests.start_code_required', 'a made-up start code');
    // The right code (one wrong try spent) goes through, once; a retry with the same key answers the same request.
    const made = await submit(h, t.sponsor.token, { ...body, confirmation: right }, 'transfer-key-1');
    assert.equal(made.statusCode, 201, made.body);
    const repeat = await submit(h, t.sponsor.token, { ...body, confirmation: right }, 'transfer-key-1');
    assert.equal(repeat.statusCode, 200, repeat.body);
    assert.equal(repeat.json().reference, made.json().reference);
    const reused = await submit(h, t.sponsor.token, { ...body, confirmation: right }, 'transfer-key-2');
    assert.equal(reused.statusCode, 410, reused.body);
    assert.equal(reused.json().code, 'identity.code_used');
    assert.equal(await count(), before + 1);
    // The SMS names the service and the code.
    const sms = await database.db.selectFrom('outbox_messages').select('body').where('recipient', '=', t.sponsor.mobile).where('template', '=', 'otp.service_submit').execute();
    assert.ok(sms.length >= 1);
    assert.match(sms[0]!.body, /"Transfer of services"|«نقل الخدمات»/);
    // A service that asks for no code sends none.
    const other = await app.inject({ method: 'POST', url: '/api/v1/services/civil-affairs.national-id.replace-lost/confirmation-codes', headers: { authorization: `Bearer ${t.sponsor.token}` } });
    assert.equal(other.statusCode, 409, other.body);
    assert.equal((await app.inject({ url: `/api/v1/services/${SERVICE}` })).json().confirmationCode, true);
    assert.equal((await app.inject({ url: `/api/v1/services/${SERVICE}` })).json().startCode, true);
  });

  it('sends a start code through the API only to a sponsor who may start now, and refuses a wrong answer', async () => {
    const t = await aTransfer();
    const stranger = await withAccount(h, aCitizen({ mobile: aMobile() }));
    const notTheirs = await app.inject({ method: 'POST', url: `/api/v1/services/${SERVICE}/start-codes`, headers: { authorization: `Bearer ${stranger.token}` }, payload: { beneficiaryId: t.worker.nationalId } });
    assert.equal(notTheirs.statusCode, 403, notTheirs.body);
    assert.equal(notTheirs.json().code, 'requests.not_for_you');
    const startCodes = await database.db.selectFrom('outbox_messages').select('id').where('recipient', '=', stranger.mobile).where('template', '=', 'otp.service_start').execute();
    assert.equal(startCodes.length, 0, 'no code was sent');
    clock.advance(61_000);
    const sent = await app.inject({ method: 'POST', url: `/api/v1/services/${SERVICE}/start-codes`, headers: { authorization: `Bearer ${t.sponsor.token}` }, payload: { beneficiaryId: t.worker.nationalId } });
    assert.equal(sent.statusCode, 201, sent.body);
    const code = (await lastCodeSentTo(database, t.sponsor.mobile))!;
    const wrong = await app.inject({ method: 'POST', url: `/api/v1/services/${SERVICE}/start-codes/${sent.json().challengeId}`, headers: { authorization: `Bearer ${t.sponsor.token}` }, payload: { code: code === '000000' ? '111111' : '000000' } });
    assert.equal(wrong.statusCode, 422, wrong.body);
    assert.equal(wrong.json().code, 'identity.code_wrong');
    const other = await app.inject({ method: 'POST', url: '/api/v1/services/civil-affairs.national-id.replace-lost/start-codes', headers: { authorization: `Bearer ${t.sponsor.token}` } });
    assert.equal(other.statusCode, 409, other.body);
  });

  it('takes not more than one transfer a day from a sponsor, a withdrawn one included; the next day another', async () => {
    const t = await aTransfer();
    const second = aResident({ mobile: null });
    await addPersons(database, [second, iqama(second, '2027-10-01'), aDomesticWorkerSponsorship(second, t.sponsor.person)]);
    const first = await start(t);
    const withdrawn = await personAct(h, t.sponsor.token, first.reference, 'withdraw');
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    const rules = (await app.inject({ method: 'POST', url: `/api/v1/services/${SERVICE}/eligibility`, headers: { authorization: `Bearer ${t.sponsor.token}`, 'accept-language': 'en' }, payload: { beneficiaryId: second.nationalId } })).json();
    assert.equal(rules.eligible, false);
    const daily = (rules.rules as Array<{ id: string; passed: boolean; reason: { en: string } }>).find((r) => r.id === 'daily_limit')!;
    assert.equal(daily.passed, false);
    assert.match(daily.reason.en, /only one a day/);
    const refused = await submitAs(t.sponsor, { serviceId: SERVICE, beneficiaryId: second.nationalId, data: data(t.newSponsor.person) });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.json().code, 'requests.not_eligible');
    assert.ok((refused.json().errors as Array<{ field: string }>).some((e) => e.field === 'eligibility.daily_limit'));
    // Midnight in Riyadh passes: a new day.
    const now = clock.now();
    const riyadhMidnight = new Date(`${new Date(now.getTime() + 3 * 3600_000).toISOString().slice(0, 10)}T00:00:00+03:00`);
    clock.advance(riyadhMidnight.getTime() + DAY_MS - now.getTime() + 60_000);
    const sponsor = await refresh(t.sponsor);
    const next = await submitAs(sponsor, { serviceId: SERVICE, beneficiaryId: second.nationalId, data: data(t.newSponsor.person) });
    assert.equal(next.statusCode, 201, next.body);
  });

  it('lets only one of two transfers submitted at once by a sponsor through', async () => {
    const t = await aTransfer();
    const second = aResident({ mobile: null });
    await addPersons(database, [second, iqama(second, '2027-10-01'), aDomesticWorkerSponsorship(second, t.sponsor.person)]);
    const startA = await startOf(t.sponsor, t.worker.nationalId);
    clock.advance(61_000);
    const startB = await startOf(t.sponsor, second.nationalId);
    clock.advance(61_000);
    const a = await confirmationOf(t.sponsor);
    clock.advance(61_000);
    const b = await confirmationOf(t.sponsor);
    const results = await Promise.all([
      submit(h, t.sponsor.token, { serviceId: SERVICE, beneficiaryId: t.worker.nationalId, data: data(t.newSponsor.person), start: startA, confirmation: a }),
      submit(h, t.sponsor.token, { serviceId: SERVICE, beneficiaryId: second.nationalId, data: data(t.newSponsor.person), start: startB, confirmation: b }),
    ]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 422], results.map((r) => r.body).join('\n'));
  });

  it('asks for a code before the form on its pages, and another to confirm', async () => {
    const t = await aTransfer();
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, t.sponsor);
    const forId = t.worker.nationalId;
    // The form cannot be reached without the start code: its first step leads back to the conditions.
    const direct = await v.get(`/services/${SERVICE}/apply/newSponsor?for=${forId}`);
    assert.equal(direct.statusCode, 303, direct.body);
    assert.equal(direct.headers.location, `/services/${SERVICE}/apply?for=${forId}`);
    const conditions = await v.get(`/services/${SERVICE}/apply?for=${forId}`);
    const skipped = await v.post(`/services/${SERVICE}/apply`, { _for: forId, step: 'newSponsor', 'newSponsor.idNumber': t.newSponsor.person.nationalId, 'newSponsor.birthDate': t.newSponsor.person.birthDate });
    assert.equal(skipped.statusCode, 303);
    assert.match(conditions.body, new RegExp(`action="/services/${SERVICE}/code"`));
    clock.advance(1000);
    const sent = await v.submit(`/services/${SERVICE}/code`, { _for: forId, go: 'send' });
    assert.equal(sent.posted.headers.location, `/services/${SERVICE}/code?for=${forId}`, 'the code page is a page of its own (POST/redirect/GET)');
    assert.match(sent.body, /Verification code to start the service/);
    const challengeId = /name="challengeId" value="([^"]+)"/.exec(sent.body)![1]!;
    const sentTo = /<bdi dir="ltr" class="ltr-value">(05X+\d{3})<\/bdi>/.exec(sent.body)![1]!;
    assert.equal(sentTo, `${t.sponsor.mobile.slice(0, 2)}XXXXX${t.sponsor.mobile.slice(-3)}`);
    assert.match((await v.get(`/services/${SERVICE}/code?for=${forId}`)).body, new RegExp(`name="challengeId" value="${challengeId}"`), 'a reload shows the same code page');
    const code = (await lastCodeSentTo(database, t.sponsor.mobile))!;
    const wrong = await v.submit(`/services/${SERVICE}/code`, { _for: forId, go: 'verify', challengeId, code: code === '000000' ? '111111' : '000000' });
    assert.match(wrong.body, /not correct. Attempts left: 2/);
    assert.match(wrong.body, new RegExp(`<bdi dir="ltr" class="ltr-value">${sentTo}</bdi>`));
    const first = await v.submit(`/services/${SERVICE}/code`, { _for: forId, go: 'verify', challengeId, code });
    assert.equal(first.posted.headers.location, `/services/${SERVICE}/apply/newSponsor?for=${forId}`);
    assert.match(first.body, new RegExp(`name="_start" value="${challengeId}"`));
    // A start code of another service, or a made-up one, does not open the form.
    const forged = await v.post(`/services/${SERVICE}/apply`, { _for: forId, _start: '0190c0de-0000-7000-8000-000000000000', step: 'newSponsor', 'newSponsor.idNumber': t.newSponsor.person.nationalId, 'newSponsor.birthDate': t.newSponsor.person.birthDate });
    assert.equal(forged.headers.location, `/services/${SERVICE}/apply?for=${forId}`);
    const step = { _for: forId, _start: challengeId };
    const review = await v.submit(`/services/${SERVICE}/apply`, { ...step, step: 'newSponsor', 'newSponsor.idNumber': t.newSponsor.person.nationalId, 'newSponsor.birthDate': t.newSponsor.person.birthDate });
    assert.equal(review.statusCode, 200, review.body);
    // Both parties before confirming (seed 002): the new sponsor's name and ID, as the registry has them.
    assert.match(review.body, new RegExp(`New sponsor: ${t.newSponsor.person.firstNameEn}[^<]*, ID number ${t.newSponsor.person.nationalId}`));
    const answers = { ...step, 'newSponsor.idNumber': t.newSponsor.person.nationalId, 'newSponsor.birthDate': t.newSponsor.person.birthDate, 'review.declaration': 'yes' };
    const check = await v.submit(`/services/${SERVICE}/apply`, { ...answers, step: 'review' });
    assert.equal(check.statusCode, 200, check.body);
    assert.match(check.body, /Agree and send the confirmation code/);
    assert.match(check.body, new RegExp(`<bdi dir="ltr">${t.newSponsor.person.nationalId}</bdi>`), 'the ID just typed is shown whole to the one who typed it');
    assert.match(check.body, /paid by the other party \(New sponsor\) once they accept the request; you pay nothing/);
    assert.doesNotMatch(check.body, /You will see how to pay after you submit/);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(check.body)![1]!;
    clock.advance(1000);
    const asked = await v.submit(`/services/${SERVICE}/submit`, { ...answers, idempotencyKey: key });
    assert.equal(asked.posted.headers.location, `/services/${SERVICE}/submit?for=${forId}`);
    assert.match(asked.body, /Verification code to confirm the request/);
    // Reloading the code page (a GET of the submission's address) shows it again, with the answers.
    const reloaded = await v.get(`/services/${SERVICE}/submit?for=${forId}`);
    assert.equal(reloaded.statusCode, 200);
    assert.match(reloaded.body, /Verification code to confirm the request/);
    // Nothing is submitted before the code.
    assert.equal((await getAs(h, t.sponsor.token, `/api/v1/requests?serviceId=${SERVICE}`)).json().requests.length, 0);
    const confirmId = /name="challengeId" value="([^"]+)"/.exec(asked.body)![1]!;
    assert.notEqual(confirmId, challengeId);
    const done = await v.post(`/services/${SERVICE}/submit`, { ...answers, idempotencyKey: key, challengeId: confirmId, code: (await lastCodeSentTo(database, t.sponsor.mobile))! });
    assert.equal(done.statusCode, 303, done.body);
    assert.match(String(done.headers.location), /^\/requests\/.+\?submitted=1$/);
    // The request page says who pays, and names people in the page's own script.
    const made = await v.get(String(done.headers.location));
    assert.match(made.body, /\(paid by the new sponsor\)/);
    assert.ok(made.body.includes(t.worker.firstNameEn) && !made.body.includes(t.worker.firstNameAr), 'the worker in Latin letters on an English page');
    const arabic = new Visitor(app, 'ar');
    await webSignIn(h, arabic, t.sponsor);
    const madeAr = await arabic.get(String(done.headers.location));
    assert.match(madeAr.body, /\(يسددها الكفيل الجديد\)/);
    assert.ok(madeAr.body.includes(t.worker.firstNameAr) && !madeAr.body.includes(t.worker.firstNameEn), 'the worker in Arabic letters on an Arabic page');
    assert.equal((await v.get(`/services/${SERVICE}/submit?for=${forId}`)).headers.location, `/services/${SERVICE}/apply?for=${forId}`, 'once submitted, the draft is gone');
    // The start code opened one form: it cannot confirm a submission.
    const requests = (await getAs(h, t.sponsor.token, `/api/v1/requests?serviceId=${SERVICE}`)).json().requests as Array<{ state: string }>;
    assert.deepEqual(requests.map((r) => r.state), ['awaiting_new_sponsor']);
  });
});
