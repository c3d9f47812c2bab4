import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createCatalogue } from '../../src/catalogue/catalogue.js';
import type { AnyService } from '../../src/catalogue/define.js';
import { loadConfig } from '../../src/config.js';
import { listAgencyOfficers } from '../../src/identity/index.js';
import { settableClock } from '../../src/kernel/clock.js';
import { formatReference } from '../../src/kernel/reference.js';
import lostId from '../../src/services/civil-affairs/replace-lost-id.js';
import { serviceDefinitions } from '../../src/services/index.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { aMobile, lastCodeSentTo, START, type IdentityHarness } from '../identity/support.js';
import { aStaffMember, STAFF_PASSWORD } from '../identity/staff-support.js';
import { aSignedInCitizen, LOST_ID, lostIdData, submit } from './support.js';

/** The officers' request pages in the staff portal: queue, request, actions, through the pages only. */

/** A passports service shaped like the lost ID one, so that two agencies have requests. */
const PASSPORTS_FIXTURE = 'passports.fixture.replace-lost';
const passportsFixture: AnyService = { ...lostId, id: PASSPORTS_FIXTURE, agency: 'passports', name: { ar: 'خدمة جوازات للاختبار', en: 'Passports fixture service' } };

/** The app with a second agency's copy of the lost-ID service, so two agencies have requests. */
async function officerPagesApp(): Promise<IdentityHarness> {
  const clock = settableClock(START);
  const database = await freshDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database, clock, catalogue: createCatalogue([...serviceDefinitions, passportsFixture]) });
  await app.ready();
  after(() => app.close());
  return { app, database, clock };
}

