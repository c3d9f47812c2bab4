import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { addPersons, identityApp } from '../identity/support.js';
import { aCitizen, aDomesticWorkerSponsorship, anEstablishment, aResident } from '../registry/builders.js';
import { aSignedInCitizen, getAs, webSignIn } from '../requests/support.js';
import type { RecordOf } from '../../src/registry/index.js';

/**
 * The passports inquiries: about one person (exit/re-entry visa, fingerprints, health insurance,
 * iqama, travel record, resident report, employment), each for the asker, a dependant or a
 * domestic worker and nobody else; and a sponsor's lists (new workers' arrival, foreign workers,
 * the persons I sponsor, the return of those who left), each with its empty state.
 */

type Answer = { subject: { nationalId: string }; summary: Array<{ label: { en: string }; value: { kind: string; en?: string; text?: string; count?: number } }>; items: Array<{ title: { en?: string; text?: string }; status: { en: string } | null; fields: Array<{ label: { en: string }; value: { en?: string; text?: string; date?: string; hijri?: string } }> }>; empty: { en: string; ar: string } | null };

function doc(person: { nationalId: string }, kind: string, overrides: Record<string, unknown>): RecordOf<'document'> {
  return { kind: 'document', nationalId: person.nationalId, documentKind: kind, issueDate: '2026-01-01', expiryDate: '2027-01-01', status: 'valid', issuingCountry: 'SAU', ...overrides } as unknown as RecordOf<'document'>;
}

