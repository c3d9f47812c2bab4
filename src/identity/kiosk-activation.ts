import type { Transaction } from 'kysely';
import type { Biometrics, Database } from '../db/tables.js';
import { MINUTE_MS } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import type { Locale } from '../kernel/i18n/index.js';
import { isValidNationalId } from '../kernel/national-id.js';
import { uuidv7 } from '../kernel/uuid.js';
import { biometricsOf, findPersonByNationalId } from '../registry/index.js';
import { checkChallengeCode, createChallenge } from './challenges.js';
import type { IdentityDeps, RequestOrigin } from './deps.js';
import { maskMobile } from './my-data.js';
import { appendAudit, enqueueMessage } from './ports.js';
import { activateAccount, findAccountById, findAccountByPersonId, findChallengeForUpdate, insertChallenge, markChallengeConsumed, recordWrongCode, updateChallengeFlow, type Challenge } from './repository/index.js';
import { constantTimeEqual, sha256Hex, unmatchableCodeHash } from './secrets.js';

/**
 * Activation at a self-service kiosk (أجهزة التسجيل والخدمة الذاتية). The kiosk is a device with
 * a staff account of role `kiosk` (its username is the device id); every step is audited with it.
 * A person types the ID number, places a finger (the registry's biometrics record stands for
 * the fingerprints taken at enrolment; 3 wrong readings end the flow), then types the one-time
 * code sent to the account's registered mobile. The flow lives in the database (an
 * otp_challenges row of purpose `kiosk_flow`, bound to the kiosk's session) and dies
 * KIOSK_IDLE_MS after its last step: a person who walks away leaves nothing usable behind.
 * Whether an ID has an account or fingerprints is told only after a fingerprint matched.
 */

export const KIOSK_IDLE_MS = 2 * MINUTE_MS;
export const KIOSK_FINGER_MAX_ATTEMPTS = 3;
const FLOW_PURPOSE = 'kiosk_flow';

export interface KioskDevice {
  staffId: string;
  username: string;
  role: string;
  sessionId: string;
}

type FlowStep = 'finger' | 'code';
interface FlowPayload {
  step: FlowStep;
  session: string;
  kioskId: string;
  codeChallengeId?: string;
  maskedMobile?: string;
  locale: Locale;
}

export type KioskFingerOutcome = { next: 'code'; maskedMobile: string } | { next: 'no_account' } | { next: 'already_active' };

/**
 * What the sensor reports for a person's enrolled fingerprint. A real sensor sends a template
 * matched against the one taken at enrolment; the demo sensor stands in with a digest of the
 * biometrics record, so only that person's record yields it.
 */
export function fingerprintReadingOf(record: Pick<Biometrics, 'person_id' | 'fingerprints_on'>): string {
  return sha256Hex(`fingerprint:${record.person_id.toLowerCase()}:${record.fingerprints_on ?? ''}`);
}

function assertKiosk(kiosk: KioskDevice): void {
  if (kiosk.role !== 'kiosk') throw new AppError('staff.forbidden');
}

async function openFlow(trx: Transaction<Database>, kiosk: KioskDevice, flowId: string, now: Date): Promise<{ row: Challenge; payload: FlowPayload }> {
  const row = await findChallengeForUpdate(trx, flowId);
  const payload = row?.payload as unknown as FlowPayload | undefined;
  // Another kiosk's flow, or this kiosk's from an earlier session, is not this screen's.
  if (!row || row.purpose !== FLOW_PURPOSE || row.staff_id !== kiosk.staffId || payload?.session !== kiosk.sessionId) throw new AppError('identity.kiosk_flow_ended');
  if (row.consumed_at || row.attempts >= KIOSK_FINGER_MAX_ATTEMPTS || row.expires_at.getTime() <= now.getTime()) throw new AppError('identity.kiosk_flow_ended');
  return { row, payload: payload! };
}

const nextDeadline = (now: Date) => new Date(now.getTime() + KIOSK_IDLE_MS);

