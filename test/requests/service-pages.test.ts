import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp } from '../identity/support.js';
import { aSuspension } from '../registry/builders.js';
import { formatDateInWords } from '../../src/kernel/dates.js';
import { aSignedInCitizen, getAs, LOST_ID, lostIdData, officerOf, staffAct, submit, webSignIn } from './support.js';

/** The person's pages of the engine, without JavaScript: catalogue, search, applying, the request. */

describe(`service pages (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database } = h;

  const lossForm = { 'loss.lostOn': '2026-10-30', 'loss.city': 'jeddah', 'loss.circumstances': 'Lost on the way home.', 'loss.declaration': 'yes' };

  it('shows My Services by agency and finds the service by the words people use, in Arabic by default', async () => {
    const v = new Visitor(app, 'ar');
    const page = await v.get('/services');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>خدماتي<\/h1>/);
    assert.match(page.body, /إصدار بطاقة هوية وطنية بدل مفقود/);
    const found = await v.get(`/services?q=${encodeURIComponent('بدل فاقد')}`);
    // One result is said without the digit; the query is isolated so that it cannot reorder the sentence.
    assert.match(found.body, /<h2 id="results-title">نتيجة واحدة للبحث عن «\u2068بدل فاقد\u2069»<\/h2>/);
    const english = await new Visitor(app, 'en').get(`/services?q=${encodeURIComponent('بدل فاقد')}`);
    assert.match(english.body, /<h2 id="results-title">1 result for “\u2068بدل فاقد\u2069”<\/h2>/);
    const agency = await v.get('/agencies/civil-affairs');
    assert.match(agency.body, /خدمات الأحوال المدنية/);
    const service = await v.get(`/services/${LOST_ID}`);
    assert.match(service.body, /طلب جديد/);
    assert.match(service.body, /الطلبات السابقة/);
    assert.equal((await v.get(`/services/${LOST_ID}/apply`)).statusCode, 303, 'applying needs a session');
  });

  it('applies step by step, keeping answers on an error, checks the answers, and submits once', async () => {
    const citizen = await aSignedInCitizen(h);
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    const eligibility = await v.get(`/services/${LOST_ID}/apply`);
    assert.match(eligibility.body, /You meet the conditions/);
    assert.match((await v.get(`/services/${LOST_ID}/apply/loss`)).body, /Step 1 of 2/);

    const missing = await v.submit(`/services/${LOST_ID}/apply`, { step: 'loss', go: 'next', 'loss.lostOn': '2026-10-30', 'loss.city': 'jeddah' });
    assert.equal(missing.posted.headers.location, `/services/${LOST_ID}/apply/loss`, 'a step with mistakes comes back to itself, by a redirect');
    assert.match(missing.body, /href="#field-loss.circumstances">This field is required/);
    assert.match(missing.body, /value="2026-10-30"/, 'the date typed is kept');
    assert.match(missing.body, /<option value="jeddah" selected/);

    assert.doesNotMatch((await v.get(`/services/${LOST_ID}/apply/loss`)).body, /This field is required/, 'the errors are said once: a reload shows the answers without them');
    const second = await v.submit(`/services/${LOST_ID}/apply`, { step: 'loss', go: 'next', ...lossForm });
    assert.equal(second.statusCode, 200);
    assert.match(second.body, /Step 2 of 2/);
    assert.match(second.body, /Your national address on record:/);
    assert.match(second.body, /<bdi>1234، King Fahd Road، Al Olaya، Riyadh، 12211<\/bdi>/);
    assert.match(second.body, /<input type="hidden" name="loss.city" value="jeddah"/);

    const office = await v.submit(`/services/${LOST_ID}/apply`, { step: 'delivery', go: 'next', ...lossForm, 'delivery.method': 'office' });
    assert.equal(office.posted.headers.location, `/services/${LOST_ID}/apply/delivery`, 'collection at an office needs the office');
    assert.match(office.body, /class="error-summary"/);
    const check = await v.submit(`/services/${LOST_ID}/apply`, { step: 'delivery', go: 'next', ...lossForm, 'delivery.method': 'national_address' });
    assert.equal(check.posted.headers.location, `/services/${LOST_ID}/check`);
    assert.equal((await v.get(`/services/${LOST_ID}/check`)).body.match(/name="idempotencyKey" value="([^"]+)"/)?.[1], /name="idempotencyKey" value="([^"]+)"/.exec(check.body)?.[1], 'a reload keeps the submission key');
    assert.match(check.body, /Check your answers/);
    assert.match(check.body, /There is no fee for this request/);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(check.body)![1]!;

    const form = { ...lossForm, 'delivery.method': 'national_address', idempotencyKey: key };
    const submitted = await v.post(`/services/${LOST_ID}/submit`, form);
    assert.equal(submitted.statusCode, 303);
    const again = await v.post(`/services/${LOST_ID}/submit`, form);
    assert.equal(again.headers.location, submitted.headers.location, 'a double click lands on the same request');
    const count = await database.db.selectFrom('service_requests').select((eb) => eb.fn.countAll<string>().as('n')).where('applicant_person_id', 'in', database.db.selectFrom('persons').select('id').where('national_id', '=', citizen.person.nationalId)).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);

    const page = await v.get(submitted.headers.location as string);
    assert.match(page.body, /Your request has been submitted/);
    assert.match(page.body, /Under review/);
    assert.match(page.body, /Request submitted/);
    const list = await v.get('/requests');
    assert.match(list.body, /National ID replacement \(lost\)/);
    const inbox = await v.get('/inbox');
    assert.match(inbox.body, /Your request TR-[\w-]+ \(National ID replacement \(lost\)\): Under review\./);
    assert.match(inbox.body, /class="badge badge-info">New</);
    assert.doesNotMatch((await v.get('/inbox')).body, />New</, 'read once shown');
  });

  it('asks before cancelling, then cancels; a stale page gets a clear conflict', async () => {
    const citizen = await aSignedInCitizen(h);
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    await v.get(`/services/${LOST_ID}/apply`);
    const check = await v.submit(`/services/${LOST_ID}/apply`, { step: 'delivery', go: 'next', ...lossForm, 'delivery.method': 'national_address' });
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(check.body)![1]!;
    const location = (await v.post(`/services/${LOST_ID}/submit`, { ...lossForm, 'delivery.method': 'national_address', idempotencyKey: key })).headers.location as string;
    const reference = /\/requests\/(\w+)/.exec(location)![1]!;
    await v.get(`/requests/${reference}`);
    const stale = await v.post(`/requests/${reference}/actions/cancel`, { expectedVersion: '7', confirm: 'yes' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /The request changed since you opened it/);
    const ask = await v.post(`/requests/${reference}/actions/cancel`, { expectedVersion: '1' });
    assert.match(ask.body, /A cancellation cannot be undone/);
    const done = await v.post(`/requests/${reference}/actions/cancel`, { expectedVersion: '1', confirm: 'yes' });
    assert.equal(done.statusCode, 303);
    assert.match((await v.get(done.headers.location as string)).body, /Cancelled/);
    assert.equal((await v.post(`/requests/${reference}/actions/cancel`, { expectedVersion: '2', confirm: 'yes' }, { csrf: null })).statusCode, 403);
  });

  it('lists each unmet condition and the suspension with its authority and how it is lifted', async () => {
    const citizen = await aSignedInCitizen(h, { extra: (p) => [aSuspension(p, { blockedServices: ['civil-affairs.*'], authority: 'enforcement_court', liftedBy: 'settle_debt' })] });
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    const page = await v.get(`/services/${LOST_ID}/apply`);
    assert.match(page.body, /You cannot apply for this service now/);
    assert.match(page.body, /The Enforcement Court/);
    assert.match(page.body, /lifted once the amount due to the requesting authority is paid/);
    assert.doesNotMatch(page.body, /Start the request/);
  });

  it('prints a proof whose QR code verifies, and refuses an altered code', async () => {
    const citizen = await aSignedInCitizen(h);
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    await v.get('/services');
    const check = await v.submit(`/services/${LOST_ID}/apply`, { step: 'delivery', go: 'next', ...lossForm, 'delivery.method': 'national_address' });
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(check.body)![1]!;
    const reference = /\/requests\/(\w+)/.exec((await v.post(`/services/${LOST_ID}/submit`, { ...lossForm, 'delivery.method': 'national_address', idempotencyKey: key })).headers.location as string)![1]!;
    const print = await v.get(`/requests/${reference}/print`);
    assert.equal(print.statusCode, 200);
    assert.match(print.body, /<svg[^>]*role="img"/);
    const pdf = await v.get(`/requests/${reference}/proof.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

    const code = /verify\/([A-Za-z0-9_.-]+)/.exec(print.body)?.[1];
    assert.ok(code, 'the print view carries the verify link');
    const anyone = new Visitor(app, 'en');
    const verified = await anyone.get(`/verify/${code}`);
    assert.equal(verified.statusCode, 200);
    assert.match(verified.body, /The document is genuine/);
    assert.match(verified.body, /Under review/);
    assert.doesNotMatch(verified.body, new RegExp(citizen.person.nationalId), 'the ID is masked');
    const altered = code.slice(0, 10) + (code[10] === 'A' ? 'B' : 'A') + code.slice(11);
    const refused = await anyone.get(`/verify/${altered}`);
    assert.equal(refused.statusCode, 404);
    assert.match(refused.body, /We could not verify this document/);
  });

  it('shows the person who viewed their data: role, agency, time and request, never a name', async () => {
    const citizen = await aSignedInCitizen(h);
    const reference = (await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference as string;
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    assert.match((await v.get('/me/viewed')).body, /No staff member has viewed your data/);
    const officer = await officerOf(h, 'civil-affairs');
    await getAs(h, officer.token, `/api/v1/officer/requests/${reference}`);
    const page = await v.get('/me/viewed');
    assert.match(page.body, /Service officer/);
    assert.match(page.body, /Civil Affairs/);
    assert.match(page.body, new RegExp(`href="/requests/${reference}"`));
    assert.doesNotMatch(page.body, new RegExp(officer.staff.username));
  });
  it('shows the new card expiry and the stage deadline as dates people read: year and Hijri date, never raw ISO', async () => {
    const citizen = await aSignedInCitizen(h);
    const officer = await officerOf(h, 'civil-affairs');
    const reference = (await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference as string;
    assert.equal((await staffAct(h, officer.token, reference, 'assign')).statusCode, 200);
    const approved = (await staffAct(h, officer.token, reference, 'approve', { expectedVersion: 2 })).json();
    const expiry = approved.outputs.newCardExpiry as string;
    assert.match(expiry, /^\d{4}-\d{2}-\d{2}$/, 'the API keeps the ISO date');
    const due = new Date(approved.dueAt as string);

    for (const locale of ['ar', 'en'] as const) {
      const v = new Visitor(app, locale);
      await webSignIn(h, v, citizen);
      const page = await v.get(`/requests/${reference}`);
      assert.equal(page.statusCode, 200);
      const words = formatDateInWords(expiry, locale);
      assert.match(words, locale === 'ar' ? /^\d{1,2} \S+ \d{4} \(\d{1,2} [^)]+ \d{4} هـ\)$/ : /^\d{1,2} [A-Z][a-z]+ \d{4} \(\d{1,2} .+ \d{4} AH\)$/);
      assert.ok(page.body.includes(words), `${locale}: the card expiry in words`);
      assert.ok(!page.body.includes(expiry), `${locale}: not the raw ISO date`);
      assert.ok(page.body.includes(formatDateInWords(due, locale)), `${locale}: the stage deadline with its year and Hijri date`);
    }
  });
});
