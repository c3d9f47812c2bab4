import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MINUTE_MS } from '../../src/kernel/clock.js';
import { aChild, aVehicle, aViolation } from '../registry/builders.js';
import { engineUnderTest } from '../support/database.js';
import { addPersons, aMobile, aRegistryCitizen, GOOD_PASSWORD, identityApp, lastCodeSentTo } from '../identity/support.js';
import { Visitor } from '../support/visitor.js';

describe(`identity pages (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;
  let serial = 0;
  const username = () => `web_${process.pid}_${++serial}`;

  /** Registers through the pages; returns the username and the outcome page. */
  async function registerThroughPages(v: Visitor, person: { nationalId: string; birthDate: string }, mobile: string) {
    const name = username();
    await v.get('/register');
    clock.advance(1000);
    const started = await v.post('/register', {
      nationalId: person.nationalId, dateOfBirth: person.birthDate, mobile, email: `${name}@example.test`,
      username: name, password: GOOD_PASSWORD, passwordConfirm: GOOD_PASSWORD, language: 'en',
    });
    assert.equal(started.statusCode, 303, started.body);
    const codeUrl = started.headers.location as string;
    assert.match(codeUrl, /^\/codes\/[0-9a-f-]{36}$/);
    const codePage = await v.get(codeUrl);
    assert.equal(codePage.statusCode, 200);
    assert.match(codePage.body, /autocomplete="one-time-code"/);
    const done = await v.post(codeUrl, { code: (await lastCodeSentTo(database, mobile))! });
    return { username: name, done };
  }

  async function logIn(v: Visitor, login: string, mobile: string, next?: string) {
    await v.get(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
    clock.advance(1000);
    const started = await v.post('/login', { login, password: GOOD_PASSWORD, ...(next ? { next } : {}) });
    assert.equal(started.statusCode, 303, started.body);
    const codeUrl = started.headers.location as string;
    await v.get(codeUrl);
    return v.post(codeUrl.split('?')[0]!, { code: (await lastCodeSentTo(database, mobile))!, ...(next ? { next } : {}) });
  }

  it('renders the register page in Arabic by default and in English, with labels, hints and autocomplete', async () => {
    const ar = await new Visitor(app, 'ar').get('/register');
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /<html lang="ar" dir="rtl">/);
    assert.match(ar.body, /إنشاء حساب/);
    assert.match(ar.body, /<label for="field-nationalId">/);
    assert.match(ar.body, /id="field-nationalId"[^>]*inputmode="numeric"/);
    assert.match(ar.body, /aria-describedby="field-nationalId-hint"/);
    for (const value of ['tel-national', 'email', 'username', 'new-password']) assert.match(ar.body, new RegExp(`autocomplete="${value}"`));
    // The date of birth: Hijri first and chosen, then Gregorian; day, a month list per calendar, year.
    assert.match(ar.body, /<legend>تاريخ الميلاد<\/legend>/);
    assert.match(ar.body, /name="dobCalendar" value="hijri" checked[^>]*>\s*<span>هجري<\/span>[\s\S]*name="dobCalendar" value="gregorian"[^>]*>\s*<span>ميلادي<\/span>/);
    assert.doesNotMatch(ar.body, /value="gregorian" checked/);
    assert.match(ar.body, /<label for="field-dateOfBirth">اليوم<\/label><input id="field-dateOfBirth" name="dobDay"[^>]*inputmode="numeric"/);
    assert.match(ar.body, /<label for="field-dateOfBirth-month-hijri">الشهر الهجري<\/label><select[^>]*name="dobMonthHijri"[\s\S]*<option value="9">رمضان \(9\)<\/option>/);
    assert.match(ar.body, /<label for="field-dateOfBirth-month-gregorian">الشهر الميلادي<\/label><select[^>]*name="dobMonthGregorian"[\s\S]*<option value="3">مارس \(3\)<\/option>/);
    assert.match(ar.body, /name="dobYear"[^>]*maxlength="4"/);
    // The hint says what the fields ask, not another format; no Gregorian autofill in Hijri fields.
    assert.match(ar.body, /id="field-dateOfBirth-hint">كما في هويتك أو إقامتك: اختر التقويم، ثم اكتب اليوم، واختر الشهر، واكتب السنة بأربعة أرقام/);
    assert.doesNotMatch(ar.body, /سنة-شهر-يوم|type="date"|autocomplete="bday/);
    const en = await new Visitor(app, 'en').get('/register');
    assert.match(en.body, /<html lang="en" dir="ltr">/);
    assert.match(en.body, /ID, iqama or border number/);
    // Signed out, the header offers log in and register.
    assert.match(en.body, /href="\/login"/);
    const csrfCookie = en.cookies.find((c) => c.name === 'tayseer_csrf');
    assert.equal(csrfCookie?.httpOnly, true);
    assert.equal(csrfCookie?.sameSite, 'Strict');
  });

  it('refuses a form without its CSRF token (403, translated)', async () => {
    const v = new Visitor(app, 'en');
    await v.get('/login');
    const none = await v.post('/login', { login: 'someone', password: 'x' }, { csrf: null });
    assert.equal(none.statusCode, 403);
    assert.match(none.body, /form has expired/);
    const wrong = await v.post('/login', { login: 'someone', password: 'x' }, { csrf: 'A'.repeat(43) });
    assert.equal(wrong.statusCode, 403);
  });

  it('shows translated field errors at the top and beside each field, and keeps the data except passwords', async () => {
    const v = new Visitor(app, 'en');
    await v.get('/register');
    const res = await v.post('/register', {
      nationalId: '1234567890', dateOfBirth: '1990-02-30', mobile: '0512', email: 'kept@example.test',
      username: 'ab', password: 'short', passwordConfirm: 'other', language: 'en',
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /href="#field-nationalId">The ID number is not valid/);
    assert.match(res.body, /The date of birth is not a real date/);
    assert.match(res.body, /form 05XXXXXXXX/);
    assert.match(res.body, /at least 8 characters/);
    assert.match(res.body, /The two passwords do not match/);
    assert.match(res.body, /aria-describedby="field-mobile-hint field-mobile-error"/);
    assert.match(res.body, /aria-invalid="true"/);
    assert.match(res.body, /value="kept@example.test"/);
    assert.match(res.body, /value="1234567890"/);
    assert.doesNotMatch(res.body, /value="short"/);
  });

  it('registers, answers the code, and says the account is active; another mobile: how to activate', async () => {
    const person = await aRegistryCitizen(database);
    const { done } = await registerThroughPages(new Visitor(app), person, person.mobile!);
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /your account is active/);
    assert.match(done.body, /href="\/login"/);

    const other = await aRegistryCitizen(database);
    const registered = await registerThroughPages(new Visitor(app), other, aMobile());
    assert.match(registered.done.body, /needs activating/);
    assert.match(registered.done.body, /service office or a self-service kiosk/);
    assert.match(registered.done.body, /Through your bank/);
  });

  it('registers with a Hijri date of birth, converted to the Gregorian one the registry keeps (Umm al-Qura)', async () => {
    // Born 1 Ramadan 1445 AH = 11 March 2024; typed in Arabic-Indic digits, as a phone keyboard may.
    const person = await aRegistryCitizen(database, { birthDate: '2024-03-11' });
    const v = new Visitor(app, 'ar');
    await v.get('/register');
    clock.advance(1000);
    const name = username();
    const started = await v.post('/register', {
      nationalId: person.nationalId, dobCalendar: 'hijri', dobDay: '١', dobMonthHijri: '9', dobMonthGregorian: '', dobYear: '١٤٤٥',
      mobile: person.mobile!, email: `${name}@example.test`, username: name, password: GOOD_PASSWORD, passwordConfirm: GOOD_PASSWORD, language: 'en',
    });
    assert.equal(started.statusCode, 303, started.body);
    const codeUrl = started.headers.location as string;
    await v.get(codeUrl);
    const code = await lastCodeSentTo(database, person.mobile!);
    assert.ok(code, 'a real registration: the code is sent (a date that does not match would get a decoy)');
    const done = await v.post(codeUrl, { code });
    assert.equal(done.statusCode, 200, done.body);

    // The Gregorian calendar, with the month chosen by name.
    const other = await aRegistryCitizen(database, { birthDate: '1990-03-25' });
    const g = new Visitor(app, 'en');
    await g.get('/register');
    clock.advance(1000);
    const otherName = username();
    const gregorian = await g.post('/register', {
      nationalId: other.nationalId, dobCalendar: 'gregorian', dobDay: '25', dobMonthHijri: '', dobMonthGregorian: '3', dobYear: '1990',
      mobile: other.mobile!, email: `${otherName}@example.test`, username: otherName, password: GOOD_PASSWORD, passwordConfirm: GOOD_PASSWORD, language: 'en',
    });
    assert.equal(gregorian.statusCode, 303, gregorian.body);
    assert.ok(await lastCodeSentTo(database, other.mobile!), 'matched the registry');
  });

  it('says clearly, in the field, when the date of birth does not exist or is incomplete, and keeps what was typed', async () => {
    const base = { mobile: '0512345678', email: 'dob@example.test', username: 'dob_checks', password: GOOD_PASSWORD, passwordConfirm: GOOD_PASSWORD, language: 'en' };
    const v = new Visitor(app, 'en');
    await v.get('/register');
    const errorOf = async (dob: Record<string, string>, locale: 'ar' | 'en' = 'en') => {
      const visitor = locale === 'en' ? v : new Visitor(app, 'ar');
      if (locale === 'ar') await visitor.get('/register');
      clock.advance(MINUTE_MS); // under the per-address limit of registrations a minute
      const res = await visitor.post('/register', { ...base, nationalId: String(1_100_000_000 + ++serial), ...dob });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /href="#field-dateOfBirth">/, 'the summary links to the day');
      return res;
    };
    // Ramadan 1446 had 29 days.
    const no30 = await errorOf({ dobCalendar: 'hijri', dobDay: '30', dobMonthHijri: '9', dobYear: '1446' });
    assert.match(no30.body, /In the Umm al-Qura calendar Ramadan 1446 AH had 29 days, so it has no 30th/);
    assert.match(no30.body, /id="field-dateOfBirth-error"/);
    assert.match(no30.body, /name="dobDay" value="30"/);
    assert.match(no30.body, /<option value="9" selected>Ramadan \(9\)<\/option>/);
    assert.match(no30.body, /name="dobYear" value="1446"/);
    const feb31 = await errorOf({ dobCalendar: 'gregorian', dobDay: '31', dobMonthGregorian: '2', dobYear: '1990' });
    assert.match(feb31.body, /There is no day 31 in February 1990/);
    assert.match(feb31.body, /value="gregorian" checked/);
    const ar = await errorOf({ dobCalendar: 'gregorian', dobDay: '31', dobMonthGregorian: '2', dobYear: '1990' }, 'ar');
    assert.match(ar.body, /لا يوجد يوم 31 في شهر فبراير سنة 1990/);
    assert.match((await errorOf({ dobCalendar: 'hijri', dobDay: '12', dobMonthHijri: '', dobYear: '1410' })).body, /Enter the day, the month and the year of your birth/);
    assert.match((await errorOf({ dobCalendar: 'hijri', dobDay: '12', dobMonthHijri: '3', dobYear: '90' })).body, /Write the Hijri year in four digits/);
    assert.match((await errorOf({ dobCalendar: 'hijri', dobDay: '', dobMonthHijri: '', dobYear: '' })).body, /Enter your date of birth/);
  });

  it('keeps the code page honest: a wrong code is a field error, and a resend waits 60 seconds', async () => {
    const person = await aRegistryCitizen(database);
    const v = new Visitor(app);
    await v.get('/register');
    const started = await v.post('/register', {
      nationalId: person.nationalId, dateOfBirth: person.birthDate, mobile: person.mobile!, email: 'c@example.test',
      username: username(), password: GOOD_PASSWORD, passwordConfirm: GOOD_PASSWORD, language: 'en',
    });
    const codeUrl = started.headers.location as string;
    const page = await v.get(codeUrl);
    assert.match(page.body, /You can ask for a new code from/);
    assert.doesNotMatch(page.body, /Send a new code/);
    const wrong = await v.post(codeUrl, { code: '000000' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Attempts left: 2/);
    clock.advance(61_000);
    const later = await v.get(codeUrl);
    assert.match(later.body, /Send a new code/);
    const resent = await v.post(`${codeUrl}/resend`, {});
    assert.equal(resent.statusCode, 303);
    assert.match(resent.headers.location as string, /resent=1/);
  });

  it('logs in with a code, sets an HttpOnly SameSite=Lax cookie, and shows my data with document flags', async () => {
    const person = await aRegistryCitizen(database);
    const doc = (number: string, expiryDate: string) => ({
      kind: 'document', nationalId: person.nationalId, documentKind: 'passport', number, issueDate: '2020-01-01', expiryDate, status: 'valid',
    });
    const child = aChild();
    await addPersons(database, [
      child,
      { kind: 'parent_child', parentNationalId: person.nationalId, childNationalId: child.nationalId },
      doc('P1', '2026-10-01'), doc('P2', '2027-01-15'), doc('P3', '2030-01-01'),
      aVehicle(person), aViolation(person),
    ]);
    const { username: login } = await registerThroughPages(new Visitor(app), person, person.mobile!);
    const v = new Visitor(app);
    const done = await logIn(v, login, person.mobile!);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/', 'the person lands on their home');
    const cookie = done.cookies.find((c) => c.name === 'tayseer_session');
    assert.ok(cookie?.value);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');

    const me = await v.get('/me');
    assert.equal(me.statusCode, 200);
    assert.match(me.body, new RegExp(person.firstNameEn));
    assert.match(me.body, /Expired/);
    assert.match(me.body, /Expires within 90 days/);
    assert.match(me.body, /AH/); // Hijri dates beside the Gregorian ones
    assert.match(me.body, /<bdi class="amount">SAR/);
    assert.match(me.body, /Log out/);
    // Signed in, every page's header shows the person and a log-out form with the session's token.
    const home = await v.get('/');
    assert.match(home.body, /action="\/logout"/);
    assert.match(home.body, /href="\/me"/);
  });

  it('rotates the session at each login and revokes the one the browser had', async () => {
    const person = await aRegistryCitizen(database);
    const { username: login } = await registerThroughPages(new Visitor(app), person, person.mobile!);
    const v = new Visitor(app);
    await logIn(v, login, person.mobile!);
    const first = v.cookies.tayseer_session!;
    clock.advance(61_000);
    await logIn(v, login, person.mobile!);
    const second = v.cookies.tayseer_session!;
    assert.notEqual(first, second);
    const stale = await app.inject({ url: '/me', cookies: { tayseer_session: first }, headers: { accept: 'text/html' } });
    assert.equal(stale.statusCode, 303);
  });

  it('sends a visitor without a session to log in, then back', async () => {
    const res = await new Visitor(app).get('/me');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/login?next=%2Fme');
    const person = await aRegistryCitizen(database);
    const { username: login } = await registerThroughPages(new Visitor(app), person, person.mobile!);
    const done = await logIn(new Visitor(app), login, person.mobile!, '/me/sessions');
    assert.equal(done.headers.location, '/me/sessions');
    const offsite = await logIn(new Visitor(app), login, person.mobile!, '//evil.example');
    assert.equal(offsite.headers.location, '/');
  });

  it('ends a session idle for more than 15 minutes', async () => {
    const person = await aRegistryCitizen(database);
    const { username: login } = await registerThroughPages(new Visitor(app), person, person.mobile!);
    const v = new Visitor(app);
    await logIn(v, login, person.mobile!);
    assert.equal((await v.get('/me')).statusCode, 200);
    clock.advance(16 * MINUTE_MS);
    const res = await v.get('/me');
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/login\?next=/);
  });

  it('lists my sessions, revokes another one, and logs out', async () => {
    const person = await aRegistryCitizen(database);
    const { username: login } = await registerThroughPages(new Visitor(app), person, person.mobile!);
    const phone = new Visitor(app);
    await logIn(phone, login, person.mobile!);
    clock.advance(61_000);
    const laptop = new Visitor(app);
    await logIn(laptop, login, person.mobile!);

    const page = await laptop.get('/me/sessions');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /This device/);
    assert.match(page.body, /Chrome on Android/);
    assert.match(page.body, /Logged in/);
    const revokeAction = /action="(\/me\/sessions\/[0-9a-f-]+\/revoke)"/.exec(page.body)?.[1];
    assert.ok(revokeAction);
    assert.equal((await laptop.post(revokeAction, {}, { csrf: null })).statusCode, 403);
    const revoked = await laptop.post(revokeAction, {});
    assert.equal(revoked.statusCode, 303);
    assert.equal((await phone.get('/me')).statusCode, 303, 'the other device is signed out');

    await laptop.get('/me');
    const token = laptop.cookies.tayseer_session!;
    const out = await laptop.post('/logout', {});
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/');
    const again = await app.inject({ url: '/me', cookies: { tayseer_session: token }, headers: { accept: 'text/html' } });
    assert.equal(again.statusCode, 303, 'the session is revoked on the server, not only forgotten by the browser');
  });

  it('answers a wrong password without saying whether the login exists', async () => {
    const v = new Visitor(app);
    await v.get('/login');
    const unknown = await v.post('/login', { login: 'nobody-here', password: 'Wrong-password-1' });
    const person = await aRegistryCitizen(database);
    const { username: login } = await registerThroughPages(new Visitor(app), person, person.mobile!);
    const wrong = await v.post('/login', { login, password: 'Wrong-password-1' });
    assert.equal(unknown.statusCode, wrong.statusCode);
    const message = (body: string) => /<div class="error-summary"[^]*?<p>([^<]+)<\/p>/.exec(body)?.[1];
    assert.equal(message(unknown.body), message(wrong.body));
    assert.match(wrong.body, /value="[^"]*"/);
  });
});
