import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCatalogue } from '../../src/catalogue/catalogue.js';
import { defineService, rule, step, type FieldProblem, type StepCheckContext } from '../../src/catalogue/define.js';
import { field } from '../../src/catalogue/fields.js';
import { isAppError } from '../../src/kernel/errors.js';
import { actOnRequest, checkEligibility, submitRequest } from '../../src/requests/index.js';
import { engineUnderTest } from '../support/database.js';
import { identityApp } from '../identity/support.js';
import { aSignedInCitizen } from './support.js';

/**
 * The engine's extensions, on a service of the test's own: a step's check against the registry
 * (run on submit, inside its transaction), several open requests per person held by unique keys,
 * a service listed under one agency and worked by another, and the engine's account rule.
 */

const seen: StepCheckContext[] = [];

/** A check that refuses the code "taken", and names a field it does not have for "broken". */
async function codeCheck(ctx: StepCheckContext): Promise<FieldProblem[]> {
  seen.push(ctx);
  if (ctx.values.code === 'broken') return [{ field: 'nowhere', message: { ar: 'خطأ', en: 'Wrong' } }];
  const holder = await ctx.registry.personByIdNumber(ctx.applicant.national_id);
  assert.equal(holder?.id, ctx.applicant.id, 'the check reads the registry');
  return ctx.values.code === 'taken' ? [{ field: 'code', message: { ar: 'الرمز مستخدم.', en: 'This code is taken.' } }] : [];
}

const checked = defineService<{ first: { code: string }; second: { note: string } }, 'open' | 'done', 'finish'>({
  id: 'general.test.checked',
  agency: 'general',
  handledBy: 'traffic',
  group: { ar: 'اختبار', en: 'Test' },
  name: { ar: 'خدمة مفحوصة', en: 'A checked service' },
  description: { ar: 'للاختبار.', en: 'For tests.' },
  audience: ['individuals'],
  applicant: ['self'],
  maxOpenRequests: 2,
  eligibility: [rule('room', { ar: 'أقل من طلبين.', en: 'Fewer than two.' }, ({ openRequests }) => openRequests < 2, { ar: 'لديك طلبان.', en: 'You have two open.' })],
  form: [
    step('first', { ar: 'الأولى', en: 'First' }, [field.text('code', { label: { ar: 'الرمز', en: 'Code' }, maxLength: 20 })], { check: codeCheck }),
    step('second', { ar: 'الثانية', en: 'Second' }, [field.text('note', { label: { ar: 'ملاحظة', en: 'Note' }, maxLength: 20 })]),
  ],
  fee: () => [],
  feeSchedule: { lines: [] },
  workflow: {
    initial: 'open',
    states: { open: { label: { ar: 'مفتوح', en: 'Open' } }, done: { label: { ar: 'منتهٍ', en: 'Done' }, final: true } },
    actions: { finish: { from: ['open'], to: 'done', by: ['applicant'], label: { ar: 'إنهاء', en: 'Finish' } } },
  },
});

