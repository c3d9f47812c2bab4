import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { GOOD_PASSWORD, identityApp, lastCodeSentTo } from '../identity/support.js';
import { aSignedInCitizen, LOST_ID, webSignIn, type Citizen } from './support.js';
import { safeNextPath } from '../../src/web/routes.js';

/**
 * A session that ends (idle) while the person fills in a service form: the answers are kept,
 * the login page says why it is shown, and signing in again comes back to the same step with
 * what was typed. Before that, signed-in pages carry the notice that warns of the end.
 */

const IDLE_MS = 16 * 60 * 1000; // past the default 15 idle minutes

describe(`a session that ends in a form (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app } = h;
  const lossForm = { 'loss.lostOn': '2026-10-30', 'loss.city': 'jeddah', 'loss.circumstances': 'ضاعت في طريق العودة إلى المنزل.', 'loss.declaration': 'yes' };

  /** Signs in through the login page the portal sent the person to, and returns where it ends. */
  async function signInFrom(v: Visitor, loginUrl: string, citizen: Citizen): Promise<string> {
    const page = await v.get(loginUrl);
    assert.equal(page.statusCode, 200);
    const next = /name="next" value="([^"]*)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&');
    h.clock.advance(1000);
    const started = await v.post('/login', { login: citizen.username, password: GOOD_PASSWORD, ...(next ? { next } : {}) });
    assert.equal(started.statusCode, 303);
    const codeUrl = started.headers.location as string;
    await v.get(codeUrl);
    const done = await v.post(codeUrl, { code: (await lastCodeSentTo(h.database, citizen.mobile))! });
    assert.equal(done.statusCode, 303);
    return done.headers.location as string;
  }

  async function atSecondStep() {
    const citizen = await aSignedInCitizen(h);
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, citizen);
    await v.get(`/services/${LOST_ID}/apply/loss`);
    const second = await v.submit(`/services/${LOST_ID}/apply`, { step: 'loss', go: 'next', ...lossForm });
    assert.equal(second.statusCode, 200);
    assert.match(second.body, /name="step" value="delivery"/);
    return { citizen, v };
  }

  it('keeps the answers of a step sent after the idle end, says so on the login page, and comes back to that step with them', async () => {
    const { citizen, v } = await atSecondStep();
    h.clock.advance(IDLE_MS);
    const late = await v.post(`/services/${LOST_ID}/apply`, { step: 'delivery', go: 'next', ...lossForm, 'delivery.method': 'office' });
    assert.equal(late.statusCode, 303);
    const login = late.headers.location as string;
    const url = new URL(login, 'http://localhost');
    assert.equal(url.pathname, '/login');
    assert.equal(url.searchParams.get('next'), `/services/${LOST_ID}/apply/delivery`, 'next is the exact step');
    assert.equal(url.searchParams.get('ended'), 'kept');
    const page = await v.get(login);
    assert.match(page.body, /انتهت جلستك تلقائيًا لحمايتك/);
    assert.match(page.body, /حفظنا ما أدخلته/);

    const back = await signInFrom(v, login, citizen);
    assert.equal(back, `/services/${LOST_ID}/apply/delivery`);
    const step = await v.get(back);
    assert.equal(step.statusCode, 200);
    assert.match(step.body, /name="step" value="delivery"/, 'the same step');
    assert.match(step.body, /value="office"[^>]*checked|checked[^>]*value="office"/, 'the choice made at this step');
    assert.match(step.body, /name="loss.circumstances" value="ضاعت في طريق العودة إلى المنزل."/, "the earlier step's answers travel on");

    // The form goes on from there and submits; the draft is then gone.
    const check = await v.submit(`/services/${LOST_ID}/apply`, { step: 'delivery', go: 'next', ...lossForm, 'delivery.method': 'national_address' });
    assert.equal(check.statusCode, 200);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(check.body)![1]!;
    const submitted = await v.post(`/services/${LOST_ID}/submit`, { ...lossForm, 'delivery.method': 'national_address', idempotencyKey: key });
    assert.equal(submitted.statusCode, 303);
    assert.match(submitted.headers.location as string, /^\/requests\/.+\?submitted=1$/);
    assert.equal((await v.get(`/services/${LOST_ID}/apply/delivery`)).statusCode, 303, 'no draft left to open');
  });

  it('keeps answers for the ended session’s own account only, and not from a form without its token', async () => {
    const { v } = await atSecondStep();
    h.clock.advance(IDLE_MS);
    const forged = await v.post(`/services/${LOST_ID}/apply`, { step: 'delivery', go: 'next', ...lossForm }, { csrf: 'not-the-session-token' });
    assert.equal(new URL(forged.headers.location as string, 'http://localhost').searchParams.get('ended'), 'ended', 'nothing kept: the session ended, said plainly');

    const { citizen: owner, v: ownerVisitor } = await atSecondStep();
    h.clock.advance(IDLE_MS);
    const late = await ownerVisitor.post(`/services/${LOST_ID}/apply`, { step: 'delivery', go: 'next', ...lossForm });
    assert.equal(new URL(late.headers.location as string, 'http://localhost').searchParams.get('ended'), 'kept');
    // Someone else signs in on the same browser: the step does not open with the owner's answers.
    const other = await aSignedInCitizen(h);
    const back = await signInFrom(ownerVisitor, late.headers.location as string, other);
    const step = await ownerVisitor.get(back);
    assert.equal(step.statusCode, 303, 'another account has no draft here');
    assert.doesNotMatch(step.body, /ضاعت في طريق العودة/);
    // The owner, signing in again, still finds it.
    const v2 = new Visitor(app, 'ar');
    assert.equal(await signInFrom(v2, late.headers.location as string, owner), `/services/${LOST_ID}/apply/delivery`);
    assert.match((await v2.get(`/services/${LOST_ID}/apply/delivery`)).body, /ضاعت في طريق العودة/);
  });

  it('refuses to send anyone elsewhere after signing in: next is a path of this site or home', async () => {
    for (const next of ['https://evil.example/x', '//evil.example/x', '/\\evil.example/x', '/\t/evil.example/x', 'javascript:alert(1)', '/%0a/evil.example', ' /x']) {
      const safe = safeNextPath(next);
      assert.equal(new URL(safe, 'http://portal.example').origin, 'http://portal.example', `${JSON.stringify(next)} -> ${safe}`);
    }
    assert.equal(safeNextPath('/services/x/apply/delivery?for=1234567890'), '/services/x/apply/delivery?for=1234567890');
    const citizen = await aSignedInCitizen(h);
    for (const next of ['//evil.example/x', '/\t/evil.example/x']) {
      const v = new Visitor(app, 'ar');
      await v.get('/login');
      h.clock.advance(1000);
      const started = await v.post('/login', { login: citizen.username, password: GOOD_PASSWORD, next });
      const codeUrl = started.headers.location as string;
      await v.get(codeUrl);
      const done = await v.post(codeUrl, { code: (await lastCodeSentTo(h.database, citizen.mobile))! });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/', `${JSON.stringify(next)} is refused`);
    }
  });

  it('warns before the end on signed-in pages, and "stay signed in" keeps the session alive', async () => {
    const citizen = await aSignedInCitizen(h);
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, citizen);
    const page = await v.get('/services');
    assert.match(page.body, /id="session-warning"[^>]*hidden/, 'hidden until the script shows it');
    assert.match(page.body, /data-idle-seconds="900"/);
    assert.match(page.body, /<script src="\/assets\/session-timeout.js" defer><\/script>/);
    assert.match(page.body, /البقاء متصلًا/);
    assert.doesNotMatch(page.body, /<script>/, 'no inline script');
    assert.equal((await v.get('/assets/session-timeout.js')).statusCode, 200);
    assert.doesNotMatch((await new Visitor(app, 'ar').get('/services')).body, /session-warning/, 'nothing to warn of when signed out');

    h.clock.advance(13 * 60 * 1000);
    const stay = await app.inject({ method: 'POST', url: '/session/keep-alive', cookies: v.cookies, headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: v.csrf, next: '/services' }).toString() });
    assert.equal(stay.statusCode, 200);
    assert.deepEqual(stay.json(), { signedIn: true });
    h.clock.advance(13 * 60 * 1000);
    assert.equal((await v.get('/me')).statusCode, 200, 'still signed in 26 minutes after the page, thanks to the button');
    h.clock.advance(IDLE_MS);
    const gone = await v.post('/session/keep-alive', { next: '/services' });
    assert.equal(gone.statusCode, 303);
    assert.equal(gone.headers.location, `/login?next=${encodeURIComponent('/services')}&ended=ended`);
  });
});
