import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReference } from '../../src/kernel/reference.js';
import { foldHistory } from '../../src/requests/index.js';
import { engineUnderTest } from '../support/database.js';
import { GOOD_PASSWORD, identityApp, messagesTo, signIn } from '../identity/support.js';
import { Visitor } from '../support/visitor.js';
import { aSuspension } from '../registry/builders.js';
import { aSignedInCitizen, getAs, LOST_ID, lostIdData, officerOf, personAct, staffAct, submit, webSignIn } from './support.js';

/** The engine, end to end through the API, with the proving service: a lost national ID replaced. */

describe(`replace a lost national ID (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  async function cardsOf(nationalId: string) {
    return database.db
      .selectFrom('documents')
      .innerJoin('persons', 'persons.id', 'documents.person_id')
      .select(['documents.number', 'documents.status'])
      .where('persons.national_id', '=', nationalId)
      .where('documents.kind', '=', 'national_id_card')
      .orderBy('documents.number')
      .execute();
  }

  it('lists the service in the catalogue, finds it by the words people use, and publishes its form', async () => {
    const list = await app.inject({ url: '/api/v1/services' });
    assert.ok((list.json().services as Array<{ id: string }>).some((s) => s.id === LOST_ID));
    const found = await app.inject({ url: `/api/v1/services?q=${encodeURIComponent('بدل فاقد')}` });
    assert.equal(found.json().services[0].id, LOST_ID);
    const service = await app.inject({ url: `/api/v1/services/${LOST_ID}` });
    assert.equal(service.statusCode, 200);
    assert.deepEqual(service.json().form.map((s: { id: string }) => s.id), ['loss', 'delivery']);
    assert.equal((await app.inject({ url: '/api/v1/services/no.such.service' })).statusCode, 404);
  });

  it('takes a first loss from submission to delivery: card marked lost at once, free, new number on approval, every step notified', async () => {
    const citizen = await aSignedInCitizen(h);
    const officer = await officerOf(h, 'civil-affairs');

    const eligibility = await h.app.inject({ method: 'POST', url: `/api/v1/services/${LOST_ID}/eligibility`, headers: { authorization: `Bearer ${citizen.token}` }, payload: {} });
    assert.equal(eligibility.statusCode, 200, eligibility.body);
    assert.equal(eligibility.json().eligible, true);

    const created = await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() });
    assert.equal(created.statusCode, 201, created.body);
    const request = created.json();
    assert.match(request.reference, /^TR[0-9A-Z]{9}$/);
    assert.equal(request.state, 'awaiting_review', 'a first loss costs nothing: no payment step');
    assert.equal(request.fee.total, 0);
    assert.deepEqual(await cardsOf(citizen.person.nationalId), [{ number: `${citizen.person.nationalId}-1`, status: 'lost' }]);

    const queue = await getAs(h, officer.token, '/api/v1/officer/queue');
    assert.ok((queue.json().requests as Array<{ reference: string }>).some((r) => r.reference === request.reference));
    const seen = await getAs(h, officer.token, `/api/v1/officer/requests/${request.reference}`);
    assert.equal(seen.statusCode, 200);
    assert.equal(seen.json().applicant.nationalId, citizen.person.nationalId);
    assert.deepEqual(seen.json().actions.map((a: { id: string }) => a.id).sort(), ['approve', 'reject']);

    assert.equal((await staffAct(h, officer.token, request.reference, 'assign')).statusCode, 200);
    const approved = await staffAct(h, officer.token, request.reference, 'approve', { expectedVersion: 2 });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().state, 'printing');
    assert.equal(approved.json().outputs.newCardNumber, `${citizen.person.nationalId}-2`);
    assert.equal((await staffAct(h, officer.token, request.reference, 'markReadyForPickup')).statusCode, 409, 'pick-up steps do not apply to a delivery');
    const badTracking = await staffAct(h, officer.token, request.reference, 'handToCourier', { input: { trackingNumber: '!' } });
    assert.equal(badTracking.statusCode, 422);
    assert.equal((await staffAct(h, officer.token, request.reference, 'handToCourier', { input: { trackingNumber: 'spl-123456' } })).json().outputs.trackingNumber, 'SPL-123456');
    const delivered = await staffAct(h, officer.token, request.reference, 'deliver');
    assert.equal(delivered.json().state, 'completed');
    assert.equal(delivered.json().final, true);
    assert.deepEqual(await cardsOf(citizen.person.nationalId), [
      { number: `${citizen.person.nationalId}-1`, status: 'lost' },
      { number: `${citizen.person.nationalId}-2`, status: 'valid' },
    ]);

    const detail = await getAs(h, citizen.token, `/api/v1/requests/${request.reference}`);
    assert.deepEqual(detail.json().history.map((e: { action: string }) => e.action), ['submit', 'assign', 'approve', 'handToCourier', 'deliver']);
    const sms = (await messagesTo(database, citizen.mobile)).filter((m) => m.template === 'request.update').map((m) => m.body);
    assert.equal(sms.length, 4, 'submitted, approved, with the courier, delivered');
    assert.ok(sms.some((text) => text.includes(`${citizen.person.nationalId}-2`)), 'the new card number');
    assert.ok(sms.some((text) => text.includes('SPL-123456')), 'the tracking number');
    const inbox = await database.db.selectFrom('inbox_messages').select('params').where('request_id', 'is not', null).execute();
    assert.ok(inbox.length >= 4);
  });

  it('keeps the stored state equal to the fold of the history', async () => {
    const requests = await database.db.selectFrom('service_requests').select(['id', 'state', 'version']).execute();
    assert.ok(requests.length > 0);
    for (const r of requests) {
      const history = await database.db.selectFrom('request_events').selectAll().where('request_id', '=', r.id).orderBy('seq').execute();
      assert.deepEqual(foldHistory(history), { state: r.state, version: r.version });
    }
  });

  it('charges by the number of earlier losses: 100, 300, then 1,000 SAR, and waits for payment', async () => {
    for (const [earlier, fee] of [[1, 10_000], [2, 30_000], [3, 100_000], [5, 100_000]] as const) {
      const citizen = await aSignedInCitizen(h, { lostBefore: earlier });
      const created = await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().fee.total, fee, `after ${earlier} losses`);
      assert.equal(created.json().state, 'awaiting_payment');
    }
  });

  it('offers nothing on an unpaid request whose time has run out, and says so, before the worker closes it', async () => {
    const payer = await aSignedInCitizen(h, { lostBefore: 1 });
    const unpaid = (await submit(h, payer.token, { serviceId: LOST_ID, data: lostIdData() })).json();
    const before = (await getAs(h, payer.token, `/api/v1/requests/${unpaid.reference}`)).json();
    assert.deepEqual(before.actions.map((a: { id: string }) => a.id).sort(), ['cancel']);
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, payer);
    assert.doesNotMatch((await v.get(`/requests/${unpaid.reference}`)).body, /time allowed for this stage/);
    clock.advance(3 * 24 * 3600 * 1000 + 1000);
    const token = await signIn(h, payer.username, GOOD_PASSWORD, payer.mobile);
    const after = (await getAs(h, token, `/api/v1/requests/${unpaid.reference}`)).json();
    assert.equal(after.state, 'awaiting_payment', 'the worker has not run');
    assert.deepEqual(after.actions, []);
    const late = new Visitor(app, 'en');
    await webSignIn(h, late, payer);
    const page = (await late.get(`/requests/${unpaid.reference}`)).body;
    assert.match(page, /The time allowed for this stage of the request has run out/);
    assert.doesNotMatch(page, /actions\/cancel/);
    const refused = await personAct(h, token, unpaid.reference, 'cancel');
    assert.equal(refused.statusCode, 409);
  });

  it('expires an unpaid request after its time, through the deadline job, and escalates an overdue review once', async () => {
    const { runDeadlines } = await import('../../src/requests/index.js');
    const payer = await aSignedInCitizen(h, { lostBefore: 1 });
    const unpaid = (await submit(h, payer.token, { serviceId: LOST_ID, data: lostIdData() })).json();
    const reviewer = await aSignedInCitizen(h);
    const review = (await submit(h, reviewer.token, { serviceId: LOST_ID, data: lostIdData() })).json();
    await submit(h, (await aSignedInCitizen(h)).token, { serviceId: LOST_ID, data: lostIdData() });
    const deps = { db: database.db, clock, catalogue: app.catalogue };
    const supervisor = await officerOf(h, 'civil-affairs', 'supervisor');
    const smsToSupervisor = async () => (await messagesTo(database, supervisor.staff.mobile)).filter((m) => m.template === 'staff.requests_overdue');
    clock.advance(3 * 24 * 3600 * 1000 + 1000);
    const counts = await runDeadlines(deps);
    assert.ok(counts.timedOut >= 1 && counts.escalated >= 2, JSON.stringify(counts));
    // (Three days on, the sessions have timed out: read the stored requests.)
    const stateOf = async (reference: string) => database.db.selectFrom('service_requests').select(['id', 'state', 'escalated_at']).where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.equal((await stateOf(unpaid.reference)).state, 'expired');
    const escalated = await stateOf(review.reference);
    assert.equal(escalated.state, 'awaiting_review');
    assert.ok(escalated.escalated_at);
    const last = await database.db.selectFrom('request_events').select('action').where('request_id', '=', escalated.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    assert.equal(last.action, 'escalate');
    const again = await runDeadlines(deps);
    assert.deepEqual(again, { timedOut: 0, escalated: 0 }, 'nothing twice');

    // The agency's supervisors are told once that day, not once a request (two were escalated).
    const told = await smsToSupervisor();
    assert.equal(told.length, 1);
    assert.match(told[0]!.body, /Civil Affairs|الأحوال المدنية/);
    // Another day, another request late: told again.
    const next = (await submit(h, (await aSignedInCitizen(h)).token, { serviceId: LOST_ID, data: lostIdData() })).json();
    assert.ok(next.reference);
    clock.advance(3 * 24 * 3600 * 1000 + 1000);
    assert.equal((await runDeadlines(deps)).escalated, 1);
    assert.equal((await smsToSupervisor()).length, 2);
  });

  it('refuses with each reason: a resident, no card, a suspension that covers the service; and changes nothing', async () => {
    const resident = await aSignedInCitizen(h, { resident: true, noCard: true });
    const refused = await submit(h, resident.token, { serviceId: LOST_ID, data: lostIdData() });
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(refused.json().errors.map((e: { field: string }) => e.field), ['eligibility.citizen', 'eligibility.has_card']);
    assert.match(refused.json().errors[0].message, /citizens only/);

    const suspended = await aSignedInCitizen(h, { extra: (p) => [aSuspension(p, { blockedServices: ['civil-affairs.*'] })] });
    const eligibility = await h.app.inject({ method: 'POST', url: `/api/v1/services/${LOST_ID}/eligibility`, headers: { authorization: `Bearer ${suspended.token}` }, payload: {} });
    assert.equal(eligibility.json().eligible, false);
    assert.equal(eligibility.json().suspensions[0].authority, 'traffic');
    const blocked = await submit(h, suspended.token, { serviceId: LOST_ID, data: lostIdData() });
    assert.equal(blocked.statusCode, 422);
    assert.deepEqual(await cardsOf(suspended.person.nationalId), [{ number: `${suspended.person.nationalId}-1`, status: 'valid' }], 'the card is untouched');
  });

  it('checks the form on the server: every field error at once, in the language asked for, nothing stored', async () => {
    const citizen = await aSignedInCitizen(h);
    const bad = await submit(h, citizen.token, { serviceId: LOST_ID, data: { loss: { lostOn: '2030-01-01', city: 'atlantis' }, delivery: { method: 'office' } } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['loss.lostOn', 'loss.city', 'loss.circumstances', 'loss.declaration', 'delivery.office']);
    assert.match(bad.json().errors[0].message, /cannot be in the future/);
    const arabic = await h.app.inject({ method: 'POST', url: '/api/v1/requests', payload: { serviceId: LOST_ID, data: {} }, headers: { authorization: `Bearer ${citizen.token}`, 'accept-language': 'ar' } });
    assert.match(arabic.json().errors[0].message, /مطلوب/);
    assert.deepEqual(await cardsOf(citizen.person.nationalId), [{ number: `${citizen.person.nationalId}-1`, status: 'valid' }]);
    assert.equal((await getAs(h, citizen.token, '/api/v1/requests')).json().requests.length, 0);
  });

  it('answers a repeated submission with the same request, refuses the key with another body, and one open request per person', async () => {
    const citizen = await aSignedInCitizen(h);
    const body = { serviceId: LOST_ID, data: lostIdData() };
    const [first, second] = await Promise.all([submit(h, citizen.token, body, 'key-1'), submit(h, citizen.token, body, 'key-1')]);
    const statuses = [first.statusCode, second.statusCode].sort();
    assert.deepEqual(statuses, [200, 201]);
    assert.equal(first.json().reference, second.json().reference);
    const other = await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData({ method: 'office', office: 'riyadh-olaya' }) }, 'key-1');
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().code, 'requests.idempotency_conflict');
    const again = await submit(h, citizen.token, body, 'key-2');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'requests.already_open');
    assert.match(again.json().detail, new RegExp(first.json().reference.slice(0, 2)));
    assert.equal((await getAs(h, citizen.token, '/api/v1/requests')).json().requests.length, 1);
  });

  it('lets nobody see or act on another person’s request, and officers only in their agency', async () => {
    const owner = await aSignedInCitizen(h);
    const stranger = await aSignedInCitizen(h);
    const reference = (await submit(h, owner.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference;
    assert.equal((await getAs(h, stranger.token, `/api/v1/requests/${reference}`)).statusCode, 404);
    assert.equal((await personAct(h, stranger.token, reference, 'cancel')).statusCode, 404);
    assert.equal((await personAct(h, owner.token, reference, 'approve')).statusCode, 403, 'an applicant cannot approve');
    const passports = await officerOf(h, 'passports');
    assert.equal((await getAs(h, passports.token, `/api/v1/officer/requests/${reference}`)).statusCode, 404);
    assert.equal((await staffAct(h, passports.token, reference, 'approve')).statusCode, 404);
    assert.ok(!(await getAs(h, passports.token, '/api/v1/officer/queue')).json().requests.some((r: { reference: string }) => r.reference === reference));
    assert.equal((await personAct(h, owner.token, reference, 'cancel')).json().state, 'cancelled');
  });

  it('lets one of two officers deciding at once win; the other gets a conflict', async () => {
    const citizen = await aSignedInCitizen(h);
    const reference = (await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference;
    const a = await officerOf(h, 'civil-affairs');
    const b = await officerOf(h, 'civil-affairs', 'supervisor');
    const [approve, reject] = await Promise.all([
      staffAct(h, a.token, reference, 'approve', { expectedVersion: 1 }),
      staffAct(h, b.token, reference, 'reject', { expectedVersion: 1, reason: { code: 'identity_mismatch' } }),
    ]);
    assert.deepEqual([approve.statusCode, reject.statusCode].sort(), [200, 409]);
    const history = (await getAs(h, citizen.token, `/api/v1/requests/${reference}`)).json().history;
    assert.equal(history.length, 2, 'one decision only');
  });

  it('requires a listed reason to reject, and tells the applicant the reason', async () => {
    const citizen = await aSignedInCitizen(h);
    const reference = (await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference;
    const officer = await officerOf(h, 'civil-affairs');
    assert.equal((await staffAct(h, officer.token, reference, 'reject')).statusCode, 422);
    assert.equal((await staffAct(h, officer.token, reference, 'reject', { reason: { code: 'made-up' } })).statusCode, 422);
    const tooLong = await staffAct(h, officer.token, reference, 'reject', { reason: { code: 'visit_required', text: 'x'.repeat(1001) } });
    assert.equal(tooLong.statusCode, 422, 'a reason longer than 1,000 characters is refused, not cut');
    const rejected = await staffAct(h, officer.token, reference, 'reject', { reason: { code: 'visit_required', text: 'Please bring your family card.' } });
    assert.equal(rejected.json().state, 'rejected');
    const last = (await messagesTo(database, citizen.mobile)).filter((m) => m.template === 'request.update').at(-1)!;
    assert.match(last.body, /visit to a Civil Affairs office|الحضور/);
    assert.match(last.body, /family card/);
  });

  it('writes each staff view of a request to the audit log, for "who viewed my data"', async () => {
    const citizen = await aSignedInCitizen(h);
    const reference = (await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference;
    const officer = await officerOf(h, 'civil-affairs');
    await getAs(h, officer.token, `/api/v1/officer/requests/${reference}`);
    const views = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'requests.viewed_by_staff').where('actor_id', '=', officer.staff.id).execute();
    assert.equal(views.length, 1);
    assert.equal(views[0]!.details.reference, reference);
  });

  it('lets a supervisor give a request to an officer of the agency, not to one of another agency', async () => {
    const citizen = await aSignedInCitizen(h);
    const reference = (await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference as string;
    const supervisor = await officerOf(h, 'civil-affairs', 'supervisor');
    const officer = await officerOf(h, 'civil-affairs');
    const outsider = await officerOf(h, 'traffic');
    assert.equal((await staffAct(h, officer.token, reference, 'reassign', { input: { staffId: supervisor.staff.id } })).statusCode, 403, 'officers do not reassign');
    assert.equal((await staffAct(h, supervisor.token, reference, 'reassign', { input: { staffId: outsider.staff.id } })).statusCode, 404);
    assert.equal((await staffAct(h, supervisor.token, reference, 'reassign', { expectedVersion: 9, input: { staffId: officer.staff.id } })).statusCode, 409);
    const given = await staffAct(h, supervisor.token, reference, 'reassign', { expectedVersion: 1, input: { staffId: officer.staff.id } });
    assert.equal(given.statusCode, 200, given.body);
    const mine = await getAs(h, officer.token, '/api/v1/officer/queue?mine=true');
    assert.deepEqual(mine.json().requests.map((r: { reference: string }) => r.reference), [reference]);
  });

  it('finds a request however its number is typed (dashes, lower case), and answers a malformed one as not found', async () => {
    const citizen = await aSignedInCitizen(h);
    const reference = (await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference as string;
    const typed = formatReference(reference).toLowerCase();
    assert.equal((await getAs(h, citizen.token, `/api/v1/requests/${typed}`)).json().reference, reference);
    const wrongCheck = reference.slice(0, -1) + (reference.endsWith('3') ? '4' : '3');
    assert.equal((await getAs(h, citizen.token, `/api/v1/requests/${wrongCheck}`)).statusCode, 404);
  });

  it('lets one of two submissions at once through for one person; the other names the open request', async () => {
    const citizen = await aSignedInCitizen(h);
    const body = { serviceId: LOST_ID, data: lostIdData() };
    const answers = await Promise.all([submit(h, citizen.token, body), submit(h, citizen.token, body)]);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, 409]);
    const created = answers.find((a) => a.statusCode === 201)!.json().reference as string;
    const refused = answers.find((a) => a.statusCode === 409)!.json();
    assert.equal(refused.code, 'requests.already_open');
    assert.ok(refused.detail.includes(formatReference(created)), refused.detail);
  });
});
