import type { Kysely } from 'kysely';
import type { AnyService, Bilingual } from '../catalogue/define.js';
import type { Database, Person, Suspension } from '../db/tables.js';
import { translate, translateBoth } from '../kernel/i18n/index.js';
import { listActiveSuspensions } from './ports.js';

/**
 * Suspensions in the engine: a person under a suspension in force that covers a service may
 * not be its beneficiary, nor act as its applicant (for themself or for anyone else), nor take
 * a later step that moves such a request on (accept it as the other party, pay for it). Which
 * service a suspension covers is its patterns' business; no service is named here.
 */

/** Whether a suspension's list (`traffic.*`, or a service id) covers a service. */
export function suspensionCovers(blocked: readonly string[], serviceId: string): boolean {
  return blocked.some((pattern) => pattern === serviceId || pattern === '*' || (pattern.endsWith('.*') && serviceId.startsWith(pattern.slice(0, -1))));
}

/** Whose suspension it is: the applicant's own (or the actor's), or the beneficiary's. */
export type SuspensionHolder = 'applicant' | 'beneficiary';
export type BlockingSuspension = Suspension & { holder: SuspensionHolder };

/** A person's suspensions in force that cover the service. */
export async function suspensionsCovering(db: Kysely<Database>, personId: string, serviceId: string): Promise<Suspension[]> {
  return (await listActiveSuspensions(db, personId)).filter((s) => suspensionCovers(s.blocked_services, serviceId));
}

/** The suspensions that stop the applicant applying for the beneficiary: the applicant's own first. */
export async function blockingSuspensions(db: Kysely<Database>, service: AnyService, applicant: Person, beneficiary: Person): Promise<BlockingSuspension[]> {
  const own = (await suspensionsCovering(db, applicant.id, service.id)).map((s) => ({ ...s, holder: 'applicant' as const }));
  if (beneficiary.id === applicant.id) return own;
  const theirs = (await suspensionsCovering(db, beneficiary.id, service.id)).map((s) => ({ ...s, holder: 'beneficiary' as const }));
  return [...own, ...theirs];
}

/** What a suspension stops, by whose it is (the pages and the API say it beside its details). */
export function whatItBlocks(holder: SuspensionHolder): Bilingual {
  return translateBoth(`requests.suspension_holder.${holder}`);
}

/** The reason of a refusal: `requests.suspended_reason.<holder>` or another key, with the suspension's number and reason. */
export function suspendedReason(s: Suspension, key: string): Bilingual {
  return {
    ar: translate('ar', key, { reference: s.reference, reason: s.reason_ar }),
    en: translate('en', key, { reference: s.reference, reason: s.reason_en }),
  };
}
