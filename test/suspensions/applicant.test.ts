import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { billsForRequest, paymentSettingsOf, receivePayment } from '../../src/payments/index.js';
import type { RecordOf } from '../../src/registry/index.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { addPersons, aMobile, identityApp, type IdentityHarness, signedInAccount } from '../identity/support.js';
import { aCitizen, aDomesticWorkerSponsorship, aResident } from '../registry/builders.js';
import { getAs, personAct, submit, webSignIn } from '../requests/support.js';
import { courtOrder, lift, place, staffWith } from './support.js';
import { serviceCodes } from '../services/support.js';

/**
 * A suspended person may not act as applicant for the services the suspension covers, for
 * themself or for others (a sponsor transferring his worker), nor take a later step that moves
 * such a request on (the new sponsor accepting, paying); the reasons say whose suspension it is.
 */

const TRANSFER = 'passports.workers.transfer-services';

interface Party {
  person: RecordOf<'person'>;
  token: string;
  mobile: string;
  username: string;
}

async function withAccount(h: IdentityHarness, person: RecordOf<'person'>): Promise<Party> {
  await addPersons(h.database, [person]);
  return signedInAccount(h, person);
}

describe(`suspensions of the applicant (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;
  const deps = { db: database.db, clock, catalogue: app.catalogue };
  const general = await staffWith(h, 'general', 'supervisor');

  /** A sponsor with a housemaid whose iqama is valid a year, and a Saudi new sponsor; both with accounts. */
  async function aTransfer() {
    const sponsor = await withAccount(h, aCitizen({ mobile: aMobile() }));
    const worker = aResident({ mobile: null });
    const iqama = { kind: 'document', nationalId: worker.nationalId, documentKind: 'iqama', number: worker.nationalId, issueDate: '2026-01-01', expiryDate: '2027-10-01', status: 'valid', issuingCountry: 'SAU' };
    await addPersons(database, [worker, iqama, aDomesticWorkerSponsorship(worker, sponsor.person, { pastTransfers: 0 })]);
    const newSponsor = await withAccount(h, aCitizen({ mobile: aMobile(), birthDate: '1985-04-20' }));
    return { sponsor, worker, newSponsor };
  }
  type Transfer = Awaited<ReturnType<typeof aTransfer>>;
  const eligibility = async (p: Party, beneficiaryId?: string) => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/services/${TRANSFER}/eligibility`, payload: beneficiaryId ? { beneficiaryId } : {}, headers: { 'accept-language': 'en', authorization: `Bearer ${p.token}` } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { eligible: boolean; rules: Array<{ passed: boolean }>; suspensions: Array<{ reference: string; holder: string; blocks: { ar: string; en: string } }> };
  };
  async function submitTransfer(t: Transfer) {
    const codes = await serviceCodes(h, TRANSFER, t.sponsor, t.worker.nationalId);
    const data = { newSponsor: { idNumber: t.newSponsor.person.nationalId, birthDate: t.newSponsor.person.birthDate }, review: { declaration: 'yes' } };
    return submit(h, t.sponsor.token, { serviceId: TRANSFER, beneficiaryId: t.worker.nationalId, data, ...codes });
  }
  const suspend = async (p: { nationalId: string }, blockedServices = ['*']) => {
    const res = await place(h, general.token, courtOrder(p.nationalId, { authority: 'court', liftedBy: 'authority_order', blockedServices }));
    assert.equal(res.statusCode, 201, res.body);
    return res.json().reference as string;
  };
  const requestsOf = async (p: Party) => (await getAs(h, p.token, '/api/v1/requests')).json().requests as unknown[];

  it('refuses a sponsor under a suspension of all services the transfer of his worker, as his own suspension; lifting it frees him', async () => {
    const t = await aTransfer();
    assert.equal((await eligibility(t.sponsor, t.worker.nationalId)).eligible, true);
    const reference = await suspend(t.sponsor.person);

    const refused = await eligibility(t.sponsor, t.worker.nationalId);
    assert.equal(refused.eligible, false);
    assert.ok(refused.rules.every((r) => r.passed), 'every rule of the service passes: the suspension alone refuses');
    assert.deepEqual(refused.suspensions.map((s) => [s.reference, s.holder]), [[reference, 'applicant']]);
    assert.match(refused.suspensions[0]!.blocks.en, /your own suspension/i);
    assert.match(refused.suspensions[0]!.blocks.ar, /عليك/);

    const submitted = await submitTransfer(t);
    assert.equal(submitted.statusCode, 422, submitted.body);
    assert.equal(submitted.json().code, 'requests.not_eligible');
    const reason = submitted.json().errors.find((e: { field: string }) => e.field === `suspension.${reference}`);
    assert.ok(reason, submitted.body);
    assert.match(reason.message, /your own suspension/i);
    assert.deepEqual(await requestsOf(t.sponsor), []);

    const v = new Visitor(app, 'en');
    await webSignIn(h, v, t.sponsor);
    const page = await v.get(`/services/${TRANSFER}/apply?for=${t.worker.nationalId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /You cannot apply for this service now|not_eligible|cannot apply/i);
    assert.match(page.body, /your own suspension/i);
    assert.match(page.body, new RegExp(reference));
    const step = await v.get(`/services/${TRANSFER}/apply/newSponsor?for=${t.worker.nationalId}`);
    assert.equal(step.statusCode, 303, 'the form is not opened');

    assert.equal((await lift(h, general.token, reference)).statusCode, 200);
    const freed = await eligibility(t.sponsor, t.worker.nationalId);
    assert.equal(freed.eligible, true);
    assert.deepEqual(freed.suspensions, []);
    assert.equal((await submitTransfer(t)).statusCode, 201);
  });

  it('says when it is the beneficiary’s suspension, not the applicant’s', async () => {
    const t = await aTransfer();
    const reference = await suspend(t.worker, ['passports.*']);
    const refused = await eligibility(t.sponsor, t.worker.nationalId);
    assert.equal(refused.eligible, false);
    assert.deepEqual(refused.suspensions.map((s) => [s.reference, s.holder]), [[reference, 'beneficiary']]);
    assert.match(refused.suspensions[0]!.blocks.en, /the person you are applying for/i);
  });

  it('lets a suspension that does not cover the service refuse nothing', async () => {
    const t = await aTransfer();
    await suspend(t.sponsor.person, ['civil-affairs.*']);
    assert.equal((await eligibility(t.sponsor, t.worker.nationalId)).eligible, true);
  });

  it('refuses the new sponsor under a suspension the accepting of the transfer, and then paying for it, with his own suspension as reason', async () => {
    const t = await aTransfer();
    const submitted = await submitTransfer(t);
    assert.equal(submitted.statusCode, 201, submitted.body);
    const request = submitted.json().reference as string;

    const reference = await suspend(t.newSponsor.person, ['passports.*']);
    const offered = (await getAs(h, t.newSponsor.token, `/api/v1/requests/${request}`)).json();
    assert.deepEqual(offered.actions.map((a: { id: string }) => a.id), ['decline'], 'accepting is not offered');
    const accept = await personAct(h, t.newSponsor.token, request, 'accept');
    assert.equal(accept.statusCode, 409, accept.body);
    assert.match(JSON.stringify(accept.json().errors), /your own suspension/i);
    assert.equal((await getAs(h, t.newSponsor.token, `/api/v1/requests/${request}`)).json().state, 'awaiting_new_sponsor');

    assert.equal((await lift(h, general.token, reference)).statusCode, 200);
    const accepted = await personAct(h, t.newSponsor.token, request, 'accept');
    assert.equal(accepted.statusCode, 200, accepted.body);

    // Suspended again before paying: the payment does not move the request (a card payment is refunded).
    await suspend(t.newSponsor.person, ['*']);
    const account = await database.db.selectFrom('accounts').innerJoin('persons', 'persons.id', 'accounts.person_id').select(['accounts.id', 'accounts.person_id']).where('persons.national_id', '=', t.newSponsor.person.nationalId).executeTakeFirstOrThrow();
    const { bills } = await billsForRequest({ ...deps, settings: paymentSettingsOf(app.deps.config), accountId: account.id, personId: account.person_id, reference: request });
    const outcome = await receivePayment({ ...deps, billId: bills[0]!.id, incoming: { channel: 'card', externalId: `gw_${request}`, amount: bills[0]!.amount, currency: 'SAR', receivedAt: clock.now() } });
    assert.equal(outcome.kind, 'refunding');
    assert.equal((await getAs(h, t.newSponsor.token, `/api/v1/requests/${request}`)).json().state, 'awaiting_payment');
  });

  it('still lets a suspended person withdraw or decline: ending a request obtains no service', async () => {
    const t = await aTransfer();
    const submitted = await submitTransfer(t);
    assert.equal(submitted.statusCode, 201, submitted.body);
    await suspend(t.newSponsor.person, ['*']);
    const declined = await personAct(h, t.newSponsor.token, submitted.json().reference, 'decline');
    assert.equal(declined.statusCode, 200, declined.body);
  });
});