/** Staff pages are visited from a desktop browser. */
class StaffVisitor extends Visitor {
  constructor(app: FastifyInstance, language: 'ar' | 'en' = 'en') {
    super(app, language, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0');
  }
}

/** The hidden expectedVersion of an action's form on a request page. */
function formVersion(body: string, action: string): string {
  const form = new RegExp(`<form method="post" action="/staff/requests/[A-Z0-9]+/actions/${action}"[^>]*>([\\s\\S]*?)</form>`).exec(body);
  assert.ok(form, `no ${action} form on the page`);
  const version = /name="expectedVersion" value="(\d+)"/.exec(form[1]!)?.[1];
  assert.ok(version, `no version in the ${action} form`);
  return version;
}

describe(`officer request pages (${engineUnderTest})`, async () => {
  const h = await officerPagesApp();
  const { app, database, clock } = h;

  async function signedIn(staff: { username: string; mobile: string }, language: 'ar' | 'en' = 'en') {
    const v = new StaffVisitor(app, language);
    await v.get('/staff/login');
    clock.advance(1000);
    const started = await v.post('/staff/login', { username: staff.username, password: STAFF_PASSWORD });
    assert.equal(started.statusCode, 303, started.body);
    const codeUrl = started.headers.location as string;
    await v.get(codeUrl);
    const done = await v.post(codeUrl, { code: (await lastCodeSentTo(database, staff.mobile))! });
    assert.equal(done.statusCode, 303, done.body);
    return v;
  }

  async function anOfficer(agency: 'civil-affairs' | 'passports' = 'civil-affairs', role: 'officer' | 'supervisor' | 'kiosk' | 'admin' = 'officer', nameEn = 'Officer') {
    const staff = await aStaffMember(h, { agency, role, mobile: aMobile(), nameEn, nameAr: 'موظف' });
    return { staff, v: await signedIn(staff) };
  }

  async function aRequest(serviceId = LOST_ID, data: object = lostIdData()): Promise<string> {
    const citizen = await aSignedInCitizen(h);
    const created = await submit(h, citizen.token, { serviceId, data });
    assert.equal(created.statusCode, 201, created.body);
    return created.json().reference as string;
  }

  const stored = (reference: string) => database.db.selectFrom('service_requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();

  it('links the queue from the staff home of officers and supervisors; other roles get 403, the signed-out the login page', async () => {
    const officer = await anOfficer();
    const home = await officer.v.get('/staff');
    assert.match(home.body, /<a class="button" href="\/staff\/requests">Civil Affairs requests<\/a>/);
    const supervisor = await anOfficer('civil-affairs', 'supervisor');
    assert.match((await supervisor.v.get('/staff')).body, /href="\/staff\/requests"/);
    for (const role of ['kiosk', 'admin'] as const) {
      const other = await anOfficer('civil-affairs', role);
      assert.doesNotMatch((await other.v.get('/staff')).body, /href="\/staff\/requests"/, role);
      assert.equal((await other.v.get('/staff/requests')).statusCode, 403, role);
    }
    const out = await new StaffVisitor(app).get('/staff/requests');
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/staff/login');
  });

  /** The figures at the top of the queue page. */
  const countsOn = (body: string) => {
    const figure = (words: string) => Number(new RegExp(`<span class="queue-count">(\\d+)</span> ${words}</a>`).exec(body)?.[1] ?? NaN);
    return { open: figure('open'), mine: figure('assigned to you'), overdue: figure('overdue') };
  };
  /** How many requests a queue page lists (one row header each). */
  const rowsOn = (body: string) => body.split('<th scope="row"').length - 1;

  it("lists only the agency's open requests, oldest first, and filters them by service, state, assignment and lateness", async () => {
    const first = await aRequest();
    const second = await aRequest();
    const passports = await aRequest(PASSPORTS_FIXTURE);
    const { staff, v } = await anOfficer();

    const queue = await v.get('/staff/requests');
    assert.equal(queue.statusCode, 200);
    assert.ok(queue.body.indexOf(`href="/staff/requests/${first}"`) > 0);
    assert.ok(queue.body.indexOf(`href="/staff/requests/${first}"`) < queue.body.indexOf(`href="/staff/requests/${second}"`), 'oldest first');
    assert.doesNotMatch(queue.body, new RegExp(passports), "another agency's request");
    assert.doesNotMatch(queue.body, /Passports fixture service/, "another agency's service is not a filter choice");
    assert.match(queue.body, /<option value="civil-affairs.national-id.replace-lost">National ID replacement \(lost\)<\/option>/);
    assert.match(queue.body, /<option value="awaiting_review">Under review<\/option>/);
    assert.doesNotMatch(queue.body, /<option value="completed">/, 'final states hold no open request');
    assert.match(queue.body, new RegExp(formatReference(first)));
    assert.match(queue.body, /<th scope="col">Reference<\/th>/);
    assert.match(queue.body, /<th scope="row"/);
    assert.match(queue.body, /Not assigned/);
    assert.match(queue.body, /\(21 Jumada I 1448 AH\)/, 'the Hijri date of the submission');

    const passportsOfficer = await anOfficer('passports');
    const theirs = await passportsOfficer.v.get('/staff/requests');
    assert.match(theirs.body, new RegExp(`href="/staff/requests/${passports}"`));
    assert.doesNotMatch(theirs.body, new RegExp(first));

    const printing = await v.get('/staff/requests?state=printing');
    assert.match(printing.body, /No requests match these filters/);
    assert.match(printing.body, /<option value="printing" selected>/);
    const reviewing = await v.get(`/staff/requests?service=${LOST_ID}&state=awaiting_review`);
    assert.match(reviewing.body, new RegExp(first));
    const unknownService = await v.get(`/staff/requests?service=${PASSPORTS_FIXTURE}`);
    assert.match(unknownService.body, new RegExp(first), "another agency's service is ignored as a filter");
    assert.doesNotMatch(unknownService.body, new RegExp(passports));

    assert.doesNotMatch((await v.get('/staff/requests?mine=1')).body, new RegExp(first));
    const page = await v.get(`/staff/requests/${first}`);
    const assigned = await v.post(`/staff/requests/${first}/actions/assign`, { expectedVersion: formVersion(page.body, 'assign') });
    assert.equal(assigned.statusCode, 303, assigned.body);
    assert.equal((await stored(first)).assigned_staff_id, staff.id);
    const mine = await v.get('/staff/requests?mine=1');
    assert.match(mine.body, new RegExp(first));
    assert.doesNotMatch(mine.body, new RegExp(second));
    assert.match(mine.body, /<input type="checkbox" id="field-mine" name="mine" value="1" checked/);
    assert.match(mine.body, /<td data-label="[^"]+">You<\/td>/);
    assert.match((await passportsOfficer.v.get('/staff/requests')).body, /Not assigned/);

    assert.match((await v.get('/staff/requests?overdue=1')).body, /No requests match these filters/);

    // The whole queue at a glance, whatever the filter: open, given to me, overdue; each a link.
    const glance = countsOn((await v.get(`/staff/requests?service=${LOST_ID}&state=printing`)).body);
    assert.deepEqual(glance, { open: rowsOn((await v.get('/staff/requests')).body), mine: rowsOn(mine.body), overdue: 0 });
    assert.ok(glance.open >= 2);
    assert.equal(glance.mine, 1);
    assert.match(mine.body, /<a href="\/staff\/requests\?overdue=1"><span class="queue-count">0<\/span> overdue<\/a>/);
  });

  it('marks overdue requests in words and filters them', async () => {
    const late = await aRequest();
    clock.advance(3 * 24 * 3600 * 1000);
    const fresh = await aRequest();
    const { v } = await anOfficer();
    const queue = await v.get('/staff/requests');
    const row = (reference: string) => new RegExp(`<tr[^>]*>(?:(?!</tr>)[\\s\\S])*${reference}(?:(?!</tr>)[\\s\\S])*</tr>`).exec(queue.body)?.[0] ?? '';
    assert.match(row(late), /class="is-overdue"/);
    assert.match(row(late), /<span class="badge badge-danger">Overdue<\/span>/);
    assert.doesNotMatch(row(fresh), /Overdue/);
    const overdue = await v.get('/staff/requests?overdue=1');
    assert.match(overdue.body, new RegExp(late));
    assert.equal(countsOn(overdue.body).overdue, rowsOn(overdue.body), 'the figure is what the filter lists');
    assert.ok(countsOn(overdue.body).overdue >= 1);
    assert.match(overdue.body, /<li class="queue-count-late">/);
    assert.doesNotMatch(overdue.body, new RegExp(fresh));
    const page = await v.get(`/staff/requests/${late}`);
    assert.match(page.body, /The request has passed the time allowed for this stage/);
  });

  it('answers 404 for a request of another agency, on the page and to its forms, and changes nothing', async () => {
    const reference = await aRequest();
    const { v } = await anOfficer('passports');
    const page = await v.get(`/staff/requests/${reference}`);
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /Your agency has no request with this number/);
    assert.doesNotMatch(page.body, /National ID replacement/);
    await v.get('/staff/requests');
    const approve = await v.post(`/staff/requests/${reference}/actions/approve`, { expectedVersion: '1' });
    assert.equal(approve.statusCode, 404);
    assert.equal((await stored(reference)).state, 'awaiting_review');
    assert.equal((await v.get('/staff/requests/NOT-A-REFERENCE')).statusCode, 404);
    const own = await anOfficer();
    await own.v.get(`/staff/requests/${reference}`);
    assert.equal((await own.v.post(`/staff/requests/${reference}/actions/noSuchAction`, { expectedVersion: '1' })).statusCode, 404);
    assert.doesNotMatch((await own.v.get(`/staff/requests/${reference}?done=noSuchAction`)).body, /role="status"><p>Done/);
  });

  it("shows the request with the applicant's registry record and answers, and writes the view to the audit log", async () => {
    const citizen = await aSignedInCitizen(h);
    const created = await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() });
    const reference = created.json().reference as string;
    const { staff, v } = await anOfficer();
    const views = () =>
      database.db.selectFrom('audit_log').selectAll().where('action', '=', 'requests.viewed_by_staff').where('actor_id', '=', staff.id).execute();
    assert.equal((await views()).length, 0);

    const page = await v.get(`/staff/requests/${reference}`);
    assert.equal(page.statusCode, 200);
    const logged = await views();
    assert.equal(logged.length, 1);
    assert.equal(logged[0]!.details.reference, reference);
    assert.ok(logged[0]!.subject_person_id);

    const body = page.body;
    assert.match(body, /<h1>Request <bdi dir="ltr" class="ltr-value">TR-/);
    assert.match(body, new RegExp(`<bdi dir="ltr" class="ltr-value">${citizen.person.nationalId}</bdi>`));
    assert.match(body, new RegExp(citizen.person.firstNameEn));
    assert.match(body, new RegExp(citizen.person.firstNameAr));
    assert.match(body, /King Fahd Road/);
    assert.match(body, /Saudi Arabia/);
    assert.match(body, /<h3>About the loss<\/h3>/);
    assert.match(body, /<dt>City of the loss<\/dt><dd><bdi>Riyadh<\/bdi>/);
    assert.match(body, /28 October 2026/);
    assert.match(body, /Lost at the mall\./);
    assert.match(body, /Delivery to my national address/);
    assert.match(body, /No fee/);
    assert.match(body, /Request submitted/);
    assert.match(body, /By: the applicant/);
    // The actions of the state, each a form with the CSRF fields and the version.
    for (const action of ['approve', 'reject', 'assign']) assert.equal(formVersion(body, action), '1');
    assert.match(body, /name="_staff_csrf"/);
    assert.match(body, /<label for="field-reject-reason">Reason for the rejection<\/label>/);
    assert.doesNotMatch(body, /actions\/handToCourier/, 'not an action of this state');
    assert.doesNotMatch(body, /Reassign the request/, 'officers do not reassign');
  });

