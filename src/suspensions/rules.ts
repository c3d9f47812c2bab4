import { agencies, isAgencyId, type AgencyId } from '../catalogue/agencies.js';
import type { AnyService } from '../catalogue/define.js';
import type { StaffAgency, StaffRole, Suspension, SuspensionAuthority, SuspensionLiftedBy } from '../db/tables.js';
import { addDays, daysBetween, riyadhDate, type IsoDate } from '../kernel/dates.js';
import { suspensionCovers } from '../requests/index.js';

/**
 * The rules of suspensions that do not touch the database: who may place and lift them, what
 * their blocked-service patterns mean against the catalogue, and their phases of 15 days.
 */

export const AUTHORITIES = ['court', 'public_prosecution', 'enforcement_court', 'traffic', 'ministry_of_interior', 'zakat_tax_customs'] as const satisfies readonly SuspensionAuthority[];
export const LIFTED_BY = ['pay_violations', 'settle_debt', 'authority_order'] as const satisfies readonly SuspensionLiftedBy[];

/**
 * The staff agency that speaks for each requesting authority on the platform: traffic for the
 * General Department of Traffic, General Services for the courts, the prosecution, the
 * enforcement court, the ministry and the zakat authority.
 */
export const AUTHORITY_AGENCY: Record<SuspensionAuthority, StaffAgency> = {
  traffic: 'traffic',
  court: 'general',
  public_prosecution: 'general',
  enforcement_court: 'general',
  ministry_of_interior: 'general',
  zakat_tax_customs: 'general',
};

/** Roles that place and lift suspensions (of their agency's authorities): not officers or kiosks. */
export const SUSPENDING_ROLES: readonly StaffRole[] = ['supervisor', 'admin'];

export interface StaffWho {
  agency: StaffAgency;
  role: StaffRole;
}

/** The rule: a supervisor or admin of the agency that speaks for the authority. */
export function mayManage(staff: StaffWho, authority: SuspensionAuthority): boolean {
  return SUSPENDING_ROLES.includes(staff.role) && AUTHORITY_AGENCY[authority] === staff.agency;
}

/** The authorities a staff member may place and lift suspensions for (none: no access at all). */
export function authoritiesOf(staff: StaffWho): SuspensionAuthority[] {
  return AUTHORITIES.filter((a) => mayManage(staff, a));
}

/** Paying violations lifts only the traffic department's suspensions (payments lifts them itself). */
export function liftedByAllowed(authority: SuspensionAuthority, liftedBy: SuspensionLiftedBy): boolean {
  return liftedBy !== 'pay_violations' || authority === 'traffic';
}

// ---- blocked services ---------------------------------------------------------------------

export type Pattern = { kind: 'all' } | { kind: 'agency'; agency: AgencyId } | { kind: 'service'; service: AnyService };

/** What a pattern names in the catalogue, or null for one that names nothing the platform knows. */
export function parsePattern(pattern: string, find: (id: string) => AnyService | undefined): Pattern | null {
  if (pattern === '*') return { kind: 'all' };
  if (pattern.endsWith('.*')) {
    const agency = pattern.slice(0, -2);
    return isAgencyId(agency) ? { kind: 'agency', agency } : null;
  }
  const service = find(pattern);
  return service ? { kind: 'service', service } : null;
}

/**
 * Whether a pattern names at least one service the catalogue has now: `trafic.*` (a typo), an
 * agency with no services yet, or a removed service's id suspends nothing, and is refused.
 */
export function namesSomeService(pattern: string, catalogue: readonly AnyService[]): boolean {
  return catalogue.some((s) => suspensionCovers([pattern], s.id));
}

// ---- remits ---------------------------------------------------------------------------------

/** Each authority's remit: the patterns (suspension_remits) of the services it may suspend. */
export type Remits = Partial<Record<SuspensionAuthority, readonly string[]>>;

/**
 * Whether a pattern lies inside a remit, by the patterns themselves (not by today's catalogue,
 * so a service added later under `passports.*` stays outside a remit of `traffic.*`): `*` holds
 * everything, `<agency>.*` that agency's pattern and its services' ids, a service id itself.
 */
export function withinRemit(pattern: string, remit: readonly string[]): boolean {
  return remit.some((r) => r === '*' || r === pattern || (r.endsWith('.*') && pattern !== '*' && pattern.startsWith(r.slice(0, -1))));
}

/** The patterns of a list an authority may choose: those inside its remit that name some service. */
export function choosableWithin(patterns: readonly string[], remit: readonly string[], catalogue: readonly AnyService[]): string[] {
  return patterns.filter((p) => withinRemit(p, remit) && namesSomeService(p, catalogue));
}

/** The catalogue's services a suspension blocks, by the engine's own rule (suspensionCovers). */
export function blockedServicesOf(blocked: readonly string[], catalogue: readonly AnyService[]): AnyService[] {
  return catalogue.filter((s) => suspensionCovers(blocked, s.id));
}

/** The patterns a form or API may choose: all, each agency, each service of the catalogue. */
export function choosablePatterns(catalogue: readonly AnyService[]): string[] {
  return ['*', ...agencies.map((a) => `${a}.*`), ...catalogue.map((s) => s.id)];
}

// ---- phases ---------------------------------------------------------------------------------

export const PHASE_DAYS = 15;

export interface PhaseNow {
  /** 1, 2, 3 ...: the phase the suspension is in (not before the one recorded). */
  phase: number;
  /** The day it began (Riyadh), and the day the next one would begin. */
  since: IsoDate;
  next: IsoDate;
  /** The suspension starts later (decided already). */
  upcoming: boolean;
}

/**
 * Suspensions go in phases of 15 days from their start: day 0-14 phase 1, day 15-29 phase 2 ...
 * A phase recorded ahead of the days (an import) is kept.
 */
export function phaseOf(s: Pick<Suspension, 'phase' | 'starts_at'>, now: Date): PhaseNow {
  const start = riyadhDate(s.starts_at);
  const elapsed = daysBetween(start, riyadhDate(now));
  const byDays = elapsed < 0 ? 1 : Math.floor(elapsed / PHASE_DAYS) + 1;
  const phase = Math.max(byDays, s.phase);
  const since = addDays(start, (phase - 1) * PHASE_DAYS);
  return { phase, since, next: addDays(since, PHASE_DAYS), upcoming: elapsed < 0 };
}
