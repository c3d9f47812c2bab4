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
  /** The note in the words of each page: an Arabic page never shows a note written only in English. */
  liftNoteText: { ar: string | null; en: string | null } | null;
}

const ARABIC = /[\u0600-\u06FF]/;

/**
 * A lift note for each language's page. Notes the platform and the registry write are
 * "Arabic / English" (سُددت المخالفات / Violations paid): each page shows its half. A note
 * written in one language only is shown on the pages of that language, and an Arabic one on
 * English pages too (as names and addresses are); an English one never on an Arabic page.
 */
export function liftNoteText(note: string | null): { ar: string | null; en: string | null } | null {
  if (!note) return null;
  const at = note.lastIndexOf(' / ');
  if (at > 0) {
    const [ar, en] = [note.slice(0, at).trim(), note.slice(at + 3).trim()];
    if (ARABIC.test(ar) && !ARABIC.test(en)) return { ar, en };
  }
  return ARABIC.test(note) ? { ar: note, en: note } : { ar: null, en: note };
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
    liftNoteText: liftNoteText(s.lift_note),
  };
}
