import type { AccountStatus, Person } from '../db/tables.js';
import { HOUR_MS, MINUTE_MS } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { uuidv7 } from '../kernel/uuid.js';
import type { Db } from '../registry/index.js';
import type { IdentityDepsWithConfig, RequestOrigin } from './deps.js';
import { appendAudit } from './ports.js';
import {
  findSessionByTokenHash,
  insertSession,
  listLiveSessions,
  revokeSessionById,
  revokeSessionOfAccount,
  sessionPerson,
  touchSession,
  type SessionPersonNames,
  type SessionWithAccount,
} from './repository/index.js';
import { accountUseEnded, type AccountUseEnded } from './registry-standing.js';
import { newOpaqueToken, sha256Hex } from './secrets.js';

/**
 * Server-side sessions: web sessions (cookie) and API bearer tokens. The token is shown once
 * and only its SHA-256 is stored, so a copy of the database lets no one sign in. Every login
 * makes a new session (rotation); both kinds end at an absolute limit, web sessions also after
 * being idle. The session carries the account's status: e-services refuse a registered
 * (not yet activated) account, while "my data" serves it.
 */

type SessionConfig = IdentityDepsWithConfig['config'];
export type SessionKind = 'web' | 'api';

export interface NewSession {
  sessionId: string;
  token: string;
  /** Web sessions only: the token every form must echo. */
  csrfToken: string | null;
  expiresAt: Date;
}

export interface ResolvedSession {
  sessionId: string;
  kind: SessionKind;
  accountId: string;
  personId: string;
  accountStatus: AccountStatus;
  csrfToken: string | null;
  expiresAt: Date;
  /** The person's name parts (for personName), read with the session. */
  names: SessionPersonNames;
  /** The person's registry record, read with the session. */
  person: Person;
}

// Writing last_seen_at on every request would make each page view a write; a minute's
// precision is plenty against a 15-minute idle limit.
const TOUCH_EVERY_MS = MINUTE_MS;

/** Who a session belongs to: an individual's account or a staff member. */
export type SessionOwner = { accountId: string; staffId?: never } | { staffId: string; accountId?: never };

/** Opens a session in the caller's transaction (or on the handle); staff sessions use the same row shape. */
export async function createSession(
  db: Db,
  options: { clock: IdentityDepsWithConfig['clock']; config: SessionConfig; kind: SessionKind } & SessionOwner & RequestOrigin,
): Promise<NewSession> {
  const now = options.clock.now();
  const token = newOpaqueToken();
  const sessionId = uuidv7(now.getTime());
  const csrfToken = options.kind === 'web' ? newOpaqueToken() : null;
  const expiresAt = new Date(now.getTime() + options.config.sessionAbsoluteHours * HOUR_MS);
  await insertSession(db, {
    id: sessionId,
    token_hash: sha256Hex(token),
    kind: options.kind,
    ...(options.staffId ? { staff_id: options.staffId } : { account_id: options.accountId }),
    csrf_token: csrfToken,
    ip: options.ip ?? null,
    user_agent: options.userAgent?.slice(0, 300) ?? null,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
  });
  return { sessionId, token, csrfToken, expiresAt };
}

/**
 * The time-outs shared by individuals' and staff sessions: the absolute limit for every kind,
 * the idle limit for web sessions (an idle one is revoked), and a last-seen touch at most once a
 * minute. Returns whether the session is still alive.
 */
export async function keepSessionAlive(
  db: Db,
  row: { id: string; kind: SessionKind; revoked_at: Date | null; expires_at: Date; last_seen_at: Date },
  options: { clock: IdentityDepsWithConfig['clock']; config: SessionConfig; kind?: SessionKind | undefined },
): Promise<boolean> {
  const { clock, config } = options;
  if (row.revoked_at) return false;
  if (options.kind && row.kind !== options.kind) return false;
  const now = clock.now().getTime();
  if (row.expires_at.getTime() <= now) return false;
  if (row.kind === 'web' && row.last_seen_at.getTime() + config.sessionIdleMinutes * MINUTE_MS <= now) {
    await revokeSessionById(db, row.id, clock.now());
    return false;
  }
  if (now - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) await touchSession(db, row.id, clock.now());
  return true;
}

/** For the portal after a completed login: always a new session id (rotation at login). */
export async function startWebSession(options: IdentityDepsWithConfig & RequestOrigin & { accountId: string }): Promise<NewSession> {
  return options.db.transaction().execute(async (trx) => {
    const session = await createSession(trx, { ...options, kind: 'web' });
    await appendAudit(trx, { actorKind: 'account', actorId: options.accountId, action: 'identity.session_started', ip: options.ip ?? undefined, details: { kind: 'web', sessionId: session.sessionId } }, options.clock);
    return session;
  });
}

