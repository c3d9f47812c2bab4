import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { DAY_MS, type Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { REFERENCE_ALPHABET } from '../kernel/reference.js';
import { uuidv7 } from '../kernel/uuid.js';
import { findPersonByNationalId, getPerson } from '../registry/index.js';
import type { IdentityDeps, RequestOrigin } from './deps.js';
import { appendAudit, enqueueMessage } from './ports.js';
import {
  activateAccount,
  findAccountById,
  findLiveActivationCodeForUpdate,
  insertActivationCode,
  markActivationCodeUsed,
  recordFailedLogin,
  recordWrongActivationCode,
  revokeUnusedActivationCodes,
  type ActivationPurpose,
} from './repository/index.js';
import { constantTimeEqual, sha256Hex } from './secrets.js';
import type { StaffSession } from './staff/sessions.js';

/**
 * Activation codes issued at an office or a self-service kiosk, after a person's identity was
 * checked in person. Ten characters from the reference alphabet (no look-alikes: the code is
 * handed over on paper and typed), about 45 bits: far beyond guessing in 3 tries. Stored as a
 * hash salted with the person's id; valid 24 hours; used once; a new code retires the older
 * unused ones. A wrong code counts on the code (3 and it is dead) and on the account's failed
 * attempts, which feed the sign-in lockout.
 */

export const ACTIVATION_CODE_LENGTH = 10;
export const ACTIVATION_CODE_TTL_MS = DAY_MS;
export const ACTIVATION_CODE_MAX_ATTEMPTS = 3;

/** Roles that verify people in person; admins manage staff, they do not serve the public. */
const ISSUING_ROLES: ReadonlySet<StaffSession['role']> = new Set(['officer', 'supervisor', 'kiosk']);

export function newActivationCode(): string {
  return Array.from({ length: ACTIVATION_CODE_LENGTH }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
}

/** What people type: any case, with spaces or dashes from the paper slip. */
export function normaliseActivationCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function hashActivationCode(personId: string, code: string): string {
  return sha256Hex(`activation:${personId.toLowerCase()}:${normaliseActivationCode(code)}`);
}

export async function issueActivationCode(
  options: IdentityDeps & RequestOrigin & { staff: Pick<StaffSession, 'staffId' | 'role' | 'agency'>; nationalId: string; purpose: ActivationPurpose },
): Promise<{ code: string; expiresAt: Date }> {
  const { db, clock, staff } = options;
  if (!ISSUING_ROLES.has(staff.role)) throw new AppError('staff.forbidden');
  return db.transaction().execute(async (trx) => {
    const person = await findPersonByNationalId(trx, options.nationalId);
    if (!person) throw new AppError('registry.person_not_found');
    if (person.deceased) throw new AppError('identity.person_deceased');
    const now = clock.now();
    const retired = await revokeUnusedActivationCodes(trx, person.id, now);
    const id = uuidv7(now.getTime());
    const code = newActivationCode();
    const expiresAt = new Date(now.getTime() + ACTIVATION_CODE_TTL_MS);
    await insertActivationCode(trx, { id, person_id: person.id, code_hash: hashActivationCode(person.id, code), purpose: options.purpose, issued_by: staff.staffId, expires_at: expiresAt, created_at: now });
    await appendAudit(
      trx,
      { actorKind: 'staff', actorId: staff.staffId, action: 'identity.activation_code_issued', subjectPersonId: person.id, ip: options.ip ?? undefined, details: { codeId: id, purpose: options.purpose, agency: staff.agency, retired } },
      clock,
    );
    return { code, expiresAt };
  });
}

export type OfficeCodeCheck = { ok: true; codeId: string } | { ok: false; error: AppError };

/**
 * Checks a person's office code in the caller's transaction. A wrong code is counted (the
 * caller commits, then throws `error`). With `consume: false` a right code stays usable.
 */
export async function checkOfficeCode(
  trx: Transaction<Database>,
  clock: Clock,
  options: { personId: string; accountId: string; purpose: ActivationPurpose; code: string; consume: boolean },
): Promise<OfficeCodeCheck> {
  const now = clock.now();
  const live = await findLiveActivationCodeForUpdate(trx, { personId: options.personId, purpose: options.purpose, now, maxAttempts: ACTIVATION_CODE_MAX_ATTEMPTS });
  if (live && constantTimeEqual(live.code_hash, hashActivationCode(options.personId, options.code))) {
    if (options.consume) await markActivationCodeUsed(trx, live.id, now);
    return { ok: true, codeId: live.id };
  }
  const attempts = live ? await recordWrongActivationCode(trx, live.id) : null;
  await recordFailedLogin(trx, options.accountId, now);
  await appendAudit(trx, { actorKind: 'account', actorId: options.accountId, action: 'identity.activation_code_wrong', subjectPersonId: options.personId, details: { codeId: live?.id ?? null, attempts } }, clock);
  const remaining = attempts === null ? 0 : ACTIVATION_CODE_MAX_ATTEMPTS - attempts;
  // With no live code, or none left after this try, the answer does not say which.
  return { ok: false, error: remaining > 0 ? new AppError('identity.activation_code_wrong', { count: remaining }) : new AppError('identity.activation_code_invalid') };
}

/** A signed-in, registered account is activated with the code an office gave its holder. */
export async function activateWithOfficeCode(
  options: IdentityDeps & RequestOrigin & { accountId: string; nationalId: string; code: string },
): Promise<{ status: 'active'; activatedAt: Date }> {
  const { db, clock } = options;
  const result = await db.transaction().execute(async (trx) => {
    const account = await findAccountById(trx, options.accountId, { forUpdate: true });
    if (!account) throw new AppError('identity.unauthenticated');
    if (account.status === 'disabled') throw new AppError('identity.account_disabled');
    if (account.status === 'active') throw new AppError('identity.already_active');
    const person = await getPerson(trx, account.person_id);
    if (person?.deceased) throw new AppError('identity.person_deceased');
    // The code was issued to the person whose ID was checked at the office; typing another
    // ID with one's own session is refused like a wrong code (and counted).
    const personId = person?.national_id === options.nationalId ? account.person_id : null;
    const check = personId
      ? await checkOfficeCode(trx, clock, { personId, accountId: account.id, purpose: 'activate', code: options.code, consume: true })
      : { ok: false as const, error: new AppError('identity.activation_code_invalid') };
    if (!check.ok) {
      if (!personId) await recordFailedLogin(trx, account.id, clock.now());
      return { error: check.error };
    }
    const now = clock.now();
    await activateAccount(trx, account.id, 'office_code', now);
    if (account.mobile) {
      await enqueueMessage(trx, { channel: 'sms', to: account.mobile, locale: account.language, template: 'account.activated', personId: account.person_id }, clock);
    }
    await appendAudit(trx, { actorKind: 'account', actorId: account.id, action: 'identity.account_activated', subjectPersonId: account.person_id, ip: options.ip ?? undefined, details: { method: 'office_code', codeId: check.codeId } }, clock);
    return { status: 'active' as const, activatedAt: now };
  });
  if ('error' in result) throw result.error;
  return result;
}
