import { randomInt } from 'node:crypto';
import type { StaffAgency, StaffRole } from '../../db/tables.js';
import { AppError } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { uuidv7 } from '../../kernel/uuid.js';
import type { IdentityDeps, RequestOrigin } from '../deps.js';
import { hashPassword, passwordProblems } from '../passwords.js';
import { appendAudit } from '../ports.js';
import { findStaffById, insertStaff, markStaffDisabled, revokeStaffSessions, staffUsernameExists, listStaffByAgency, type StaffAccount } from './repository.js';
import type { StaffSession } from './sessions.js';

/**
 * Staff accounts: created by the `tayseer staff create` command (the operator, who holds the
 * database, makes the first admin of any agency) or by an admin; disabled by an admin.
 *
 * Authorisation: an admin manages the staff of their own agency only, 'general' included.
 * 'general' is an agency like the others, not a super-agency: one compromised admin account
 * must not be able to create or disable staff everywhere. Wider powers stay with the operator.
 */

export const STAFF_AGENCIES = ['passports', 'traffic', 'civil-affairs', 'recruitment', 'general'] as const satisfies readonly StaffAgency[];
export const STAFF_ROLES = ['officer', 'supervisor', 'admin', 'kiosk'] as const satisfies readonly StaffRole[];

/** Who acts: a signed-in staff member, or the operator at the command line. */
export type StaffActor = { kind: 'staff'; session: Pick<StaffSession, 'staffId' | 'agency' | 'role'> } | { kind: 'operator' };

export interface NewStaffInput {
  username: string;
  nameAr: string;
  nameEn: string;
  mobile: string;
  email?: string | null;
  agency: StaffAgency;
  role: StaffRole;
  language?: Locale;
  /** Absent: a strong password is generated and returned once. */
  password?: string;
}

export interface StaffProfile {
  id: string;
  username: string;
  nameAr: string;
  nameEn: string;
  mobile: string;
  email: string | null;
  agency: StaffAgency;
  role: StaffRole;
  disabled: boolean;
  createdAt: Date;
}

export function staffProfile(staff: StaffAccount): StaffProfile {
  return {
    id: staff.id,
    username: staff.username,
    nameAr: staff.name_ar,
    nameEn: staff.name_en,
    mobile: staff.mobile,
    email: staff.email,
    agency: staff.agency,
    role: staff.role,
    disabled: staff.disabled_at !== null,
    createdAt: staff.created_at,
  };
}

