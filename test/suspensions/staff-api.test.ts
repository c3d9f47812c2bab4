import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { aRegistryCitizen, identityApp, messagesTo, post } from '../identity/support.js';
import { aSuspension } from '../registry/builders.js';
import { aSignedInCitizen, getAs, LOST_ID } from '../requests/support.js';
import { courtOrder, lift, place, staffWith } from './support.js';

/** Staff place and lift suspensions through the API: who may, what is checked, what it changes. */

describe(`suspensions staff API (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database } = h;
  const db = database.db;
  const general = await staffWith(h, 'general', 'supervisor');
  const traffic = await staffWith(h, 'traffic', 'supervisor');

  const personIdOf = async (nationalId: string) => (await db.selectFrom('persons').select('id').where('national_id', '=', nationalId).executeTakeFirstOrThrow()).id;
  const auditOf = async (personId: string) => db.selectFrom('audit_log').select(['action', 'actor_kind', 'actor_id', 'details']).where('subject_person_id', '=', personId).where('action', 'like', 'suspensions.%').orderBy('seq').execute();
  const eligibility = async (token: string) => (await post(app, `/api/v1/services/${LOST_ID}/eligibility`, {}, { token })).json();
  const countOf = async (personId: string) => (await db.selectFrom('service_suspensions').select('id').where('person_id', '=', personId).execute()).length;

  it('places a suspension that refuses the service at once; lifting it frees the service at once', async () => {
    const citizen = await aSignedInCitizen(h);
    assert.equal((await eligibility(citizen.token)).eligible, true);

    const placed = await place(h, general.token, courtOrder(citizen.person.nationalId));
    assert.equal(placed.statusCode, 201, placed.body);
    const suspension = placed.json();
    assert.match(suspension.reference, /^SS\d{10}$/, 'the registry’s form of suspension numbers');
    assert.equal(suspension.phase.number, 1);
    assert.deepEqual(suspension.blockedServices.services.map((s: { id: string }) => s.id), [LOST_ID]);

    const refused = await eligibility(citizen.token);
    assert.equal(refused.eligible, false);
    assert.deepEqual(refused.suspensions.map((s: { reference: string }) => s.reference), [suspension.reference]);
    const mine = (await getAs(h, citizen.token, '/api/v1/me/suspensions')).json();
    assert.deepEqual(mine.suspensions.map((s: { reference: string }) => s.reference), [suspension.reference]);

    const lifted = await lift(h, general.token, suspension.reference.toLowerCase());
    assert.equal(lifted.statusCode, 200, lifted.body);
    assert.ok(lifted.json().liftedAt);
    assert.equal((await eligibility(citizen.token)).eligible, true);
    const after = (await getAs(h, citizen.token, '/api/v1/me/suspensions')).json();
    assert.deepEqual(after.suspensions, []);
    assert.equal(after.history[0].liftNote, 'Enforcement Court order 1447/55502: debt settled');
  });

  it('writes each place and lift to the audit log, about the person, and tells the person each time', async () => {
    const citizen = await aSignedInCitizen(h);
    const personId = await personIdOf(citizen.person.nationalId);
    const { reference } = (await place(h, general.token, courtOrder(citizen.person.nationalId))).json();
    h.clock.advance(1000);
    await lift(h, general.token, reference);
    const audit = await auditOf(personId);
    assert.deepEqual(audit.map((a) => a.action), ['suspensions.placed', 'suspensions.lifted']);
    assert.ok(audit.every((a) => a.actor_kind === 'staff' && a.actor_id === general.staff.id));
    assert.equal((audit[0]!.details as Record<string, unknown>).reference, reference);
    assert.equal((audit[0]!.details as Record<string, unknown>).legalBasis, 'Enforcement Court order 1447/55501');

    const sms = (await messagesTo(database, citizen.mobile)).filter((m) => m.template === 'suspension.update');
    assert.equal(sms.length, 2);
    assert.match(sms[0]!.body, /^Tayseer: At the request of The Enforcement Court, some of your services are suspended \(suspension SS\d{10}\): Unpaid debt under an enforcement deed\. See Temporary suspension of services on Tayseer, or call 19999\.$/);
    assert.match(sms[1]!.body, /is lifted: the services it suspended are available to you again/);
    const notices = await db.selectFrom('inbox_messages').innerJoin('accounts', 'accounts.id', 'inbox_messages.account_id').select(['inbox_messages.template', 'inbox_messages.params']).where('accounts.person_id', '=', personId).orderBy('inbox_messages.id').execute();
    assert.deepEqual(notices.map((n) => n.template), ['suspension.placed', 'suspension.lifted']);
    assert.match(String((notices[0]!.params as Record<string, string>).ar), /محكمة التنفيذ/);
  });

  it('tells a person without an account by SMS on their registry mobile, in Arabic', async () => {
    const person = await aRegistryCitizen(database);
    assert.equal((await place(h, general.token, courtOrder(person.nationalId))).statusCode, 201);
    const sms = await messagesTo(database, person.mobile!);
    assert.equal(sms.length, 1);
    assert.match(sms[0]!.body, /^تيسير: أُوقفت بعض خدماتك بطلب من محكمة التنفيذ /);
  });

  it('lifts once: a retried lift is a 409 and changes nothing', async () => {
    const citizen = await aSignedInCitizen(h);
    const personId = await personIdOf(citizen.person.nationalId);
    const { reference } = (await place(h, general.token, courtOrder(citizen.person.nationalId))).json();
    const [first, second] = await Promise.all([lift(h, general.token, reference), lift(h, general.token, reference)]);
    assert.deepEqual([first.statusCode, second.statusCode].sort(), [200, 409]);
    const refused = [first, second].find((r) => r.statusCode === 409)!;
    assert.equal(refused.json().code, 'suspensions.already_lifted');
    const rowOf = () => db.selectFrom('service_suspensions').select(['lifted_at', 'lift_note', 'updated_at']).where('reference', '=', reference).executeTakeFirstOrThrow();
    const before = await rowOf();
    const auditBefore = await auditOf(personId);

    h.clock.advance(60_000);
    const again = await lift(h, general.token, reference, 'another note');
    assert.equal(again.statusCode, 409);
    assert.match(String(again.headers['content-type']), /^application\/problem\+json/);
    const problem = again.json();
    assert.equal(problem.code, 'suspensions.already_lifted');
    assert.equal(problem.status, 409);
    assert.equal(problem.type, 'https://tayseer.dev/problems/suspensions.already_lifted');
    assert.equal(problem.detail, `Suspension ${reference} was already lifted on 1 November 2026 (21 Jumada I 1448 AH). Nothing was changed.`);
    assert.match(problem.errors[0].message, /was lifted already \(on 1 November 2026 \(21 Jumada I 1448 AH\)\); nothing was changed/);
    const inArabic = await h.app.inject({ method: 'POST', url: `/api/v1/staff/suspensions/${reference}/lift`, payload: { note: 'ملاحظة' }, headers: { 'accept-language': 'ar', authorization: `Bearer ${general.token}` } });
    assert.equal(inArabic.statusCode, 409);
    assert.equal(inArabic.json().detail, `سبق رفع الإيقاف رقم \u2068${reference}\u2069 في 1 نوفمبر 2026 (21 جمادى الأولى 1448 هـ)، ولم يتغير شيء.`);

    const row = await rowOf();
    assert.equal(row.lift_note, 'Enforcement Court order 1447/55502: debt settled');
    assert.deepEqual(row, before, 'lifted_at, the note and updated_at are as the first lift left them');
    assert.deepEqual(await auditOf(personId), auditBefore);
    assert.deepEqual((await auditOf(personId)).map((a) => a.action), ['suspensions.placed', 'suspensions.lifted']);
    assert.equal((await messagesTo(database, citizen.mobile)).filter((m) => m.template === 'suspension.update').length, 2);
  });

  it('places once per idempotency key', async () => {
    const citizen = await aSignedInCitizen(h);
    const personId = await personIdOf(citizen.person.nationalId);
    const body = courtOrder(citizen.person.nationalId);
    const first = await place(h, general.token, body, 'key-1');
    const second = await place(h, general.token, body, 'key-1');
    assert.deepEqual([first.statusCode, second.statusCode], [201, 200]);
    assert.equal(second.json().reference, first.json().reference);
    const other = await place(h, general.token, { ...body, legalBasis: 'Another order 1/2' }, 'key-1');
    assert.equal(other.statusCode, 409);
    assert.equal(await countOf(personId), 1);
  });

  it('lets only supervisors and admins of the agency that speaks for the authority place and lift', async () => {
    const citizen = await aSignedInCitizen(h, { extra: (person) => [aSuspension(person, { reference: `SSIMP${person.nationalId}`, authority: 'traffic' })] });
    const personId = await personIdOf(citizen.person.nationalId);
    const nationalId = citizen.person.nationalId;
    const officer = await staffWith(h, 'general', 'officer');
    const kiosk = await staffWith(h, 'general', 'kiosk');
    const passportsSupervisor = await staffWith(h, 'passports', 'supervisor');
    const generalAdmin = await staffWith(h, 'general', 'admin');

    for (const who of [officer, kiosk, passportsSupervisor, traffic]) {
      const res = await place(h, who.token, courtOrder(nationalId));
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'staff.forbidden');
      assert.match(res.json().errors[0].message, /Only a supervisor or administrator of the agency that speaks for the authority/);
    }
    assert.equal((await place(h, general.token, courtOrder(nationalId, { authority: 'traffic', liftedBy: 'pay_violations' }))).statusCode, 403, 'general supervisors do not speak for traffic');
    for (const who of [officer, kiosk, passportsSupervisor]) assert.equal((await getAs(h, who.token, `/api/v1/staff/suspensions?nationalId=${nationalId}`)).statusCode, 403);
    assert.equal((await lift(h, general.token, `SSIMP${nationalId}`)).statusCode, 403, 'a traffic suspension is lifted by traffic');
    assert.equal(await countOf(personId), 1);

    const byAdmin = await place(h, generalAdmin.token, courtOrder(nationalId));
    assert.equal(byAdmin.statusCode, 201);
    const byTraffic = await place(h, traffic.token, courtOrder(nationalId, { authority: 'traffic', liftedBy: 'pay_violations', blockedServices: ['general.kafala.traffic-bail'] }));
    assert.equal(byTraffic.statusCode, 201, byTraffic.body);
    assert.equal((await lift(h, traffic.token, byAdmin.json().reference)).statusCode, 403, 'traffic does not lift a court suspension');
    assert.equal((await lift(h, traffic.token, `SSIMP${nationalId}`)).statusCode, 200);

    const looked = await getAs(h, traffic.token, `/api/v1/staff/suspensions?nationalId=${nationalId}`);
    assert.equal(looked.statusCode, 200);
    assert.equal(looked.json().suspensions.length, 2);
    assert.deepEqual(looked.json().mayManage, ['traffic']);
    assert.ok((await auditOf(personId)).some((a) => a.action === 'suspensions.viewed_by_staff' && a.actor_id === traffic.staff.id));
    assert.equal((await app.inject({ url: `/api/v1/staff/suspensions?nationalId=${nationalId}` })).statusCode, 401);
  });

  it('refuses what is wrong with a translated reason per field, and changes nothing', async () => {
    const citizen = await aSignedInCitizen(h);
    const personId = await personIdOf(citizen.person.nationalId);
    const nationalId = citizen.person.nationalId;

    const missing = await place(h, general.token, courtOrder(nationalId, { legalBasis: '  ', reasonEn: '', blockedServices: ['passports.no-such-service', 'nowhere.*'] }));
    assert.equal(missing.statusCode, 422);
    const messages = missing.json().errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`);
    assert.ok(messages.includes('legalBasis: Enter the legal basis, for example the number of the court order.'), messages.join('\n'));
    assert.ok(messages.includes('reasonEn: Enter the reason in English.'));
    assert.ok(messages.some((m: string) => m.startsWith('blockedServices: "passports.no-such-service" is not a service')));
    assert.ok(messages.some((m: string) => m.startsWith('blockedServices: "nowhere.*" is not a service')));
    assert.equal((await place(h, general.token, courtOrder(nationalId, { blockedServices: [] }))).statusCode, 422);
    const payViolations = await place(h, general.token, courtOrder(nationalId, { liftedBy: 'pay_violations' }));
    assert.equal(payViolations.statusCode, 422);
    assert.match(payViolations.json().errors[0].message, /General Department of Traffic is lifted by paying/);
    assert.equal((await place(h, general.token, courtOrder(nationalId, { startsOn: '2030-01-01' }))).statusCode, 422);

    const arabic = await h.app.inject({ method: 'POST', url: '/api/v1/staff/suspensions', payload: courtOrder(nationalId, { legalBasis: '' }), headers: { 'accept-language': 'ar', authorization: `Bearer ${general.token}` } });
    assert.equal(arabic.json().errors[0].message, 'أدخل السند النظامي، مثل رقم أمر المحكمة.');

    const unknown = await place(h, general.token, courtOrder('1000000008'));
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'registry.person_not_found');
    assert.equal((await place(h, general.token, courtOrder('123'))).statusCode, 422);

    assert.equal((await lift(h, general.token, 'SS0000000000')).statusCode, 404);
    const { reference } = (await place(h, general.token, courtOrder(nationalId))).json();
    const noNote = await lift(h, general.token, reference, '   ');
    assert.equal(noNote.statusCode, 422);
    assert.match(noNote.json().errors[0].message, /Enter a note/);
    assert.equal(await countOf(personId), 1);
    assert.deepEqual((await auditOf(personId)).map((a) => a.action), ['suspensions.placed']);
  });

  it('starts a suspension on a later day when asked, and shows it as decided', async () => {
    const citizen = await aSignedInCitizen(h);
    const res = await place(h, general.token, courtOrder(citizen.person.nationalId, { startsOn: '2026-11-20', blockedServices: ['*'] }));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().startsAt.iso, '2026-11-19T21:00:00.000Z');
    assert.equal(res.json().phase.upcoming, true);
    assert.equal(res.json().blockedServices.all, true);
  });
});
