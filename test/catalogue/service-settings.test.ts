import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCatalogue } from '../../src/catalogue/catalogue.js';
import type { AnyService } from '../../src/catalogue/define.js';
import { checkFields, displayValue, field } from '../../src/catalogue/fields.js';
import { serviceProblems } from '../../src/catalogue/validate.js';
import { translate } from '../../src/kernel/i18n/index.js';
import { withCheckDigit } from '../../src/kernel/national-id.js';
import kafala from '../../src/services/traffic/kafala.js';
import lostId from '../../src/services/civil-affairs/replace-lost-id.js';

/**
 * Start-up checks of the newer parts of a definition (payment settings, a step's check, the
 * agency that works it, several open requests), and the identity-number and masked fields.
 */

function copyOf<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (value && typeof value === 'object' && !(value instanceof RegExp)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyOf(v)])) as T;
  return value;
}

function broken(base: AnyService, change: (copy: AnyService) => void): string[] {
  const copy = copyOf(base);
  change(copy);
  return serviceProblems(copy);
}

describe('service settings', () => {
  it('accepts the kafala and states the payment settings of both services', () => {
    assert.deepEqual(serviceProblems(kafala), []);
    assert.deepEqual(kafala.payment, { channels: ['card'] }, 'card only, no refund on cancelling a bail in force');
    assert.deepEqual(lostId.payment, { refundOn: ['reject', 'cancel'] });
  });

  it('lists the kafala under General Services and among the services traffic staff work', () => {
    const catalogue = createCatalogue([lostId, kafala]);
    assert.deepEqual(catalogue.ofAgency('general').map((s) => s.id), [kafala.id]);
    assert.deepEqual(catalogue.workedBy('traffic').map((s) => s.id), [kafala.id]);
    assert.deepEqual(catalogue.workedBy('general'), []);
    assert.deepEqual(catalogue.workedBy('civil-affairs').map((s) => s.id), [lostId.id]);
  });

  it('names each mistake in the payment settings, a step check, handledBy and maxOpenRequests', () => {
    const cases: Array<[AnyService, (s: AnyService) => void, RegExp]> = [
      [lostId, (s) => (s.payment = { channels: [] }), /payment\.channels: name at least one/],
      [lostId, (s) => (s.payment = { channels: ['cash' as 'card'] }), /payment\.channels: unknown channel cash/],
      [lostId, (s) => (s.payment = { channels: ['card', 'card'] }), /payment\.channels: a channel is named twice/],
      [lostId, (s) => (s.payment = { refundOn: ['vanish'] }), /payment\.refundOn: no action vanish/],
      [lostId, (s) => (s.payment = { refundOn: ['pay'] }), /payment\.refundOn: pay cannot refund/],
      [lostId, (s) => (s.payment = { refundOn: ['toString'] }), /payment\.refundOn: no action toString/],
      [lostId, (s) => ((s.form[0] as { check?: unknown }).check = 'yes'), /form\.loss\.check: must be a function/],
      [lostId, (s) => ((s as { handledBy?: string }).handledBy = 'weather'), /handledBy: unknown agency weather/],
      [lostId, (s) => (s.maxOpenRequests = 0), /maxOpenRequests: a whole number from 1 to 10/],
      [lostId, (s) => (s.maxOpenRequests = 1.5), /maxOpenRequests: a whole number/],
      [lostId, (s) => ((s.maxOpenRequests = 2), (s.oneOpenRequest = false)), /maxOpenRequests: set it or oneOpenRequest, not both/],
      [kafala, (s) => (s.workflow.awaitingPayment = undefined), /payment: the workflow has no awaitingPayment state/],
    ];
    for (const [base, change, expected] of cases) {
      const problems = broken(base, change);
      assert.ok(problems.some((p) => expected.test(p)), `${expected}: ${problems.join(' | ')}`);
    }
  });

  it('checks an identity number: 10 digits, the kind by its first digit, and the check digit', () => {
    const spec = field.idNumber('id', { label: { ar: 'الهوية', en: 'ID' } });
    const citizenOnly = field.idNumber('id', { label: { ar: 'الهوية', en: 'ID' }, accepts: ['national_id'] });
    const citizen = withCheckDigit('100000012');
    const resident = withCheckDigit('200000034');
    const visitor = withCheckDigit('300000056');
    const wrongDigit = citizen.slice(0, 9) + String((Number(citizen[9]) + 1) % 10);
    const keyOf = (s: typeof spec, value: string) => checkFields([s], { id: value }, '2026-11-01').errors[0]?.key ?? null;
    assert.equal(keyOf(spec, citizen), null);
    assert.equal(keyOf(spec, resident), null);
    assert.equal(keyOf(spec, '12345'), 'form.id_number_format');
    assert.equal(keyOf(spec, visitor), 'form.id_number_prefix');
    assert.equal(keyOf(spec, wrongDigit), 'form.id_number_check_digit');
    assert.equal(keyOf(citizenOnly, resident), 'form.id_number_prefix_national_id');
    const arabic = citizen.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    assert.deepEqual(checkFields([spec], { id: arabic }, '2026-11-01').values, { id: citizen }, 'Arabic-Indic digits are read as Latin');
  });

  it('shows a masked field masked wherever answers are shown, and keeps other fields as they are', () => {
    const t = (key: string) => key;
    const id = field.idNumber('id', { label: { ar: 'الهوية', en: 'ID' }, masked: true });
    const born = field.date('born', { label: { ar: 'الميلاد', en: 'Born' }, masked: true });
    const note = field.text('note', { label: { ar: 'ملاحظة', en: 'Note' }, maxLength: 40, masked: true });
    assert.equal(displayValue(id, '1000000122', 'en', t), '1*******22');
    assert.equal(displayValue(born, '1995-02-10', 'ar', t), '****-**-**');
    assert.equal(displayValue(note, 'secret words', 'en', t), 's*********ds');
    assert.equal(displayValue(note, 'abc', 'en', t), '***');
    assert.equal(displayValue(field.text('plain', { label: { ar: 'س', en: 'x' }, maxLength: 9 }), 'visible', 'en', t), 'visible');
  });
  it('says the limit of a date field as a date people read, in each language, and keeps the ISO date for the API', () => {
    const validFrom = field.date('from', { label: { ar: 'من', en: 'From' }, maxDaysFromToday: 30, minDaysFromToday: -5 });
    const late = checkFields([validFrom], { from: '2027-01-01' }, '2026-11-07').errors[0]!;
    assert.equal(late.key, 'form.date_too_late');
    assert.equal(late.params?.date, '2026-12-07');
    assert.equal(translate('ar', late.key, late.params), 'يجب أن يكون التاريخ في 7 ديسمبر 2026 (27 جمادى الآخرة 1448 هـ) أو قبله.');
    assert.equal(translate('en', late.key, late.params), 'The date must be on or before 7 December 2026 (27 Jumada II 1448 AH).');
    const early = checkFields([validFrom], { from: '2026-10-01' }, '2026-11-07').errors[0]!;
    assert.equal(early.params?.date, '2026-11-02');
    assert.equal(translate('en', early.key, early.params), 'The date must be on or after 2 November 2026 (22 Jumada I 1448 AH).');
  });
});
