/**
 * What the sandbox acquirer refuses, as a real acquirer's API would answer with an error code.
 * The port (../gateway.ts) names no errors, so the platform sees these as failed calls; the
 * code says why, for logs and tests.
 */
export type SandboxAcquirerErrorCode =
  | 'invalid_request'
  | 'reference_conflict'
  | 'unknown_payment'
  | 'unknown_refund'
  | 'not_captured'
  | 'amount_mismatch'
  | 'already_refunded'
  | 'idempotency_conflict';

export class SandboxAcquirerError extends Error {
  override name = 'SandboxAcquirerError';

  constructor(
    readonly code: SandboxAcquirerErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
