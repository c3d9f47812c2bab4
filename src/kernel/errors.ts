/**
 * One error type for everything a user can get wrong or be refused. Each has a stable code
 * (`registry.person_not_found`); the code decides the HTTP status (one table, below) and the
 * translated message (key `errors.<code>` in ar.json and en.json). No stack trace reaches a user.
 */

export const errorStatus = {
  'http.not_found': 404,
  'http.method_not_allowed': 405,
  'http.bad_request': 400,
  'http.headers_too_large': 431,
  'http.payload_too_large': 413,
  'http.unsupported_media_type': 415,
  'http.rate_limited': 429,
  'http.internal': 500,
  'http.unavailable': 503,
  'database.unavailable': 503,
  'validation.failed': 422,
  'national_id.invalid': 422,
  'registry.person_not_found': 404,
  'identity.password_weak': 422,
  'identity.username_taken': 409,
  'identity.challenge_not_found': 404,
  'identity.code_wrong': 422,
  'identity.code_expired': 410,
  'identity.code_attempts_exhausted': 410,
  'identity.code_used': 410,
  'identity.resend_too_soon': 429,
  'identity.send_limit_reached': 429,
  'identity.login_failed': 401,
  'identity.account_locked': 423,
  'identity.login_throttled': 429,
  'identity.account_disabled': 403,
  'identity.mobile_missing': 409,
  'identity.unauthenticated': 401,
  'identity.session_not_found': 404,
  'identity.bank_unauthorised': 401,
  'identity.bank_reference_conflict': 409,
  'identity.bank_no_match': 422,
  'identity.activation_code_wrong': 422,
  'identity.activation_code_invalid': 422,
  'identity.already_active': 409,
  'identity.mobile_unchanged': 422,
  // Self-service kiosk activation (identity/kiosk-activation.ts).
  'identity.kiosk_id_invalid': 422,
  'identity.kiosk_fingerprint_wrong': 422,
  'identity.kiosk_fingerprint_locked': 403,
  'identity.kiosk_flow_ended': 409,
  // Accounts follow the registry: the holder's death ends the account's use (identity/registry-standing.ts).
  'identity.person_deceased': 403,
  'staff.forbidden': 403,
  'staff.not_found': 404,
  'staff.cannot_disable_self': 409,
  'requests.service_not_found': 404,
  'requests.not_found': 404,
  'requests.account_not_active': 403,
  'requests.not_for_you': 403,
  'requests.not_eligible': 422,
  'requests.invalid_data': 422,
  'requests.already_open': 409,
  'requests.action_not_allowed': 409,
  'requests.conflict': 409,
  'requests.forbidden': 403,
  'requests.reason_required': 422,
  'requests.idempotency_conflict': 409,
  'requests.code_required': 422,
  'requests.start_code_required': 403,
  'requests.no_code_needed': 409,
  'suspensions.already_lifted': 409,
  'suspensions.outside_remit': 403,
  'inquiries.not_found': 404,
  'inquiries.not_your_subject': 403,
  'inquiries.subject_required': 422,
  'payments.bill_not_found': 404,
  'payments.bill_not_payable': 409,
  'payments.bill_expired': 410,
  'payments.bill_paid': 409,
  'payments.amount_mismatch': 422,
  'payments.channel_not_offered': 409,
  'payments.bank_unauthorised': 401,
  'payments.transaction_conflict': 409,
  'payments.gateway_unavailable': 503,
  'payments.nothing_to_pay': 422,
  'payments.refund_not_found': 404,
  // The card page's origin is not in the portal's form-action (a misconfigured acquirer).
  'payments.card_page_unreachable': 502,
  // The input rules of kernel/safe-text.ts, checked at the boundary (web/input-guard.ts).
  'input.control_character': 422,
  'input.invalid_unicode': 422,
  'input.bidi_control': 422,
  'input.too_long': 422,
  'input.number_out_of_range': 422,
  'input.too_deep': 400,
  'input.bad_encoding': 400,
  'ops.metrics_unauthorized': 401,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  /** Dotted path of the field, e.g. `address.city`. */
  field: string;
  /** Message key, translated when shown. */
  key: string;
  params?: Record<string, string | number>;
  /** A message a service definition declares in both languages (an eligibility reason); wins over `key`. */
  text?: { ar: string; en: string };
  /** An eligibility refusal about a value rightly entered, not a mistake in it (`FieldProblem.refusal`). */
  refusal?: boolean;
}

/** The message of a field error in a language. */
export function fieldErrorMessage(field: FieldError, translate: (key: string, params?: Record<string, string | number>) => string, locale: 'ar' | 'en'): string {
  return field.text ? field.text[locale] : translate(field.key, field.params);
}

export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(code);
    this.status = errorStatus[code];
  }

  get messageKey(): string {
    return `errors.${this.code}`;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
