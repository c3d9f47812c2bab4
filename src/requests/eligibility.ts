import type { Kysely } from 'kysely';
import type { AnyService, Bilingual, EligibilityContext, RuleContext } from '../catalogue/define.js';
import type { Database, Person, ServiceRequestRow } from '../db/tables.js';
import { riyadhDate } from '../kernel/dates.js';
import { AppError, type FieldError } from '../kernel/errors.js';
import type { RequestsDeps } from './deps.js';
import { findPersonByNationalId, getPerson, listSponsoredWorkers, listWards } from './ports.js';
import { registryReader } from './registry-port.js';
import { countRequestsMadeSince, findOpenRequest } from './repository.js';
import { translateBoth } from '../kernel/i18n/index.js';
import { blockingSuspensions, suspendedReason, type BlockingSuspension } from './suspended.js';

export { suspensionCovers, type BlockingSuspension, type SuspensionHolder } from './suspended.js';

/**
 * Before the form: can this person apply, for whom, and if not, why. Each rule of the service
 * is listed with its outcome, and an active suspension that covers the service (the
 * applicant's own, or the beneficiary's) says which authority asked for it and what lifts it.
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
  /** The applicant's own suspensions that cover the service, then the beneficiary's. */
  suspensions: BlockingSuspension[];
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
  return { applicant, beneficiary, today, registry: registryReader(db, { remember: true }) };
}

/** The engine's own rule, before every service's: e-services are for activated accounts. */
export const ACCOUNT_RULE_ID = 'account_active';
/** The engine's rule for a service's daily limit (`perApplicantPerDay`). */
export const DAILY_LIMIT_RULE_ID = 'daily_limit';

/** Midnight in Riyadh (UTC+3, no daylight saving) at the start of the day of `now`. */
export function startOfRiyadhDay(now: Date): Date {
  return new Date(`${riyadhDate(now)}T00:00:00+03:00`);
}

/**
 * How many requests for the service the applicant made today, when the service limits them a
 * day (0 otherwise); `lock` inside a submission, so two at once are counted one after the other.
 */
export async function requestsMadeToday(db: Kysely<Database>, service: AnyService, applicantId: string, now: Date, lock = false): Promise<number> {
  if (!service.perApplicantPerDay) return 0;
  return countRequestsMadeSince(db, { personId: applicantId, serviceId: service.id, since: startOfRiyadhDay(now), lock });
}

function bilingualOf(key: string): Bilingual {
  return translateBoth(key);
}

/**
 * Each rule of the service with its outcome, after the engine's rule on the account (the
 * submission refuses an account that is not activated whatever the service); and the
 * suspensions that cover the service.
 */
export async function evaluateEligibility(
  db: Kysely<Database>,
  service: AnyService,
  ctx: EligibilityContext,
  facts: { accountActive: boolean; openRequests: number; madeToday: number },
): Promise<Eligibility> {
  const ruleContext: RuleContext = { ...ctx, openRequests: facts.openRequests };
  const rules: RuleOutcome[] = [
    { id: ACCOUNT_RULE_ID, passed: facts.accountActive, condition: bilingualOf('requests.rule.account_active'), reason: bilingualOf('requests.rule.account_not_active') },
  ];
  const daily = service.perApplicantPerDay;
  if (daily) rules.push({ id: DAILY_LIMIT_RULE_ID, passed: facts.madeToday < daily.limit, condition: daily.condition, reason: daily.reason });
  for (const r of service.eligibility) rules.push({ id: r.id, passed: await r.test(ruleContext), condition: r.condition, reason: r.reason });
  // A suspended person may not act as applicant, for themself or for others: both are checked.
  const suspensions = await blockingSuspensions(db, service, ctx.applicant, ctx.beneficiary);
  return { eligible: rules.every((r) => r.passed) && suspensions.length === 0, rules, suspensions };
}

/** The refusal of an ineligible request: each failed rule and suspension as a reason. */
export function notEligibleError(result: Eligibility): AppError {
  const fields: FieldError[] = [
    ...result.rules.filter((r) => !r.passed).map((r) => ({ field: `eligibility.${r.id}`, key: 'errors.requests.not_eligible', text: r.reason })),
    ...result.suspensions.map((s) => ({
      field: `suspension.${s.reference}`,
      key: 'errors.requests.not_eligible',
      text: suspendedReason(s, `requests.suspended_reason.${s.holder}`),
    })),
  ];
  return new AppError('requests.not_eligible', {}, fields);
}

export interface EligibilityCheck extends Eligibility {
  beneficiary: Person;
  /** What the service's rules, fee and step introductions are given. */
  context: EligibilityContext;
  /** The person's open request for this service, when the service allows only one. */
  openReference: string | null;
}

/**
 * Eligibility of an account's person for a service (and a beneficiary), as the pages and the
 * API show it. `accountActive` is the account's state, which the engine's first rule reports.
 */
export async function checkEligibility(options: RequestsDeps & { serviceId: string; personId: string; accountActive: boolean; beneficiaryNationalId?: string | undefined }): Promise<EligibilityCheck> {
  const { db } = options;
  const service = options.catalogue.get(options.serviceId);
  const applicant = await getPerson(db, options.personId);
  if (!applicant) throw new AppError('registry.person_not_found');
  const today = riyadhDate(options.clock.now());
  const beneficiary = await resolveBeneficiary(db, service, applicant, options.beneficiaryNationalId, today);
  const context = await eligibilityContext(db, applicant, beneficiary, today);
  const open = await openRequestsOf(db, service, beneficiary.id);
  const madeToday = await requestsMadeToday(db, service, applicant.id, options.clock.now());
  const result = await evaluateEligibility(db, service, context, { accountActive: options.accountActive, openRequests: open.length, madeToday });
  // With one open request allowed, the pages point to it; with more, the service's rule says why.
  const openReference = openKeysOf(service, beneficiary.id).length === 1 ? (open[0]?.reference ?? null) : null;
  return { ...result, beneficiary, context, openReference };
}

/**
 * The unique keys that hold a beneficiary's open requests for a service: one per request the
 * service allows open at once (`service:beneficiary`, then `service:beneficiary:2` ...); none
 * when it sets no limit. A request gives its key back when it reaches a final state.
 */
export function openKeysOf(service: AnyService, beneficiaryId: string): string[] {
  if (service.oneOpenRequest === false) return [];
  const first = `${service.id}:${beneficiaryId}`;
  return Array.from({ length: service.maxOpenRequests ?? 1 }, (_, i) => (i === 0 ? first : `${first}:${i + 1}`));
}

/** The beneficiary's open requests that hold the service's keys, in key order. */
export async function openRequestsOf(db: Kysely<Database>, service: AnyService, beneficiaryId: string): Promise<ServiceRequestRow[]> {
  const rows: ServiceRequestRow[] = [];
  for (const key of openKeysOf(service, beneficiaryId)) {
    const row = await findOpenRequest(db, key);
    if (row) rows.push(row);
  }
  return rows;
}
