import { gregorianOf, monthNames, type Calendar } from '../../kernel/dates.js';
import { latinDigits } from '../../kernel/digits.js';
import type { FieldError } from '../../kernel/errors.js';
import type { Locale, Translator } from '../../kernel/i18n/index.js';
import { passwordProblems } from '../passwords.js';
import type { RegisterInput } from '../registration.js';
import { registerBodySchema } from '../schemas.js';
import type { FormError } from './form-parts.js';

/**
 * Reading and checking the portal's forms. The rules are the API's (its zod schema and the
 * password policy); this file only turns their findings into one translated message per field.
 */

export { latinDigits };

/** A string field of a url-encoded body ('' when absent or repeated). */
export function formField(body: unknown, name: string, options: { max?: number } = {}): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, options.max ?? 1024) : '';
}

/**
 * A date of birth as the pages ask it: the calendar (Hijri, as a citizen's records keep it, or
 * Gregorian, as an iqama gives it), the day and year typed, the month chosen by name. Each
 * calendar has its own month list (`dobMonthHijri`, `dobMonthGregorian`): the page shows the one
 * of the chosen calendar, and without the styles that hide the other both are there, labelled.
 */
export interface DateOfBirthInput {
  calendar: Calendar;
  day: string;
  month: string;
  year: string;
}

/** Earliest and latest years a person's date of birth may be typed in (ICU's Umm al-Qura tables start at 1300 AH). */
const DOB_YEARS: Record<Calendar, { min: number; max: number }> = { hijri: { min: 1300, max: 1600 }, gregorian: { min: 1882, max: 2174 } };

/** The names of a date's parts in a form: registration's own, or `<field>:calendar`… for a service form's date field. */
export interface DatePartNames {
  calendar: string;
  day: string;
  monthHijri: string;
  monthGregorian: string;
  year: string;
}

export const DOB_PARTS: DatePartNames = { calendar: 'dobCalendar', day: 'dobDay', monthHijri: 'dobMonthHijri', monthGregorian: 'dobMonthGregorian', year: 'dobYear' };

/** The parts of a service form's date field named `name`. */
export function datePartsOf(name: string): DatePartNames {
  return { calendar: `${name}:calendar`, day: `${name}:day`, monthHijri: `${name}:monthHijri`, monthGregorian: `${name}:monthGregorian`, year: `${name}:year` };
}

/** The date of birth as the form sent it, or null when it sent none of its parts (a client posting `dateOfBirth` as before). */
export function readDateOfBirth(body: unknown, names: DatePartNames = DOB_PARTS): DateOfBirthInput | null {
  const part = (name: string) => latinDigits(formField(body, name, { max: 10 })).trim();
  const calendar = formField(body, names.calendar);
  if (calendar === '' && [names.day, names.monthHijri, names.monthGregorian, names.year].every((name) => part(name) === '')) return null;
  const chosen: Calendar = calendar === 'gregorian' ? 'gregorian' : 'hijri';
  return { calendar: chosen, day: part(names.day), month: part(chosen === 'hijri' ? names.monthHijri : names.monthGregorian), year: part(names.year) };
}

/** A Gregorian date (as carried from step to step) as the parts show it again. */
export function datePartsFromIso(iso: string | undefined): DateOfBirthInput | null {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(iso ?? '');
  return match ? { calendar: 'gregorian', year: match[1]!, month: String(Number(match[2])), day: String(Number(match[3])) } : null;
}

/** The Gregorian date of birth the registry keeps, or the problem to tell the person (a key of pages.dob.*, with its parameters). */
export function checkDateOfBirth(input: DateOfBirthInput, locale: Locale): { date: string } | { problem: string; params?: Record<string, string | number> } {
  const { calendar, day, month, year } = input;
  if (day === '' && month === '' && year === '') return { problem: 'pages.dob.missing' };
  if (day === '' || month === '' || year === '') return { problem: 'pages.dob.incomplete' };
  const [d, m, y] = [day, month, year].map((part) => (/^[0-9]{1,4}$/.test(part) ? Number(part) : NaN)) as [number, number, number];
  const years = DOB_YEARS[calendar];
  if (!/^[0-9]{4}$/.test(year) || y < years.min || y > years.max) return { problem: `pages.dob.year_invalid.${calendar}` };
  if (!(m >= 1 && m <= 12) || !(d >= 1 && d <= 31)) return { problem: 'pages.dob.invalid' };
  const date = gregorianOf({ calendar, year: y, month: m, day: d });
  if (date !== null) return { date };
  const params = { day: d, month: monthNames(calendar, locale)[m - 1]!, year: y };
  return { problem: calendar === 'hijri' && d === 30 ? 'pages.dob.no_30th' : `pages.dob.no_such_day.${calendar}`, params };
}

