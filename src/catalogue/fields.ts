import { addDays, formatDateInWords, isIsoDate, type IsoDate } from '../kernel/dates.js';
import { latinDigits } from '../kernel/digits.js';
import type { FieldError } from '../kernel/errors.js';
import { joinList } from '../kernel/i18n/index.js';
import { maskNationalId, nationalIdProblem } from '../kernel/national-id.js';
import { textProblem } from '../kernel/safe-text.js';
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
  /**
   * Another person's identifying detail (their ID number, their date of birth): once entered it
   * is shown masked wherever the answers are shown (check your answers, the request's page, its
   * proof, the officer's page). The request's data keeps it whole for the workflow.
   */
  masked?: boolean;
}

export interface TextField extends BaseField {
  kind: 'text';
  maxLength: number;
  multiline?: boolean;
  /** A shape the value must have, and what to say when it does not. */
  pattern?: { regex: RegExp; message: Bilingual };
  /** Numeric fields take Arabic-Indic digits too, as phone keyboards type them, and keep Latin ones. */
  inputMode?: 'numeric' | 'text';
  /** A check of the value beyond its shape (an ID number's check digit): the problem, or null. */
  validate?: (value: string) => Omit<FieldError, 'field'> | null;
  /**
   * A family member's ID number: the pages offer the applicant's family from the registry
   * (children and wards) to choose from, and a box for another person's number when
   * `allowOther`. The value is the ID number either way (the API sends it as typed).
   */
  familyChoice?: { allowOther: boolean };
}

export interface DateField extends BaseField {
  kind: 'date';
  /** Latest allowed, in days from today (0: not in the future). */
  maxDaysFromToday?: number;
  /** Earliest allowed, in days from today (-365: within the last year). */
  minDaysFromToday?: number;
  /**
   * A date as an ID card or an iqama gives it (a date of birth): asked in the calendar the
   * person chooses, Hijri first (citizens' records are Hijri) or Gregorian, as day, month by
   * name and year, and kept as the Gregorian date the registry holds (Umm al-Qura).
   */
  asOnId?: boolean;
}

export interface ChoiceField extends BaseField {
  kind: 'choice';
  display: 'radio' | 'select';
  options: ReadonlyArray<{ value: string; label: Bilingual }>;
}

export interface ConfirmField extends BaseField {
  kind: 'confirm';
}

/** The file types a file field may accept, known by their first bytes (never by a name or a declared type). */
export const FILE_TYPES = {
  jpeg: { contentType: 'image/jpeg', extension: 'jpg', label: 'JPEG', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
  png: { contentType: 'image/png', extension: 'png', label: 'PNG', magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])] },
  pdf: { contentType: 'application/pdf', extension: 'pdf', label: 'PDF', magic: [Buffer.from('%PDF-', 'latin1')] },
} as const;
export type FileType = keyof typeof FILE_TYPES;

/** The accepted types of a file field as a message's parameters, listed in each language (`typesAr`, `typesEn`). */
export function acceptedTypes(accept: readonly FileType[]): { typesAr: string; typesEn: string } {
  const labels = accept.map((type) => FILE_TYPES[type].label);
  return { typesAr: joinList('ar', labels), typesEn: joinList('en', labels) };
}

/** The largest file any file field may take (the multipart limit); a field may take less. */
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

/**
 * A file (a passport scan). The page stores it when its step is sent and the form keeps only
 * the upload's id; the API uploads it first (POST /api/v1/uploads) and sends that id. Its type
 * is read from its bytes.
 */
export interface FileField extends BaseField {
  kind: 'file';
  accept: readonly FileType[];
  /** At most this many bytes (at most UPLOAD_MAX_BYTES). */
  maxBytes: number;
}

export type FieldSpec = TextField | DateField | ChoiceField | ConfirmField | FileField;

type Options<F extends FieldSpec> = Omit<F, 'id' | 'kind'>;

/** The kinds of identity number a field accepts, by their first digit. */
const ID_NUMBER_PREFIX = { national_id: '1', iqama: '2' } as const;

