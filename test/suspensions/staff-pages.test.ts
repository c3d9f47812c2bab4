import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp } from '../identity/support.js';
import { aStaffMember } from '../identity/staff-support.js';
import { aMobile } from '../identity/support.js';
import { aSuspension } from '../registry/builders.js';
import { aSignedInCitizen, webSignIn } from '../requests/support.js';
import { staffWebSignIn } from './support.js';

/** The staff pages: find a person, place a suspension, lift it; the role rule; errors on the form. */

describe(`suspensions staff pages (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database } = h;
  const db = database.db;
  const supervisor = await aStaffMember(h, { agency: 'general', role: 'supervisor', mobile: aMobile(), nameEn: 'Salman Supervisor' });

  const placeForm = (body: string, overrides: Record<string, string> = {}) => ({
    nationalId: /name="nationalId" value="(\d{10})"/.exec(body)![1]!,
    idempotencyKey: /name="idempotencyKey" value="([0-9a-f-]{36})"/.exec(body)![1]!,
    authority: 'court',
    legalBasis: 'General Court ruling 1448/4242',
    reasonAr: 'حكم قضائي بالمنع من السفر',
    reasonEn: 'Court ruling imposing a travel ban',
    blockedServices: 'passports.*',
    liftedBy: 'authority_order',
    startsOn: '',
    ...overrides,
  });
  const active = async (nationalId: string) =>
    db.selectFrom('service_suspensions').innerJoin('persons', 'persons.id', 'service_suspensions.person_id').select(['reference', 'lifted_at', 'lift_note', 'blocked_services']).where('persons.national_id', '=', nationalId).orderBy('reference').execute();

  it('finds a person, places a suspension and lifts it, all through the pages; the person sees both', async () => {
    const citizen = await aSignedInCitizen(h, { extra: (person) => [aSuspension(person, { reference: `SSTR${person.nationalId}`, authority: 'traffic' })] });
    const v = await staffWebSignIn(h, supervisor);
    const home = await v.get('/staff');
    assert.match(home.body, /href="\/staff\/suspensions"/);

    const empty = await v.get('/staff/suspensions');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /You may place and lift suspensions requested by: The General Court, The Public Prosecution, The Enforcement Court, The Ministry of Interior, The Zakat, Tax and Customs Authority\./);

    const found = await v.get(`/staff/suspensions?nationalId=${citizen.person.nationalId}`);
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /Abdullah Saad Al-Qahtani, ID number/);
    assert.match(found.body, /The General Department of Traffic/);
    assert.match(found.body, /Only staff of the agency that speaks for this authority may lift it\./, 'a traffic suspension has no lift form for General Services');
    assert.match(found.body, /<input type="checkbox" id="blocked-\*" name="blockedServices" value="\*"/);
    assert.match(found.body, /value="civil-affairs.national-id.replace-lost"/);

    const form = placeForm(found.body, { blockedServices: 'passports.*' });
    const placed = await v.post('/staff/suspensions', form);
    assert.equal(placed.statusCode, 303, placed.body);
    const location = placed.headers.location as string;
    assert.match(location, /^\/staff\/suspensions\?nationalId=\d{10}&placed=SS\d{10}$/);
    const reference = /placed=(SS\d{10})/.exec(location)![1]!;
    // A second click on the same form places nothing more.
    const again = await v.post('/staff/suspensions', form);
    assert.equal(again.statusCode, 303);
    assert.equal((await active(citizen.person.nationalId)).length, 2);

    const after = await v.get(location);
    assert.match(after.body, new RegExp(`Suspension ${reference} is placed`));
    assert.match(after.body, /General Court ruling 1448\/4242/);
    assert.match(after.body, new RegExp(`action="/staff/suspensions/${reference}/lift"`));

    const person = new Visitor(app, 'en');
    await webSignIn(h, person, citizen);
    assert.match((await person.get('/suspensions')).body, /Court ruling imposing a travel ban/);
    assert.match((await person.get('/inbox')).body, /At the request of The General Court, some of your services are suspended/);

    const noNote = await v.post(`/staff/suspensions/${reference}/lift`, { nationalId: citizen.person.nationalId, [`note-${reference}`]: '' });
    assert.equal(noNote.statusCode, 422);
    assert.match(noNote.body, new RegExp(`<a href="#field-note-${reference}">Enter a note`));

    h.clock.advance(1000);
    const lifted = await v.post(`/staff/suspensions/${reference}/lift`, { nationalId: citizen.person.nationalId, [`note-${reference}`]: 'Court order 1448/5000 lifts the ban' });
    assert.equal(lifted.statusCode, 303, lifted.body);
    const liftedPage = await v.get(lifted.headers.location as string);
    assert.match(liftedPage.body, new RegExp(`Suspension ${reference} is lifted`));
    assert.match(liftedPage.body, /Lifted in the last 90 days/);
    const row = (await active(citizen.person.nationalId)).find((r) => r.reference === reference)!;
    assert.equal(row.lift_note, 'Court order 1448/5000 lifts the ban');

    const auditBefore = await db.selectFrom('audit_log').select(['seq', 'action']).where('action', 'like', 'suspensions.lifted').execute();
    h.clock.advance(60_000);
    const twice = await v.post(`/staff/suspensions/${reference}/lift`, { nationalId: citizen.person.nationalId, [`note-${reference}`]: 'again' });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /class="error-summary"/);
    assert.match(twice.body, new RegExp(`<p>Suspension ${reference} was already lifted on 1 November 2026 \\(21 Jumada I 1448 AH\\)\\. Nothing was changed\\.</p>`));
    assert.doesNotMatch(twice.body, /href="#field-reference"/, 'no link to a field the page does not have');
    assert.match(twice.body, /Lifted in the last 90 days/);
    assert.deepEqual((await active(citizen.person.nationalId)).find((r) => r.reference === reference), row, 'lifted_at and the note unchanged');
    assert.deepEqual(await db.selectFrom('audit_log').select(['seq', 'action']).where('action', 'like', 'suspensions.lifted').execute(), auditBefore);
    assert.match((await person.get('/inbox')).body, /is lifted: the services it suspended are available to you again/);
  });

  it('shows what is wrong on the form, in Arabic too, and keeps what was typed', async () => {
    const citizen = await aSignedInCitizen(h);
    const v = await staffWebSignIn(h, supervisor, 'ar');
    const found = await v.get(`/staff/suspensions?nationalId=${citizen.person.nationalId}`);
    const refused = await v.post('/staff/suspensions', placeForm(found.body, { legalBasis: '', blockedServices: '', reasonEn: 'Kept reason' }));
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /class="error-summary"/);
    assert.match(refused.body, /<a href="#field-legalBasis">أدخل السند النظامي، مثل رقم أمر المحكمة.<\/a>/);
    assert.match(refused.body, /اختر خدمة واحدة على الأقل/);
    assert.match(refused.body, /Kept reason/);
    assert.equal((await active(citizen.person.nationalId)).length, 0);

    const invalid = await v.get('/staff/suspensions?nationalId=1234567890');
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /أدخل رقم هوية أو إقامة صحيحًا/);
    const unknown = await v.get('/staff/suspensions?nationalId=1000000008');
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /لا يوجد في السجل شخص بهذا الرقم/);
  });

  it('refuses officers, kiosks and other agencies’ supervisors, and the wrong authority', async () => {
    const citizen = await aSignedInCitizen(h);
    for (const [agency, role] of [['general', 'officer'], ['general', 'kiosk'], ['passports', 'supervisor']] as const) {
      const staff = await aStaffMember(h, { agency, role, mobile: aMobile() });
      const v = await staffWebSignIn(h, staff);
      const page = await v.get(`/staff/suspensions?nationalId=${citizen.person.nationalId}`);
      assert.equal(page.statusCode, 403, `${agency} ${role}`);
      assert.doesNotMatch(page.body, /Abdullah Saad/);
      assert.doesNotMatch((await v.get('/staff')).body, /href="\/staff\/suspensions"/);
    }
    const trafficSupervisor = await aStaffMember(h, { agency: 'traffic', role: 'supervisor', mobile: aMobile() });
    const v = await staffWebSignIn(h, trafficSupervisor);
    const found = await v.get(`/staff/suspensions?nationalId=${citizen.person.nationalId}`);
    assert.equal(found.statusCode, 200);
    // The form offers traffic only; a court suspension sent anyway is refused.
    assert.doesNotMatch(found.body, /<option value="court"/);
    const refused = await v.post('/staff/suspensions', placeForm(found.body, { authority: 'court' }));
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Only a supervisor or administrator of the agency that speaks for the authority/);
    assert.equal((await active(citizen.person.nationalId)).length, 0);
    // Without the staff session's form token nothing is placed.
    const forged = await v.post('/staff/suspensions', placeForm(found.body, { authority: 'traffic', liftedBy: 'pay_violations' }), { staffCsrf: null });
    assert.equal(forged.statusCode, 403);
    assert.equal((await active(citizen.person.nationalId)).length, 0);
    const placed = await v.post('/staff/suspensions', placeForm(found.body, { authority: 'traffic', liftedBy: 'pay_violations', blockedServices: 'general.kafala.traffic-bail' }));
    assert.equal(placed.statusCode, 303, placed.body);
  });
});
