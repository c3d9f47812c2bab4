import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { engineUnderTest } from '../support/database.js';
import { aMobile, aRegistryCitizen, identityApp, lastCodeSentTo } from '../identity/support.js';
import { aStaffMember, STAFF_PASSWORD } from '../identity/staff-support.js';
import { Visitor } from '../support/visitor.js';

/** Staff pages are visited from a desktop browser. */
class StaffVisitor extends Visitor {
  constructor(app: FastifyInstance, language: 'ar' | 'en' = 'en') {
    super(app, language, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0');
  }
}

describe(`staff pages (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  async function signIn(v: StaffVisitor, staff: { username: string; mobile: string }, password = STAFF_PASSWORD) {
    await v.get('/staff/login');
    clock.advance(1000);
    const started = await v.post('/staff/login', { username: staff.username, password });
    assert.equal(started.statusCode, 303, started.body);
    const codeUrl = started.headers.location as string;
    assert.match(codeUrl, /^\/staff\/codes\/[0-9a-f-]{36}$/);
    const codePage = await v.get(codeUrl);
    assert.equal(codePage.statusCode, 200);
    assert.match(codePage.body, /autocomplete="one-time-code"/);
    return v.post(codeUrl, { code: (await lastCodeSentTo(database, staff.mobile))! });
  }

  it('sends the signed-out to /staff/login, which is the staff portal, in Arabic by default', async () => {
    const v = new StaffVisitor(app, 'ar');
    for (const url of ['/staff', '/staff/activation-codes', '/staff/accounts']) {
      const res = await v.get(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, '/staff/login');
    }
    const login = await v.get('/staff/login');
    assert.equal(login.statusCode, 200);
    assert.match(login.body, /<html lang="ar" dir="rtl">/);
    assert.match(login.body, /بوابة الموظفين/);
    assert.match(login.body, /Staff portal/);
    assert.match(login.body, /<label for="field-username">/);
    assert.match(login.body, /autocomplete="current-password"/);
    // A signed-out POST is checked (double-submit), then sent to log in.
    const logout = await v.post('/staff/logout', {});
    assert.equal(logout.statusCode, 303);
    assert.equal(logout.headers.location, '/staff/login');
  });

  it('signs a staff member in with password and code, into a staff session of its own', async () => {
    const staff = await aStaffMember(h, { nameEn: 'Noura Officer', agency: 'traffic', role: 'supervisor' });
    const v = new StaffVisitor(app);
    const wrong = await v.post('/staff/login', { username: staff.username, password: 'not-the-password' }, {});
    assert.equal(wrong.statusCode, 403, 'no CSRF cookie yet');
    await v.get('/staff/login');
    const refused = await v.post('/staff/login', { username: staff.username, password: 'not-the-password' });
    assert.equal(refused.statusCode, 401);
    assert.match(refused.body, /class="error-summary"/);

    const done = await signIn(v, staff);
    assert.equal(done.statusCode, 303, done.body);
    assert.equal(done.headers.location, '/staff');
    const cookie = done.cookies.find((c) => c.name === 'tayseer_staff_session');
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/staff');
    // The individuals' session cookie is not set: a staff session opens no person's data.
    assert.equal(done.cookies.find((c) => c.name === 'tayseer_session'), undefined);
    const me = await app.inject({ url: '/me', cookies: { tayseer_session: cookie.value }, headers: { accept: 'text/html' } });
    assert.equal(me.statusCode, 303);

    const home = await v.get('/staff');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Noura Officer/);
    assert.match(home.body, /Traffic/);
    assert.match(home.body, /Supervisor/);
    assert.match(home.body, /href="\/staff\/activation-codes"/);
    assert.doesNotMatch(home.body, /href="\/staff\/accounts"/);
    assert.equal((await v.get('/staff/login')).headers.location, '/staff');

    const out = await v.post('/staff/logout', {});
    assert.equal(out.statusCode, 303);
    assert.equal(v.cookies.tayseer_staff_session, undefined);
    const after = await app.inject({ url: '/staff', cookies: { tayseer_staff_session: cookie.value }, headers: { accept: 'text/html' } });
    assert.equal(after.statusCode, 303, 'the session was revoked');
  });

  it('issues an activation code through the page after the in-person check, shown once and grouped', async () => {
    const officer = await aStaffMember(h);
    const person = await aRegistryCitizen(database);
    const v = new StaffVisitor(app);
    await signIn(v, officer);
    const form = await v.get('/staff/activation-codes');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /type="checkbox"[^>]*name="verified"/);

    const unchecked = await v.post('/staff/activation-codes', { nationalId: person.nationalId, purpose: 'activate' });
    assert.equal(unchecked.statusCode, 422);
    assert.match(unchecked.body, /href="#field-verified">Confirm that you checked/);
    assert.match(unchecked.body, new RegExp(`value="${person.nationalId}"`));

    const unknown = await v.post('/staff/activation-codes', { nationalId: '1999999999', purpose: 'activate', verified: 'yes' });
    assert.ok(unknown.statusCode === 404 || unknown.statusCode === 422, String(unknown.statusCode));

    const issued = await v.post('/staff/activation-codes', { nationalId: person.nationalId, purpose: 'change_mobile', verified: 'yes' });
    assert.equal(issued.statusCode, 201, issued.body);
    const code = /data-code="([A-Z0-9]{10})"/.exec(issued.body)?.[1];
    assert.ok(code);
    assert.match(issued.body, new RegExp(`<span>${code.slice(0, 5)}</span><span>${code.slice(5)}</span>`));
    assert.match(issued.body, /Change the mobile number/);
    assert.match(issued.body, /<time datetime="2026-11-0[23]T/);
    assert.doesNotMatch(issued.body, new RegExp(person.nationalId), 'only the last digits of the ID on the slip');
    assert.equal(issued.headers['cache-control'], 'no-store');
    const rows = await database.db.selectFrom('activation_codes').selectAll().where('issued_by', '=', officer.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.purpose, 'change_mobile');
    assert.doesNotMatch(JSON.stringify(rows), new RegExp(code), 'stored hashed');
  });

  it('refuses a form without its CSRF tokens (403)', async () => {
    const officer = await aStaffMember(h);
    const person = await aRegistryCitizen(database);
    const v = new StaffVisitor(app);
    await signIn(v, officer);
    await v.get('/staff/activation-codes');
    const body = { nationalId: person.nationalId, purpose: 'activate', verified: 'yes' };
    const noStaffToken = await v.post('/staff/activation-codes', body, { staffCsrf: null });
    assert.equal(noStaffToken.statusCode, 403);
    assert.match(noStaffToken.body, /form has expired/);
    const wrongStaffToken = await v.post('/staff/activation-codes', body, { staffCsrf: 'A'.repeat(43) });
    assert.equal(wrongStaffToken.statusCode, 403);
    const noFormToken = await v.post('/staff/activation-codes', body, { csrf: null });
    assert.equal(noFormToken.statusCode, 403);
    const rows = await database.db.selectFrom('activation_codes').select('id').where('issued_by', '=', officer.id).execute();
    assert.equal(rows.length, 0);
  });

  it('lets an admin create and disable staff of their agency, and refuses officers the page (403)', async () => {
    const admin = await aStaffMember(h, { role: 'admin', agency: 'civil-affairs', nameEn: 'Admin Person' });
    const colleague = await aStaffMember(h, { agency: 'civil-affairs', nameEn: 'Colleague' });
    const elsewhere = await aStaffMember(h, { agency: 'traffic', nameEn: 'Elsewhere Officer' });
    const v = new StaffVisitor(app);
    await signIn(v, admin);
    assert.equal((await v.get('/staff/activation-codes')).statusCode, 403, 'admins do not issue codes');
    const list = await v.get('/staff/accounts');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Colleague/);
    assert.doesNotMatch(list.body, /Elsewhere Officer/);

    const invalid = await v.post('/staff/accounts', { username: 'x', nameAr: '', nameEn: 'New', mobile: '12', role: '' });
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /href="#field-username"/);
    assert.match(invalid.body, /href="#field-mobile"/);
    assert.match(invalid.body, /href="#field-role"/);

    const username = `new_${process.pid}_staff`;
    const mobile = aMobile();
    const created = await v.post('/staff/accounts', { username, nameAr: 'موظف جديد', nameEn: 'New Officer', mobile, role: 'officer' });
    assert.equal(created.statusCode, 201, created.body);
    const password = /data-password="([^"]+)"/.exec(created.body)?.[1];
    assert.ok(password);
    const row = await database.db.selectFrom('staff_accounts').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
    assert.equal(row.agency, 'civil-affairs');
    assert.equal(row.created_by, admin.id);
    const taken = await v.post('/staff/accounts', { username, nameAr: 'آخر', nameEn: 'Other', mobile, role: 'officer' });
    assert.equal(taken.statusCode, 409);

    // The new officer signs in with the generated password, and may not open the admin page.
    const officer = new StaffVisitor(app);
    assert.equal((await signIn(officer, { username, mobile }, password)).statusCode, 303);
    const forbidden = await officer.get('/staff/accounts');
    assert.equal(forbidden.statusCode, 403);
    assert.match(forbidden.body, /not allowed/);
    assert.equal((await officer.post('/staff/accounts', { username: 'sneaky_one', nameAr: 'x', nameEn: 'x', mobile, role: 'admin' })).statusCode, 403);

    // Disabling: a confirmation page, then a POST; the officer's session ends at once.
    assert.equal((await v.get(`/staff/accounts/${elsewhere.id}/disable`)).statusCode, 404, 'another agency');
    const confirm = await v.get(`/staff/accounts/${row.id}/disable`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Disable the account of New Officer/);
    const disabled = await v.post(`/staff/accounts/${row.id}/disable`, {});
    assert.equal(disabled.statusCode, 303);
    assert.equal(disabled.headers.location, '/staff/accounts?disabled=1');
    const after = await database.db.selectFrom('staff_accounts').select('disabled_at').where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.ok(after.disabled_at);
    assert.equal((await officer.get('/staff')).statusCode, 303, 'signed out by the disable');
    const self = await v.post(`/staff/accounts/${admin.id}/disable`, {});
    assert.equal(self.statusCode, 409);
    void colleague;
  });
});
