import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecordOf } from '../../src/registry/index.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { addPersons, GOOD_PASSWORD, identityApp, signIn } from '../identity/support.js';
import { serviceCodes } from '../services/support.js';
import { aCitizen, aDomesticWorkerSponsorship, anEstablishment, aResident, aSuspension, aVehicle, aViolation } from '../registry/builders.js';
import { aSignedInCitizen, getAs, LOST_ID, lostIdData, submit, webSignIn, type Citizen } from '../requests/support.js';

/**
 * The signed-in person's home: what needs their attention (suspensions, unpaid violations,
 * requests waiting for them, documents and vehicle registrations expired or expiring within 90
 * days, their workers' iqamas), their open requests and those made to them; only their own.
 * The test clock starts on 1 November 2026, so the 90th day after is 30 January 2027.
 */

interface Item {
  kind: string;
  tone: string;
  title: { ar: string; en: string };
  detail: { ar: string; en: string };
  href: string;
}
interface Home {
  name: { ar: string; en: string };
  attention: Item[];
  openRequests: Array<{ reference: string; state: string; waitingFor: string | null }>;
  madeToMe: Array<{ reference: string; state: string }>;
  unreadNotices: number;
}

function doc(person: { nationalId: string }, documentKind: string, number: string, expiryDate: string, status = 'valid'): RecordOf<'document'> {
  const details = documentKind === 'driving_licence' ? { details: { class: 'private' } } : {};
  return { kind: 'document', nationalId: person.nationalId, documentKind, number, issueDate: '2020-01-01', expiryDate, status, issuingCountry: 'SAU', ...details } as RecordOf<'document'>;
}

