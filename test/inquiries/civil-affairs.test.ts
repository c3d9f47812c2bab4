import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hajjEligibility, hajjSeasonOn } from '../../src/inquiries/civil-affairs/hajj.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp } from '../identity/support.js';
import { aChild, aDomesticWorkerSponsorship, aResident } from '../registry/builders.js';
import { aSignedInCitizen, getAs, LOST_ID, lostIdData, personAct, submit, webSignIn } from '../requests/support.js';

/**
 * The civil status inquiries: Hajj eligibility (the 5-year rule and the minimum age), Hajj
 * permits, ongoing transactions (real requests, gone once final) and ID validity (citizens'
 * cards; residents are pointed to the iqama inquiry); each about oneself or a dependant and
 * nobody else. The clock is 2026-11-01 (1448-05-10 AH): the Hajj season to come is 1448.
 */

type Value = { kind: string; en?: string; ar?: string; text?: string; date?: string; tone?: string };
type Answer = {
  subject: { nationalId: string };
  summary: Array<{ label: { en: string }; value: Value }>;
  items: Array<{ title: Value; status: Value | null; fields: Array<{ label: { en: string }; value: Value }> }>;
  empty: { en: string; ar: string } | null;
};

const hajj = (p: { nationalId: string }, hijriYear: number) => ({ kind: 'hajj_performance', nationalId: p.nationalId, hijriYear });
const permit = (p: { nationalId: string }, number: string, season: number, status: 'issued' | 'used' | 'cancelled', issuedOn: string) => ({
  kind: 'hajj_permit',
  number,
  nationalId: p.nationalId,
  seasonHijriYear: season,
  campaignAr: 'حملة الراجحي للحج',
  campaignEn: 'Al Rajhi Hajj Campaign',
  status,
  issuedOn,
});
const ward = (guardian: { nationalId: string }, child: { nationalId: string; birthDate: string }) => ({
  kind: 'guardianship',
  guardianNationalId: guardian.nationalId,
  wardNationalId: child.nationalId,
  basis: 'father',
  startsOn: child.birthDate,
});