describe(`passports inquiries (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database } = h;
  const ask = async (token: string, id: string, subject?: string) => {
    const res = await getAs(h, token, `/api/v1/inquiries/${id}${subject ? `?subject=${subject}` : ''}`);
    assert.equal(res.statusCode, 200, `${id}: ${res.body}`);
    return res.json() as Answer;
  };
  const text = (a: Answer) => JSON.stringify(a);

  /** A sponsor with a housemaid who has a passport, iqama, biometrics, insurance, crossings and an exit/re-entry visa used to leave. */
  async function aSponsorWithWorker() {
    const worker = aResident({ mobile: null, nationality: 'PHL', firstNameEn: 'Maria' });
    const sponsor = await aSignedInCitizen(h, {
      extra: (p) => [
        worker,
        aDomesticWorkerSponsorship(worker, p),
        doc(worker, 'iqama', { number: worker.nationalId, expiryDate: '2026-11-20' }),
        doc(worker, 'passport', { number: `P${worker.nationalId}`, issuingCountry: 'PHL', expiryDate: '2030-01-01' }),
        { kind: 'biometrics', nationalId: worker.nationalId, status: 'registered', fingerprintsOn: '2025-03-02', faceOn: '2025-03-02', placeAr: 'جوازات الرياض', placeEn: 'Riyadh passports office' },
        { kind: 'health_insurance', nationalId: worker.nationalId, insurerAr: 'بوبا العربية', insurerEn: 'Bupa Arabia', policyNumber: 'HI-77', class: 'C', startsOn: '2026-01-01', endsOn: '2026-12-31' },
        doc(worker, 'exit_reentry_visa', { number: `ERV${worker.nationalId}`, issueDate: '2026-09-01', expiryDate: '2026-10-20', details: { visaType: 'single', durationDays: 60, visaStatus: 'used' } }),
        { kind: 'border_crossing', nationalId: worker.nationalId, direction: 'entry', crossedAt: '2025-03-01T08:00:00+03:00', portAr: 'مطار الملك خالد الدولي', portEn: 'King Khalid International Airport', passportNumber: `P${worker.nationalId}`, visaKind: 'work', visaNumber: `WV${worker.nationalId}` },
        { kind: 'border_crossing', nationalId: worker.nationalId, direction: 'exit', crossedAt: '2026-09-05T22:00:00+03:00', portAr: 'مطار الملك خالد الدولي', portEn: 'King Khalid International Airport', passportNumber: `P${worker.nationalId}`, visaKind: 'exit_reentry', visaNumber: `ERV${worker.nationalId}` },
        { kind: 'employment', nationalId: worker.nationalId, employerNationalId: p.nationalId, occupationAr: 'عاملة منزلية', occupationEn: 'Housemaid', startedOn: '2025-03-01', contractStatus: 'active', monthlyWage: 150_000 },
        { kind: 'work_visa', number: `WV${worker.nationalId}`, sponsorNationalId: p.nationalId, occupationAr: 'عاملة منزلية', occupationEn: 'Housemaid', nationality: 'PHL', status: 'used', issuedOn: '2025-01-10', expiresOn: '2026-01-10', workerNationalId: worker.nationalId, usedOn: '2026-03-01' },
      ],
    });
    return { sponsor, worker };
  }

  it('answers about a worker for their sponsor: visa, fingerprints, insurance, iqama, travel, report, employment', async () => {
    const { sponsor, worker } = await aSponsorWithWorker();
    const visa = await ask(sponsor.token, 'passports.exit-reentry-status', worker.nationalId);
    assert.equal(visa.subject.nationalId, worker.nationalId);
    assert.equal(visa.items[0]!.status!.en, 'Did not return in time', 'left on 5 Sep, due back by 20 Oct, today 1 Nov');
    assert.equal((await ask(sponsor.token, 'passports.biometrics', worker.nationalId)).summary[0]!.value.en, 'Registered');
    const insurance = await ask(sponsor.token, 'passports.health-insurance', worker.nationalId);
    assert.match(text(insurance), /Bupa Arabia/);
    assert.equal(insurance.items[0]!.status!.en, 'Valid');
    const iqama = await ask(sponsor.token, 'passports.iqama-validity', worker.nationalId);
    assert.equal(iqama.items[0]!.status!.en, 'Expires soon');
    const travel = await ask(sponsor.token, 'passports.travel-record', worker.nationalId);
    assert.deepEqual(travel.items.map((i) => i.title.en), ['Exit', 'Entry']);
    const report = await ask(sponsor.token, 'passports.resident-report', worker.nationalId);
    const labels = report.summary.map((f) => f.label.en);
    for (const label of ['Name', 'Iqama number', 'Nationality', 'Sponsor', 'Occupation', 'Iqama', 'Passport number', 'Biometrics', 'Health insurance']) assert.ok(labels.includes(label), label);
    assert.match(text(report), /Philippines/);
    const job = await ask(sponsor.token, 'passports.employment', worker.nationalId);
    assert.equal(job.items[0]!.title.en, 'Housemaid');
    assert.match(text(job), /"halalas":150000/);
  });

  it("lists a sponsor's arrivals, workers, sponsored persons and who has not come back", async () => {
    const { sponsor, worker } = await aSponsorWithWorker();
    const arrivals = await ask(sponsor.token, 'passports.new-workers-arrival');
    assert.equal(arrivals.items.length, 1);
    assert.match(text(arrivals), new RegExp(worker.nationalId));
    const workers = await ask(sponsor.token, 'passports.foreign-workers');
    assert.equal(workers.summary[0]!.value.count, 1);
    const persons = await ask(sponsor.token, 'passports.sponsored-persons');
    assert.equal(persons.items[0]!.status!.en, 'Domestic worker');
    const back = await ask(sponsor.token, 'passports.return-status');
    assert.equal(back.items[0]!.status!.en, 'Did not return in time');
  });

  it("includes an establishment owner's workers and arrivals, named by the establishment", async () => {
    const worker = aResident({ mobile: null, nationality: 'IND' });
    const owner = await aSignedInCitizen(h, {
      extra: (p) => {
        const est = anEstablishment(p, { nameEn: 'Dune Contracting', nameAr: 'الكثبان للمقاولات' });
        return [est, worker, { kind: 'sponsorship', workerNationalId: worker.nationalId, sponsorUnifiedNumber: est.unifiedNumber, occupationAr: 'نجار', occupationEn: 'Carpenter', domesticWorker: false, startedOn: '2026-02-01' }];
      },
    });
    const workers = await ask(owner.token, 'passports.foreign-workers');
    assert.match(text(workers), /Dune Contracting/);
    assert.match(text(workers), /Carpenter/);
    assert.deepEqual((await ask(owner.token, 'passports.sponsored-persons')).items, [], 'not under the owner personally');
  });

  it('says clearly when there is nothing, and tells a citizen which inquiries are for residents', async () => {
    const c = await aSignedInCitizen(h);
    for (const id of ['passports.exit-reentry-status', 'passports.travel-record', 'passports.employment', 'passports.new-workers-arrival', 'passports.foreign-workers', 'passports.sponsored-persons', 'passports.return-status']) {
      const answer = await ask(c.token, id);
      assert.deepEqual(answer.items, [], id);
      assert.ok(answer.empty && answer.empty.en.length > 10 && answer.empty.ar.length > 10, id);
    }
    for (const id of ['passports.health-insurance', 'passports.iqama-validity', 'passports.resident-report']) {
      assert.match((await ask(c.token, id)).empty!.en, /for residents/, id);
    }
    const none = await ask(c.token, 'passports.biometrics');
    assert.equal(none.summary[0]!.value.en, 'Not registered');
    assert.match(none.empty!.en, /register them at a passports office/);
  });

  it('lets nobody look up a worker or dependant who is not theirs, on the API or the pages', async () => {
    const { worker } = await aSponsorWithWorker();
    const other = await aSignedInCitizen(h);
    const refused = await getAs(h, other.token, `/api/v1/inquiries/passports.travel-record?subject=${worker.nationalId}`);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'inquiries.not_your_subject');
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, other);
    const page = await v.get(`/inquiries/passports.travel-record?subject=${worker.nationalId}`);
    assert.equal(page.statusCode, 403);
    assert.ok(!page.body.includes(worker.firstNameAr) && !page.body.includes(`P${worker.nationalId}`), 'nothing of the worker is shown');
    // A ward is a dependant of their guardian.
    const child = aCitizen({ mobile: null, birthDate: '2012-05-05' });
    const parent = await aSignedInCitizen(h, { extra: (p) => [child, { kind: 'guardianship', guardianNationalId: p.nationalId, wardNationalId: child.nationalId, basis: 'father', startsOn: '2012-05-05' }] });
    assert.equal((await ask(parent.token, 'passports.travel-record', child.nationalId)).subject.nationalId, child.nationalId);
    void database;
    void addPersons;
  });

  it('shows dates in Gregorian and Hijri on the page and in the API, in Arabic', async () => {
    const { sponsor, worker } = await aSponsorWithWorker();
    const visa = await ask(sponsor.token, 'passports.exit-reentry-status', worker.nationalId);
    const returnBy = visa.items[0]!.fields.find((f) => f.label.en === 'Return by')!.value;
    assert.equal(returnBy.date, '2026-10-20');
    assert.equal(returnBy.hijri, '1448-05-09');
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, sponsor);
    const page = await v.get(`/inquiries/passports.exit-reentry-status?subject=${worker.nationalId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /لم يعد في الموعد/);
    assert.match(page.body, /جمادى الأولى/);
    assert.ok(page.body.includes(`<option value="${worker.nationalId}" selected`), 'the chooser shows whom the answer is about');
  });
});
