import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { fingerprintReadingOf, KIOSK_IDLE_MS } from '../../src/identity/kiosk-activation.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { addPersons, aMobile, aRegistryCitizen, identityApp, lastCodeSentTo, messagesTo, registerAccount } from './support.js';
import { aStaffMember, STAFF_PASSWORD } from './staff-support.js';

/** The kiosk is a touch screen in a hall: Arabic first. */
class KioskVisitor extends Visitor {
  constructor(app: FastifyInstance) {
    super(app, 'ar', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Kiosk');
  }
}

describe(`self-service kiosk activation (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;
  const kioskDevice = await aStaffMember(h, { role: 'kiosk', username: `kiosk_${process.pid}` });

  async function openKiosk(): Promise<KioskVisitor> {
    const v = new KioskVisitor(app);
    await v.get('/staff/login');
    clock.advance(1000);
    const started = await v.post('/staff/login', { username: kioskDevice.username, password: STAFF_PASSWORD });
    assert.equal(started.statusCode, 303, started.body);
    const codeUrl = started.headers.location as string;
    await v.get(codeUrl);
    await v.post(codeUrl, { code: (await lastCodeSentTo(database, kioskDevice.mobile))! });
    const screen = await v.get('/staff/kiosk');
    assert.equal(screen.statusCode, 200, screen.body);
    return v;
  }

  /** A registered, not activated account (another mobile than the registry's) with fingerprints on record. */
  async function awaitingActivation(options: { fingerprints?: boolean } = {}) {
    const person = await aRegistryCitizen(database);
    if (options.fingerprints !== false) {
      await addPersons(database, [{ kind: 'biometrics', nationalId: person.nationalId, status: 'registered', fingerprintsOn: '2020-03-01', faceOn: '2020-03-01', placeAr: 'الرياض', placeEn: 'Riyadh' }]);
    }
    const mobile = aMobile();
    const { body } = await registerAccount(h, person, { mobile });
    const account = await database.db.selectFrom('accounts').selectAll().where('username', '=', body.username).executeTakeFirstOrThrow();
    assert.equal(account.status, 'registered');
    const biometrics = await database.db.selectFrom('biometrics').selectAll().where('person_id', '=', account.person_id).executeTakeFirst();
    return { person, mobile, account, reading: biometrics ? fingerprintReadingOf(biometrics) : 'none' };
  }

  const statusOf = async (accountId: string) => (await database.db.selectFrom('accounts').select(['status', 'activation_method']).where('id', '=', accountId).executeTakeFirstOrThrow());

  async function startFlow(v: KioskVisitor, nationalId: string): Promise<string> {
    const started = await v.post('/staff/kiosk/start', { nationalId });
    assert.equal(started.statusCode, 303, started.body);
    const flow = /flow=([0-9a-f-]{36})/.exec(started.headers.location as string)?.[1];
    assert.ok(flow);
    const finger = await v.get(started.headers.location as string);
    assert.match(finger.body, /ضع إصبعك على القارئ/);
    return flow;
  }

  it('activates with the right finger and the code sent to the registered mobile, audited with the kiosk id', async () => {
    const p = await awaitingActivation();
    const v = await openKiosk();
    const start = await v.get('/staff/kiosk');
    assert.match(start.body, /<html lang="ar" dir="rtl"/);
    assert.match(start.body, /<script src="\/assets\/kiosk.js"/);
    assert.match(start.body, /data-kiosk-idle-seconds="60"/);
    const flow = await startFlow(v, p.person.nationalId);
    // The demo sensor offers the recorded finger's reading.
    assert.ok((await v.get(`/staff/kiosk?flow=${flow}`)).body.includes(p.reading));
    const matched = await v.post('/staff/kiosk/finger', { flow, reading: p.reading });
    assert.equal(matched.statusCode, 303, matched.body);
    const codeScreen = await v.get(matched.headers.location as string);
    assert.match(codeScreen.body, /name="code"/);
    const code = await lastCodeSentTo(database, p.mobile);
    assert.ok(code);
    const done = await v.post('/staff/kiosk/code', { flow, code });
    assert.equal(done.statusCode, 303, done.body);
    assert.equal(done.headers.location, '/staff/kiosk?done=activated');
    assert.match((await v.get('/staff/kiosk?done=activated')).body, /فُعّل حسابك بنجاح/);
    assert.deepEqual(await statusOf(p.account.id), { status: 'active', activation_method: 'office_code' });
    const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'identity.account_activated').where('subject_person_id', '=', p.account.person_id).executeTakeFirstOrThrow();
    assert.equal(audit.actor_kind, 'staff');
    assert.equal(audit.actor_id, kioskDevice.id);
    assert.equal((audit.details as { kioskId: string }).kioskId, kioskDevice.username);
    assert.equal((audit.details as { method: string }).method, 'kiosk');
    // The flow is spent: its code cannot be used again.
    assert.equal((await v.post('/staff/kiosk/code', { flow, code })).statusCode, 409);
  });

  it('refuses a wrong finger, and ends the session after three', async () => {
    const p = await awaitingActivation();
    const v = await openKiosk();
    const flow = await startFlow(v, p.person.nationalId);
    const other = fingerprintReadingOf({ person_id: '00000000-0000-7000-8000-000000000000', fingerprints_on: '2020-03-01' });
    const first = await v.post('/staff/kiosk/finger', { flow, reading: other });
    assert.equal(first.statusCode, 422);
    assert.match(first.body, /لم تتطابق البصمة/);
    assert.equal((await v.post('/staff/kiosk/finger', { flow, reading: other })).statusCode, 422);
    const third = await v.post('/staff/kiosk/finger', { flow, reading: other });
    assert.equal(third.statusCode, 403);
    assert.match(third.body, /بعد ثلاث محاولات/);
    // Even the right finger now: the session is over, and no code was ever sent.
    assert.equal((await v.post('/staff/kiosk/finger', { flow, reading: p.reading })).statusCode, 409);
    assert.ok(!(await messagesTo(database, p.mobile)).some((m) => m.template === 'otp.kiosk_activation'));
    assert.equal((await statusOf(p.account.id)).status, 'registered');
    const refusals = await database.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'identity.kiosk_fingerprint_refused').where('subject_person_id', '=', p.account.person_id).execute();
    assert.equal(refusals.length, 3);
    assert.ok(refusals.every((row) => row.actor_id === kioskDevice.id));
  });

  it('refuses every reading for a person without fingerprints on record', async () => {
    const p = await awaitingActivation({ fingerprints: false });
    const v = await openKiosk();
    const flow = await startFlow(v, p.person.nationalId);
    const forged = fingerprintReadingOf({ person_id: p.account.person_id, fingerprints_on: null });
    assert.equal((await v.post('/staff/kiosk/finger', { flow, reading: forged })).statusCode, 422);
  });

  it('ends a flow left idle on the server: a walk-away leaves nothing usable', async () => {
    const p = await awaitingActivation();
    const v = await openKiosk();
    const flow = await startFlow(v, p.person.nationalId);
    assert.equal((await v.post('/staff/kiosk/finger', { flow, reading: p.reading })).statusCode, 303);
    const code = (await lastCodeSentTo(database, p.mobile))!;
    clock.advance(KIOSK_IDLE_MS + 1000);
    const late = await v.get(`/staff/kiosk?flow=${flow}`);
    assert.match(late.body, /انتهت الجلسة/);
    const refused = await v.post('/staff/kiosk/code', { flow, code });
    assert.equal(refused.statusCode, 409);
    assert.equal((await statusOf(p.account.id)).status, 'registered');
  });

  it('"Start again" (the idle reset posts it) ends the flow and its code at once', async () => {
    const p = await awaitingActivation();
    const v = await openKiosk();
    const flow = await startFlow(v, p.person.nationalId);
    await v.post('/staff/kiosk/finger', { flow, reading: p.reading });
    const code = (await lastCodeSentTo(database, p.mobile))!;
    const reset = await v.post('/staff/kiosk/reset', { flow });
    assert.equal(reset.headers.location, '/staff/kiosk');
    assert.equal((await v.post('/staff/kiosk/code', { flow, code })).statusCode, 409);
    assert.equal((await statusOf(p.account.id)).status, 'registered');
    assert.ok(await database.db.selectFrom('audit_log').select('seq').where('action', '=', 'identity.kiosk_flow_reset').where('actor_id', '=', kioskDevice.id).executeTakeFirst());
  });

  it('is open to kiosk devices only, and a flow belongs to the kiosk session that started it', async () => {
    const officer = await aStaffMember(h, { role: 'officer' });
    const v = new KioskVisitor(app);
    assert.equal((await v.get('/staff/kiosk')).headers.location, '/staff/login');
    await v.get('/staff/login');
    clock.advance(1000);
    const started = await v.post('/staff/login', { username: officer.username, password: STAFF_PASSWORD });
    await v.get(started.headers.location as string);
    await v.post(started.headers.location as string, { code: (await lastCodeSentTo(database, officer.mobile))! });
    assert.equal((await v.get('/staff/kiosk')).statusCode, 403);

    const p = await awaitingActivation();
    const first = await openKiosk();
    const flow = await startFlow(first, p.person.nationalId);
    const second = await openKiosk();
    assert.equal((await second.post('/staff/kiosk/finger', { flow, reading: p.reading })).statusCode, 409);
  });

  it('says so when the ID has no account, only after the finger matched', async () => {
    const person = await aRegistryCitizen(database);
    await addPersons(database, [{ kind: 'biometrics', nationalId: person.nationalId, status: 'registered', fingerprintsOn: '2020-03-01', faceOn: '2020-03-01' }]);
    const v = await openKiosk();
    assert.equal((await v.post('/staff/kiosk/start', { nationalId: '1234567890' })).statusCode, 422);
    const flow = await startFlow(v, person.nationalId);
    const id = (await database.db.selectFrom('persons').select('id').where('national_id', '=', person.nationalId).executeTakeFirstOrThrow()).id;
    const res = await v.post('/staff/kiosk/finger', { flow, reading: fingerprintReadingOf({ person_id: id, fingerprints_on: '2020-03-01' }) });
    assert.equal(res.headers.location, '/staff/kiosk?done=no_account');
  });
});