export interface RegisterForm {
  nationalId: string;
  /** The Gregorian date: converted from what was typed ('' if that is not a date), or as a client posted it. */
  dateOfBirth: string;
  /** What the page's date of birth fields sent, to check and to show again. */
  dob: DateOfBirthInput | null;
  mobile: string;
  email: string;
  username: string;
  password: string;
  passwordConfirm: string;
  language: Locale;
}

function dateOfBirthOf(input: DateOfBirthInput): string {
  const checked = checkDateOfBirth(input, 'en');
  return 'date' in checked ? checked.date : '';
}

export function readRegisterForm(body: unknown, fallbackLanguage: Locale): RegisterForm {
  const digits = (name: string) => latinDigits(formField(body, name, { max: 40 })).replace(/[\s-]/g, '');
  const language = formField(body, 'language');
  const dob = readDateOfBirth(body);
  return {
    nationalId: digits('nationalId'),
    dateOfBirth: dob ? dateOfBirthOf(dob) : latinDigits(formField(body, 'dateOfBirth', { max: 20 }).trim()),
    dob,
    mobile: digits('mobile'),
    email: formField(body, 'email', { max: 300 }).trim(),
    username: formField(body, 'username', { max: 60 }).trim(),
    // Passwords are taken exactly as typed: spaces may be part of them.
    password: formField(body, 'password'),
    passwordConfirm: formField(body, 'passwordConfirm'),
    language: language === 'ar' || language === 'en' ? language : fallbackLanguage,
  };
}

const MISSING: Record<string, string> = {
  nationalId: 'pages.register.national_id.missing',
  dateOfBirth: 'pages.register.dob.missing',
  mobile: 'pages.register.mobile.missing',
  email: 'pages.register.email.missing',
  username: 'pages.register.username.missing',
  password: 'pages.register.password.missing',
};
const INVALID: Record<string, string> = {
  nationalId: 'identity.national_id.invalid',
  dateOfBirth: 'pages.register.dob.invalid',
  mobile: 'identity.mobile.invalid',
  email: 'pages.register.email.invalid',
  username: 'identity.username.invalid',
  password: 'pages.register.password.missing',
};

/** The input for startRegistration, or the problems to show (field order kept). */
export function checkRegisterForm(form: RegisterForm, t: Translator, locale: Locale): { input?: RegisterInput; errors: FormError[] } {
  const errors: FormError[] = [];
  const parsed = registerBodySchema.safeParse(form);
  const invalid = new Set(parsed.success ? [] : parsed.error.issues.map((issue) => String(issue.path[0])));
  for (const field of Object.keys(MISSING)) {
    const value = form[field as keyof RegisterForm];
    if (field === 'dateOfBirth' && form.dob) {
      const checked = checkDateOfBirth(form.dob, locale);
      if ('problem' in checked) errors.push({ field, message: t(checked.problem, checked.params) });
    } else if (value === '') errors.push({ field, message: t(MISSING[field]!) });
    else if (invalid.has(field)) errors.push({ field, message: t(INVALID[field]!) });
  }
  if (form.password !== '') {
    const problems = passwordProblems(form.password, { username: form.username, nationalId: form.nationalId });
    errors.push(...translateFieldErrors(problems, t));
  }
  if (form.passwordConfirm !== form.password) errors.push({ field: 'passwordConfirm', message: t('pages.register.password_confirm.mismatch') });
  if (errors.length > 0 || !parsed.success) return { errors };
  const { nationalId, dateOfBirth, mobile, email, username, password, language } = form;
  return { input: { nationalId, dateOfBirth, mobile, email, username, password, language }, errors };
}

export function translateFieldErrors(fields: FieldError[], t: Translator): FormError[] {
  return fields.map((f) => ({ field: f.field, message: t(f.key, f.params) }));
}