/** Step 1: the ID number. Any well-formed number starts a flow; no answer says whether it is known. */
export async function startKioskActivation(options: IdentityDeps & RequestOrigin & { kiosk: KioskDevice; nationalId: string; locale: Locale }): Promise<{ flowId: string }> {
  const { db, clock, kiosk } = options;
  assertKiosk(kiosk);
  if (!isValidNationalId(options.nationalId)) throw new AppError('identity.kiosk_id_invalid');
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const person = await findPersonByNationalId(trx, options.nationalId);
    const personId = person && !person.deceased ? person.id : null;
    const flowId = uuidv7(now.getTime());
    const payload: FlowPayload = { step: 'finger', session: kiosk.sessionId, kioskId: kiosk.username, locale: options.locale };
    await insertChallenge(trx, {
      id: flowId,
      purpose: FLOW_PURPOSE,
      account_id: null,
      staff_id: kiosk.staffId,
      person_id: personId,
      mobile: '',
      code_hash: unmatchableCodeHash(),
      last_sent_at: now,
      expires_at: nextDeadline(now),
      payload: JSON.stringify(payload),
      created_at: now,
    });
    await appendAudit(trx, { actorKind: 'staff', actorId: kiosk.staffId, action: 'identity.kiosk_flow_started', subjectPersonId: personId, ip: options.ip ?? undefined, details: { kioskId: kiosk.username, flowId } }, clock);
    return { flowId };
  });
}

/** The person the flow is about, for the demo sensor only (demo mode shows whose finger to place). */
export async function kioskFlowPerson(options: IdentityDeps & { kiosk: KioskDevice; flowId: string }): Promise<{ personId: string | null; biometrics: Biometrics | undefined }> {
  return options.db.transaction().execute(async (trx) => {
    const { row } = await openFlow(trx, options.kiosk, options.flowId, options.clock.now());
    return { personId: row.person_id, biometrics: row.person_id ? await biometricsOf(trx, row.person_id) : undefined };
  });
}

/** Step 2: the fingerprint. A wrong reading counts (3 end the flow); a match sends the code. */
export async function checkKioskFingerprint(options: IdentityDeps & RequestOrigin & { kiosk: KioskDevice; flowId: string; reading: string }): Promise<KioskFingerOutcome> {
  const { db, clock, kiosk } = options;
  assertKiosk(kiosk);
  const result = await db.transaction().execute(async (trx): Promise<{ error: AppError } | { outcome: KioskFingerOutcome }> => {
    const now = clock.now();
    const { row, payload } = await openFlow(trx, kiosk, options.flowId, now);
    if (payload.step !== 'finger') return { error: new AppError('identity.kiosk_flow_ended') };
    const record = row.person_id ? await biometricsOf(trx, row.person_id) : undefined;
    const onRecord = record && record.status === 'registered' && record.fingerprints_on ? record : undefined;
    const audit = (action: string, details: Record<string, unknown>) =>
      appendAudit(trx, { actorKind: 'staff', actorId: kiosk.staffId, action, subjectPersonId: row.person_id, ip: options.ip ?? undefined, details: { kioskId: kiosk.username, flowId: row.id, ...details } }, clock);
    if (!onRecord || !constantTimeEqual(options.reading, fingerprintReadingOf(onRecord))) {
      const attempts = await recordWrongCode(trx, row.id);
      await audit('identity.kiosk_fingerprint_refused', { attempts, onRecord: Boolean(onRecord) });
      if (attempts >= KIOSK_FINGER_MAX_ATTEMPTS) {
        await markChallengeConsumed(trx, row.id, now);
        return { error: new AppError('identity.kiosk_fingerprint_locked') };
      }
      await updateChallengeFlow(trx, row.id, { payload: { ...payload }, expiresAt: nextDeadline(now) });
      return { error: new AppError('identity.kiosk_fingerprint_wrong', { count: KIOSK_FINGER_MAX_ATTEMPTS - attempts }) };
    }
    const account = await findAccountByPersonId(trx, onRecord.person_id);
    if (!account || account.status !== 'registered' || !account.mobile) {
      // Identity is proven: the person may be told where their account stands. The flow ends here.
      await markChallengeConsumed(trx, row.id, now);
      await audit('identity.kiosk_fingerprint_matched', { account: account?.status ?? 'none' });
      if (account?.status === 'disabled') return { error: new AppError('identity.account_disabled') };
      if (account?.status === 'active') return { outcome: { next: 'already_active' } };
      return { outcome: { next: 'no_account' } };
    }
    const codeChallengeId = await createChallenge({
      trx,
      clock,
      purpose: 'kiosk_activation',
      mobile: account.mobile,
      locale: payload.locale,
      rateKey: account.id,
      accountId: account.id,
      staffId: kiosk.staffId,
      personId: account.person_id,
      payload: { flowId: row.id },
    });
    const maskedMobile = maskMobile(account.mobile);
    await updateChallengeFlow(trx, row.id, { payload: { ...payload, step: 'code', codeChallengeId, maskedMobile }, expiresAt: nextDeadline(now) });
    await audit('identity.kiosk_fingerprint_matched', { account: 'registered', codeChallengeId });
    return { outcome: { next: 'code', maskedMobile } };
  });
  if ('error' in result) throw result.error;
  return result.outcome;
}

