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

export interface RegisterForm {
  nationalId: string;
  dateOfBirth: string;
  mobile: string;
  email: string;
  username: string;
  password: string;
  passwordConfirm: string;
  language: Locale;
}

export function readRegisterForm(body: unknown, fallbackLanguage: Locale): RegisterForm {
  const digits = (name: string) => latinDigits(formField(body, name, { max: 40 })).replace(/[\s-]/g, '');
  const language = formField(body, 'language');
  return {
    nationalId: digits('nationalId'),
    dateOfBirth: latinDigits(formField(body, 'dateOfBirth', { max: 20 }).trim()),
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
export function checkRegisterForm(form: RegisterForm, t: Translator): { input?: RegisterInput; errors: FormError[] } {
  const errors: FormError[] = [];
  const parsed = registerBodySchema.safeParse(form);
  const invalid = new Set(parsed.success ? [] : parsed.error.issues.map((issue) => String(issue.path[0])));
  for (const field of Object.keys(MISSING)) {
    const value = form[field as keyof RegisterForm];
    if (value === '') errors.push({ field, message: t(MISSING[field]!) });
    else if (invalid.has(field)) errors.push({ field, message: t(INVALID[field]!) });
  }
  if (form.password !== '') {
    const problems = passwordProblems(form.password, { username: form.username, nationalId: form.nationalId });
    errors.push(...translateFieldErrors(problems, t));
  }
  if (form.passwordConfirm !== form.password) errors.push({ field: 'passwordConfirm', message: t('pages.register.password_confirm.mismatch') });
  if (errors.length > 0 || !parsed.success) return { errors };
  const { passwordConfirm: _ignored, ...input } = form;
  return { input, errors };
}

export function translateFieldErrors(fields: FieldError[], t: Translator): FormError[] {
  return fields.map((f) => ({ field: f.field, message: t(f.key, f.params) }));
}
