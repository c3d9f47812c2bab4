import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actOnRequest, foldHistory } from '../../src/requests/index.js';
import { UPDATE_PASSPORT_FEE_SAR } from '../../src/services/passports/update-passport.js';
import { UPLOAD_MAX_BYTES } from '../../src/catalogue/fields.js';
import { cleanUpUnattachedUploads, KEEP_UNATTACHED_MS } from '../../src/uploads/index.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { addPersons, aMobile, GOOD_PASSWORD, identityApp, lastCodeSentTo, registerAccount, signIn, type IdentityHarness } from '../identity/support.js';
import { STAFF_PASSWORD } from '../identity/staff-support.js';
import { aCitizen, aDomesticWorkerSponsorship, aResident, aViolation } from '../registry/builders.js';
import { getAs, officerOf, submit, webSignIn } from '../requests/support.js';
import type { RecordOf } from '../../src/registry/index.js';

/**
 * Update renewed passport information: who may use it (each rule with its reason), the form with
 * its passport scan (stored, type by its bytes), the fee, payment putting the new passport on
 * record at once, a sponsor applying for their worker, and who may read the scan.
 */

const SERVICE = 'passports.resident-id.update-passport';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake-but-png-by-its-bytes')]);
const GIF = Buffer.from('GIF89a-not-accepted');
let serial = 0;

