import { addDays, isIsoDate, type IsoDate } from '../kernel/dates.js';
import { latinDigits } from '../kernel/digits.js';
import type { FieldError } from '../kernel/errors.js';
import type { Bilingual } from './define.js';

/**
 * The fields of a service's form. A field carries what the page needs (label, hint, kind,
 * options) and what the server checks; the same check serves the API and the pages, so a
 * request is valid by one definition whichever way it arrives. Values are strings as a form
 * posts them (dates 'YYYY-MM-DD', choices their value); a confirmation is the string 'yes'.
 */

interface BaseField {
  id: string;
  label: Bilingual;
  hint?: Bilingual;
  optional?: boolean;
  /** Asked only when another field of the step has this value (an office, for pick-up). */
  showWhen?: { field: string; equals: string };
}

export interface TextField extends BaseField {
  kind: 'text';
  maxLength: number;
  multiline?: boolean;
  /** A shape the value must have, and what to say when it does not. */
  pattern?: { regex: RegExp; message: Bilingual };
  inputMode?: 'numeric' | 'text';
}

export interface DateField extends BaseField {
  kind: 'date';
  /** Latest allowed, in days from today (0: not in the future). */
  maxDaysFromToday?: number;
  /** Earliest allowed, in days from today (-365: within the last year). */
  minDaysFromToday?: number;
}

export interface ChoiceField extends BaseField {
  kind: 'choice';
  display: 'radio' | 'select';
  options: ReadonlyArray<{ value: string; label: Bilingual }>;
}

export interface ConfirmField extends BaseField {
  kind: 'confirm';
}

export type FieldSpec = TextField | DateField | ChoiceField | ConfirmField;

type Options<F extends FieldSpec> = Omit<F, 'id' | 'kind'>;

export const field = {
  text: (id: string, options: Options<TextField>): TextField => ({ id, kind: 'text', ...options }),
  date: (id: string, options: Options<DateField>): DateField => ({ id, kind: 'date', ...options }),
  choice: (id: string, options: Options<ChoiceField>): ChoiceField => ({ id, kind: 'choice', ...options }),
  confirm: (id: string, options: Options<ConfirmField>): ConfirmField => ({ id, kind: 'confirm', ...options }),
};

export type FieldValues = Record<string, string>;

/** Whether a field is asked, given the other values of its step. */
export function fieldApplies(spec: FieldSpec, values: Record<string, unknown>): boolean {
  return !spec.showWhen || values[spec.showWhen.field] === spec.showWhen.equals;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.normalize('NFC').trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/**
 * Checks the values of some fields. Returns the clean values (only the fields that apply, as
 * strings) and the problems, each naming its field and a message key of the `form.` family or
 * the field's own message.
 */
export function checkFields(specs: readonly FieldSpec[], raw: Record<string, unknown>, today: IsoDate, prefix = ''): { values: FieldValues; errors: FieldError[] } {
  const values: FieldValues = {};
  const errors: FieldError[] = [];
  const given: Record<string, string> = {};
  for (const spec of specs) given[spec.id] = text(raw[spec.id]);
  for (const spec of specs) {
    if (!fieldApplies(spec, given)) continue;
    const name = `${prefix}${spec.id}`;
    const value = spec.kind === 'date' ? latinDigits(given[spec.id]!) : given[spec.id]!;
    if (value === '') {
      if (!spec.optional) errors.push({ field: name, key: spec.kind === 'choice' ? 'form.choose' : spec.kind === 'confirm' ? 'form.confirm_required' : 'form.required' });
      continue;
    }
    const problem = checkValue(spec, value, today);
    if (problem) errors.push({ field: name, ...problem });
    else values[spec.id] = value;
  }
  return { values, errors };
}

function checkValue(spec: FieldSpec, value: string, today: IsoDate): Omit<FieldError, 'field'> | null {
  switch (spec.kind) {
    case 'text':
      if ([...value].length > spec.maxLength) return { key: 'form.too_long', params: { max: spec.maxLength } };
      if (spec.pattern && !spec.pattern.regex.test(value)) return { key: 'form.invalid', text: spec.pattern.message };
      return null;
    case 'date': {
      if (!isIsoDate(value)) return { key: 'form.date_invalid' };
      if (spec.maxDaysFromToday !== undefined && value > addDays(today, spec.maxDaysFromToday)) {
        return spec.maxDaysFromToday === 0 ? { key: 'form.date_in_future' } : { key: 'form.date_too_late', params: { date: addDays(today, spec.maxDaysFromToday) } };
      }
      if (spec.minDaysFromToday !== undefined && value < addDays(today, spec.minDaysFromToday)) return { key: 'form.date_too_early', params: { date: addDays(today, spec.minDaysFromToday) } };
      return null;
    }
    case 'choice':
      return spec.options.some((o) => o.value === value) ? null : { key: 'form.choose' };
    case 'confirm':
      return value === 'yes' || value === 'true' || value === 'on' ? null : { key: 'form.confirm_required' };
  }
}

/** The text a value shows on the check-your-answers page and the request page. */
export function displayValue(spec: FieldSpec, value: string | undefined, locale: 'ar' | 'en', t: (key: string) => string): string {
  if (value === undefined || value === '') return '';
  if (spec.kind === 'choice') return spec.options.find((o) => o.value === value)?.label[locale] ?? value;
  if (spec.kind === 'confirm') return t('form.confirmed');
  return value;
}