export const field = {
  text: (id: string, options: Options<TextField>): TextField => ({ id, kind: 'text', ...options }),
  /**
   * A national ID or iqama number: 10 digits, the first saying which (1 citizen, 2 resident),
   * and a valid check digit (kernel/national-id.ts).
   */
  idNumber: (id: string, options: Omit<Options<TextField>, 'maxLength' | 'pattern' | 'inputMode' | 'validate' | 'multiline'> & { accepts?: ReadonlyArray<keyof typeof ID_NUMBER_PREFIX> }): TextField => {
    const { accepts = ['national_id', 'iqama'], ...rest } = options;
    const prefixes = accepts.map((kind) => ID_NUMBER_PREFIX[kind]);
    return {
      id,
      kind: 'text',
      maxLength: 10,
      inputMode: 'numeric',
      validate: (value) => {
        const problem = nationalIdProblem(value);
        if (problem === 'format') return { key: 'form.id_number_format' };
        if (problem === 'prefix' || !prefixes.includes(value[0] as '1' | '2')) return { key: accepts.length === 1 ? `form.id_number_prefix_${accepts[0]}` : 'form.id_number_prefix' };
        return problem === 'check_digit' ? { key: 'form.id_number_check_digit' } : null;
      },
      ...rest,
    };
  },
  date: (id: string, options: Options<DateField>): DateField => ({ id, kind: 'date', ...options }),
  choice: (id: string, options: Options<ChoiceField>): ChoiceField => ({ id, kind: 'choice', ...options }),
  confirm: (id: string, options: Options<ConfirmField>): ConfirmField => ({ id, kind: 'confirm', ...options }),
  file: (id: string, options: Options<FileField>): FileField => ({ id, kind: 'file', ...options }),
};

/** The type of a file by its first bytes, among those known; null for anything else. */
export function detectFileType(bytes: Uint8Array): FileType | null {
  for (const [type, spec] of Object.entries(FILE_TYPES) as Array<[FileType, (typeof FILE_TYPES)[FileType]]>) {
    if (spec.magic.some((magic) => bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte))) return type;
  }
  return null;
}

/** The size of a file as people read it (1.5 MB, 200 KB). */
/** A size limit in both languages' units, as the `uploads.too_large` message takes it. */
export function sizeLimit(bytes: number): { sizeAr: string; sizeEn: string } {
  return { sizeAr: formatBytes(bytes, 'ar'), sizeEn: formatBytes(bytes, 'en') };
}

