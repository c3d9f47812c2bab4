import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCatalogue } from '../../src/catalogue/catalogue.js';
import { placeSuspension } from '../../src/suspensions/index.js';
import { serviceDefinitions } from '../../src/services/index.js';
import { engineUnderTest } from '../support/database.js';
import { identityApp } from '../identity/support.js';
import { aSignedInCitizen } from '../requests/support.js';
import { courtOrder, place, staffWebSignIn, staffWith } from './support.js';
import { aStaffMember } from '../identity/staff-support.js';
import { aMobile } from '../identity/support.js';

/**
 * Each authority suspends only the services in its remit (the suspension_remits table), and a
 * pattern must name services the catalogue has: a typo or a removed service is refused.
 */

const TRAFFIC_BAIL = 'general.kafala.traffic-bail';
const trafficOrder = (nationalId: string, blockedServices: string[]) => courtOrder(nationalId, { authority: 'traffic', liftedBy: 'pay_violations', legalBasis: 'Traffic decision 1448/77', blockedServices });

describe(`suspension remits (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { database } = h;
  const db = database.db;
  const general = await staffWith(h, 'general', 'supervisor');
  const traffic = await staffWith(h, 'traffic', 'supervisor');

  const suspensionsOf = async (nationalId: string) =>
    db.selectFrom('service_suspensions').innerJoin('persons', 'persons.id', 'service_suspensions.person_id').select(['reference', 'authority', 'blocked_services']).where('persons.national_id', '=', nationalId).execute();
  const placedAudit = async (nationalId: string) =>
    db.selectFrom('audit_log').innerJoin('persons', 'persons.id', 'audit_log.subject_person_id').select('audit_log.seq').where('persons.national_id', '=', nationalId).where('action', '=', 'suspensions.placed').execute();

  it('refuses a traffic supervisor all e-services or the passports services, naming the pattern, and changes nothing', async () => {
    const citizen = await aSignedInCitizen(h);
    const nationalId = citizen.person.nationalId;
    for (const pattern of ['*', 'passports.*', 'passports.workers.transfer-services']) {
      const res = await place(h, traffic.token, trafficOrder(nationalId, [TRAFFIC_BAIL, pattern]));
      assert.equal(res.statusCode, 403, `${pattern}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      const problem = res.json();
      assert.equal(problem.code, 'suspensions.outside_remit');
      assert.equal(problem.errors.length, 1, 'only the pattern outside the remit is named');
      assert.equal(problem.errors[0].field, 'blockedServices');
      assert.ok(problem.errors[0].message.includes(`"${pattern}"`), problem.errors[0].message);
      assert.match(problem.errors[0].message, /The General Department of Traffic may not suspend/);
    }
    const arabic = await h.app.inject({ method: 'POST', url: '/api/v1/staff/suspensions', payload: trafficOrder(nationalId, ['*']), headers: { 'accept-language': 'ar', authorization: `Bearer ${traffic.token}` } });
    assert.equal(arabic.statusCode, 403);
    assert.ok(arabic.json().errors[0].message.includes('«*»'), arabic.json().errors[0].message);
    assert.match(arabic.json().errors[0].message, /الإدارة العامة للمرور/);
    assert.deepEqual(await suspensionsOf(nationalId), []);
    assert.deepEqual(await placedAudit(nationalId), []);

    const inRemit = await place(h, traffic.token, trafficOrder(nationalId, [TRAFFIC_BAIL]));
    assert.equal(inRemit.statusCode, 201, inRemit.body);
  });

  it('lets the courts and the prosecution suspend all e-services', async () => {
    const citizen = await aSignedInCitizen(h);
    for (const authority of ['court', 'public_prosecution', 'enforcement_court']) {
      const res = await place(h, general.token, courtOrder(citizen.person.nationalId, { authority, liftedBy: 'authority_order', blockedServices: ['*'] }));
      assert.equal(res.statusCode, 201, `${authority}: ${res.body}`);
      assert.equal(res.json().blockedServices.all, true);
    }
    assert.equal((await suspensionsOf(citizen.person.nationalId)).length, 3);
  });

  it('keeps the other authorities to their remit as well', async () => {
    const citizen = await aSignedInCitizen(h);
    const zakat = await place(h, general.token, courtOrder(citizen.person.nationalId, { authority: 'zakat_tax_customs', blockedServices: ['*'] }));
    assert.equal(zakat.statusCode, 403);
    assert.equal(zakat.json().code, 'suspensions.outside_remit');
    assert.equal((await place(h, general.token, courtOrder(citizen.person.nationalId, { authority: 'zakat_tax_customs', blockedServices: ['passports.*'] }))).statusCode, 201);
  });

  it('reads the remit from its table, so an operator changes it without code', async () => {
    const citizen = await aSignedInCitizen(h);
    const nationalId = citizen.person.nationalId;
    assert.equal((await place(h, traffic.token, trafficOrder(nationalId, ['passports.*']))).statusCode, 403);
    await db.insertInto('suspension_remits').values({ authority: 'traffic', pattern: 'passports.*', note: 'Test: widened by an operator' }).execute();
    try {
      assert.equal((await place(h, traffic.token, trafficOrder(nationalId, ['passports.*']))).statusCode, 201);
    } finally {
      await db.deleteFrom('suspension_remits').where('authority', '=', 'traffic').where('pattern', '=', 'passports.*').execute();
    }
    assert.equal((await place(h, traffic.token, trafficOrder(nationalId, ['passports.*']))).statusCode, 403);
    // The traffic services' own remit row removed: the traffic department may suspend nothing.
    const removed = await db.deleteFrom('suspension_remits').where('authority', '=', 'traffic').returningAll().execute();
    try {
      assert.equal((await place(h, traffic.token, trafficOrder(nationalId, [TRAFFIC_BAIL]))).statusCode, 403);
    } finally {
      await db.insertInto('suspension_remits').values(removed).execute();
    }
  });

  it('refuses a pattern that matches no service of the catalogue: a typo, an agency without services, a removed service', async () => {
    const citizen = await aSignedInCitizen(h);
    const nationalId = citizen.person.nationalId;
    for (const pattern of ['trafic.*', 'recruitment.*', 'passports.workers.transfer-service']) {
      const res = await place(h, general.token, courtOrder(nationalId, { authority: 'court', liftedBy: 'authority_order', blockedServices: ['passports.*', pattern] }));
      assert.equal(res.statusCode, 422, `${pattern}: ${res.body}`);
      const messages = res.json().errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`);
      assert.deepEqual(messages.length, 1, messages.join('\n'));
      assert.ok(messages[0].startsWith(`blockedServices: "${pattern}" `), messages[0]);
    }
    // A catalogue without the transfer of services (the service removed): its id names nothing.
    const withoutTransfer = createCatalogue(serviceDefinitions.filter((s) => s.id !== 'passports.workers.transfer-services'));
    await assert.rejects(
      placeSuspension({
        db,
        clock: h.clock,
        catalogue: withoutTransfer,
        actor: { staffId: general.staff.id, agency: 'general', role: 'supervisor' },
        input: { nationalId, authority: 'court', legalBasis: 'Ruling 1/2', reasonAr: 'سبب', reasonEn: 'Reason', blockedServices: ['passports.workers.transfer-services'], liftedBy: 'authority_order' },
      }),
      (error: { code?: string; fields?: Array<{ key: string; params?: Record<string, unknown> }> }) =>
        error.code === 'validation.failed' && error.fields?.[0]?.key === 'suspensions.errors.unknown_service' && error.fields[0].params?.pattern === 'passports.workers.transfer-services',
    );
    assert.deepEqual(await suspensionsOf(nationalId), []);
  });

  it('offers on the staff form only what the staff member’s authorities may suspend, and refuses the rest there too', async () => {
    const citizen = await aSignedInCitizen(h);
    const trafficSupervisor = await aStaffMember(h, { agency: 'traffic', role: 'supervisor', mobile: aMobile() });
    const v = await staffWebSignIn(h, trafficSupervisor);
    const found = await v.get(`/staff/suspensions?nationalId=${citizen.person.nationalId}`);
    assert.equal(found.statusCode, 200);
    assert.match(found.body, new RegExp(`name="blockedServices" value="${TRAFFIC_BAIL}"`));
    assert.doesNotMatch(found.body, /name="blockedServices" value="\*"/);
    assert.doesNotMatch(found.body, /name="blockedServices" value="passports\./);
    const form = {
      nationalId: citizen.person.nationalId,
      idempotencyKey: /name="idempotencyKey" value="([0-9a-f-]{36})"/.exec(found.body)![1]!,
      authority: 'traffic',
      legalBasis: 'Traffic decision 1448/78',
      reasonAr: 'مخالفات غير مسددة',
      reasonEn: 'Unpaid violations',
      blockedServices: '*',
      liftedBy: 'pay_violations',
      startsOn: '',
    };
    const refused = await v.post('/staff/suspensions', form);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /The General Department of Traffic may not suspend &quot;\*&quot;/);
    assert.deepEqual(await suspensionsOf(citizen.person.nationalId), []);
  });
});