/** Step 3: the code sent to the registered mobile. Right, and the account is active. */
export async function completeKioskActivation(options: IdentityDeps & RequestOrigin & { kiosk: KioskDevice; flowId: string; code: string }): Promise<{ activatedAt: Date }> {
  const { db, clock, kiosk } = options;
  assertKiosk(kiosk);
  const result = await db.transaction().execute(async (trx): Promise<{ error: AppError } | { activatedAt: Date }> => {
    const now = clock.now();
    const { row, payload } = await openFlow(trx, kiosk, options.flowId, now);
    if (payload.step !== 'code' || !payload.codeChallengeId) return { error: new AppError('identity.kiosk_flow_ended') };
    const check = await checkChallengeCode({ trx, clock, challengeId: payload.codeChallengeId, code: options.code, purposes: ['kiosk_activation'] });
    if (!check.ok) {
      if (check.error.code === 'identity.code_wrong') await updateChallengeFlow(trx, row.id, { payload: { ...payload }, expiresAt: nextDeadline(now) });
      else await markChallengeConsumed(trx, row.id, now);
      return { error: check.error };
    }
    const account = check.challenge.account_id ? await findAccountById(trx, check.challenge.account_id, { forUpdate: true }) : undefined;
    await markChallengeConsumed(trx, row.id, now);
    if (!account || account.status !== 'registered') return { error: new AppError('identity.kiosk_flow_ended') };
    // The column's methods are fixed by migration 0002: an in-person check with a code is `office_code`;
    // the audit record names the kiosk.
    await activateAccount(trx, account.id, 'office_code', now);
    if (account.mobile) {
      await enqueueMessage(trx, { channel: 'sms', to: account.mobile, locale: account.language, template: 'account.activated', personId: account.person_id }, clock);
    }
    await appendAudit(
      trx,
      { actorKind: 'staff', actorId: kiosk.staffId, action: 'identity.account_activated', subjectPersonId: account.person_id, ip: options.ip ?? undefined, details: { method: 'kiosk', kioskId: kiosk.username, flowId: row.id } },
      clock,
    );
    return { activatedAt: now };
  });
  if ('error' in result) throw result.error;
  return result;
}

/** "Start again" or the idle reset: the flow and its code stop working at once. */
export async function cancelKioskFlow(options: IdentityDeps & RequestOrigin & { kiosk: KioskDevice; flowId: string }): Promise<void> {
  const { db, clock, kiosk } = options;
  await db.transaction().execute(async (trx) => {
    const now = clock.now();
    const row = await findChallengeForUpdate(trx, options.flowId);
    const payload = row?.payload as unknown as FlowPayload | undefined;
    if (!row || row.purpose !== FLOW_PURPOSE || row.staff_id !== kiosk.staffId || row.consumed_at) return;
    await markChallengeConsumed(trx, row.id, now);
    if (payload?.codeChallengeId) await markChallengeConsumed(trx, payload.codeChallengeId, now);
    await appendAudit(trx, { actorKind: 'staff', actorId: kiosk.staffId, action: 'identity.kiosk_flow_reset', subjectPersonId: row.person_id, ip: options.ip ?? undefined, details: { kioskId: kiosk.username, flowId: row.id } }, clock);
  });
}

/** Where a flow stands, to draw the screen (undefined once it ended). */
export async function kioskFlowStep(options: IdentityDeps & { kiosk: KioskDevice; flowId: string }): Promise<{ step: FlowStep; maskedMobile?: string } | undefined> {
  try {
    return await options.db.transaction().execute(async (trx) => {
      const { payload } = await openFlow(trx, options.kiosk, options.flowId, options.clock.now());
      return { step: payload.step, ...(payload.maskedMobile ? { maskedMobile: payload.maskedMobile } : {}) };
    });
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
}