export function formatBytes(bytes: number, locale: 'ar' | 'en' = 'en'): string {
  const [mb, kb] = locale === 'ar' ? ['ميجابايت', 'كيلوبايت'] : ['MB', 'KB'];
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} ${mb}`;
  return `${Math.max(1, Math.round(bytes / 1024))} ${kb}`;
}

/**
 * Checks a file for a file field: not empty, not over the field's size, and of a type it
 * accepts by its bytes. The detected type, or the problem (a message key of the `uploads.` family).
 */
export function checkFileBytes(spec: FileField, bytes: Uint8Array): { type: FileType } | { problem: Omit<FieldError, 'field'> } {
  if (bytes.length === 0) return { problem: { key: 'uploads.empty' } };
  if (bytes.length > spec.maxBytes) return { problem: { key: 'uploads.too_large', params: sizeLimit(spec.maxBytes) } };
  const type = detectFileType(bytes);
  if (!type || !spec.accept.includes(type)) return { problem: { key: 'uploads.type_not_accepted', params: acceptedTypes(spec.accept) } };
  return { type };
}

/** An upload's id, as a file field's value carries it. */
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
    const value = spec.kind === 'date' || (spec.kind === 'text' && spec.inputMode === 'numeric') ? latinDigits(given[spec.id]!) : given[spec.id]!;
    if (value === '') {
      if (!spec.optional) errors.push({ field: name, key: spec.kind === 'choice' ? 'form.choose' : spec.kind === 'confirm' ? 'form.confirm_required' : spec.kind === 'file' ? 'uploads.required' : 'form.required' });
      continue;
    }
    const problem = checkValue(spec, value, today);
    if (problem) errors.push({ field: name, ...problem });
    else values[spec.id] = value;
  }
  return { values, errors };
}

/** A limit date for a message: ISO for API clients, in words with its Hijri date for people ({dateAr}, {dateEn}). */
function dateParams(date: IsoDate): Record<string, string> {
  return { date, dateAr: formatDateInWords(date, 'ar'), dateEn: formatDateInWords(date, 'en') };
}

function checkValue(spec: FieldSpec, value: string, today: IsoDate): Omit<FieldError, 'field'> | null {
  switch (spec.kind) {
    case 'text':
      if ([...value].length > spec.maxLength) return { key: 'form.too_long', params: { count: spec.maxLength } };
      // The input rules (kernel/safe-text.ts): checked here too, so a form is refused field by field.
      if (textProblem(value, { max: Number.POSITIVE_INFINITY, multiline: spec.multiline })) return { key: 'form.unsafe_text' };
      if (spec.pattern && !spec.pattern.regex.test(value)) return { key: 'form.invalid', text: spec.pattern.message };
      return spec.validate?.(value) ?? null;
    case 'date': {
      if (!isIsoDate(value)) return { key: spec.asOnId ? 'form.date_not_a_day' : 'form.date_invalid' };
      if (spec.maxDaysFromToday !== undefined && value > addDays(today, spec.maxDaysFromToday)) {
        return spec.maxDaysFromToday === 0 ? { key: 'form.date_in_future' } : { key: 'form.date_too_late', params: dateParams(addDays(today, spec.maxDaysFromToday)) };
      }
      if (spec.minDaysFromToday !== undefined && value < addDays(today, spec.minDaysFromToday)) return { key: 'form.date_too_early', params: dateParams(addDays(today, spec.minDaysFromToday)) };
      return null;
    }
    case 'choice':
      return spec.options.some((o) => o.value === value) ? null : { key: 'form.choose' };
    case 'confirm':
      return value === 'yes' || value === 'true' || value === 'on' ? null : { key: 'form.confirm_required' };
    case 'file':
      // The upload's id; that it is the person's own, and of a type and size the field takes, is
      // checked against the stored upload when the request is sent (src/uploads).
      return UPLOAD_ID.test(value.toLowerCase()) ? null : { key: 'uploads.not_found' };
  }
}

/** A masked field's value as the pages show it: an ID number's first and last two digits, nothing of a date. */
export function maskedValue(spec: FieldSpec, value: string): string {
  if (spec.kind === 'date') return '****-**-**';
  if (spec.kind === 'text' && /^[0-9]{10}$/.test(value)) return maskNationalId(value);
  const chars = [...value];
  return chars.length < 6 ? '*'.repeat(chars.length) : `${chars[0]}${'*'.repeat(chars.length - 3)}${chars.slice(-2).join('')}`;
}

/**
 * The text a value shows on the check-your-answers page and the request page. `whole`: shown as
 * typed, not masked (to the person who typed it, on "check your answers", before sending it).
 */
export function displayValue(spec: FieldSpec, value: string | undefined, locale: 'ar' | 'en', t: (key: string) => string, options: { whole?: boolean } = {}): string {
  if (value === undefined || value === '') return '';
  if (spec.masked && !options.whole && spec.kind !== 'confirm' && spec.kind !== 'file') return maskedValue(spec, value);
  if (spec.kind === 'choice') return spec.options.find((o) => o.value === value)?.label[locale] ?? value;
  if (spec.kind === 'confirm') return t('form.confirmed');
  if (spec.kind === 'file') return t('uploads.attached');
  if (spec.kind === 'date' && isIsoDate(value)) return formatDateInWords(value, locale);
  return value;
}

/**
 * The direction a shown answer is laid out in: left to right for ID numbers, numeric answers and masked values
 * (digits and asterisks have no direction of their own, and in an Arabic page they would be
 * laid out in reverse); otherwise the text's own.
 */
export function displayDir(spec: FieldSpec, options: { whole?: boolean } = {}): 'ltr' | undefined {
  if (spec.kind === 'confirm' || spec.kind === 'file') return undefined;
  return (spec.kind === 'text' && spec.inputMode === 'numeric') || (spec.masked && !(options.whole && spec.kind === 'date')) ? 'ltr' : undefined;
}
