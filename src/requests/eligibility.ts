import type { Kysely } from 'kysely';
import type { AnyService, Bilingual, EligibilityContext } from '../catalogue/define.js';
import type { Database, Person, Suspension } from '../db/tables.js';
import { riyadhDate } from '../kernel/dates.js';
import { AppError, type FieldError } from '../kernel/errors.js';
import type { RequestsDeps } from './deps.js';
import { findPersonByNationalId, getPerson, listActiveSuspensions, listSponsoredWorkers, listWards } from './ports.js';
import { registryReader } from './registry-port.js';

/**
 * Before the form: can this person apply, for whom, and if not, why. Each rule of the service
 * is listed with its outcome, and an active suspension that covers the service says which
 * authority asked for it and what lifts it.
 */

export interface RuleOutcome {
  id: string;
  passed: boolean;
  condition: Bilingual;
  reason: Bilingual;
}

export interface Eligibility {
  eligible: boolean;
  rules: RuleOutcome[];
  suspensions: Suspension[];
}

/** Whether a suspension's list (`traffic.*`, or a service id) covers a service. */
export function suspensionCovers(blocked: readonly string[], serviceId: string): boolean {
  return blocked.some((pattern) => pattern === serviceId || pattern === '*' || (pattern.endsWith('.*') && serviceId.startsWith(pattern.slice(0, -1))));
}

/**
 * The person the request is for. Without a beneficiary, the applicant; otherwise a ward of a
 * guardian or a worker of a sponsor, when the service allows applying for them. Anyone else is
 * refused with the same answer whether or not the ID exists.
 */
export async function resolveBeneficiary(db: Kysely<Database>, service: AnyService, applicant: Person, beneficiaryNationalId: string | undefined, today: string): Promise<Person> {
  if (!beneficiaryNationalId || beneficiaryNationalId === applicant.national_id) {
    if (!service.applicant.includes('self')) throw new AppError('requests.not_for_you');
    return applicant;
  }
  const other = await findPersonByNationalId(db, beneficiaryNationalId);
  if (other) {
    if (service.applicant.includes('guardian') && (await listWards(db, { guardianId: applicant.id, on: today })).some((w) => w.id === other.id)) return other;
    if (service.applicant.includes('sponsor') && (await listSponsoredWorkers(db, applicant.id)).some((w) => w.worker.id === other.id)) return other;
  }
  throw new AppError('requests.not_for_you');
}

export async function eligibilityContext(db: Kysely<Database>, applicant: Person, beneficiary: Person, today: string): Promise<EligibilityContext> {
  return { applicant, beneficiary, today, registry: registryReader(db) };
}

export async function evaluateEligibility(db: Kysely<Database>, service: AnyService, ctx: EligibilityContext): Promise<Eligibility> {
  const rules: RuleOutcome[] = [];
  for (const r of service.eligibility) rules.push({ id: r.id, passed: await r.test(ctx), condition: r.condition, reason: r.reason });
  const suspensions = (await listActiveSuspensions(db, ctx.beneficiary.id)).filter((s) => suspensionCovers(s.blocked_services, service.id));
  return { eligible: rules.every((r) => r.passed) && suspensions.length === 0, rules, suspensions };
}

/** The refusal of an ineligible request: each failed rule and suspension as a reason. */
export function notEligibleError(result: Eligibility): AppError {
  const fields: FieldError[] = [
    ...result.rules.filter((r) => !r.passed).map((r) => ({ field: `eligibility.${r.id}`, key: 'errors.requests.not_eligible', text: r.reason })),
    ...result.suspensions.map((s) => ({
      field: `suspension.${s.reference}`,
      key: 'errors.requests.not_eligible',
      text: { ar: `الخدمة موقوفة بطلب جهة رسمية (${s.reference}): ${s.reason_ar}`, en: `The service is suspended at an authority's request (${s.reference}): ${s.reason_en}` },
    })),
  ];
  return new AppError('requests.not_eligible', {}, fields);
}

/** Eligibility of an account's person for a service (and a beneficiary), as the page and the API show it. */
export async function checkEligibility(options: RequestsDeps & { serviceId: string; personId: string; beneficiaryNationalId?: string | undefined }): Promise<Eligibility & { beneficiary: Person }> {
  const service = options.catalogue.get(options.serviceId);
  const applicant = await getPerson(options.db, options.personId);
  if (!applicant) throw new AppError('registry.person_not_found');
  const today = riyadhDate(options.clock.now());
  const beneficiary = await resolveBeneficiary(options.db, service, applicant, options.beneficiaryNationalId, today);
  const result = await evaluateEligibility(options.db, service, await eligibilityContext(options.db, applicant, beneficiary, today));
  return { ...result, beneficiary };
}
