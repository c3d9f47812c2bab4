import { z } from 'zod';
import { AppError } from '../kernel/errors.js';
import { isIsoDate } from '../kernel/dates.js';
import { findPersonByNationalId } from '../registry/index.js';
import type { IdentityDepsWithConfig } from './deps.js';
import { appendAudit, enqueueMessage } from './ports.js';
import { activateAccount, claimBankReference, findAccountByPersonId, findBankActivation, recordBankResponse } from './repository/index.js';
import { PARTNER_WINDOW_MS, verifyPartnerRequest, type SignedPartnerRequest } from '../kernel/partner-signature.js';
import { sha256Hex } from './secrets.js';

/**
 * Activation by a partner bank that has verified its customer. The bank signs
 * `${X-Timestamp}.${raw body}` with HMAC-SHA256 and its shared secret; requests older or newer
 * than 5 minutes are refused (a captured request cannot be replayed later). A bank reference
 * is used once: the same request again gets the stored answer, another request with the same
 * reference gets 409. The bank vouches for the mobile too: it must be the one on the account,
 * so a bank cannot activate an account whose code would go to a number the person does not hold.
 */

export const BANK_WINDOW_MS = PARTNER_WINDOW_MS;

export const bankActivationBodySchema = z.object({
  bankReference: z.string().min(1).max(64),
  nationalId: z.string().regex(/^[0-9]{10}$/),
  dateOfBirth: z.string().refine(isIsoDate, 'expected YYYY-MM-DD'),
  mobile: z.string().regex(/^05[0-9]{8}$/),
});
export type BankActivationBody = z.infer<typeof bankActivationBodySchema>;

export const bankActivationResultSchema = z.object({
  bankReference: z.string(),
  result: z.enum(['activated', 'already_active']),
  activatedAt: z.string().describe('ISO 8601 instant'),
});
export type BankActivationResult = z.infer<typeof bankActivationResultSchema>;

export type SignedBankRequest = SignedPartnerRequest;

function assertSigned(request: SignedBankRequest, secrets: Readonly<Record<string, string>>, now: Date): string {
  const bankCode = verifyPartnerRequest(request, secrets, now);
  if (!bankCode) throw new AppError('identity.bank_unauthorised');
  return bankCode;
}

function parseBody(rawBody: string): BankActivationBody {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new AppError('http.bad_request');
  }
  const parsed = bankActivationBodySchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'validation.failed',
      {},
      parsed.error.issues.map((issue) => ({ field: ['body', ...issue.path.map(String)].join('.'), key: 'validation.invalid', params: { detail: issue.message } })),
    );
  }
  return parsed.data;
}

/** Returns the answer and whether it is a replay (200) or new (201). */
export async function activateByBank(options: IdentityDepsWithConfig & { request: SignedBankRequest; ip?: string | null }): Promise<{ replayed: boolean; result: BankActivationResult }> {
  const { db, clock, config } = options;
  const bankCode = assertSigned(options.request, config.bankPartnerSecrets, clock.now());
  const body = parseBody(options.request.rawBody);
  // The request's identity is its meaning, not its bytes: key order or spacing may differ on a retry.
  const requestHash = sha256Hex(JSON.stringify([body.bankReference, body.nationalId, body.dateOfBirth, body.mobile]));

  const outcome = await db.transaction().execute(async (trx) => {
    const now = clock.now();
    const claimed = await claimBankReference(trx, { bankCode, bankReference: body.bankReference, requestHash, now });
    if (!claimed) {
      const previous = (await findBankActivation(trx, bankCode, body.bankReference))!;
      if (previous.request_hash !== requestHash) return { error: new AppError('identity.bank_reference_conflict') };
      return { replayed: true, result: previous.response as BankActivationResult };
    }
    const person = await findPersonByNationalId(trx, body.nationalId);
    // The bank knows its customer's ID and date of birth: it is told plainly of a recorded death.
    if (person?.deceased && person.birth_date === body.dateOfBirth) throw new AppError('identity.person_deceased');
    const account = person && person.birth_date === body.dateOfBirth && !person.deceased ? await findAccountByPersonId(trx, person.id) : undefined;
    if (!account || account.mobile !== body.mobile || account.status === 'disabled') {
      // Nothing is stored: the bank may retry the same reference once the person has registered.
      throw new AppError('identity.bank_no_match');
    }
    let result: BankActivationResult;
    if (account.status === 'active') {
      result = { bankReference: body.bankReference, result: 'already_active', activatedAt: (account.activated_at ?? now).toISOString() };
    } else {
      await activateAccount(trx, account.id, 'bank', now);
      await enqueueMessage(trx, { channel: 'sms', to: account.mobile, locale: account.language, template: 'account.activated', personId: account.person_id }, clock);
      result = { bankReference: body.bankReference, result: 'activated', activatedAt: now.toISOString() };
    }
    await recordBankResponse(trx, { bankCode, bankReference: body.bankReference, accountId: account.id, response: result });
    await appendAudit(
      trx,
      { actorKind: 'partner', actorId: `bank:${bankCode}`, action: 'identity.bank_activation', subjectPersonId: account.person_id, ip: options.ip ?? undefined, details: { bankReference: body.bankReference, result: result.result } },
      clock,
    );
    return { replayed: false, result };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome;
}
