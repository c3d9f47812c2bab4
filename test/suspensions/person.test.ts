import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp } from '../identity/support.js';
import { aSuspension } from '../registry/builders.js';
import { aSignedInCitizen, getAs, webSignIn } from '../requests/support.js';
import { staffWith } from './support.js';

/** The person's Temporary suspension of services: page and API, in force and lifted, only their own. */

describe(`my suspensions (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app } = h;

  /** A citizen with a traffic suspension (since 1 Oct 2026), a court one on everything, one lifted lately and one long ago. */
  async function aSuspendedCitizen() {
    return aSignedInCitizen(h, {
      extra: (person) => [
        aSuspension(person, { reference: `SSTR${person.nationalId}`, authority: 'traffic', legalBasis: 'Traffic decision 1448/777', blockedServices: ['traffic.*'], liftedBy: 'pay_violations', startsAt: '2026-10-01T10:00:00+03:00' }),
        aSuspension(person, {
          reference: `SSCT${person.nationalId}`,
          authority: 'court',
          legalBasis: 'General Court ruling 1448/4242',
          reasonAr: 'حكم قضائي بالمنع من السفر',
          reasonEn: 'Court ruling imposing a travel ban',
          blockedServices: ['*'],
          liftedBy: 'authority_order',
          startsAt: '2026-10-28T10:00:00+03:00',
        }),
        aSuspension(person, { reference: `SSLF${person.nationalId}`, authority: 'enforcement_court', legalBasis: 'Enforcement order 1448/1', liftedBy: 'settle_debt', startsAt: '2026-09-01T10:00:00+03:00', liftedAt: '2026-10-15T10:00:00+03:00', liftNote: 'Debt settled' }),
        aSuspension(person, { reference: `SSOLD${person.nationalId}`, authority: 'zakat_tax_customs', legalBasis: 'ZATCA decision 1446/9', startsAt: '2025-01-01T10:00:00+03:00', liftedAt: '2025-02-01T10:00:00+03:00', liftNote: 'Paid' }),
      ],
    });
  }

  it('shows each suspension in force: authority, basis, reason, dates, phase, services, what lifts it and whom to call', async () => {
    const citizen = await aSuspendedCitizen();
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    const page = await v.get('/suspensions');
    assert.equal(page.statusCode, 200);
    const body = page.body;
    assert.match(body, /<h1>Temporary suspension of services<\/h1>/);
    assert.match(body, /Suspensions in force: 2/);
    assert.match(body, /The General Department of Traffic/);
    assert.match(body, /Traffic decision 1448\/777/);
    assert.match(body, /Unpaid traffic violations/);
    // 1 Oct to 1 Nov is day 31: the third phase of 15 days, since 31 October.
    assert.match(body, /Phase 3, since 31 October 2026 \(/);
    assert.match(body, /1 October 2026 \(\d+ [A-Za-z-’' ]+ 1448 AH\)/);
    assert.match(body, /All Traffic services/);
    assert.match(body, /href="\/violations"/);
    assert.match(body, /Paying the traffic violations due/);
    assert.match(body, /contact centre on 19999/);
    // The court's suspension covers every e-service of the catalogue, and says what the law keeps open.
    assert.match(body, /The General Court/);
    assert.match(body, /Phase 1, since 28 October 2026/);
    assert.match(body, /All e-services/);
    assert.match(body, /National ID replacement \(lost\)/);
    assert.match(body, /treatment, education, work, commercial registration and documentation stay open/);
    assert.match(body, /An order of the requesting authority/);
    // Lifted lately: apart, as history; lifted long ago: not at all.
    assert.match(body, /Lifted in the last 90 days/);
    assert.match(body, /Debt settled/);
    assert.doesNotMatch(body, /ZATCA decision/);
    assert.match(body, /class="print-controls no-print"/, 'the print hint is not printed');
    assert.match(body, /choose Print in your browser's menu; on a phone, choose Share, then Print/);
    assert.match(body, /<button type="button" class="button button-secondary" data-print="true" hidden>Print<\/button>/);
    assert.match(body, /<script src="\/assets\/print.js" defer><\/script>/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/, 'the page may run its own scripts');
    const script = await app.inject({ url: '/assets/print.js' });
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /javascript/);
    assert.match(script.body, /window\.print\(\)/);
  });

  it('shows the page in Arabic with Hijri dates', async () => {
    const citizen = await aSuspendedCitizen();
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, citizen);
    const body = (await v.get('/suspensions')).body;
    assert.match(body, /<html lang="ar" dir="rtl">/);
    assert.match(body, /الإيقاف المؤقت للخدمات/);
    assert.match(body, /الإدارة العامة للمرور/);
    assert.match(body, /حكم قضائي بالمنع من السفر/);
    assert.match(body, /1448 هـ/);
    assert.match(body, /المرحلة 3/);
    // Every text on the Arabic page is Arabic: a note written only in English is not shown there.
    assert.doesNotMatch(body, /Debt settled|>Paid</);
  });

  it('gives the same through the API, with both languages', async () => {
    const citizen = await aSuspendedCitizen();
    const res = await getAs(h, citizen.token, '/api/v1/me/suspensions');
    assert.equal(res.statusCode, 200, res.body);
    const json = res.json();
    assert.equal(json.contactCentre, '19999');
    assert.deepEqual(json.suspensions.map((s: { authority: string }) => s.authority), ['court', 'traffic']);
    const traffic = json.suspensions[1];
    assert.equal(traffic.legalBasis, 'Traffic decision 1448/777');
    assert.deepEqual(traffic.reason, { ar: 'مخالفات مرورية غير مسددة', en: 'Unpaid traffic violations' });
    assert.equal(traffic.authorityLabel.en, 'The General Department of Traffic');
    assert.equal(traffic.phase.number, 3);
    assert.equal(traffic.phase.since.iso, '2026-10-31');
    assert.match(traffic.startsAt.hijri.en, /1448 AH/);
    assert.equal(traffic.liftedBy, 'pay_violations');
    assert.equal(traffic.actionPath, '/violations');
    assert.equal(traffic.blockedServices.staysOpen, null);
    const court = json.suspensions[0];
    assert.equal(court.blockedServices.all, true);
    assert.ok(court.blockedServices.services.some((s: { id: string }) => s.id === 'civil-affairs.national-id.replace-lost'));
    assert.match(court.blockedServices.staysOpen.en, /stay open/);
    assert.equal(json.history.length, 1);
    assert.equal(json.history[0].liftNote, 'Debt settled');
    assert.equal(json.history[0].liftedAt.iso, '2026-10-15T07:00:00.000Z');
  });

  it('says clearly when nothing is suspended, and shows nobody else’s', async () => {
    await aSuspendedCitizen();
    const citizen = await aSignedInCitizen(h);
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    const page = await v.get('/suspensions');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /No services are suspended for you/);
    assert.doesNotMatch(page.body, /General Court|Lifted in the last 90 days/);
    const api = (await getAs(h, citizen.token, '/api/v1/me/suspensions')).json();
    assert.deepEqual([api.suspensions, api.history], [[], []]);
  });

  it('lists a staff look-up of the suspensions in "Who viewed my data": role, agency and time, never a name', async () => {
    const citizen = await aSuspendedCitizen();
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    assert.match((await v.get('/me/viewed')).body, /No staff member has viewed your data/);
    const { staff, token } = await staffWith(h, 'traffic', 'supervisor');
    assert.equal((await getAs(h, token, `/api/v1/staff/suspensions?nationalId=${citizen.person.nationalId}`)).statusCode, 200);
    const page = (await v.get('/me/viewed')).body;
    assert.match(page, /Supervisor/);
    assert.match(page, /<td[^>]*>Traffic<\/td>/);
    assert.match(page, /<a href="\/suspensions">Your suspensions of services<\/a>/);
    assert.doesNotMatch(page, new RegExp(staff.username));
  });

  it('asks the signed-out to log in, and is linked from General Services', async () => {
    const page = await new Visitor(app, 'en').get('/suspensions');
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/login?next=%2Fsuspensions');
    assert.equal((await app.inject({ url: '/api/v1/me/suspensions' })).statusCode, 401);
    const general = await new Visitor(app, 'ar').get('/agencies/general');
    assert.match(general.body, /<a href="\/suspensions">/);
    assert.match(general.body, /الإيقاف المؤقت للخدمات/);
    const traffic = await new Visitor(app, 'en').get('/agencies/traffic');
    assert.doesNotMatch(traffic.body, /href="\/suspensions"/);
  });

  it('documents its API in OpenAPI', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/me/suspensions', '/api/v1/staff/suspensions', '/api/v1/staff/suspensions/{reference}/lift']) assert.ok(doc.paths[path], path);
    assert.ok(doc.paths['/api/v1/staff/suspensions'].post);
    assert.ok(doc.paths['/api/v1/staff/suspensions'].get);
  });
});
