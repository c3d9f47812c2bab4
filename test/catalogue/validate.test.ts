import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCatalogue } from '../../src/catalogue/catalogue.js';
import type { AnyService } from '../../src/catalogue/define.js';
import { serviceProblems, ServiceDefinitionError } from '../../src/catalogue/validate.js';
import { serviceDefinitions } from '../../src/services/index.js';
import lostId from '../../src/services/civil-affairs/replace-lost-id.js';

/** Start-up checks of service definitions: every shipped one passes; each kind of mistake is named. */

/** A deep copy that keeps functions and regular expressions as they are. */
function copyOf<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (value && typeof value === 'object' && !(value instanceof RegExp)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyOf(v)])) as T;
  return value;
}

function broken(change: (copy: AnyService) => void): string[] {
  const copy = copyOf(lostId);
  change(copy);
  return serviceProblems(copy);
}

describe('service definitions', () => {
  it('accepts every shipped service', () => {
    for (const service of serviceDefinitions) assert.deepEqual(serviceProblems(service), [], service.id);
    assert.equal(createCatalogue(serviceDefinitions).get(lostId.id), lostId);
  });

  it('names the service and the field of each mistake', () => {
    const cases: Array<[(s: AnyService) => void, RegExp]> = [
      [(s) => (s.name = { ar: '', en: 'x' }), /civil-affairs\.national-id\.replace-lost: name: needs Arabic and English/],
      [(s) => ((s as { agency: string }).agency = 'weather'), /agency: unknown agency weather/],
      [(s) => (s.workflow.initial = 'nowhere'), /workflow\.initial: nowhere is not a state/],
      [(s) => (s.workflow.actions.approve!.to = 'heaven'), /workflow\.actions\.approve\.to: heaven is not a state/],
      [(s) => delete (s.workflow.actions as Record<string, unknown>).deliver, /workflow\.states\.with_courier: no action leaves this state/],
      [(s) => (s.workflow.states.awaiting_payment!.sla = { days: 3, onTimeout: 'vanish' }), /sla\.onTimeout: no action vanish/],
      [(s) => (s.rejectReasons = []), /workflow\.actions\.reject\.reason: the service needs rejectReasons/],
      [(s) => (s.form[0]!.fields = [...s.form[0]!.fields, s.form[0]!.fields[0]!]), /form\.loss\.lostOn: the field id is used twice/],
      [(s) => (s.outputs = { ...s.outputs, newCardNumber: { ar: 'رقم البطاقة', en: '' } }), /outputs\.newCardNumber: needs Arabic and English/],
      [(s) => ((s.workflow.actions as Record<string, unknown>).submit = { ...s.workflow.actions.cancel }), /workflow\.actions\.submit: submit is not an action name a service may use/],
    ];
    for (const [change, expected] of cases) {
      const problems = broken(change);
      assert.ok(problems.some((p) => expected.test(p)), `${expected}: ${problems.join(' | ')}`);
    }
  });

  it('stops the catalogue with one error listing them all, and duplicate ids', () => {
    assert.throws(() => createCatalogue([lostId, lostId]), (error: unknown) => error instanceof ServiceDefinitionError && /two services have this id/.test(error.message));
  });
});