describe(`the person's home (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  async function homeOf(citizen: Pick<Citizen, 'token'>): Promise<Home> {
    const res = await getAs(h, citizen.token, '/api/v1/me/dashboard');
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Home;
  }
  const kinds = (home: Home) => home.attention.map((i) => i.kind);

  it('shows the agencies, and no one’s data, to someone not signed in; the API needs a token', async () => {
    const page = await new Visitor(app, 'en').get('/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Government agencies/);
    assert.doesNotMatch(page.body, /Needs your attention/);
    const api = await app.inject({ url: '/api/v1/me/dashboard', headers: { 'accept-language': 'en' } });
    assert.equal(api.statusCode, 401);
    assert.equal(api.json().code, 'identity.unauthenticated');
  });

  it('says plainly when nothing needs attention', async () => {
    const citizen = await aSignedInCitizen(h);
    const home = await homeOf(citizen);
    assert.deepEqual(home.attention, []);
    assert.deepEqual(home.openRequests, []);
    assert.equal(home.name.en, citizen.person.firstNameEn);
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    const page = await v.get('/');
    assert.match(page.body, new RegExp(`<h1 id="greeting">Welcome, ${citizen.person.firstNameEn}</h1>`));
    assert.match(page.body, /Nothing needs your attention now/);
    assert.match(page.body, /You have no requests in progress/);
  });

  it('puts a suspension first, then the unpaid violations with the amount due, and links to each', async () => {
    const citizen = await aSignedInCitizen(h, {
      extra: (p) => [aViolation(p, { amount: 30_000 }), aViolation(p, { amount: 40_000 }), aViolation(p, { amount: 50_000, status: 'paid', settledAt: '2026-02-01T10:00:00+03:00' }), aSuspension(p, { blockedServices: ['traffic.*'] })],
    });
    const home = await homeOf(citizen);
    assert.deepEqual(kinds(home), ['suspensions', 'violations']);
    const [suspension, violations] = home.attention;
    assert.equal(suspension!.tone, 'danger');
    assert.equal(suspension!.href, '/suspensions');
    assert.equal(violations!.title.en, '2 unpaid traffic violations');
    assert.equal(violations!.detail.en, 'Amount due: SAR\u00a0700.00');
    assert.match(violations!.detail.ar, /700\.00/);
    assert.equal(violations!.href, '/violations');

    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, citizen);
    const page = (await v.get('/')).body;
    assert.match(page, /<html lang="ar" dir="rtl">/);
    assert.match(page, /ما يحتاج إلى انتباهك/);
    assert.match(page, /مخالفتان مروريتان غير مسددتين/);
    assert.match(page, /href="\/violations">سداد المخالفات</);
    assert.match(page, /href="\/suspensions">عرض الإيقافات</);
  });

  it('warns of documents expired or expiring within 90 days (the 90th day in, the 91st out), and not of those replaced', async () => {
    const citizen = await aSignedInCitizen(h, {
      noCard: true,
      extra: (p) => [
        doc(p, 'national_id_card', `${p.nationalId}-1`, '2027-01-30'), // the 90th day: expiring
        doc(p, 'driving_licence', `${p.nationalId}-DL`, '2027-01-31'), // the 91st day: fine
        doc(p, 'passport', 'A1111111', '2026-10-31'), // expired yesterday...
        doc(p, 'passport', 'A2222222', '2026-10-15', 'cancelled'), // an older one, cancelled: ignored
        aVehicle(p, { registrationExpiry: '2026-11-20' }),
      ],
    });
    const home = await homeOf(citizen);
    assert.deepEqual(kinds(home), ['document_expired', 'document_expiring', 'vehicle_registration_expiring']);
    const [passport, card, vehicle] = home.attention;
    assert.equal(passport!.title.en, 'Your passport has expired');
    assert.match(passport!.detail.en, /A1111111 expired on 31 October 2026 \(.* 1448 AH\)/);
    assert.equal(passport!.title.ar, 'انتهت صلاحية جواز السفر');
    assert.match(card!.detail.en, /expires on 30 January 2027/);
    assert.equal(card!.href, '/me#documents');
    assert.match(vehicle!.title.en, /Toyota Camry 2021/);
    assert.equal(vehicle!.href, '/me#vehicles');

    // A passport renewed since: the new one counts, and nothing is said of the passport.
    await addPersons(database, [doc(citizen.person, 'passport', 'A3333333', '2031-10-31')]);
    assert.deepEqual(kinds(await homeOf(citizen)), ['document_expiring', 'vehicle_registration_expiring']);
  });

  it('warns a sponsor of their workers’ iqamas and an owner of their establishment’s, not of others’', async () => {
    const citizen = await aSignedInCitizen(h, {
      extra: (p) => {
        const maid = aResident({ mobile: null, firstNameEn: 'Maria' });
        const labourer = aResident({ mobile: null, firstNameEn: 'Omar' });
        const soonWorker = aResident({ mobile: null });
        const renewedWorker = aResident({ mobile: null });
        const establishment = anEstablishment(p, { nameEn: 'Al-Qahtani Contracting' });
        const stranger = aCitizen({ mobile: null });
        const othersWorker = aResident({ mobile: null, firstNameEn: 'Someone' });
        return [
          maid,
          doc(maid, 'iqama', `${maid.nationalId}`, '2026-12-15'),
          aDomesticWorkerSponsorship(maid, p),
          establishment,
          labourer,
          doc(labourer, 'iqama', `${labourer.nationalId}`, '2026-10-01'),
          { kind: 'sponsorship', workerNationalId: labourer.nationalId, sponsorUnifiedNumber: establishment.unifiedNumber, occupationAr: 'عامل', occupationEn: 'Labourer', domesticWorker: false, startedOn: '2024-01-01' },
          // Another expiring within 90 days, and one whose expired iqama was renewed (not counted).
          soonWorker,
          doc(soonWorker, 'iqama', `${soonWorker.nationalId}`, '2027-01-15'),
          { kind: 'sponsorship', workerNationalId: soonWorker.nationalId, sponsorUnifiedNumber: establishment.unifiedNumber, occupationAr: 'عامل', occupationEn: 'Labourer', domesticWorker: false, startedOn: '2024-01-01' },
          renewedWorker,
          doc(renewedWorker, 'iqama', `${renewedWorker.nationalId}-OLD`, '2025-01-01'),
          doc(renewedWorker, 'iqama', `${renewedWorker.nationalId}`, '2028-01-01'),
          { kind: 'sponsorship', workerNationalId: renewedWorker.nationalId, sponsorUnifiedNumber: establishment.unifiedNumber, occupationAr: 'عامل', occupationEn: 'Labourer', domesticWorker: false, startedOn: '2024-01-01' },
          stranger,
          othersWorker,
          doc(othersWorker, 'iqama', `${othersWorker.nationalId}`, '2026-11-10'),
          aDomesticWorkerSponsorship(othersWorker, stranger),
        ];
      },
    });
    const home = await homeOf(citizen);
    assert.deepEqual(kinds(home), ['establishment_iqamas_expired', 'worker_iqama_expiring', 'establishment_iqamas_expiring']);
    const [establishment, maid, expiring] = home.attention;
    assert.equal(expiring!.title.en, "1 iqama of Al-Qahtani Contracting's workers expires within 90 days");
    assert.equal(establishment!.title.en, "1 expired iqama of Al-Qahtani Contracting's workers");
    assert.equal(establishment!.href, '/inquiries/passports.foreign-workers');
    assert.match(maid!.title.en, /^The iqama of Maria .+ expires soon$/);
    assert.match(maid!.detail.en, /under your sponsorship/);
    assert.match(maid!.href, /^\/inquiries\/passports\.iqama-validity\?subject=2\d{9}$/);
    assert.doesNotMatch(JSON.stringify(home), /Someone/);
  });

  it('lists open requests, says which wait for the person, and drops them once final', async () => {
    // A second loss: the replacement has a fee, so the request waits for the person to pay.
    const citizen = await aSignedInCitizen(h, { lostBefore: 1 });
    const created = await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() });
    assert.equal(created.statusCode, 201, created.body);
    const { reference } = created.json() as { reference: string };
    let home = await homeOf(citizen);
    assert.deepEqual(home.openRequests.map((r) => [r.reference, r.state, r.waitingFor]), [[reference, 'awaiting_payment', 'applicant']]);
    assert.deepEqual(kinds(home), ['request_waiting']);
    assert.equal(home.attention[0]!.href, `/requests/${reference}`);
    assert.match(home.attention[0]!.detail.en, /is waiting for you: Awaiting payment/);
    assert.ok(home.unreadNotices >= 1, 'the submission notice is unread');

    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    const page = (await v.get('/')).body;
    assert.match(page, /My requests in progress/);
    assert.match(page, new RegExp(`href="/requests/${reference}"`));

    const cancelled = await app.inject({ method: 'POST', url: `/api/v1/requests/${reference}/actions/cancel`, payload: {}, headers: { authorization: `Bearer ${citizen.token}`, 'accept-language': 'en' } });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    home = await homeOf(citizen);
    assert.deepEqual(home.openRequests, []);
    assert.deepEqual(home.attention, []);
  });

  it('says nothing of a request whose time has run out: the worker is about to close it', async () => {
    const citizen = await aSignedInCitizen(h, { lostBefore: 1 });
    const created = await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual(kinds(await homeOf(citizen)), ['request_waiting']);
    // (The clock only moves forward: later tests start three days on.)
    clock.advance(3 * 24 * 3600 * 1000 + 1000);
    const token = await signIn(h, citizen.username, GOOD_PASSWORD, citizen.mobile);
    const home = await homeOf({ token });
    assert.deepEqual([kinds(home), home.openRequests], [[], []]);
  });

  it('shows the new sponsor a transfer waiting for their decision, and the current sponsor theirs as waiting for the other party', async () => {
    const sponsor = await aSignedInCitizen(h);
    const newSponsor = await aSignedInCitizen(h);
    const maid = aResident({ mobile: null });
    await addPersons(database, [maid, doc(maid, 'iqama', maid.nationalId, '2027-10-01'), aDomesticWorkerSponsorship(maid, sponsor.person)]);
    const SERVICE = 'passports.workers.transfer-services';
    const codes = await serviceCodes(h, SERVICE, sponsor, maid.nationalId);
    const created = await submit(h, sponsor.token, {
      serviceId: SERVICE,
      beneficiaryId: maid.nationalId,
      data: { newSponsor: { idNumber: newSponsor.person.nationalId, birthDate: newSponsor.person.birthDate }, review: { declaration: 'yes' } },
      ...codes,
    });
    assert.equal(created.statusCode, 201, created.body);
    const { reference } = created.json() as { reference: string };

    const theirs = await homeOf(newSponsor);
    assert.deepEqual(theirs.madeToMe.map((r) => r.reference), [reference]);
    assert.deepEqual(kinds(theirs), ['request_made_to_me']);
    assert.match(theirs.attention[0]!.detail.en, /made to you, is waiting for you: Waiting for the new sponsor to accept/);
    const mine = await homeOf(sponsor);
    assert.deepEqual(mine.openRequests.map((r) => r.reference), [reference]);
    assert.ok(!kinds(mine).includes('request_waiting'), 'the sponsor waits; nothing for them to do');

    // A third person sees none of it.
    const stranger = await aSignedInCitizen(h);
    const nothing = await homeOf(stranger);
    assert.deepEqual([nothing.openRequests, nothing.madeToMe, nothing.attention], [[], [], []]);
  });
});