// No look-alike characters (0/O, 1/l/I): the password may be read off a screen and typed.
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Four groups of five random characters: about 116 bits, easy to read back. */
export function generateStaffPassword(): string {
  const group = () => Array.from({ length: 5 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

function assertAdminOf(actor: StaffActor, agency: StaffAgency): void {
  if (actor.kind === 'operator') return;
  if (actor.session.role !== 'admin' || actor.session.agency !== agency) throw new AppError('staff.forbidden');
}

function actorAudit(actor: StaffActor, origin: RequestOrigin) {
  return actor.kind === 'staff'
    ? { actorKind: 'staff' as const, actorId: actor.session.staffId, ip: origin.ip ?? undefined }
    : { actorKind: 'system' as const, actorId: 'cli', ip: origin.ip ?? undefined };
}

export async function createStaffAccount(
  options: IdentityDeps & RequestOrigin & { actor: StaffActor; input: NewStaffInput },
): Promise<{ staff: StaffProfile; generatedPassword: string | null }> {
  const { db, clock, actor, input } = options;
  assertAdminOf(actor, input.agency);
  const generatedPassword = input.password === undefined ? generateStaffPassword() : null;
  const password = input.password ?? generatedPassword!;
  const problems = passwordProblems(password, { username: input.username });
  if (problems.length > 0) throw new AppError('identity.password_weak', {}, problems);
  if (await staffUsernameExists(db, input.username)) throw new AppError('identity.username_taken');
  const passwordHash = await hashPassword(password);

  const staff = await db.transaction().execute(async (trx) => {
    const now = clock.now();
    const id = uuidv7(now.getTime());
    await insertStaff(trx, {
      id,
      username: input.username,
      password_hash: passwordHash,
      name_ar: input.nameAr,
      name_en: input.nameEn,
      mobile: input.mobile,
      email: input.email ?? null,
      agency: input.agency,
      role: input.role,
      language: input.language ?? 'ar',
      created_by: actor.kind === 'staff' ? actor.session.staffId : null,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(trx, { ...actorAudit(actor, options), action: 'staff.created', details: { staffId: id, agency: input.agency, role: input.role } }, clock);
    return (await findStaffById(trx, id))!;
  }).catch((error: unknown) => {
    // Two creations of one username at once: the unique index decides, not the check above.
    if ((error as { code?: string }).code === '23505') throw new AppError('identity.username_taken');
    throw error;
  });
  return { staff: staffProfile(staff), generatedPassword };
}

/** Disables a staff member and revokes every session they hold, in one transaction. */
export async function disableStaffAccount(options: IdentityDeps & RequestOrigin & { actor: StaffActor; staffId: string }): Promise<StaffProfile> {
  const { db, clock, actor } = options;
  return db.transaction().execute(async (trx) => {
    const target = await findStaffById(trx, options.staffId, { forUpdate: true });
    if (!target) throw new AppError('staff.not_found');
    assertAdminOf(actor, target.agency);
    // An admin locking themselves out would leave the agency with no one to undo it.
    if (actor.kind === 'staff' && actor.session.staffId === target.id) throw new AppError('staff.cannot_disable_self');
    const now = clock.now();
    if (!target.disabled_at) {
      await markStaffDisabled(trx, target.id, now);
      const revoked = await revokeStaffSessions(trx, target.id, now);
      await appendAudit(trx, { ...actorAudit(actor, options), action: 'staff.disabled', details: { staffId: target.id, revokedSessions: revoked } }, clock);
    }
    return staffProfile({ ...target, disabled_at: target.disabled_at ?? now });
  });
}

/** An admin's list of the staff of their own agency (authorised here, not only at the route). */
export async function listAgencyStaff(options: IdentityDeps & { actor: StaffActor; agency: StaffAgency }): Promise<StaffProfile[]> {
  assertAdminOf(options.actor, options.agency);
  return (await listStaffByAgency(options.db, options.agency)).map(staffProfile);
}

/**
 * The enabled officers and supervisors of an agency: whom its supervisors may give a request
 * to (the officers' request pages). Only a supervisor of that agency may list them.
 */
export async function listAgencyOfficers(options: IdentityDeps & { actor: StaffActor; agency: StaffAgency }): Promise<StaffProfile[]> {
  const { actor, agency } = options;
  if (actor.kind === 'staff' && (actor.session.role !== 'supervisor' || actor.session.agency !== agency)) throw new AppError('staff.forbidden');
  const staff = await listStaffByAgency(options.db, agency);
  return staff.filter((s) => s.disabled_at === null && (s.role === 'officer' || s.role === 'supervisor')).map(staffProfile);
}

export async function getStaffProfile(options: IdentityDeps & { staffId: string }): Promise<StaffProfile> {
  const staff = await findStaffById(options.db, options.staffId);
  if (!staff || staff.disabled_at) throw new AppError('identity.unauthenticated');
  return staffProfile(staff);
}

/** Whether a staff member is an enabled officer or supervisor of an agency (to give them a request). */
export async function isActiveAgencyOfficer(db: IdentityDeps['db'], staffId: string, agency: string): Promise<boolean> {
  const staff = await findStaffById(db, staffId);
  return !!staff && staff.agency === agency && staff.disabled_at === null && (staff.role === 'officer' || staff.role === 'supervisor');
}
