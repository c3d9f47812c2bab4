import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issueActivationCode } from '../../src/identity/office-activation.js';
import { engineUnderTest } from '../support/database.js';
import { aStaffMember } from '../identity/staff-support.js';
import { aMobile, aRegistryCitizen, GOOD_PASSWORD, identityApp, lastCodeSentTo, messagesTo, post, registerAccount } from '../identity/support.js';
import { Visitor } from '../support/visitor.js';

const NEW_PASSWORD = 'Silver-Lantern-Road-58';
const hidden = (body: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(body)?.[1];
const otherCode = (code: string) => (code === '000000' ? '111111' : '000000');
/** An office code that is certainly not the one issued. */
const otherOfficeCode = (code: string) => (code === 'ZZZZZZZZZZ' ? 'YYYYYYYYYY' : 'ZZZZZZZZZZ');

describe(`account pages: forgotten password, activation, change of mobile (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;
  const officer = await aStaffMember(h, { agency: 'civil-affairs', role: 'officer' });

  const issue = async (nationalId: string, purpose: 'activate' | 'change_mobile') =>
    (await issueActivationCode({ db: database.db, clock, staff: { staffId: officer.id, role: 'officer', agency: 'civil-affairs' }, nationalId, purpose })).code;

  /** Logs in through the pages (password, then the code): the visitor holds a session. */
  async function logIn(v: Visitor, login: string, mobile: string, password = GOOD_PASSWORD) {
    await v.get('/login');
    clock.advance(1000);
    const started = await v.post('/login', { login, password });
    assert.equal(started.statusCode, 303, started.body);
    const codeUrl = started.headers.location as string;
    await v.get(codeUrl);
    const done = await v.post(codeUrl, { code: (await lastCodeSentTo(database, mobile))! });
    assert.equal(done.statusCode, 303, done.body);
    assert.ok(v.cookies.tayseer_session);
    return done;
  }

  async function anAccount(options: { registeredOnly?: boolean } = {}) {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person, options.registeredOnly ? { mobile: aMobile() } : {});
    return { person, body };
  }

  const mobileOf = async (username: string) =>
    (await database.db.selectFrom('accounts').select('mobile').where('username', '=', username).executeTakeFirstOrThrow()).mobile;

  it('links to the forgotten-password page from the login page', async () => {
    const ar = await new Visitor(app, 'ar').get('/login');
    assert.match(ar.body, /<a href="\/forgot-password">نسيت كلمة المرور؟<\/a>/);
    const en = await new Visitor(app, 'en').get('/login');
    assert.match(en.body, /Forgot your password\?/);
  });

  it('resets a forgotten password with the code sent to the registered mobile, and signs out every session', async () => {
    const { person, body } = await anAccount();
    const phone = new Visitor(app);
    await logIn(phone, body.username, body.mobile);
    assert.equal((await phone.get('/me')).statusCode, 200);

    const v = new Visitor(app);
    const form = await v.get('/forgot-password');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<label for="field-nationalId">/);
    assert.match(form.body, /id="field-mobile"[^>]*autocomplete="tel-national"/);
    assert.match(form.body, /id="field-mobile"[^>]*inputmode="numeric"/);
    clock.advance(1000);
    const started = await v.post('/forgot-password', { nationalId: person.nationalId, mobile: body.mobile });
    assert.equal(started.statusCode, 303, started.body);
    const codeUrl = started.headers.location as string;
    assert.match(codeUrl, /^\/forgot-password\/[0-9a-f-]{36}$/);
    const page = await v.get(codeUrl);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /autocomplete="one-time-code"/);
    assert.match(page.body, /autocomplete="new-password"/);

    const code = (await lastCodeSentTo(database, body.mobile))!;
    const mismatch = await v.post(codeUrl, { code, newPassword: NEW_PASSWORD, newPasswordConfirm: 'Something-else-91' });
    assert.equal(mismatch.statusCode, 422);
    assert.match(mismatch.body, /The two passwords do not match/);
    const done = await v.post(codeUrl, { code, newPassword: NEW_PASSWORD, newPasswordConfirm: NEW_PASSWORD });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /all your sessions were signed out/);
    assert.match(done.body, /href="\/login"/);
    assert.equal((await phone.get('/me')).statusCode, 303, 'the other session ended');
    await logIn(new Visitor(app), body.username, body.mobile, NEW_PASSWORD);
  });

  it('never says whether the ID and mobile matched; a wrong code is a field error; no CSRF token, 403', async () => {
    const { person, body } = await anAccount();
    const v = new Visitor(app);
    await v.get('/forgot-password');
    assert.equal((await v.post('/forgot-password', { nationalId: person.nationalId, mobile: body.mobile }, { csrf: null })).statusCode, 403);
    clock.advance(1000);
    const decoy = await v.post('/forgot-password', { nationalId: person.nationalId, mobile: aMobile() });
    assert.equal(decoy.statusCode, 303);
    assert.match(decoy.headers.location as string, /^\/forgot-password\/[0-9a-f-]{36}$/);
    const decoyPage = await v.get(decoy.headers.location as string);
    assert.equal(decoyPage.statusCode, 200);
    assert.match(decoyPage.body, /If the details you entered match an account/);

    clock.advance(1000);
    const real = await v.post('/forgot-password', { nationalId: person.nationalId, mobile: body.mobile });
    const code = (await lastCodeSentTo(database, body.mobile))!;
    const wrong = await v.post(real.headers.location as string, { code: otherCode(code), newPassword: NEW_PASSWORD, newPasswordConfirm: NEW_PASSWORD });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /href="#field-code">The verification code is not correct. Attempts left: 2/);
  });

  it('sends a new reset code after a minute, from the reset page, and only the newest code works', async () => {
    const { person, body } = await anAccount();
    const v = new Visitor(app);
    await v.get('/forgot-password');
    clock.advance(1000);
    const started = await v.post('/forgot-password', { nationalId: person.nationalId, mobile: body.mobile });
    const codeUrl = started.headers.location as string;
    const first = (await lastCodeSentTo(database, body.mobile))!;

    const early = await v.get(codeUrl);
    assert.doesNotMatch(early.body, new RegExp(`action="${codeUrl}/resend"`), 'no button before a minute has passed');
    assert.match(early.body, /You can ask for a new code from/);
    const tooSoon = await v.post(`${codeUrl}/resend`, {});
    assert.equal(tooSoon.statusCode, 429);
    assert.equal(await lastCodeSentTo(database, body.mobile), first, 'nothing was sent');

    clock.advance(61_000);
    const later = await v.get(codeUrl);
    assert.match(later.body, new RegExp(`<form method="post" action="${codeUrl}/resend">`));
    const resent = await v.post(`${codeUrl}/resend`, {});
    assert.equal(resent.statusCode, 303);
    assert.equal(resent.headers.location, `${codeUrl}?resent=1`);
    assert.match((await v.get(resent.headers.location as string)).body, /We sent a new code. The previous code no longer works./);
    const second = (await lastCodeSentTo(database, body.mobile))!;
    assert.notEqual(second, first);

    const old = await v.post(codeUrl, { code: first, newPassword: NEW_PASSWORD, newPasswordConfirm: NEW_PASSWORD });
    assert.equal(old.statusCode, 422, 'the replaced code no longer works');
    const done = await v.post(codeUrl, { code: second, newPassword: NEW_PASSWORD, newPasswordConfirm: NEW_PASSWORD });
    assert.equal(done.statusCode, 200, done.body);
  });

  it('activates a registered account with an office code (a wrong code first), and explains the bank option', async () => {
    const { person, body } = await anAccount({ registeredOnly: true });
    const v = new Visitor(app);
    await logIn(v, body.username, body.mobile);
    const me = await v.get('/me');
    assert.match(me.body, /href="\/me\/activate"/);
    const page = await v.get('/me/activate');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<label for="field-code">Activation code<\/label>/);
    assert.match(page.body, /Through your bank/);

    const code = await issue(person.nationalId, 'activate');
    assert.equal((await v.post('/me/activate', { code }, { csrf: null })).statusCode, 403);
    const wrong = await v.post('/me/activate', { code: otherOfficeCode(code) });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /The activation code is not correct. Attempts left: 2/);
    const done = await v.post('/me/activate', { code: `${code.slice(0, 5).toLowerCase()} ${code.slice(5)}` });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /Your account is active/);
    const account = await database.db.selectFrom('accounts').select(['status', 'activation_method']).where('username', '=', body.username).executeTakeFirstOrThrow();
    assert.equal(account.status, 'active');
    assert.equal(account.activation_method, 'office_code');
    assert.doesNotMatch((await v.get('/me')).body, /href="\/me\/activate"/);
  });

  it('changes the mobile with codes sent to the old and the new number (a wrong code first)', async () => {
    const { body } = await anAccount();
    const v = new Visitor(app, 'en');
    await logIn(v, body.username, body.mobile);
    assert.match((await v.get('/me')).body, /<a href="\/me\/mobile">Change mobile number<\/a>/);
    const form = await v.get('/me/mobile');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /id="field-newMobile"/);
    assert.match(form.body, /href="\/me\/mobile\?lost=1"/);
    const newMobile = aMobile();
    assert.equal((await v.post('/me/mobile', { newMobile }, { csrf: null })).statusCode, 403);
    clock.advance(1000);
    const started = await v.post('/me/mobile', { newMobile });
    assert.equal(started.statusCode, 303, started.body);
    const confirmUrl = started.headers.location as string;
    assert.match(confirmUrl, /^\/me\/mobile\/confirm\?old=[0-9a-f-]{36}&new=[0-9a-f-]{36}$/);
    const page = await v.get(confirmUrl);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /id="field-oldCode"/);
    assert.match(page.body, /id="field-newCode"/);
    const ids = { oldChallengeId: hidden(page.body, 'oldChallengeId')!, newChallengeId: hidden(page.body, 'newChallengeId')! };
    const oldCode = (await lastCodeSentTo(database, body.mobile))!;
    const newCode = (await lastCodeSentTo(database, newMobile))!;

    const wrong = await v.post('/me/mobile/confirm', { ...ids, oldCode, newCode: otherCode(newCode) });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /The verification code is not correct/);
    assert.equal(await mobileOf(body.username), body.mobile);
    const done = await v.post('/me/mobile/confirm', { ...ids, oldCode, newCode });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /Your mobile number was changed/);
    assert.equal(await mobileOf(body.username), newMobile);
    assert.ok((await messagesTo(database, body.mobile)).some((m) => m.template === 'account.mobile_changed'));
  });

  it('changes the mobile of someone who lost the old number, with an office code (a wrong code refused)', async () => {
    const { person, body } = await anAccount();
    const v = new Visitor(app, 'ar');
    await logIn(v, body.username, body.mobile);
    const form = await v.get('/me/mobile?lost=1');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /فقدت رقمي القديم/);
    assert.match(form.body, /id="field-activationCode"/);
    const newMobile = aMobile();
    const code = await issue(person.nationalId, 'change_mobile');
    clock.advance(1000);
    const refused = await v.post('/me/mobile', { newMobile, activationCode: otherOfficeCode(code) });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /href="#field-activationCode"/);
    assert.equal(await lastCodeSentTo(database, newMobile), undefined, 'no SMS without a right office code');

    const started = await v.post('/me/mobile', { newMobile, activationCode: code });
    assert.equal(started.statusCode, 200, started.body);
    assert.match(started.body, new RegExp(`value="${code}"`));
    assert.doesNotMatch(started.body, /field-oldCode/);
    const newChallengeId = hidden(started.body, 'newChallengeId')!;
    const done = await v.post('/me/mobile/confirm', { newChallengeId, activationCode: code, newCode: (await lastCodeSentTo(database, newMobile))! });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /تم تغيير رقم الجوال/);
    assert.equal(await mobileOf(body.username), newMobile);
  });

  it('sends a visitor without a session to log in', async () => {
    for (const url of ['/me/activate', '/me/mobile']) {
      const res = await new Visitor(app).get(url);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(url)}`);
    }
    // The JSON API is untouched by the pages.
    assert.equal((await post(app, '/api/v1/me/mobile', { newMobile: aMobile() })).statusCode, 401);
  });
});
