import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommandContext } from '../../src/cli/command.js';
import { loadConfig } from '../../src/config.js';
import { makeStaffCreateCommand } from '../../src/identity/index.js';
import { verifyPassword } from '../../src/identity/passwords.js';
import { recordingTerminal } from '../registry/builders.js';
import { engineUnderTest } from '../support/database.js';
import { aStaffMember, get, STAFF_PASSWORD, staffSignIn } from './staff-support.js';
import { aMobile, aRegistryCitizen, anIp, GOOD_PASSWORD, identityApp, lastCodeSentTo, messagesTo, post, registerAccount, signIn } from './support.js';

describe(`staff accounts (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  function runCreate(values: CommandContext['values'], stdin?: string) {
    const terminal = recordingTerminal();
    const command = makeStaffCreateCommand({ withDatabase: (_ctx, use) => use(database.db), readLine: async () => stdin ?? '', clock });
    const ctx: CommandContext = { values, positionals: [], terminal, config: () => loadConfig({ NODE_ENV: 'test' }) };
    return { terminal, done: command.run(ctx) };
  }
  const base = (username: string) => ({ username, 'name-ar': 'مدير', 'name-en': 'Admin', mobile: aMobile(), agency: 'traffic', role: 'admin' });

  it('`staff create` reads the password from stdin and the admin can sign in with it and a code', async () => {
    const values = { ...base('traffic_admin'), 'password-stdin': true };
    const { terminal, done } = runCreate(values, `${STAFF_PASSWORD}\n`);
    assert.equal(await done, 0, terminal.errLines.join('\n'));
    assert.match(terminal.outLines[0]!, /^Created staff account traffic_admin \(admin, traffic\)/);
    assert.ok(!terminal.outLines.join('\n').includes(STAFF_PASSWORD));
    const row = await database.db.selectFrom('staff_accounts').selectAll().where('username', '=', 'traffic_admin').executeTakeFirstOrThrow();
    assert.ok(await verifyPassword(row.password_hash, STAFF_PASSWORD));
    const token = await staffSignIn(h, { username: 'traffic_admin', mobile: values.mobile });
    const me = await get(h, '/api/v1/staff/me', token);
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().role, 'admin');
    assert.equal(me.json().agency, 'traffic');
    const session = await database.db.selectFrom('sessions').selectAll().where('staff_id', '=', row.id).executeTakeFirstOrThrow();
    assert.equal(session.account_id, null);
    assert.ok((await messagesTo(database, values.mobile)).some((m) => m.template === 'otp.staff_login'));
    const audit = await database.db.selectFrom('audit_log').select('action').where('actor_id', 'in', ['cli', row.id]).execute();
    assert.ok(audit.some((a) => a.action === 'staff.created'));
    assert.ok(audit.some((a) => a.action === 'staff.login'));
  });

  it('`staff create` without --password-stdin generates a strong password and prints it once', async () => {
    const values = base('gen_admin');
    const { terminal, done } = runCreate(values);
    assert.equal(await done, 0);
    const printed = /Password \(shown once.*\): (\S+)$/.exec(terminal.outLines[1]!)?.[1];
    assert.ok(printed && printed.length >= 20);
    await staffSignIn(h, { username: 'gen_admin', mobile: values.mobile }, printed);
  });

  it('`staff create` refuses a weak password, a bad option and a taken username', async () => {
    const weak = runCreate({ ...base('weak_admin'), 'password-stdin': true }, 'password');
    assert.equal(await weak.done, 1);
    assert.match(weak.terminal.errLines.join('\n'), /common/);
    assert.equal(await database.db.selectFrom('staff_accounts').select('id').where('username', '=', 'weak_admin').executeTakeFirst(), undefined);
    await assert.rejects(runCreate({ ...base('x_admin'), agency: 'police' }).done, /Invalid --agency/);
    await assert.rejects(runCreate({ ...base('y_admin'), mobile: undefined }).done, /Missing --mobile/);
    const taken = runCreate(base('traffic_admin'));
    assert.equal(await taken.done, 1);
  });

  it('staff tokens and individuals tokens do not open each other', async () => {
    const officer = await aStaffMember(h);
    const staffToken = await staffSignIn(h, officer);
    assert.equal((await get(h, '/api/v1/me', staffToken)).statusCode, 401);
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const personToken = await signIn(h, body.username, GOOD_PASSWORD, body.mobile);
    assert.equal((await get(h, '/api/v1/staff/me', personToken)).statusCode, 401);
    // A staff sign-in code cannot be answered at the individuals' endpoint.
    clock.advance(1000);
    const started = await post(app, '/api/v1/staff/auth/login', { username: officer.username, password: STAFF_PASSWORD });
    const other = await post(app, `/api/v1/auth/challenges/${started.json().challengeId}`, { code: await lastCodeSentTo(database, officer.mobile) });
    assert.equal(other.statusCode, 404);
  });

  it('a wrong password and an unknown username answer alike, also once throttled; a stranger\'s guesses do not keep the officer out', async () => {
    const officer = await aStaffMember(h);
    const [strangerA, strangerB] = [anIp(), anIp()];
    const answers = async (username: string, ip: string) => {
      const seen = [];
      for (let i = 1; i <= 6; i++) {
        const res = await post(app, '/api/v1/staff/auth/login', { username, password: `Wrong-Password-${i}` }, { ip });
        seen.push({ status: res.statusCode, code: res.json().code, detail: res.json().detail, retryAfter: res.headers['retry-after'] });
      }
      return seen;
    };
    const known = await answers(officer.username, strangerA);
    const unknown = await answers('nobody_staff', strangerB);
    assert.deepEqual(known, unknown);
    assert.deepEqual(known.map((a) => a.status), [401, 401, 401, 401, 401, 429]);
    assert.equal(known[5]!.code, 'identity.login_throttled');
    // The officer, from their own desk, is not slowed by the stranger.
    await staffSignIn(h, officer);
  });

  it('an admin creates staff of their own agency; an officer or another agency admin cannot', async () => {
    const admin = await aStaffMember(h, { agency: 'passports', role: 'admin' });
    const adminToken = await staffSignIn(h, admin);
    const body = { username: `new_officer_${process.pid}`, nameAr: 'ضابط', nameEn: 'New officer', mobile: aMobile(), agency: 'passports', role: 'officer' };
    const created = await post(app, '/api/v1/staff/accounts', body, { token: adminToken });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().staff.agency, 'passports');
    const generated = created.json().generatedPassword as string;
    await staffSignIn(h, { username: body.username, mobile: body.mobile }, generated);

    const elsewhere = await post(app, '/api/v1/staff/accounts', { ...body, username: 'other_agency_x', agency: 'traffic' }, { token: adminToken });
    assert.equal(elsewhere.statusCode, 403);
    assert.equal(elsewhere.json().code, 'staff.forbidden');

    const officer = await aStaffMember(h, { agency: 'passports', role: 'officer' });
    const officerToken = await staffSignIn(h, officer);
    const byOfficer = await post(app, '/api/v1/staff/accounts', { ...body, username: 'by_officer_x' }, { token: officerToken });
    assert.equal(byOfficer.statusCode, 403);

    const weak = await post(app, '/api/v1/staff/accounts', { ...body, username: 'weak_pw_x', password: 'weak_pw_x1' }, { token: adminToken });
    assert.equal(weak.statusCode, 422);
    assert.equal(weak.json().code, 'identity.password_weak');
  });

  it('disabling ends the tokens at once and refuses sign-in; another agency admin cannot disable', async () => {
    const admin = await aStaffMember(h, { agency: 'recruitment', role: 'admin' });
    const otherAdmin = await aStaffMember(h, { agency: 'general', role: 'admin' });
    const officer = await aStaffMember(h, { agency: 'recruitment', role: 'officer' });
    const adminToken = await staffSignIn(h, admin);
    const otherToken = await staffSignIn(h, otherAdmin);
    const officerToken = await staffSignIn(h, officer);

    const refused = await post(app, `/api/v1/staff/accounts/${officer.id}/disable`, {}, { token: otherToken });
    assert.equal(refused.statusCode, 403);
    assert.equal((await get(h, '/api/v1/staff/me', officerToken)).statusCode, 200);
    assert.equal((await post(app, `/api/v1/staff/accounts/${admin.id}/disable`, {}, { token: adminToken })).statusCode, 409);

    const disabled = await post(app, `/api/v1/staff/accounts/${officer.id}/disable`, {}, { token: adminToken });
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.equal(disabled.json().disabled, true);
    assert.equal((await get(h, '/api/v1/staff/me', officerToken)).statusCode, 401);
    const live = await database.db.selectFrom('sessions').select('id').where('staff_id', '=', officer.id).where('revoked_at', 'is', null).execute();
    assert.equal(live.length, 0);
    const login = await post(app, '/api/v1/staff/auth/login', { username: officer.username, password: STAFF_PASSWORD });
    assert.equal(login.statusCode, 403);
    assert.equal(login.json().code, 'identity.account_disabled');
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'staff.disabled').execute();
    assert.ok(audit.some((a) => a.actor_id === admin.id));
  });
});
