import type { AnyService, Bilingual } from '../catalogue/define.js';
import type { Suspension, SuspensionAuthority, SuspensionLiftedBy } from '../db/tables.js';
import { translateBoth } from '../kernel/i18n/index.js';
import { blockedServicesOf, parsePattern, phaseOf, type PhaseNow } from './rules.js';

/**
 * A suspension as people and the API see it: the codes with their translated labels, the
 * blocked patterns resolved to the catalogue's services, its phase and what lifts it.
 */

export const CONTACT_CENTRE = '19999';
/** Where paying violations is done (src/payments). */
export const VIOLATIONS_PATH = '/violations';
/** Lifted suspensions are shown apart, as history, for this long. */
export const HISTORY_DAYS = 90;

export const authorityLabel = (authority: SuspensionAuthority): Bilingual => translateBoth(`suspensions.authority.${authority}`);
export const liftedByLabel = (liftedBy: SuspensionLiftedBy): Bilingual => translateBoth(`suspensions.lifted_by.${liftedBy}`);

/** A pattern in words: "All e-services", "All Passports services", or the service's name. */
export function patternLabel(pattern: string, find: (id: string) => AnyService | undefined): Bilingual {
  const parsed = parsePattern(pattern, find);
  if (!parsed) return { ar: pattern, en: pattern };
  if (parsed.kind === 'all') return translateBoth('suspensions.blocked.all');
  // One text per agency: "جميع خدمات {agency}" would say "جميع خدمات الخدمات العامة".
  if (parsed.kind === 'agency') return translateBoth(`suspensions.blocked.agency.${parsed.agency}`);
  return parsed.service.name;
}

export interface SuspensionView {
  reference: string;
  authority: SuspensionAuthority;
  authorityLabel: Bilingual;
  legalBasis: string;
  reason: Bilingual;
  startsAt: Date;
  phase: PhaseNow;
  blocked: {
    patterns: Array<{ pattern: string; label: Bilingual }>;
    all: boolean;
    /** The catalogue's services it blocks now, by the engine's rule. */
    services: AnyService[];
  };
  liftedBy: SuspensionLiftedBy;
  liftedByLabel: Bilingual;
  liftedByHow: Bilingual;
  /** Where the person can do what lifts it (pay the violations), if on Tayseer. */
  actionPath: string | null;
  contact: Bilingual;
  liftedAt: Date | null;
  liftNote: string | null;
}

export function suspensionView(s: Suspension, catalogue: { all: readonly AnyService[]; find(id: string): AnyService | undefined }, now: Date): SuspensionView {
  const authority = authorityLabel(s.authority);
  return {
    reference: s.reference,
    authority: s.authority,
    authorityLabel: authority,
    legalBasis: s.legal_basis,
    reason: { ar: s.reason_ar, en: s.reason_en },
    startsAt: s.starts_at,
    phase: phaseOf(s, now),
    blocked: {
      patterns: s.blocked_services.map((pattern) => ({ pattern, label: patternLabel(pattern, (id) => catalogue.find(id)) })),
      all: s.blocked_services.includes('*'),
      services: blockedServicesOf(s.blocked_services, catalogue.all),
    },
    liftedBy: s.lifted_by,
    liftedByLabel: liftedByLabel(s.lifted_by),
    liftedByHow: translateBoth(`suspensions.lifted_by.${s.lifted_by}.how`),
    actionPath: s.lifted_by === 'pay_violations' ? VIOLATIONS_PATH : null,
    contact: translateBoth('suspensions.contact', (locale) => ({ authority: authority[locale], phone: CONTACT_CENTRE })),
    liftedAt: s.lifted_at,
    liftNote: s.lift_note,
  };
}
