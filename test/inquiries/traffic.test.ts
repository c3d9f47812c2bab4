import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInquiryCatalogue, inquiryDefinitions, inquiryProblems, type InquiryDefinition } from '../../src/inquiries/index.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp } from '../identity/support.js';
import { aDomesticWorkerSponsorship, aResident, aVehicle, aViolation } from '../registry/builders.js';
import { aSignedInCitizen, getAs, webSignIn } from '../requests/support.js';

/**
 * The inquiries module through the traffic inquiries: the list and search, each inquiry's answer
 * and empty state in both languages, whom one may ask about (self, dependants, workers; nobody
 * else), the print view, and signed-out answers.
 */

describe(`traffic inquiries (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app } = h;
  const ask = (token: string, id: string, subject?: string) => getAs(h, token, `/api/v1/inquiries/${id}${subject ? `?subject=${subject}` : ''}`);

  it('lists every inquiry by agency, checks the definitions at start-up, and finds them by the words people use', async () => {
    const list = (await app.inject({ url: '/api/v1/inquiries?agency=traffic' })).json().inquiries as Array<{ id: string }>;
    assert.deepEqual(list.map((i) => i.id).slice(0, 7), [
      'traffic.violations',
      'traffic.violations-total',
      'traffic.vehicle-insurance',
      'traffic.vehicle-insurance-document',
      'traffic.driving-licence',
      'traffic.impounded-vehicles',
      'traffic.vehicle-registrations',
    ]);
    for (const d of inquiryDefinitions) assert.deepEqual(inquiryProblems(d), [], d.id);
    const broken = { ...inquiryDefinitions[0]!, id: 'passports.wrong-agency', empty: { ar: '', en: 'x' } } as InquiryDefinition;
    assert.throws(() => createInquiryCatalogue([broken]), /agency traffic is unknown or not the id's[\s\S]*empty needs Arabic and English/);
    assert.throws(() => createInquiryCatalogue([inquiryDefinitions[0]!, inquiryDefinitions[0]!]), /declared twice/);
    const found = (await app.inject({ url: `/api/v1/inquiries?q=${encodeURIComponent('المخالفات')}` })).json().inquiries as Array<{ id: string }>;
    assert.equal(found[0]?.id, 'traffic.violations');
    const page = await new Visitor(app, 'ar').get('/agencies/traffic');
    assert.ok(page.body.includes('href="/inquiries/traffic.violations"'), 'the traffic page lists its inquiries');
    const all = await new Visitor(app, 'en').get('/inquiries');
    assert.match(all.body, /Traffic violations and their details/);
  });

  it('answers the violations inquiry with each violation, the amount due, and Hijri dates; in Arabic and English', async () => {
    const c = await aSignedInCitizen(h, {
      extra: (p) => [
        aViolation(p, { number: 'V-INQ-1', amount: 50_000, status: 'unpaid', committedAt: '2026-10-05T10:00:00+03:00' }),
        aViolation(p, { number: 'V-INQ-2', amount: 30_000, status: 'paid', committedAt: '2026-09-01T10:00:00+03:00', settledAt: '2026-09-03T12:00:00+03:00' }),
        aViolation(p, { number: 'V-INQ-3', amount: 40_000, status: 'unpaid', committedAt: '2026-08-01T10:00:00+03:00' }),
      ],
    });
    const answer = (await ask(c.token, 'traffic.violations')).json();
    assert.equal(answer.subject.nationalId, c.person.nationalId);
    assert.deepEqual(answer.summary.map((f: { value: unknown }) => f.value), [
      { kind: 'count', count: 2 },
      { kind: 'money', halalas: 90_000 },
    ]);
    assert.deepEqual(answer.items.map((i: { fields: Array<{ value: { text?: string } }> }) => i.fields[0]!.value.text), ['V-INQ-1', 'V-INQ-2', 'V-INQ-3']);
    assert.deepEqual(answer.items.map((i: { status: { en: string } }) => i.status.en), ['Unpaid', 'Paid', 'Unpaid']);
    assert.equal(answer.empty, null);
    for (const [locale, due, status] of [
      ['ar', '900.00', 'غير مسددة'],
      ['en', '900.00', 'Unpaid'],
    ] as const) {
      const v = new Visitor(app, locale);
      await webSignIn(h, v, c);
      const page = await v.get('/inquiries/traffic.violations');
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(due), `${locale}: the amount due`);
      assert.ok(page.body.includes(status), `${locale}: the status`);
      assert.ok(page.body.includes('V-INQ-3'));
      // The Hijri date of 2026-10-05 (1448-04-23) beside the Gregorian.
      assert.match(page.body, locale === 'ar' ? /١٤٤٨|1448/ : /1448/);
    }
    const total = (await ask(c.token, 'traffic.violations-total')).json();
    assert.deepEqual(total.summary[0].value, { kind: 'money', halalas: 90_000 });
    assert.deepEqual(total.items.map((i: { title: { en: string } }) => i.title.en), ['Unpaid', 'Paid']);
  });

  it('says clearly when there is nothing to show', async () => {
    const c = await aSignedInCitizen(h);
    for (const id of ['traffic.violations', 'traffic.violations-total', 'traffic.vehicle-registrations', 'traffic.impounded-vehicles', 'traffic.driving-licence']) {
      const answer = (await ask(c.token, id)).json();
      assert.deepEqual(answer.items, [], id);
      assert.ok(answer.empty.en.length > 10 && answer.empty.ar.length > 10, id);
    }
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, c);
    assert.match((await v.get('/inquiries/traffic.violations')).body, /You have no traffic violations on record\./);
  });

  it('lists own and used vehicles with their registration, insurance and impound, and only those', async () => {
    const c = await aSignedInCitizen(h, {
      extra: (p) => [
        aVehicle(p, { sequenceNumber: '700000001', registrationExpiry: '2026-11-20', insurancePolicy: 'POL-1', insuranceExpiry: '2027-06-01', insurerAr: 'التعاونية', insurerEn: 'Tawuniya', insuranceCoverage: 'comprehensive' }),
        aVehicle(p, { sequenceNumber: '700000002', registrationExpiry: '2027-08-01', impounded: true, impoundedOn: '2026-10-30', impoundLocation: 'حجز الرياض الشمالي' }),
      ],
    });
    const other = aResident();
    const registrations = (await ask(c.token, 'traffic.vehicle-registrations')).json();
    assert.equal(registrations.items.length, 2);
    // The clock is 2026-11-01: a registration ending on the 20th expires soon.
    assert.deepEqual(registrations.items.map((i: { status: { en: string } }) => i.status.en), ['Expires soon', 'Valid']);
    const document = (await ask(c.token, 'traffic.vehicle-insurance-document')).json();
    const insured = document.items.find((i: { fields: Array<{ value: { text?: string } }> }) => i.fields.some((f) => f.value.text === 'POL-1'));
    assert.ok(JSON.stringify(insured).includes('Tawuniya') && JSON.stringify(insured).includes('Comprehensive'));
    const uninsured = (await ask(c.token, 'traffic.vehicle-insurance')).json().items.map((i: { status: { en: string } }) => i.status.en);
    assert.deepEqual(uninsured.sort(), ['None', 'Valid']);
    const impounded = (await ask(c.token, 'traffic.impounded-vehicles')).json();
    assert.equal(impounded.items.length, 1);
    assert.ok(JSON.stringify(impounded).includes('حجز الرياض الشمالي'));
    void other;
  });

  it('asks about a dependant or a worker only where the inquiry allows, and about nobody else', async () => {
    const worker = aResident({ mobile: null });
    const c = await aSignedInCitizen(h, { extra: (p) => [worker, aDomesticWorkerSponsorship(worker, p), aViolation(worker, { number: 'V-WORKER' })] });
    const stranger = aResident({ mobile: null });
    const { addPersons } = await import('../identity/support.js');
    await addPersons(h.database, [stranger, aViolation(stranger)]);
    const subjects = (await getAs(h, c.token, '/api/v1/inquiries/subjects')).json().subjects as Array<{ kind: string; nationalId: string }>;
    assert.deepEqual(subjects.map((s) => [s.kind, s.nationalId]), [
      ['self', c.person.nationalId],
      ['workers', worker.nationalId],
    ]);
    // The driving licence may be about a worker; the violations inquiry only about oneself.
    const licence = await ask(c.token, 'traffic.driving-licence', worker.nationalId);
    assert.equal(licence.statusCode, 200, licence.body);
    assert.equal(licence.json().subject.nationalId, worker.nationalId);
    const notHere = await ask(c.token, 'traffic.violations', worker.nationalId);
    assert.equal(notHere.statusCode, 403);
    // A stranger, and a number that is nobody: the same answer.
    const strangerAnswer = await ask(c.token, 'traffic.driving-licence', stranger.nationalId);
    const nobody = await ask(c.token, 'traffic.driving-licence', '1000000008');
    assert.equal(strangerAnswer.statusCode, 403);
    assert.equal(nobody.statusCode, 403);
    assert.equal(strangerAnswer.json().detail, nobody.json().detail);
    assert.equal((await ask(c.token, 'traffic.nothing')).statusCode, 404);
    // The page offers the chooser where others may be asked about.
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, c);
    const licencePage = await v.get('/inquiries/traffic.driving-licence');
    assert.ok(licencePage.body.includes(`<option value="${worker.nationalId}"`), 'the worker is offered');
    assert.ok(!(await v.get('/inquiries/traffic.violations')).body.includes('<select'), 'no chooser for an inquiry about oneself');
    assert.equal((await v.get(`/inquiries/traffic.driving-licence?subject=${stranger.nationalId}`)).statusCode, 403);
  });

  it('prints the answer with the subject masked, and asks the signed-out to sign in', async () => {
    const c = await aSignedInCitizen(h, { extra: (p) => [aViolation(p, { number: 'V-PRINT' })] });
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, c);
    const page = await v.get('/inquiries/traffic.violations');
    assert.ok(page.body.includes('href="/inquiries/traffic.violations/print"'));
    const print = await v.get('/inquiries/traffic.violations/print');
    assert.equal(print.statusCode, 200);
    assert.ok(print.body.includes('V-PRINT'));
    assert.ok(!print.body.includes(c.person.nationalId), 'the ID number is masked');
    assert.ok(print.body.includes(`${c.person.nationalId[0]}*******${c.person.nationalId.slice(-2)}`), 'masked');
    const signedOut = await new Visitor(app, 'ar').get('/inquiries/traffic.violations');
    assert.equal(signedOut.statusCode, 303);
    assert.equal(signedOut.headers.location, `/login?next=${encodeURIComponent('/inquiries/traffic.violations')}`);
    assert.equal((await app.inject({ url: '/api/v1/inquiries/traffic.violations' })).statusCode, 401);
    const openapi = (await app.inject({ url: '/api/openapi.json' })).json();
    assert.ok(openapi.paths['/api/v1/inquiries/{inquiryId}'].get);
  });
});
