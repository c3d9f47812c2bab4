import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../src/identity/index.js';
import { demoPersonas, seedPersonas } from '../../src/registry/personas.js';
import { engineUnderTest } from '../support/database.js';
import { identityApp, signIn } from '../identity/support.js';
import { submit } from '../requests/support.js';
import { KAFALA } from './support.js';

/** The demo: the guarantor persona can stand bail for the traffic-case persona, as their descriptions say. */

describe(`traffic kafala with the demo personas (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;
  const asOf = '2026-11-01';
  await seedPersonas({ db: database.db, asOf });
  await ensureDemoAccounts({ db: database.db, clock });
  const personas = demoPersonas(asOf);
  const guarantor = personas.find((p) => p.key === 'guarantor')!;
  const held = personas.find((p) => p.key === 'traffic-case')!;

  it('describes both, with the number of the open case', async () => {
    const kase = await database.db
      .selectFrom('traffic_cases')
      .innerJoin('traffic_case_parties', 'traffic_case_parties.case_id', 'traffic_cases.id')
      .innerJoin('persons', 'persons.id', 'traffic_case_parties.person_id')
      .select(['traffic_cases.number', 'traffic_cases.status', 'traffic_cases.bail_allowed', 'traffic_case_parties.in_custody'])
      .where('persons.national_id', '=', held.nationalId)
      .executeTakeFirstOrThrow();
    assert.deepEqual([kase.status, kase.bail_allowed, kase.in_custody], ['open', true, true]);
    for (const p of [guarantor, held]) {
      assert.ok(p.description.ar.includes(kase.number) && p.description.en.includes(kase.number), p.key);
      assert.match(p.description.en, /bail/);
    }
    assert.equal(guarantor.role, 'individual');
  });

  it('lets the guarantor stand bail for the traffic-case persona with the details the demo page lists', async () => {
    const token = await signIn(h, guarantor.key, DEMO_PASSWORD, guarantor.mobile);
    const eligibility = await app.inject({ method: 'POST', url: `/api/v1/services/${KAFALA}/eligibility`, headers: { authorization: `Bearer ${token}` }, payload: {} });
    assert.equal(eligibility.json().eligible, true, eligibility.body);
    const caseNumber = /(\d{10})/.exec(guarantor.description.en)![1]!;
    const created = await submit(h, token, { serviceId: KAFALA, data: { guaranteed: { idNumber: held.nationalId, birthDate: held.dateOfBirth, caseNumber }, undertaking: { declaration: 'yes' } } });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().state, 'awaiting_payment');
  });
});