/** The live session a token opens, or undefined (unknown, revoked, expired, idle too long, or its account's use ended). */
export async function resolveSession(options: IdentityDepsWithConfig & { token: string; kind?: SessionKind }): Promise<ResolvedSession | undefined> {
  const loaded = await loadSession(options);
  return loaded && 'session' in loaded ? loaded.session : undefined;
}

/**
 * The session a token opens, or why it no longer serves: its holder's registry record says they
 * died, or the account was disabled (the session is revoked then, once, and every later use of
 * the token gets the same reason). The person's record comes with the session: no extra query.
 */
export async function loadSession(options: IdentityDepsWithConfig & { token: string; kind?: SessionKind }): Promise<{ session: ResolvedSession } | { ended: AccountUseEnded } | undefined> {
  const { db, clock, config } = options;
  if (!options.token || options.token.length > 200) return undefined;
  const row = await findSessionByTokenHash(db, sha256Hex(options.token));
  if (!row || !row.account_id || (options.kind && row.kind !== options.kind)) return undefined;
  const ended = accountUseEnded(row, row.account_status);
  if (ended) {
    if (!row.revoked_at) await endSessionForStanding(options, row.id, row.account_id, row.person_id, ended);
    return { ended };
  }
  if (!(await keepSessionAlive(db, row, { clock, config, kind: options.kind }))) return undefined;
  return { session: toResolved(row, row.account_id) };
}

async function endSessionForStanding(options: IdentityDepsWithConfig, sessionId: string, accountId: string, personId: string, reason: AccountUseEnded): Promise<void> {
  const { db, clock } = options;
  await db.transaction().execute(async (trx) => {
    await revokeSessionById(trx, sessionId, clock.now());
    await appendAudit(trx, { actorKind: 'system', action: 'identity.session_ended', subjectPersonId: personId, details: { sessionId, accountId, reason } }, clock);
  });
}

function toResolved(row: SessionWithAccount, accountId: string): ResolvedSession {
  return {
    sessionId: row.id,
    kind: row.kind,
    accountId,
    personId: row.person_id,
    accountStatus: row.account_status,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    names: {
      first_name_ar: row.first_name_ar,
      father_name_ar: row.father_name_ar,
      grandfather_name_ar: row.grandfather_name_ar,
      family_name_ar: row.family_name_ar,
      first_name_en: row.first_name_en,
      father_name_en: row.father_name_en,
      grandfather_name_en: row.grandfather_name_en,
      family_name_en: row.family_name_en,
    },
    person: sessionPerson(row),
  };
}

/** Signs out the session a token opens (logout). Unknown or dead tokens are ignored. */
export async function revokeSession(options: IdentityDepsWithConfig & RequestOrigin & { token: string }): Promise<void> {
  const { db, clock } = options;
  const row = await findSessionByTokenHash(db, sha256Hex(options.token));
  if (!row || row.revoked_at || !row.account_id) return;
  const accountId = row.account_id;
  await db.transaction().execute(async (trx) => {
    await revokeSessionById(trx, row.id, clock.now());
    await appendAudit(trx, { actorKind: 'account', actorId: accountId, action: 'identity.logout', subjectPersonId: row.person_id, ip: options.ip ?? undefined, details: { sessionId: row.id, kind: row.kind } }, clock);
  });
}

export interface SessionSummary {
  sessionId: string;
  kind: SessionKind;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The account's live sessions, most recently used first ("my sessions"). */
export async function listSessions(options: IdentityDepsWithConfig & { accountId: string }): Promise<SessionSummary[]> {
  const { clock, config } = options;
  const now = clock.now().getTime();
  const rows = await listLiveSessions(options.db, options.accountId, clock.now());
  return rows
    .filter((row) => row.kind === 'api' || row.last_seen_at.getTime() + config.sessionIdleMinutes * MINUTE_MS > now)
    .map((row) => ({
      sessionId: row.id,
      kind: row.kind,
      ip: row.ip,
      userAgent: row.user_agent,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
    }));
}

/** Signs out one of the account's own sessions; someone else's session is "not found". */
export async function revokeOtherSession(options: IdentityDepsWithConfig & RequestOrigin & { accountId: string; sessionId: string }): Promise<void> {
  const { db, clock } = options;
  await db.transaction().execute(async (trx) => {
    const revoked = await revokeSessionOfAccount(trx, { sessionId: options.sessionId, accountId: options.accountId, now: clock.now() });
    if (!revoked) throw new AppError('identity.session_not_found');
    await appendAudit(trx, { actorKind: 'account', actorId: options.accountId, action: 'identity.session_revoked', ip: options.ip ?? undefined, details: { sessionId: options.sessionId } }, clock);
  });
}