  it('approves through the page form: the request moves on and the page says so', async () => {
    const reference = await aRequest();
    const { v } = await anOfficer();
    const page = await v.get(`/staff/requests/${reference}`);
    const approved = await v.post(`/staff/requests/${reference}/actions/approve`, { expectedVersion: formVersion(page.body, 'approve') });
    assert.equal(approved.statusCode, 303, approved.body);
    assert.equal(approved.headers.location, `/staff/requests/${reference}?done=approve`);
    const row = await stored(reference);
    assert.equal(row.state, 'printing');
    assert.ok(row.outputs.newCardNumber);

    const after = await v.get(approved.headers.location as string);
    assert.match(after.body, /<div class="notice panel-success" role="status"><p>Done: Approve and issue the card\.<\/p>/);
    assert.match(after.body, /<strong>Being printed<\/strong>/);
    assert.match(after.body, new RegExp(`New card number</dt><dd><bdi dir="ltr" class="ltr-value">${String(row.outputs.newCardNumber)}`));
    assert.match(after.body, /From “Under review” to “Being printed”/);
    assert.match(after.body, /By: an officer/);

    // The next step asks for a tracking number: checked, with the error next to the field.
    const bad = await v.post(`/staff/requests/${reference}/actions/handToCourier`, { expectedVersion: formVersion(after.body, 'handToCourier'), 'input.trackingNumber': '!' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /<a href="#field-handToCourier-trackingNumber">The tracking number is 6 to 40 Latin letters or digits\.<\/a>/);
    assert.match(bad.body, /<p class="field-error" id="field-handToCourier-trackingNumber-error">/);
    assert.match(bad.body, /name="input.trackingNumber" aria-describedby="field-handToCourier-trackingNumber-error" aria-invalid="true" type="text" value="!"/);
    assert.equal((await stored(reference)).state, 'printing');
    const handed = await v.post(`/staff/requests/${reference}/actions/handToCourier`, { expectedVersion: formVersion(bad.body, 'handToCourier'), 'input.trackingNumber': 'spl-123456' });
    assert.equal(handed.statusCode, 303, handed.body);
    assert.equal((await stored(reference)).outputs.trackingNumber, 'SPL-123456');
    assert.match((await v.get(handed.headers.location as string)).body, /Tracking number<\/dt><dd><bdi dir="ltr" class="ltr-value">SPL-123456/);
  });

  it('refuses a form without the staff session token (403) and changes nothing', async () => {
    const reference = await aRequest();
    const { v } = await anOfficer();
    const page = await v.get(`/staff/requests/${reference}`);
    const version = formVersion(page.body, 'approve');
    const refused = await v.post(`/staff/requests/${reference}/actions/approve`, { expectedVersion: version }, { staffCsrf: null });
    assert.equal(refused.statusCode, 403);
    const forged = await v.post(`/staff/requests/${reference}/actions/approve`, { expectedVersion: version }, { staffCsrf: 'forged' });
    assert.equal(forged.statusCode, 403);
    const noCookieToken = await v.post(`/staff/requests/${reference}/actions/approve`, { expectedVersion: version }, { csrf: null });
    assert.equal(noCookieToken.statusCode, 403);
    const row = await stored(reference);
    assert.equal(row.state, 'awaiting_review');
    assert.equal(row.version, 1);
  });

  it('asks for the reason of a rejection next to the field, then rejects with it', async () => {
    const reference = await aRequest();
    const { v } = await anOfficer();
    const page = await v.get(`/staff/requests/${reference}`);
    const version = formVersion(page.body, 'reject');
    const missing = await v.post(`/staff/requests/${reference}/actions/reject`, { expectedVersion: version, reason: '', reasonText: 'Kept text' });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /class="error-summary"/);
    assert.match(missing.body, /<a href="#field-reject-reason">Choose the reason for the rejection\.<\/a>/);
    assert.match(missing.body, /<div class="field field-invalid"><label for="field-reject-reason">/);
    assert.match(missing.body, />Kept text<\/textarea>/, 'what was typed is kept');
    let row = await stored(reference);
    assert.equal(row.state, 'awaiting_review');
    assert.equal(row.version, 1);

    const tooLong = await v.post(`/staff/requests/${reference}/actions/reject`, { expectedVersion: version, reason: 'visit_required', reasonText: 'x'.repeat(1001) });
    assert.equal(tooLong.statusCode, 422);
    assert.match(tooLong.body, /href="#field-reject-reasonText">The details are longer than 1,000 characters/);
    assert.match(tooLong.body, /<option value="visit_required" selected>/);

    const rejected = await v.post(`/staff/requests/${reference}/actions/reject`, { expectedVersion: version, reason: 'visit_required', reasonText: 'Please bring your family card.' });
    assert.equal(rejected.statusCode, 303, rejected.body);
    row = await stored(reference);
    assert.equal(row.state, 'rejected');
    const shown = await v.get(rejected.headers.location as string);
    assert.match(shown.body, /Reason: A visit to a Civil Affairs office is needed/);
    assert.match(shown.body, /Please bring your family card\./);
    assert.match(shown.body, /There is nothing for you to do on this request in its current status/);
  });

