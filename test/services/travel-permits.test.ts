import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, hijriToGregorian, toHijri } from '../../src/kernel/dates.js';
import { permitNumberFor } from '../../src/services/passports/travel-permits.js';
import type { RecordOf } from '../../src/registry/index.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { addPersons, aMobile, identityApp, messagesTo, signedInAccount } from '../identity/support.js';
import { aChild, aCitizen } from '../registry/builders.js';
import { getAs, officerOf, personAct, staffAct, submit, webSignIn } from '../requests/support.js';

/**
 * Travel permits for family members: who may be named (child, unmarried, under 21 Hijri years,
 * the applicant's ward), the permit's dates, approval recording the permit in the child's
 * documents, rejection with reasons, cancelling, who may see and act, and the child's own view.
 */

const SERVICE = 'passports.family.travel-permits';
const TODAY = '2026-11-01'; // the harness's day in Riyadh

/** The Gregorian day on which someone born on it is exactly `years` Hijri years old on `on`. */
function bornHijriYearsBefore(on: string, years: number): string {
  const h = toHijri(on);
  const birth = hijriToGregorian({ ...h, year: h.year - years }) ?? hijriToGregorian({ ...h, year: h.year - years, day: h.day - 1 });
  return birth!;
}

describe(`travel permits for family members (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database } = h;

  const account = (person: RecordOf<'person'>) => signedInAccount(h, person);

  /** A father with an account and children as told: each a ward unless `ward: false`. */
  async function aFamily(children: Array<Partial<RecordOf<'person'>> & { ward?: boolean }>) {
    const father = aCitizen({ mobile: aMobile(), birthDate: '1975-01-10' });
    const kids = children.map(({ ward: _ward, ...c }) => aChild({ mobile: aMobile(), ...c }));
    const records: object[] = [father, ...kids];
    kids.forEach((kid, i) => {
      records.push({ kind: 'parent_child', parentNationalId: father.nationalId, childNationalId: kid.nationalId });
      if (children[i]!.ward !== false) records.push({ kind: 'guardianship', guardianNationalId: father.nationalId, wardNationalId: kid.nationalId, basis: 'father', startsOn: kid.birthDate });
    });
    await addPersons(database, records);
    return { guardian: await account(father), kids };
  }

  const trip = (overrides: Record<string, string> = {}) => ({ destination: 'list', country1: 'ARE', country2: 'GBR', trips: 'multiple', validFrom: TODAY, validTo: '2027-01-31', ...overrides });
  const apply = (token: string, idNumber: string, t: Record<string, string> = trip()) => submit(h, token, { serviceId: SERVICE, data: { member: { idNumber }, trip: t } });
  const problemsOf = (res: { json(): unknown }) => ((res.json() as { errors?: Array<{ field: string; message: string }> }).errors ?? []);

  it('is listed under Passports -> Family members, with no fee, and only someone with family can apply', async () => {
    const service = app.catalogue.get(SERVICE);
    assert.equal(service.agency, 'passports');
    assert.deepEqual(service.group, { ar: 'أفراد الأسرة', en: 'Family members' });
    const found = await app.inject({ url: `/api/v1/services?q=${encodeURIComponent('تصريح سفر')}` });
    assert.equal(found.json().services[0]?.id, SERVICE);
    const { guardian: loner } = await aFamily([]);
    const res = await app.inject({ method: 'POST', url: `/api/v1/services/${SERVICE}/eligibility`, headers: { authorization: `Bearer ${loner.token}` }, payload: {} });
    const failed = (res.json().rules as Array<{ id: string; passed: boolean }>).filter((r) => !r.passed).map((r) => r.id);
    assert.deepEqual(failed, ['has_family']);
    const page = await new Visitor(app, 'ar').get(`/services/${SERVICE}`);
    assert.match(page.body, /تصاريح السفر لأفراد الأسرة/);
  });

  it('refuses a married child, a child 21 or over in Hijri years (on the day, not the day before), and says why', async () => {
    const turns21Today = bornHijriYearsBefore(TODAY, 21);
    const turns21Tomorrow = addDays(turns21Today, 1);
    const { guardian, kids } = await aFamily([
      { birthDate: '2007-03-01', maritalStatus: 'married', ward: false },
      { birthDate: turns21Today, ward: false },
      { birthDate: turns21Tomorrow, ward: false },
    ]);
    const [married, twentyOne, twenty] = kids as [RecordOf<'person'>, RecordOf<'person'>, RecordOf<'person'>];
    const m = await apply(guardian.token, married.nationalId);
    assert.equal(m.statusCode, 422, m.body);
    assert.match(problemsOf(m)[0]!.message, /married/);
    const o = await apply(guardian.token, twentyOne.nationalId, trip({ validTo: addDays(TODAY, 10) }));
    assert.equal(o.statusCode, 422, o.body);
    assert.match(problemsOf(o)[0]!.message, /turned 21 in Hijri years/);
    // The day before the 21st Hijri birthday the child may have a permit, valid to that day at most.
    const late = await apply(guardian.token, twenty.nationalId, trip({ validTo: addDays(TODAY, 1) }));
    assert.equal(late.statusCode, 422, late.body);
    assert.equal(problemsOf(late)[0]!.field, 'trip.validTo');
    // Validity must be after today, so a child turning 21 tomorrow can have no permit at all;
    // one turning 21 in a week can, up to the day before.
    const { guardian: g2, kids: [soon] } = await aFamily([{ birthDate: addDays(turns21Today, 7), ward: false }]);
    const ok = await apply(g2.token, soon!.nationalId, trip({ validTo: addDays(TODAY, 6) }));
    assert.equal(ok.statusCode, 201, ok.body);
    const tooLong = await apply(g2.token, soon!.nationalId, trip({ validTo: addDays(TODAY, 7) }));
    assert.equal(tooLong.statusCode, 422, tooLong.body);
  });

  it('checks the dates and the countries', async () => {
    const { guardian, kids } = await aFamily([{ birthDate: '2012-06-21' }]);
    const id = kids[0]!.nationalId;
    const cases: Array<[Record<string, string>, string]> = [
      [trip({ validFrom: addDays(TODAY, -1) }), 'trip.validFrom'],
      [trip({ validFrom: addDays(TODAY, 181) }), 'trip.validFrom'],
      [trip({ validFrom: '2026-12-01', validTo: '2026-12-01' }), 'trip.validTo'],
      [trip({ validFrom: '2026-12-01', validTo: '2027-12-02' }), 'trip.validTo'],
      [trip({ country2: 'ARE' }), 'trip.country2'],
      [trip({ country1: '' }), 'trip.country1'],
      [trip({ country1: 'XXX' }), 'trip.country1'],
    ];
    for (const [t, field] of cases) {
      const res = await apply(guardian.token, id, t);
      assert.equal(res.statusCode, 422, `${JSON.stringify(t)}: ${res.body}`);
      assert.equal(problemsOf(res)[0]!.field, field, JSON.stringify(t));
    }
    const year = await apply(guardian.token, id, trip({ validFrom: '2026-12-01', validTo: '2027-12-01', destination: 'all', country1: '', country2: '' }));
    assert.equal(year.statusCode, 201, year.body);
  });

  it('issues a permit on approval into the child\'s documents, tells the guardian, and the child sees it on their own account', async () => {
    const { guardian, kids } = await aFamily([{ birthDate: '2009-05-02' }]);
    const child = kids[0]!;
    const res = await apply(guardian.token, child.nationalId);
    assert.equal(res.statusCode, 201, res.body);
    const reference = res.json().reference as string;
    const officer = await officerOf(h, 'passports');
    const wrongAgency = await officerOf(h, 'traffic');
    assert.notEqual((await staffAct(h, wrongAgency.token, reference, 'approve')).statusCode, 200);
    const approved = await staffAct(h, officer.token, reference, 'approve');
    assert.equal(approved.statusCode, 200, approved.body);
    const doc = await database.db.selectFrom('documents').innerJoin('persons', 'persons.id', 'documents.person_id').select(['documents.number', 'documents.status', 'documents.issue_date', 'documents.expiry_date', 'documents.details']).where('persons.national_id', '=', child.nationalId).where('documents.kind', '=', 'travel_permit').executeTakeFirstOrThrow();
    assert.equal(doc.number, permitNumberFor(reference));
    assert.equal(doc.status, 'valid');
    assert.equal(String(doc.expiry_date).slice(0, 10), '2027-01-31');
    assert.deepEqual((doc.details as { countries: string[] }).countries, ['ARE', 'GBR']);
    const sms = await messagesTo(database, guardian.mobile);
    assert.ok(sms.some((m) => m.body.includes(permitNumberFor(reference))), 'the guardian is told of the approval');
    // The child's own account: "My data" lists the permit with its countries and dates.
    const childAccount = await account(child);
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, childAccount);
    const me = await v.get('/me');
    assert.match(me.body, /تصاريح السفر/);
    assert.match(me.body, new RegExp(permitNumberFor(reference)));
    assert.match(me.body, /ساري/);
    // The request's page names the member once, in the script of the page's language.
    for (const [locale, shown, other] of [
      ['ar', child.firstNameAr, child.firstNameEn],
      ['en', child.firstNameEn, child.firstNameAr],
    ] as const) {
      const gv = new Visitor(app, locale);
      await webSignIn(h, gv, guardian);
      const page = (await gv.get(`/requests/${reference}`)).body;
      assert.ok(page.includes(shown), `${locale}: the member's name`);
      assert.ok(!page.includes(other), `${locale}: not the other script's name`);
    }
    // The guardian cancels the issued permit: the document is cancelled.
    const cancelled = await personAct(h, guardian.token, reference, 'cancelPermit');
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    const after = await database.db.selectFrom('documents').select('status').where('number', '=', permitNumberFor(reference)).executeTakeFirstOrThrow();
    assert.equal(after.status, 'cancelled');
    assert.match((await v.get('/me')).body, /ملغى/);
  });

  it('rejects with a reason the guardian is told, and lets the guardian cancel a pending request', async () => {
    const { guardian, kids } = await aFamily([{ birthDate: '2012-06-21' }]);
    const officer = await officerOf(h, 'passports');
    const first = (await apply(guardian.token, kids[0]!.nationalId)).json().reference as string;
    const rejected = await staffAct(h, officer.token, first, 'reject', { expectedVersion: 1, reason: { code: 'travel_ban' } });
    assert.equal(rejected.statusCode, 200, rejected.body);
    const sms = await messagesTo(database, guardian.mobile);
    assert.ok(sms.some((m) => /rejected\. Reason: The family member is banned from travel/.test(m.body)), `the guardian is told of the rejection with its reason: ${sms.map((m) => m.body).join(' | ')}`);
    const second = (await apply(guardian.token, kids[0]!.nationalId)).json().reference as string;
    const cancelled = await personAct(h, guardian.token, second, 'cancel');
    assert.equal(cancelled.statusCode, 200, cancelled.body);
  });

  it('lets nobody act for a child who is not theirs', async () => {
    const { guardian, kids } = await aFamily([{ birthDate: '2012-06-21' }]);
    const { guardian: other, kids: [otherChild] } = await aFamily([{ birthDate: '2013-01-01' }]);
    // Another family's child, and a number that is nobody: the same answer.
    const notMine = await apply(guardian.token, otherChild!.nationalId);
    const nobody = await apply(guardian.token, '1000000008');
    assert.equal(notMine.statusCode, 422);
    assert.equal(problemsOf(notMine)[0]!.message, problemsOf(nobody)[0]?.message ?? problemsOf(notMine)[0]!.message);
    // A mother who is a parent but not the guardian (the father holds the guardianship).
    const mother = aCitizen({ sex: 'female', mobile: aMobile(), birthDate: '1980-01-01' });
    await addPersons(database, [mother, { kind: 'parent_child', parentNationalId: mother.nationalId, childNationalId: kids[0]!.nationalId }]);
    const m = await account(mother);
    const byMother = await apply(m.token, kids[0]!.nationalId);
    assert.equal(byMother.statusCode, 422, byMother.body);
    assert.match(problemsOf(byMother)[0]!.message, /not .*guardian/);
    // Someone else's request: not seen, not cancelled.
    const reference = (await apply(guardian.token, kids[0]!.nationalId)).json().reference as string;
    assert.equal((await getAs(h, other.token, `/api/v1/requests/${reference}`)).statusCode, 404);
    assert.notEqual((await personAct(h, other.token, reference, 'cancel')).statusCode, 200);
  });
});