describe(`civil status inquiries (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app } = h;
  const ask = async (token: string, id: string, subject?: string) => {
    const res = await getAs(h, token, `/api/v1/inquiries/${id}${subject ? `?subject=${subject}` : ''}`);
    assert.equal(res.statusCode, 200, `${id}: ${res.body}`);
    return res.json() as Answer;
  };
  const field = (fields: Answer['summary'], label: string) => fields.find((f) => f.label.en === label)?.value;

  it('lists the civil status inquiries in the seed order', async () => {
    const list = (await app.inject({ url: '/api/v1/inquiries?agency=civil-affairs' })).json().inquiries as Array<{ id: string; subjects: string[] }>;
    assert.deepEqual(list.map((i) => i.id), ['civil-affairs.hajj-eligibility', 'civil-affairs.hajj-permit', 'civil-affairs.ongoing-transactions', 'civil-affairs.id-validity']);
    for (const i of list) assert.deepEqual(i.subjects, ['self', 'family'], i.id);
    const found = (await app.inject({ url: `/api/v1/inquiries?q=${encodeURIComponent('أهلية الحج')}` })).json().inquiries as Array<{ id: string }>;
    assert.equal(found[0]?.id, 'civil-affairs.hajj-eligibility');
  });

  it('applies the Hajj rule: once every 5 Hijri years, from 12 Hijri years of age, for the season to come', () => {
    assert.equal(hajjSeasonOn('2026-11-01'), 1448);
    // 13 Dhu al-Hijjah 1447 is 2026-05-30: the 1447 Hajj is over the day after.
    assert.equal(hajjSeasonOn('2026-05-30'), 1447);
    assert.equal(hajjSeasonOn('2026-05-31'), 1448);
    const adult = { birth_date: '1980-03-14' };
    assert.deepEqual(hajjEligibility(adult, [], '2026-11-01'), { season: 1448, eligible: true, lastHajj: null, recentHajj: false, underAge: false, eligibleFrom: 1448 });
    assert.equal(hajjEligibility(adult, [1443], '2026-11-01').eligible, true, '5 years before the season: eligible');
    assert.deepEqual(hajjEligibility(adult, [1430, 1444], '2026-11-01'), { season: 1448, eligible: false, lastHajj: 1444, recentHajj: true, underAge: false, eligibleFrom: 1449 });
    // Born 2016-01-01 (1437-03-21): 11 on 8 Dhu al-Hijjah 1448, 12 on that of 1449.
    assert.deepEqual(hajjEligibility({ birth_date: '2016-01-01' }, [], '2026-11-01'), { season: 1448, eligible: false, lastHajj: null, recentHajj: false, underAge: true, eligibleFrom: 1449 });
  });

  it('answers Hajj eligibility with the verdict, the reason and the last Hajj, for oneself and a ward', async () => {
    const young = aChild({ birthDate: '2016-01-01' });
    const eligible = await aSignedInCitizen(h, { extra: (p) => [hajj(p, 1430), hajj(p, 1440), young, ward(p, young)] });
    const yes = await ask(eligible.token, 'civil-affairs.hajj-eligibility');
    assert.deepEqual(field(yes.summary, 'Eligibility'), { kind: 'status', tone: 'ok', ar: 'مؤهل للحج', en: 'Eligible' });
    assert.match(field(yes.summary, 'Reason')!.en!, /last Hajj on record was in 1440 AH/);
    assert.equal(field(yes.summary, 'Last Hajj')!.en, '1440 AH');
    assert.equal(field(yes.summary, 'Hajj season')!.en, '1448 AH');
    assert.deepEqual(yes.items.map((i) => i.title.en), ['Hajj of 1440 AH', 'Hajj of 1430 AH']);
    assert.equal(yes.items[0]!.fields.find((f) => f.label.en === 'Day of Arafah')!.value.date, '2019-08-10');
    assert.equal(yes.empty, null);

    const child = await ask(eligible.token, 'civil-affairs.hajj-eligibility', young.nationalId);
    assert.equal(child.subject.nationalId, young.nationalId);
    assert.equal(field(child.summary, 'Eligibility')!.en, 'Not eligible');
    assert.match(field(child.summary, 'Reason')!.en!, /Under 12 Hijri years/);
    assert.equal(field(child.summary, 'Eligible from the season')!.en, '1449 AH');
    assert.equal(field(child.summary, 'Turns 12 (Hijri) on')!.kind, 'date');

    const recent = await aSignedInCitizen(h, { extra: (p) => [hajj(p, 1446), permit(p, 'HP-1446-1', 1446, 'used', '2025-03-01')] });
    const no = await ask(recent.token, 'civil-affairs.hajj-eligibility');
    assert.deepEqual(field(no.summary, 'Eligibility'), { kind: 'status', tone: 'bad', ar: 'غير مؤهل للحج', en: 'Not eligible' });
    assert.match(field(no.summary, 'Reason')!.en!, /performed in 1446 AH, fewer than 5 Hijri years before the 1448 AH season/);
    assert.equal(field(no.summary, 'Eligible from the season')!.en, '1451 AH');

    const never = await ask((await aSignedInCitizen(h)).token, 'civil-affairs.hajj-eligibility');
    assert.equal(field(never.summary, 'Eligibility')!.en, 'Eligible');
    assert.equal(field(never.summary, 'Reason')!.en, 'No earlier Hajj is on record.');
    assert.deepEqual(never.items, []);

    for (const [locale, verdict, reason] of [
      ['ar', 'غير مؤهل للحج', 'أُدّي الحج عام 1446 هـ'],
      ['en', 'Not eligible', 'Hajj was performed in 1446 AH'],
    ] as const) {
      const v = new Visitor(app, locale);
      await webSignIn(h, v, recent);
      const page = await v.get('/inquiries/civil-affairs.hajj-eligibility');
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(verdict), `${locale}: the verdict`);
      assert.ok(page.body.includes(reason), `${locale}: the reason`);
    }
  });

  it('lists Hajj permits with their season, campaign and status, and says when there is none', async () => {
    const c = await aSignedInCitizen(h, {
      extra: (p) => [permit(p, 'HP-1448-7', 1448, 'issued', '2026-10-01'), permit(p, 'HP-1445-7', 1445, 'issued', '2024-01-10'), permit(p, 'HP-1446-7', 1446, 'cancelled', '2025-02-01')],
    });
    const answer = await ask(c.token, 'civil-affairs.hajj-permit');
    assert.deepEqual(answer.items.map((i) => [i.fields[0]!.value.text, i.status!.en]), [
      ['HP-1448-7', 'Issued'],
      ['HP-1446-7', 'Cancelled'],
      ['HP-1445-7', 'Season over'],
    ]);
    assert.match(JSON.stringify(answer.items[0]), /Al Rajhi Hajj Campaign/);
    assert.equal(answer.items[0]!.title.en, 'Hajj permit, 1448 AH season');
    // The eligibility names the permit for the season to come.
    assert.equal(field((await ask(c.token, 'civil-affairs.hajj-eligibility')).summary, 'Hajj permit for 1448 AH')!.text, 'HP-1448-7');

    const none = await ask((await aSignedInCitizen(h)).token, 'civil-affairs.hajj-permit');
    assert.deepEqual(none.items, []);
    assert.equal(none.empty!.en, 'No Hajj permit is on record.');
  });

  it('lists the open requests about the person and drops them once final', async () => {
    const c = await aSignedInCitizen(h);
    const empty = await ask(c.token, 'civil-affairs.ongoing-transactions');
    assert.deepEqual(empty.items, []);
    assert.equal(empty.empty!.en, 'There are no ongoing transactions.');

    const created = await submit(h, c.token, { serviceId: LOST_ID, data: lostIdData() });
    assert.equal(created.statusCode, 201, created.body);
    const { reference } = created.json() as { reference: string };
    const answer = await ask(c.token, 'civil-affairs.ongoing-transactions');
    assert.equal(answer.items.length, 1);
    const [item] = answer.items;
    assert.equal(item!.title.kind, 'words');
    assert.ok(item!.title.en!.length > 5 && item!.title.ar!.length > 5, 'the service by its name');
    assert.deepEqual(item!.status, { kind: 'status', tone: 'neutral', ar: 'قيد المراجعة', en: 'Under review' });
    assert.deepEqual(item!.fields.map((f) => f.label.en), ['Reference', 'Submitted on', 'Current step due by']);
    assert.equal(item!.fields[0]!.value.text, reference);

    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, c);
    const page = await v.get('/inquiries/civil-affairs.ongoing-transactions');
    assert.ok(page.body.includes(reference) && page.body.includes('قيد المراجعة'));

    assert.equal((await personAct(h, c.token, reference, 'cancel')).json().state, 'cancelled');
    assert.deepEqual((await ask(c.token, 'civil-affairs.ongoing-transactions')).items, [], 'a cancelled request is final');
  });

  it("shows a citizen's ID cards with their validity, and points a resident to the iqama inquiry", async () => {
    const c = await aSignedInCitizen(h, {
      noCard: true,
      extra: (p) => [
        { kind: 'document', nationalId: p.nationalId, documentKind: 'national_id_card', number: `${p.nationalId}-2`, issueDate: '2016-11-20', expiryDate: '2026-11-20', status: 'valid', issuingCountry: 'SAU' },
        { kind: 'document', nationalId: p.nationalId, documentKind: 'national_id_card', number: `${p.nationalId}-1`, issueDate: '2006-01-01', expiryDate: '2016-01-01', status: 'expired', issuingCountry: 'SAU' },
      ],
    });
    const cards = await ask(c.token, 'civil-affairs.id-validity');
    assert.deepEqual(cards.items.map((i) => [i.fields[0]!.value.text, i.status!.en]), [
      [`${c.person.nationalId}-2`, 'Expires soon'],
      [`${c.person.nationalId}-1`, 'Expired'],
    ]);
    assert.equal(cards.items[0]!.fields.find((f) => f.label.en === 'Expiry date')!.value.date, '2026-11-20');

    const resident = await aSignedInCitizen(h, { resident: true, noCard: true });
    const pointed = await ask(resident.token, 'civil-affairs.id-validity');
    assert.deepEqual(pointed.items, []);
    assert.match(pointed.empty!.en, /"Iqama validity" inquiry of the Passports/);
    assert.match(pointed.empty!.ar, /صلاحية هوية مقيم/);

    const noCard = await ask((await aSignedInCitizen(h, { noCard: true })).token, 'civil-affairs.id-validity');
    assert.equal(noCard.empty!.en, 'No national ID card is on record.');
  });

  it('answers about oneself and a ward, and refuses a domestic worker and a stranger', async () => {
    const child = aChild();
    const worker = aResident({ mobile: null });
    const parent = await aSignedInCitizen(h, { extra: (p) => [child, ward(p, child), hajj(child, 1447), worker, aDomesticWorkerSponsorship(worker, p)] });
    const stranger = await aSignedInCitizen(h, { extra: (p) => [hajj(p, 1447)] });
    for (const id of ['civil-affairs.hajj-eligibility', 'civil-affairs.hajj-permit', 'civil-affairs.ongoing-transactions', 'civil-affairs.id-validity']) {
      assert.equal((await ask(parent.token, id, child.nationalId)).subject.nationalId, child.nationalId, id);
      for (const other of [worker.nationalId, stranger.person.nationalId, '1000000008']) {
        const refused = await getAs(h, parent.token, `/api/v1/inquiries/${id}?subject=${other}`);
        assert.equal(refused.statusCode, 403, `${id} about ${other}`);
        assert.equal(refused.json().code, 'inquiries.not_your_subject');
      }
    }
    assert.equal(field((await ask(parent.token, 'civil-affairs.hajj-eligibility', child.nationalId)).summary, 'Last Hajj')!.en, '1447 AH');
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, parent);
    const page = await v.get('/inquiries/civil-affairs.hajj-eligibility');
    assert.ok(page.body.includes(`<option value="${child.nationalId}"`), 'the ward is offered');
    assert.ok(!page.body.includes(`<option value="${worker.nationalId}"`), 'the worker is not');
    assert.equal((await v.get(`/inquiries/civil-affairs.hajj-eligibility?subject=${stranger.person.nationalId}`)).statusCode, 403);
  });
});