  it('says the request changed, and shows its state now, when another officer acted first', async () => {
    const reference = await aRequest();
    const a = await anOfficer();
    const b = await anOfficer();
    const seenByA = await a.v.get(`/staff/requests/${reference}`);
    const seenByB = await b.v.get(`/staff/requests/${reference}`);
    const byB = await b.v.post(`/staff/requests/${reference}/actions/reject`, { expectedVersion: formVersion(seenByB.body, 'reject'), reason: 'card_not_lost' });
    assert.equal(byB.statusCode, 303);

    const late = await a.v.post(`/staff/requests/${reference}/actions/approve`, { expectedVersion: formVersion(seenByA.body, 'approve') });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /<div class="notice notice-warning" role="alert"><h2>Your action was not taken: the request changed<\/h2>/);
    assert.match(late.body, /so your action was not taken\. Its status is now “Rejected”/);
    assert.match(late.body, /<strong>Rejected<\/strong>/);
    assert.match(late.body, /href="\/language\?to=ar&amp;next=%2Fstaff%2Frequests%2F[A-Z0-9]+"/, 'the language switch goes to the page, not the form address');
    assert.equal((await stored(reference)).state, 'rejected');

    // A stale version is refused even when the action would still be possible.
    const other = await aRequest();
    const seen = await a.v.get(`/staff/requests/${other}`);
    const assigned = await b.v.post(`/staff/requests/${other}/actions/assign`, { expectedVersion: formVersion((await b.v.get(`/staff/requests/${other}`)).body, 'assign') });
    assert.equal(assigned.statusCode, 303);
    const stale = await a.v.post(`/staff/requests/${other}/actions/approve`, { expectedVersion: formVersion(seen.body, 'approve') });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Its status is now “Under review”/);
    const row = await stored(other);
    assert.equal(row.state, 'awaiting_review');
    assert.equal(row.version, 2);
  });

  it('lets a supervisor take a request another officer holds and give it to an officer of the agency', async () => {
    const reference = await aRequest();
    const officer = await anOfficer('civil-affairs', 'officer', 'Khalid Officer');
    const supervisor = await anOfficer('civil-affairs', 'supervisor', 'Sara Supervisor');
    const elsewhere = await aStaffMember(h, { agency: 'passports', role: 'officer', mobile: aMobile(), nameEn: 'Passports Person' });
    const page = await officer.v.get(`/staff/requests/${reference}`);
    assert.equal((await officer.v.post(`/staff/requests/${reference}/actions/assign`, { expectedVersion: formVersion(page.body, 'assign') })).statusCode, 303);
    assert.doesNotMatch((await officer.v.get(`/staff/requests/${reference}`)).body, /actions\/assign"/, 'nothing to take: it is theirs');

    const seen = await supervisor.v.get(`/staff/requests/${reference}`);
    assert.match(seen.body, /Assigned to<\/dt><dd>Khalid Officer/);
    assert.match(seen.body, /As a supervisor you can take it/);
    assert.match(seen.body, /<label for="field-reassign-staffId">Officer<\/label>/);
    assert.doesNotMatch(seen.body, /Passports Person/);
    assert.doesNotMatch(seen.body, new RegExp(`<option value="${officer.staff.id}"`), 'the holder is not offered again');

    const none = await supervisor.v.post(`/staff/requests/${reference}/actions/reassign`, { expectedVersion: formVersion(seen.body, 'reassign'), staffId: '' });
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /href="#field-reassign-staffId">Choose the officer to give the request to/);
    const foreign = await supervisor.v.post(`/staff/requests/${reference}/actions/reassign`, { expectedVersion: formVersion(seen.body, 'reassign'), staffId: elsewhere.id });
    assert.equal(foreign.statusCode, 422);
    assert.equal((await stored(reference)).assigned_staff_id, officer.staff.id);

    const taken = await supervisor.v.post(`/staff/requests/${reference}/actions/assign`, { expectedVersion: formVersion(seen.body, 'assign') });
    assert.equal(taken.statusCode, 303, taken.body);
    assert.equal((await stored(reference)).assigned_staff_id, supervisor.staff.id);
    const again = await supervisor.v.get(`/staff/requests/${reference}`);
    const given = await supervisor.v.post(`/staff/requests/${reference}/actions/reassign`, { expectedVersion: formVersion(again.body, 'reassign'), staffId: officer.staff.id });
    assert.equal(given.statusCode, 303, given.body);
    assert.equal((await stored(reference)).assigned_staff_id, officer.staff.id);
    const shown = await supervisor.v.get(given.headers.location as string);
    assert.match(shown.body, /The request has been reassigned\./);
    assert.match(shown.body, /Request reassigned/);
    assert.match(shown.body, /By: a supervisor/);
  });

  it("lists an agency's enabled officers and supervisors to its supervisors only", async () => {
    const supervisor = await aStaffMember(h, { agency: 'traffic', role: 'supervisor', mobile: aMobile() });
    const officer = await aStaffMember(h, { agency: 'traffic', role: 'officer', mobile: aMobile() });
    const kiosk = await aStaffMember(h, { agency: 'traffic', role: 'kiosk', mobile: aMobile() });
    const session = (s: typeof officer) => ({ kind: 'staff' as const, session: { staffId: s.id, agency: s.agency, role: s.role } });
    const listed = await listAgencyOfficers({ db: database.db, clock, actor: session(supervisor), agency: 'traffic' });
    assert.deepEqual(listed.map((s) => s.id).sort(), [supervisor.id, officer.id].sort());
    assert.ok(!listed.some((s) => s.id === kiosk.id));
    await assert.rejects(listAgencyOfficers({ db: database.db, clock, actor: session(officer), agency: 'traffic' }), /staff.forbidden/);
    await assert.rejects(listAgencyOfficers({ db: database.db, clock, actor: session(supervisor), agency: 'passports' }), /staff.forbidden/);
  });

  it('is in Arabic by default and in English with the language cookie', async () => {
    const reference = await aRequest();
    const { v } = await anOfficer();
    const plain = (url: string, cookies: Record<string, string>) => app.inject({ url, cookies, headers: { accept: 'text/html' } });
    const queue = await plain('/staff/requests', v.cookies);
    assert.match(queue.body, /<html lang="ar" dir="rtl">/);
    assert.match(queue.body, /<h1>طلبات الأحوال المدنية<\/h1>/);
    assert.match(queue.body, /قيد المراجعة/);
    const page = await plain(`/staff/requests/${reference}`, v.cookies);
    assert.match(page.body, /<html lang="ar" dir="rtl">/);
    assert.match(page.body, /بيانات صاحب الطلب في السجل المدني/);
    assert.match(page.body, /اعتماد وإصدار البطاقة/);
    assert.match(page.body, /تقديم الطلب/);

    const english = await app.inject({ url: `/staff/requests/${reference}`, cookies: { ...v.cookies, lang: 'en' }, headers: { accept: 'text/html', 'accept-language': 'ar' } });
    assert.match(english.body, /<html lang="en" dir="ltr">/);
    assert.match(english.body, /The applicant&#39;s civil registry record|The applicant's civil registry record/);
    assert.match(english.body, /Approve and issue the card/);
  });
});
