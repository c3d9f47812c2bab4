import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp } from '../identity/support.js';
import { aSignedInCitizen, webSignIn } from '../requests/support.js';

/**
 * Every page form answers its POST with a redirect to a page fetched with GET (web/replay.ts),
 * whatever the route draws: Back and reload never meet the answer to a POST.
 */
describe(`post/redirect/get for every page form (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app } = h;

  it('redirects a form with mistakes to the same address, where this browser (and only it) finds the page again, with its status', async () => {
    const v = new Visitor(app, 'en');
    await v.get('/login');
    const posted = await v.postRaw('/login', { login: '', password: '' });
    assert.equal(posted.statusCode, 303);
    const location = String(posted.headers.location);
    assert.match(location, /^\/login\?_page=[0-9a-f-]{36}$/);
    assert.equal(posted.body, '');
    const page = await v.get(location);
    assert.equal(page.statusCode, 422, 'the page keeps the status it was drawn with');
    assert.match(page.body, /href="#field-login">Enter your username or ID number/);
    assert.equal(page.headers['cache-control'], 'no-store');
    const reload = await v.get(location);
    assert.equal(reload.body, page.body, 'a reload (or Back) shows it again');
    // Another browser at the same address gets the form itself, not this page.
    const other = new Visitor(app, 'en');
    await other.get('/login');
    const theirs = await other.get(location);
    assert.equal(theirs.statusCode, 200);
    assert.doesNotMatch(theirs.body, /href="#field-login">Enter your username or ID number/);
    // Past its time, the address shows the form.
    h.clock.advance(31 * 60_000);
    assert.doesNotMatch((await v.get(location)).body, /href="#field-login">Enter your username or ID number/);
  });

  it('redirects a refusal and a result page too, signed in or not, and leaves redirects and the API alone', async () => {
    const citizen = await aSignedInCitizen(h);
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    // A refusal drawn as a page (a request that is not theirs): fetched by GET at the POST's address.
    const refused = await v.postRaw('/requests/TR-XXXX-XXXX-X/actions/cancel', { expectedVersion: '1', confirm: 'yes' });
    assert.equal(refused.statusCode, 303);
    assert.match(String(refused.headers.location), /^\/requests\/TR-XXXX-XXXX-X\/actions\/cancel\?_page=/);
    assert.ok((await v.get(String(refused.headers.location))).statusCode >= 400, 'the refusal page, with its status');
    // A success that redirects by itself is not touched.
    const out = await v.postRaw('/logout', {});
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/');
    // The API answers with its own body.
    const api = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: citizen.username, password: 'wrong-password-1' } });
    assert.notEqual(api.statusCode, 303);
    assert.match(String(api.headers['content-type']), /application\/problem\+json/);
  });
});
