import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPersonByNationalId } from '../../src/registry/index.js';
import { workVisaItems } from '../../src/inquiries/recruitment/requests.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp } from '../identity/support.js';
import { aChild, aDomesticWorkerSponsorship, anEstablishment, aResident } from '../registry/builders.js';
import { aSignedInCitizen, getAs, webSignIn } from '../requests/support.js';

/**
 * The recruitment inquiries: the work visas and the recruitment requests of the asker, personally
 * and for each establishment they own (named as such), with their states, nationalities in both
 * languages and the worker once a visa is used; the empty states; and that they are about the
 * asker only (not a dependant, a worker or anyone else). The clock is 2026-11-01.
 */

type Value = { kind: string; en?: string; ar?: string; text?: string; date?: string; tone?: string; count?: number };
type Answer = {
  summary: Array<{ label: { en: string }; value: Value }>;
  items: Array<{ title: Value; status: Value | null; fields: Array<{ label: { en: string }; value: Value }> }>;
  empty: { en: string; ar: string } | null;
};

const visa = (number: string, sponsor: { nationalId?: string; unifiedNumber?: string }, overrides: Record<string, unknown> = {}) => ({
  kind: 'work_visa',
  number,
  ...(sponsor.unifiedNumber ? { sponsorUnifiedNumber: sponsor.unifiedNumber } : { sponsorNationalId: sponsor.nationalId }),
  occupationAr: 'عاملة منزلية',
  occupationEn: 'Housemaid',
  nationality: 'PHL',
  status: 'issued',
  issuedOn: '2026-08-01',
  expiresOn: '2027-08-01',
  ...overrides,
});

const request = (number: string, sponsor: { nationalId?: string; unifiedNumber?: string }, overrides: Record<string, unknown> = {}) => ({
  kind: 'recruitment_request',
  number,
  ...(sponsor.unifiedNumber ? { sponsorUnifiedNumber: sponsor.unifiedNumber } : { sponsorNationalId: sponsor.nationalId }),
  officeAr: 'مكتب النخبة للاستقدام',
  officeEn: 'Al Nukhba Recruitment Office',
  nationality: 'IND',
  occupationAr: 'سائق خاص',
  occupationEn: 'Private driver',
  status: 'in_progress',
  submittedOn: '2026-09-15',
  ...overrides,
});

