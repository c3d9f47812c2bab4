import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecordOf } from '../../src/registry/index.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { aMobile, aRegistryCitizen, GOOD_PASSWORD, identityApp, registerAccount, signIn } from '../identity/support.js';
import { anEstablishment, aResident } from '../registry/builders.js';
import { aSignedInCitizen, getAs, webSignIn } from '../requests/support.js';

/**
 * The home says what to do (issue 16, item 9): an account not activated is told how to activate
 * it; the owner warned of expired iqamas finds each worker's expiry, Gregorian and Hijri, on the
 * page the warning links to. The test clock is 1 November 2026.
 */

function iqama(person: { nationalId: string }, expiryDate: string): RecordOf<'document'> {
  return { kind: 'document', nationalId: person.nationalId, documentKind: 'iqama', number: person.nationalId, issueDate: '2020-01-01', expiryDate, status: 'valid', issuingCountry: 'SAU' } as RecordOf<'document'>;
}

describe(`what the home says to do (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database } = h;

  it('tells an account not activated how to activate it, on the page and in the API, instead of "nothing needs your attention"', async () => {
    const person = await aRegistryCitizen(database);
    // A mobile other than the registry's: the account is registered, not active.
    const { body } = await registerAccount(h, person, { mobile: aMobile() });
    const token = await signIn(h, body.username, GOOD_PASSWORD, body.mobile);
    const api = await getAs(h, token, '/api/v1/me/dashboard');
    assert.equal(api.statusCode, 200, api.body);
    const first = api.json().attention[0];
    assert.equal(first.kind, 'account_not_activated');
    assert.equal(first.href, '/me/activate');
    assert.equal(first.steps.length, 3);

    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, { username: body.username, mobile: body.mobile });
    const page = await v.get('/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /حسابك غير مفعّل بعد/);
    assert.match(page.body, /href="\/me\/activate"/);
    assert.match(page.body, /برمز تفعيل/);
    assert.match(page.body, /عن طريق بنكك/);
    assert.match(page.body, /أجهزة الخدمة الذاتية/);
    assert.doesNotMatch(page.body, /لا يوجد ما يحتاج إلى انتباهك/);
  });

  it('says nothing of activation to an active account', async () => {
    const citizen = await aSignedInCitizen(h);
    const home = (await getAs(h, citizen.token, '/api/v1/me/dashboard')).json();
    assert.ok(!home.attention.some((i: { kind: string }) => i.kind === 'account_not_activated'));
  });

  it('links the expired-iqamas warning to a page that shows each worker’s iqama expiry, Gregorian and Hijri, expired ones first and marked', async () => {
    const citizen = await aSignedInCitizen(h, {
      extra: (p) => {
        const establishment = anEstablishment(p, { nameEn: 'Expiry Contracting' });
        const valid = aResident({ mobile: null, firstNameEn: 'Valid' });
        const expired = aResident({ mobile: null, firstNameEn: 'Expired' });
        const sponsorship = (w: { nationalId: string }) => ({ kind: 'sponsorship', workerNationalId: w.nationalId, sponsorUnifiedNumber: establishment.unifiedNumber, occupationAr: 'عامل', occupationEn: 'Labourer', domesticWorker: false, startedOn: '2024-01-01' });
        return [establishment, valid, iqama(valid, '2028-03-01'), sponsorship(valid), expired, iqama(expired, '2026-10-01'), sponsorship(expired)];
      },
    });
    const home = (await getAs(h, citizen.token, '/api/v1/me/dashboard')).json();
    const warning = home.attention.find((i: { kind: string }) => i.kind === 'establishment_iqamas_expired');
    assert.ok(warning);

    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    const page = await v.get(warning.href);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Iqama expiry/);
    assert.match(page.body, /1 October 2026/);
    assert.match(page.body, /1 March 2028/);
    // The Hijri date beside the Gregorian one (1 October 2026 is 19 Rabi' II 1448).
    assert.match(page.body, /1448 AH/);
    assert.match(page.body, /Iqama expired/);
    assert.ok(page.body.indexOf('Expired') < page.body.indexOf('Valid '), 'the expired iqama comes first');
    assert.match(page.body, /Expired iqamas/);

    const ar = new Visitor(app, 'ar');
    await webSignIn(h, ar, citizen);
    const arPage = await ar.get(warning.href);
    assert.match(arPage.body, /تاريخ انتهاء الإقامة/);
    assert.match(arPage.body, /الإقامة منتهية/);
    assert.match(arPage.body, /هـ/);
  });
});