describe(`form checks and open-request limits (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { database, clock } = h;
  const catalogue = createCatalogue([checked]);
  const deps = { db: database.db, clock, catalogue };

  async function applicant() {
    const citizen = await aSignedInCitizen(h, { noCard: true });
    const person = await database.db.selectFrom('persons').select('id').where('national_id', '=', citizen.person.nationalId).executeTakeFirstOrThrow();
    const account = await database.db.selectFrom('accounts').select('id').where('person_id', '=', person.id).executeTakeFirstOrThrow();
    return { personId: person.id, accountId: account.id };
  }
  const apply = (who: { personId: string; accountId: string }, code: string, options: { accountActive?: boolean } = {}) =>
    submitRequest({ ...deps, ...who, accountActive: options.accountActive ?? true, input: { serviceId: checked.id, data: { first: { code }, second: { note: 'n' } } } });

  it('runs the step check on submit and answers per field, in the service words, creating nothing', async () => {
    const who = await applicant();
    seen.length = 0;
    await assert.rejects(apply(who, 'taken'), (error: unknown) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, 'requests.invalid_data');
      assert.deepEqual(error.fields, [{ field: 'first.code', key: 'form.invalid', text: { ar: 'الرمز مستخدم.', en: 'This code is taken.' } }]);
      return true;
    });
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0]!.values, { code: 'taken' }, "the check gets its step's clean values");
    const rows = await database.db.selectFrom('service_requests').select('id').where('applicant_person_id', '=', who.personId).execute();
    assert.equal(rows.length, 0);
  });

  it('treats a problem naming a field the step does not have as a mistake in the definition', async () => {
    const who = await applicant();
    await assert.rejects(apply(who, 'broken'), /form\.first\.check: no field nowhere in this step/);
  });

  it('does not run a check on fields that are not valid on their own', async () => {
    const who = await applicant();
    seen.length = 0;
    await assert.rejects(apply(who, ''), (error: unknown) => isAppError(error) && error.fields[0]?.key === 'form.required');
    assert.equal(seen.length, 0);
  });

  it('stores the agency that works the request, and lets its officers act, not those it is listed under', async () => {
    const who = await applicant();
    const { request } = await apply(who, 'fine');
    assert.equal(request.agency, 'traffic');
    await assert.rejects(actOnRequest({ ...deps, actor: { kind: 'staff', staffId: '00000000-0000-7000-8000-000000000001', agency: 'general', role: 'supervisor' }, act: { reference: request.reference, action: 'finish' } }), (error: unknown) => isAppError(error) && error.code === 'requests.not_found');
  });

  it('holds up to maxOpenRequests open requests per person, and a final one gives its place back', async () => {
    const who = await applicant();
    const first = await apply(who, 'one');
    const second = await apply(who, 'two');
    assert.deepEqual([first.request.open_key, second.request.open_key], [`${checked.id}:${who.personId}`, `${checked.id}:${who.personId}:2`]);
    const eligibility = await checkEligibility({ ...deps, serviceId: checked.id, personId: who.personId, accountActive: true });
    assert.deepEqual(eligibility.rules.filter((r) => !r.passed).map((r) => r.id), ['room'], 'the rule sees two open');
    assert.equal(eligibility.openReference, null, 'with more than one allowed, the rule says why');
    await assert.rejects(apply(who, 'three'), (error: unknown) => isAppError(error) && error.code === 'requests.not_eligible');
    await actOnRequest({ ...deps, actor: { kind: 'account', accountId: who.accountId, personId: who.personId }, act: { reference: first.request.reference, action: 'finish' } });
    const third = await apply(who, 'three');
    assert.equal(third.request.open_key, `${checked.id}:${who.personId}`, 'the freed key is taken again');
  });

  it('lets no more than the limit through when submissions race', async () => {
    const who = await applicant();
    const results = await Promise.allSettled([apply(who, 'a'), apply(who, 'b'), apply(who, 'c'), apply(who, 'd')]);
    const created = results.filter((r) => r.status === 'fulfilled').length;
    assert.ok(created >= 1 && created <= 2, `${created} created`);
    for (const r of results) if (r.status === 'rejected') assert.ok(isAppError(r.reason) && ['requests.already_open', 'requests.not_eligible', 'requests.conflict'].includes(r.reason.code), String(r.reason));
    const open = await database.db.selectFrom('service_requests').select('open_key').where('applicant_person_id', '=', who.personId).where('final', '=', false).execute();
    assert.equal(open.length, created);
    assert.equal(new Set(open.map((r) => r.open_key)).size, created);
  });

  it('reports an account that is not activated as the first condition, for every service', async () => {
    const who = await applicant();
    const result = await checkEligibility({ ...deps, serviceId: checked.id, personId: who.personId, accountActive: false });
    assert.equal(result.eligible, false);
    assert.equal(result.rules[0]!.id, 'account_active');
    assert.equal(result.rules[0]!.passed, false);
    assert.match(result.rules[0]!.reason.en, /not activated yet/);
    assert.match(result.rules[0]!.reason.ar, /غير مفعّل/);
    await assert.rejects(apply(who, 'x', { accountActive: false }), (error: unknown) => isAppError(error) && error.code === 'requests.account_not_active');
  });
});