describe(`recruitment inquiries (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database } = h;
  const ask = async (token: string, id: string) => {
    const res = await getAs(h, token, `/api/v1/inquiries/${id}`);
    assert.equal(res.statusCode, 200, `${id}: ${res.body}`);
    return res.json() as Answer;
  };
  const field = (item: Answer['items'][number], label: string) => item.fields.find((f) => f.label.en === label)?.value;

  /** A citizen with his own visas and requests, and an establishment with its own. */
  async function aSponsor() {
    const maid = aResident({ mobile: null, firstNameEn: 'Maria' });
    let establishment = { unifiedNumber: '', nameEn: '' };
    const sponsor = await aSignedInCitizen(h, {
      extra: (p) => {
        const est = anEstablishment(p, { nameAr: 'الكثبان للمقاولات', nameEn: 'Dune Contracting' });
        establishment = { unifiedNumber: est.unifiedNumber, nameEn: est.nameEn };
        const mine = { nationalId: p.nationalId };
        return [
          maid,
          est,
          visa(`WV-U-${p.nationalId}`, mine, { status: 'used', issuedOn: '2025-01-10', expiresOn: '2026-01-10', workerNationalId: maid.nationalId, usedOn: '2025-03-01' }),
          visa(`WV-I-${p.nationalId}`, mine, { issuedOn: '2026-09-01' }),
          visa(`WV-L-${p.nationalId}`, mine, { issuedOn: '2025-09-01', expiresOn: '2026-09-01' }),
          visa(`WV-E-${p.nationalId}`, est, { occupationAr: 'نجار', occupationEn: 'Carpenter', nationality: 'IND', status: 'cancelled', issuedOn: '2026-02-01' }),
          request(`RR-C-${p.nationalId}`, mine, { status: 'completed', submittedOn: '2024-11-01', closedOn: '2025-01-10', workVisaNumber: `WV-U-${p.nationalId}`, nationality: 'PHL', occupationAr: 'عاملة منزلية', occupationEn: 'Housemaid' }),
          request(`RR-P-${p.nationalId}`, mine),
          request(`RR-E-${p.nationalId}`, est, { status: 'cancelled', submittedOn: '2026-01-05', closedOn: '2026-01-20', occupationAr: 'نجار', occupationEn: 'Carpenter' }),
        ];
      },
    });
    return { sponsor, maid, establishment };
  }

  it('lists the recruitment inquiries', async () => {
    const list = (await app.inject({ url: '/api/v1/inquiries?agency=recruitment' })).json().inquiries as Array<{ id: string; subjects: string[] }>;
    assert.deepEqual(list.map((i) => [i.id, i.subjects]), [
      ['recruitment.work-visas', ['self']],
      ['recruitment.recruitment-requests', ['self']],
    ]);
    const found = (await app.inject({ url: `/api/v1/inquiries?q=${encodeURIComponent('طلبات الاستقدام')}` })).json().inquiries as Array<{ id: string }>;
    assert.equal(found[0]?.id, 'recruitment.recruitment-requests');
  });

  it("lists the asker's and their establishment's work visas with status, nationality, worker and sponsor", async () => {
    const { sponsor, establishment } = await aSponsor();
    const n = sponsor.person.nationalId;
    const answer = await ask(sponsor.token, 'recruitment.work-visas');
    assert.deepEqual(answer.items.map((i) => [field(i, 'Visa number')!.text, i.status!.en, i.status!.tone]), [
      [`WV-I-${n}`, 'Issued', 'ok'],
      [`WV-L-${n}`, 'Expired', 'bad'],
      [`WV-U-${n}`, 'Used', 'neutral'],
      [`WV-E-${n}`, 'Cancelled', 'neutral'],
    ]);
    assert.deepEqual(answer.summary.map((f) => f.value.count), [4, 1]);
    const used = answer.items[2]!;
    assert.equal(field(used, 'Worker')!.en, 'Maria Reyes');
    assert.equal(field(used, 'Used on')!.date, '2025-03-01');
    assert.deepEqual(field(used, 'Nationality'), { kind: 'words', ar: 'الفلبين', en: 'Philippines' });
    assert.equal(field(used, 'Issued to')!.en, 'You');
    assert.equal(field(answer.items[0]!, 'Worker'), undefined, 'an unused visa names no worker');
    const est = answer.items[3]!;
    assert.equal(field(est, 'Issued to')!.en, establishment.nameEn);
    assert.deepEqual(field(est, 'Nationality'), { kind: 'words', ar: 'الهند', en: 'India' });
    assert.equal(est.title.en, 'Work visa: Carpenter');

    // The items are exported for the passports twin of the inquiry.
    const asker = (await findPersonByNationalId(database.db, n))!;
    assert.equal((await workVisaItems({ db: database.db, asker, today: '2026-11-01' })).length, 4);

    for (const [locale, words] of [
      ['ar', ['منتهية', 'الكثبان للمقاولات', 'الفلبين']],
      ['en', ['Expired', 'Dune Contracting', 'Philippines']],
    ] as const) {
      const v = new Visitor(app, locale);
      await webSignIn(h, v, sponsor);
      const page = await v.get('/inquiries/recruitment.work-visas');
      assert.equal(page.statusCode, 200);
      for (const w of words) assert.ok(page.body.includes(w), `${locale}: ${w}`);
      assert.ok(!page.body.includes('<select'), 'about the asker only: no chooser');
    }
  });

  it("lists the asker's and their establishment's recruitment requests, with the visa once issued", async () => {
    const { sponsor, establishment } = await aSponsor();
    const n = sponsor.person.nationalId;
    const answer = await ask(sponsor.token, 'recruitment.recruitment-requests');
    assert.deepEqual(answer.items.map((i) => [field(i, 'Request number')!.text, i.status!.en]), [
      [`RR-P-${n}`, 'In progress'],
      [`RR-C-${n}`, 'Completed'],
      [`RR-E-${n}`, 'Cancelled'],
    ]);
    const [pending, completed, cancelled] = answer.items;
    assert.equal(field(pending!, 'Visa number'), undefined);
    assert.equal(field(pending!, 'Closed on'), undefined);
    assert.equal(field(pending!, 'Recruitment office')!.en, 'Al Nukhba Recruitment Office');
    assert.deepEqual(field(pending!, 'Nationality'), { kind: 'words', ar: 'الهند', en: 'India' });
    assert.equal(field(completed!, 'Visa number')!.text, `WV-U-${n}`);
    assert.equal(field(completed!, 'Closed on')!.date, '2025-01-10');
    assert.equal(field(completed!, 'Requested by')!.en, 'You');
    assert.equal(field(cancelled!, 'Requested by')!.en, establishment.nameEn);
  });

  it('says clearly when there is nothing', async () => {
    const c = await aSignedInCitizen(h);
    for (const id of ['recruitment.work-visas', 'recruitment.recruitment-requests']) {
      const answer = await ask(c.token, id);
      assert.deepEqual(answer.items, [], id);
      assert.deepEqual(answer.summary, [], id);
      assert.ok(answer.empty && answer.empty.en.length > 10 && answer.empty.ar.length > 10, id);
    }
    assert.equal((await ask(c.token, 'recruitment.work-visas')).empty!.en, 'No work visa has been issued to you or your establishments.');
  });

  it('is about the asker only: not a ward, a domestic worker or anyone else', async () => {
    const child = aChild();
    const worker = aResident({ mobile: null });
    const { sponsor: other } = await aSponsor();
    const c = await aSignedInCitizen(h, {
      extra: (p) => [child, { kind: 'guardianship', guardianNationalId: p.nationalId, wardNationalId: child.nationalId, basis: 'father', startsOn: child.birthDate }, worker, aDomesticWorkerSponsorship(worker, p)],
    });
    for (const id of ['recruitment.work-visas', 'recruitment.recruitment-requests']) {
      for (const subject of [child.nationalId, worker.nationalId, other.person.nationalId]) {
        const refused = await getAs(h, c.token, `/api/v1/inquiries/${id}?subject=${subject}`);
        assert.equal(refused.statusCode, 403, `${id} about ${subject}`);
      }
      // Oneself, named or not.
      assert.deepEqual((await getAs(h, c.token, `/api/v1/inquiries/${id}?subject=${c.person.nationalId}`)).json().items, []);
    }
    // Another sponsor's visas are not the asker's.
    assert.deepEqual((await ask(c.token, 'recruitment.work-visas')).items, []);
  });
});