/** A multipart/form-data body, as a browser or an API client sends it. */
export function multipartBody(fields: Record<string, string>, files: Record<string, { bytes: Buffer; filename: string; type: string }> = {}) {
  const boundary = `----tayseer${Date.now()}${(serial += 1)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, file] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function passport(person: { nationalId: string }, overrides: Partial<RecordOf<'document'>> = {}): RecordOf<'document'> {
  return { kind: 'document', nationalId: person.nationalId, documentKind: 'passport', number: `P${person.nationalId}`, issueDate: '2017-01-10', expiryDate: '2027-01-09', status: 'valid', issuingCountry: 'PHL', ...overrides } as RecordOf<'document'>;
}

interface Signed {
  person: RecordOf<'person'>;
  token: string;
  mobile: string;
  username: string;
}

async function signedIn(h: IdentityHarness, person: RecordOf<'person'>, extra: object[] = []): Promise<Signed> {
  await addPersons(h.database, [person, ...extra]);
  const { body } = await registerAccount(h, person, { mobile: person.mobile! });
  const token = await signIn(h, body.username, GOOD_PASSWORD, person.mobile!);
  return { person, token, mobile: person.mobile!, username: body.username };
}

/** A resident with a valid passport on record (and whatever else `extra` adds), signed in. */
async function aResidentApplicant(h: IdentityHarness, overrides: Partial<RecordOf<'person'>> = {}, extra: (p: RecordOf<'person'>) => object[] = (p) => [passport(p)]) {
  const person = aResident({ mobile: aMobile(), ...overrides });
  return signedIn(h, person, extra(person));
}

async function upload(h: IdentityHarness, token: string, bytes: Buffer, field = 'scan.passportScan', filename = 'passport.png') {
  const body = multipartBody({}, { file: { bytes, filename, type: 'image/png' } });
  return h.app.inject({ method: 'POST', url: `/api/v1/uploads?serviceId=${SERVICE}&field=${field}`, payload: body.payload, headers: { 'content-type': body.contentType, authorization: `Bearer ${token}`, 'accept-language': 'en' } });
}

function formData(scanId: string, overrides: Partial<{ number: string; issuingCountry: string; issueDate: string; expiryDate: string }> = {}) {
  return {
    passport: { number: `N${Math.floor(Math.random() * 1e9)}`, issuingCountry: 'PHL', issueDate: '2026-10-15', expiryDate: '2036-10-14', ...overrides },
    scan: { passportScan: scanId },
    declaration: { notLost: 'yes' },
  };
}

describe(`update renewed passport information (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;
  const deps = { db: database.db, clock, catalogue: app.catalogue };
  const systemPays = (reference: string) => actOnRequest({ ...deps, actor: { kind: 'system' }, act: { reference, action: 'pay' } });

  async function eligibility(token: string, beneficiaryId?: string) {
    const res = await app.inject({ method: 'POST', url: `/api/v1/services/${SERVICE}/eligibility`, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' }, payload: beneficiaryId ? { beneficiaryId } : {} });
    return res;
  }
  async function failed(token: string) {
    const res = await eligibility(token);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { eligible: boolean; rules: Array<{ id: string; passed: boolean; reason: { ar: string; en: string } }> };
    return { ids: body.rules.filter((r) => !r.passed).map((r) => r.id), rules: body.rules };
  }
  async function passportsOf(nationalId: string) {
    return database.db.selectFrom('documents').innerJoin('persons', 'persons.id', 'documents.person_id').select(['documents.number', 'documents.status', 'documents.issuing_country', 'documents.expiry_date']).where('persons.national_id', '=', nationalId).where('documents.kind', '=', 'passport').orderBy('documents.issue_date').execute();
  }

  it('sits under Passports -> Resident ID services and is found by its words', async () => {
    const service = (await app.inject({ url: `/api/v1/services/${SERVICE}` })).json();
    assert.equal(service.agency, 'passports');
    assert.equal(service.group.ar, 'خدمات هوية مقيم');
    assert.equal(service.name.ar, 'تحديث معلومات الجواز');
    const scan = service.form[1].fields[0];
    assert.equal(scan.kind, 'file');
    assert.equal(scan.maxBytes, UPLOAD_MAX_BYTES);
    assert.deepEqual(scan.accept.map((a: { contentType: string }) => a.contentType), ['image/jpeg', 'image/png', 'application/pdf']);
    for (const words of ['تحديث معلومات الجواز', 'الجواز المجدد', 'renewed passport']) {
      const found = await app.inject({ url: `/api/v1/services?q=${encodeURIComponent(words)}` });
      assert.equal(found.json().services[0]?.id, SERVICE, words);
    }
    const openapi = (await app.inject({ url: '/api/openapi.json' })).json();
    assert.ok(openapi.paths['/api/v1/uploads'].post, 'the upload is in the OpenAPI');
  });

  it('lets a resident with a valid passport apply, and refuses each case with its reason', async () => {
    const ok = await aResidentApplicant(h);
    assert.deepEqual((await failed(ok.token)).ids, []);
    const cases: Array<[string, () => Promise<Signed>, RegExp]> = [
      ['resident', () => signedIn(h, aCitizen({ mobile: aMobile() })), /residents' passports only/],
      ['passport_not_lost', () => aResidentApplicant(h, {}, (p) => [passport(p, { status: 'lost' })]), /reported lost.*visit a passports office/],
      ['no_absence_report', async () => {
        const sponsor = aCitizen({ mobile: aMobile() });
        await addPersons(database, [sponsor]);
        return aResidentApplicant(h, {}, (p) => [passport(p), aDomesticWorkerSponsorship(p, sponsor, { absenceReportedOn: '2026-09-01' })]);
      }, /absence report/],
      ['no_unpaid_violations', () => aResidentApplicant(h, {}, (p) => [passport(p), aViolation(p)]), /unpaid traffic violations/],
      ['no_security_restriction', () => aResidentApplicant(h, { securityRestriction: true }), /security restriction/],
    ];
    for (const [rule, make, reason] of cases) {
      const applicant = await make();
      const result = await failed(applicant.token);
      assert.deepEqual(result.ids, [rule], rule);
      const outcome = result.rules.find((r) => r.id === rule)!;
      assert.match(outcome.reason.en, reason);
      assert.ok(outcome.reason.ar.length > 10);
      // Submitting is refused with the same reason.
      const scan = (await upload(h, applicant.token, PNG)).json().id as string;
      const res = await submit(h, applicant.token, { serviceId: SERVICE, data: formData(scan) });
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().code, 'requests.not_eligible');
    }
  });

  it('stores the scan by its bytes and refuses other types and oversized files with a field error', async () => {
    const a = await aResidentApplicant(h);
    const ok = await upload(h, a.token, PNG, 'scan.passportScan', 'scan.exe');
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().contentType, 'image/png');
    assert.equal(ok.json().size, PNG.length);
    assert.match(ok.json().sha256, /^[0-9a-f]{64}$/);
    const gif = await upload(h, a.token, GIF);
    assert.equal(gif.statusCode, 422);
    assert.equal(gif.json().errors[0].field, 'scan.passportScan');
    assert.match(gif.json().errors[0].message, /not accepted/);
    const big = await upload(h, a.token, Buffer.concat([PNG, Buffer.alloc(UPLOAD_MAX_BYTES)]));
    assert.equal(big.statusCode, 422, big.body);
    assert.match(big.json().errors[0].message, /larger than the limit \(2 MB\)/);
    const noField = await upload(h, a.token, PNG, 'passport.number');
    assert.equal(noField.statusCode, 422);
    const anonymousBody = multipartBody({}, { file: { bytes: PNG, filename: 'a.png', type: 'image/png' } });
    const anonymous = await h.app.inject({ method: 'POST', url: `/api/v1/uploads?serviceId=${SERVICE}&field=scan.passportScan`, payload: anonymousBody.payload, headers: { 'content-type': anonymousBody.contentType } });
    assert.equal(anonymous.statusCode, 401);
  });

  it('refuses a new passport that has already expired, a number on record, and a scan that is not yours', async () => {
    const a = await aResidentApplicant(h);
    const scan = (await upload(h, a.token, PNG)).json().id as string;
    const expired = await submit(h, a.token, { serviceId: SERVICE, data: formData(scan, { issueDate: '2017-01-01', expiryDate: '2026-10-31' }) });
    assert.equal(expired.statusCode, 422, expired.body);
    const field = expired.json().errors.find((f: { field: string }) => f.field === 'passport.expiryDate');
    assert.match(field.message, /already expired/);
    const taken = await submit(h, a.token, { serviceId: SERVICE, data: formData(scan, { number: `P${a.person.nationalId}` }) });
    assert.equal(taken.statusCode, 422);
    assert.ok(taken.json().errors.some((f: { field: string }) => f.field === 'passport.number'));
    const other = await aResidentApplicant(h);
    const notMine = await submit(h, other.token, { serviceId: SERVICE, data: formData(scan) });
    assert.equal(notMine.statusCode, 422, notMine.body);
    assert.deepEqual(notMine.json().errors.map((f: { field: string }) => f.field), ['scan.passportScan']);
  });

  it('charges 69 SAR, and on payment the registry holds the new passport and the old one is cancelled', async () => {
    const a = await aResidentApplicant(h);
    const scan = (await upload(h, a.token, PNG)).json().id as string;
    const data = formData(scan, { number: 'p1234567x' });
    const res = await submit(h, a.token, { serviceId: SERVICE, data });
    assert.equal(res.statusCode, 201, res.body);
    const request = res.json();
    assert.equal(request.state, 'awaiting_payment');
    assert.equal(request.fee.total, UPDATE_PASSPORT_FEE_SAR * 100);
    assert.deepEqual((await passportsOf(a.person.nationalId)).map((p) => p.status), ['valid'], 'nothing changes before payment');
    const paid = await systemPays(request.reference);
    assert.equal(paid.state, 'recorded');
    assert.equal(paid.outputs.newPassportNumber, 'P1234567X');
    const passports = await passportsOf(a.person.nationalId);
    assert.deepEqual(passports.map((p) => [p.number, p.status, p.issuing_country]), [[`P${a.person.nationalId}`, 'cancelled', 'PHL'], ['P1234567X', 'valid', 'PHL']]);
    const row = await database.db.selectFrom('service_requests').select(['id', 'state', 'version']).where('reference', '=', request.reference).executeTakeFirstOrThrow();
    const events = await database.db.selectFrom('request_events').selectAll().where('request_id', '=', row.id).orderBy('seq').execute();
    assert.deepEqual(foldHistory(events), { state: 'recorded', version: row.version });
  });

  it('lets a sponsor update the passport of their worker, and nobody that of a person who is not theirs', async () => {
    const sponsor = await signedIn(h, aCitizen({ mobile: aMobile() }));
    const worker = aResident({ nationality: 'IDN' });
    await addPersons(database, [worker, passport(worker, { issuingCountry: 'IDN' }), aDomesticWorkerSponsorship(worker, sponsor.person)]);
    assert.equal((await eligibility(sponsor.token, worker.nationalId)).json().eligible, true);
    const scan = (await upload(h, sponsor.token, PNG)).json().id as string;
    const res = await submit(h, sponsor.token, { serviceId: SERVICE, beneficiaryId: worker.nationalId, data: formData(scan, { issuingCountry: 'IDN' }) });
    assert.equal(res.statusCode, 201, res.body);
    await systemPays(res.json().reference);
    assert.deepEqual((await passportsOf(worker.nationalId)).map((p) => p.status), ['cancelled', 'valid']);

    const stranger = aResident({ nationality: 'IDN' });
    await addPersons(database, [stranger, passport(stranger, { issuingCountry: 'IDN' })]);
    const refused = await submit(h, sponsor.token, { serviceId: SERVICE, beneficiaryId: stranger.nationalId, data: formData(scan, { issuingCountry: 'IDN' }) });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'requests.not_for_you');
    assert.equal((await eligibility(sponsor.token, stranger.nationalId)).statusCode, 403);
    // On the pages, the sponsor is first asked whom the request is for: themself or the worker.
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, sponsor);
    const choose = await v.get(`/services/${SERVICE}/apply`);
    assert.equal(choose.statusCode, 200);
    assert.match(choose.body, /Who are you applying for\?/);
    assert.ok(choose.body.includes(`href="/services/${SERVICE}/apply?for=${worker.nationalId}"`), 'the worker is offered');
    assert.ok(choose.body.includes(`href="/services/${SERVICE}/apply?for=${sponsor.person.nationalId}"`), 'and the sponsor themself');
    assert.ok(!choose.body.includes(stranger.nationalId));
    const forWorker = await v.get(`/services/${SERVICE}/apply?for=${worker.nationalId}`);
    assert.match(forWorker.body, /<h1>Checking you can apply<\/h1>/);
    // A resident with nobody to apply for goes straight to the conditions.
    const resident = await aResidentApplicant(h);
    const rv = new Visitor(app, 'en');
    await webSignIn(h, rv, resident);
    const own = await rv.get(`/services/${SERVICE}/apply`);
    assert.doesNotMatch(own.body, /Who are you applying for/);
    assert.ok(own.body.includes(`href="/services/${SERVICE}/apply/passport"`), 'the form starts for themself');
  });

  it('lets the scan be read by its owner and by passports staff (audited), and by nobody else', async () => {
    const a = await aResidentApplicant(h);
    const scan = (await upload(h, a.token, PNG)).json().id as string;
    const reference = (await submit(h, a.token, { serviceId: SERVICE, data: formData(scan) })).json().reference as string;
    const own = await getAs(h, a.token, `/api/v1/uploads/${scan}`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.headers['content-type'], 'image/png');
    assert.match(String(own.headers['content-security-policy']), /default-src 'none'.*sandbox/);
    assert.equal(own.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(own.rawPayload, PNG);
    const other = await aResidentApplicant(h);
    assert.equal((await getAs(h, other.token, `/api/v1/uploads/${scan}`)).statusCode, 404);

    const passports = await officerOf(h, 'passports');
    const viewed = await getAs(h, passports.token, `/api/v1/officer/requests/${reference}/files/scan.passportScan`);
    assert.equal(viewed.statusCode, 200);
    assert.equal(viewed.headers['content-type'], 'image/png');
    assert.deepEqual(viewed.rawPayload, PNG);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'requests.viewed_by_staff').where('actor_id', '=', passports.staff.id).execute();
    assert.equal(audit.length, 1);
    const traffic = await officerOf(h, 'traffic');
    assert.equal((await getAs(h, traffic.token, `/api/v1/officer/requests/${reference}/files/scan.passportScan`)).statusCode, 404);
    assert.equal((await getAs(h, a.token, `/api/v1/officer/requests/${reference}/files/scan.passportScan`)).statusCode, 401);
  });

  it('deletes the files of forms never submitted once a day old, and keeps those a request names', async () => {
    const a = await aResidentApplicant(h);
    const named = (await upload(h, a.token, PNG)).json().id as string;
    const made = await submit(h, a.token, { serviceId: SERVICE, data: formData(named) });
    assert.equal(made.statusCode, 201, made.body);
    const abandoned = (await upload(h, a.token, PNG)).json().id as string;
    clock.advance(KEEP_UNATTACHED_MS - 60_000);
    const token = await signIn(h, a.username, GOOD_PASSWORD, a.mobile);
    const recent = (await upload(h, token, PNG)).json().id as string;
    clock.advance(120_000);
    const deleted = await cleanUpUnattachedUploads({ db: database.db, clock });
    assert.ok(deleted >= 1);
    const left = await database.db.withTables<{ uploads: { id: string } }>().selectFrom('uploads').select('id').where('id', 'in', [named, abandoned, recent]).execute();
    assert.deepEqual(left.map((u) => u.id).sort(), [named, recent].sort());
    assert.equal(await cleanUpUnattachedUploads({ db: database.db, clock }), 0, 'a second round finds nothing');
  });

  it('carries the scan through the pages as multipart, keeping the answers when a file is refused', async () => {
    const a = await aResidentApplicant(h);
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, a);
    const first = await v.get(`/services/${SERVICE}/apply/passport`);
    assert.equal(first.statusCode, 200, first.body);
    const step1 = { step: 'passport', go: 'next', 'passport.number': 'W7654321', 'passport.issuingCountry': 'PHL', 'passport.issueDate': '2026-10-15', 'passport.expiryDate': '2036-10-14' };
    const second = await v.submit(`/services/${SERVICE}/apply`, step1);
    assert.equal(second.statusCode, 200, second.body);
    assert.match(second.body, /enctype="multipart\/form-data"/);
    assert.match(second.body, /type="file"/);
    const carried = { _csrf: v.csrf, step: 'scan', go: 'next', 'passport.number': 'W7654321', 'passport.issuingCountry': 'PHL', 'passport.issueDate': '2026-10-15', 'passport.expiryDate': '2036-10-14' };
    /** Sends the step as multipart, and follows its redirect to the page it leads to. */
    const post = async (files: Parameters<typeof multipartBody>[1]) => {
      const body = multipartBody(carried, files);
      const posted = await app.inject({ method: 'POST', url: `/services/${SERVICE}/apply`, remoteAddress: v.ip, cookies: v.cookies, headers: { accept: 'text/html', 'accept-language': 'en', 'content-type': body.contentType }, payload: body.payload });
      assert.equal(posted.statusCode, 303, posted.body);
      return Object.assign(await v.get(String(posted.headers.location)), { location: String(posted.headers.location) });
    };
    const refused = await post({ 'scan.passportScan:file': { bytes: GIF, filename: 'passport.png', type: 'image/png' } });
    assert.equal(refused.location, `/services/${SERVICE}/apply/scan`);
    assert.match(refused.body, /This type of file is not accepted/);
    assert.match(refused.body, /name="passport.number" value="W7654321"/, 'the other answers are kept');
    const noCsrf = multipartBody({ ...carried, _csrf: 'wrong' }, { 'scan.passportScan:file': { bytes: PNG, filename: 'p.png', type: 'image/png' } });
    const forged = await app.inject({ method: 'POST', url: `/services/${SERVICE}/apply`, remoteAddress: v.ip, cookies: v.cookies, headers: { accept: 'text/html', 'content-type': noCsrf.contentType }, payload: noCsrf.payload });
    assert.equal(forged.statusCode, 303);
    assert.equal((await v.get(String(forged.headers.location))).statusCode, 403, 'the CSRF check holds for multipart forms');
    const stored = await post({ 'scan.passportScan:file': { bytes: PNG, filename: 'passport.png', type: 'image/png' } });
    assert.equal(stored.statusCode, 200, stored.body);
    const scanId = /name="scan.passportScan" value="([0-9a-f-]{36})"/.exec(stored.body)?.[1];
    assert.ok(scanId, 'the next step carries only the id of the stored file');
    const check = await v.submit(`/services/${SERVICE}/apply`, { step: 'declaration', go: 'next', 'declaration.notLost': 'yes', 'scan.passportScan': scanId, 'passport.number': 'W7654321', 'passport.issuingCountry': 'PHL', 'passport.issueDate': '2026-10-15', 'passport.expiryDate': '2036-10-14' });
    assert.equal(check.statusCode, 200, check.body);
    assert.match(check.body, /File attached/);
    assert.match(check.body, /69/);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(check.body)![1]!;
    const sent = await v.post(`/services/${SERVICE}/submit`, { idempotencyKey: key, 'declaration.notLost': 'yes', 'scan.passportScan': scanId, 'passport.number': 'W7654321', 'passport.issuingCountry': 'PHL', 'passport.issueDate': '2026-10-15', 'passport.expiryDate': '2036-10-14' });
    assert.equal(sent.statusCode, 303, sent.body);
    const reference = /\/requests\/([^?]+)/.exec(String(sent.headers.location))![1]!;

    // The passports officer's page links the scan; opening it is a view of the request.
    const officer = await officerOf(h, 'passports');
    const sv = new Visitor(app, 'en', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0');
    await sv.get('/staff/login');
    clock.advance(1000);
    const started = await sv.post('/staff/login', { username: officer.staff.username, password: STAFF_PASSWORD });
    const codeUrl = started.headers.location as string;
    await sv.get(codeUrl);
    await sv.post(codeUrl, { code: (await lastCodeSentTo(database, officer.staff.mobile))! });
    const page = await sv.get(`/staff/requests/${reference}`);
    assert.equal(page.statusCode, 200);
    const link = `/staff/requests/${reference}/files/scan.passportScan`;
    assert.ok(page.body.includes(`href="${link}"`), 'the officer page links the scan');
    const file = await sv.get(link);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'image/png');
    assert.match(String(file.headers['content-disposition']), /^inline; filename="[A-Z0-9-]+-passportScan\.png"$/);
    assert.deepEqual(file.rawPayload, PNG);
  });
});
