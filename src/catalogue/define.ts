import type { Document, DocumentKind, Person, TrafficCaseRole, TrafficCaseStatus } from '../db/tables.js';
import type { IsoDate } from '../kernel/dates.js';
import { AppError } from '../kernel/errors.js';
import type { Halalas } from '../kernel/money.js';
import type { AgencyId } from './agencies.js';
import type { FieldSpec, FieldValues } from './fields.js';

/**
 * What a service definition declares. One file in src/services/<agency>/ is the whole service:
 * who may apply, what is asked, what it costs, who acts next, what changes in the registry and
 * what the person is told. The engine (src/requests/) does the rest and knows no service.
 */

export interface Bilingual {
  ar: string;
  en: string;
}

export type Audience = 'individuals' | 'business';

/** Who the applicant may apply for: themself, a ward (guardian), a sponsored worker (sponsor). */
export type ApplicantRelation = 'self' | 'guardian' | 'sponsor';

/** Who takes an action: the applicant, the other party, agency staff, or the platform itself. */
export type ActorRole = 'applicant' | 'counterparty' | 'officer' | 'supervisor' | 'system';

/** A traffic case as a service sees it, with one person's part in it. */
export interface TrafficCaseView {
  id: string;
  number: string;
  status: TrafficCaseStatus;
  bailAllowed: boolean;
  closedAt: Date | null;
  /** The person's part in the case; null when they are not a party to it. */
  party: { role: TrafficCaseRole; inCustody: boolean } | null;
}

/** Reads of the registry a rule, a fee, a form check or an effect may make (bound to the caller's transaction). */
export interface RegistryReader {
  documents(personId: string, kind?: DocumentKind): Promise<Document[]>;
  /** How many documents of a kind the person has had reported lost, ever. */
  lostDocumentCount(personId: string, kind: DocumentKind): Promise<number>;
  /** The person holding a national ID or iqama number; undefined when none. */
  personByIdNumber(idNumber: string): Promise<Person | undefined>;
  /**
   * A traffic case by its number, with one person's part in it; undefined when there is no such
   * case. A writer's read locks the case, so what an effect checks holds until it commits.
   */
  trafficCase(caseNumber: string, partyPersonId: string): Promise<TrafficCaseView | undefined>;
  /** The ids of a person's parents in the registry. */
  parentIdsOf(personId: string): Promise<string[]>;
  /** The ids of a person's guardians on a day (a guardianship in force). */
  guardianIdsOf(personId: string, on: IsoDate): Promise<string[]>;
  /** The ids of a person's children and of their wards on a day, each once. */
  familyMemberIdsOf(personId: string, on: IsoDate): Promise<string[]>;
  /** A document by its kind and number, whoever holds it (numbers are unique per kind); undefined when none. */
  documentByNumber(kind: DocumentKind, number: string): Promise<Document | undefined>;
  /** What the person owes in unpaid traffic violations: how many, and the sum in halalas. */
  unpaidViolations(personId: string): Promise<{ count: number; totalHalalas: number }>;
  /** The day an absence (huroob) report was made on the person's sponsorship in force; null when none. */
  absenceReportedOn(personId: string): Promise<IsoDate | null>;
  /**
   * The worker's sponsorship in force, as a transfer of services needs it: the sponsor (a person's
   * id, or null for an establishment), how many times the worker's services were transferred
   * before, whether their financial obligations to the sponsor are settled, and any absence
   * report; undefined when nobody sponsors them. A writer's read locks it until the commit.
   */
  sponsorshipOf(workerId: string): Promise<SponsorshipView | undefined>;
}

/** A worker's sponsorship in force, as services see it. */
export interface SponsorshipView {
  sponsorPersonId: string | null;
  domesticWorker: boolean;
  occupation: Bilingual;
  pastTransfers: number;
  obligationsSettled: boolean;
  absenceReportedOn: IsoDate | null;
  startedOn: IsoDate;
}

/** The registry changes services may make, inside the transaction of the action causing them. */
export interface RegistryWriter extends RegistryReader {
  /** Marks the person's valid documents of a kind lost at once; returns their numbers. */
  markDocumentsLost(personId: string, kind: DocumentKind, details: Record<string, unknown>): Promise<string[]>;
  /** Issues a new document of a kind, valid `validYears` from today. */
  issueDocument(personId: string, kind: DocumentKind, options: { validYears: number; details?: Record<string, unknown> }): Promise<{ number: string; expiryDate: IsoDate }>;
  /** Records a party of a traffic case as held (true) or released (false), e.g. on bail. */
  setTrafficCustody(caseId: string, personId: string, inCustody: boolean): Promise<void>;
  /** Closes a traffic case (closed now); a closed case stays as it is. */
  closeTrafficCase(caseId: string): Promise<void>;
  /**
   * Records a document a service issues with its own number (unique per kind) and validity,
   * from `validFrom` (the issue date) to `validTo` (the expiry date): a travel permit.
   */
  issueDocumentNumbered(personId: string, kind: DocumentKind, options: { number: string; validFrom: IsoDate; validTo: IsoDate; details: Record<string, unknown> }): Promise<void>;
  /** Cancels a valid document by its kind and number, keeping `details` on it; false when none was valid. */
  cancelDocument(kind: DocumentKind, number: string, details: Record<string, unknown>): Promise<boolean>;
  /**
   * Records a person's renewed passport (valid, with its own number, issuing country and dates)
   * and cancels the passports they held before that were valid or expired; returns their numbers.
   */
  recordRenewedPassport(personId: string, passport: { number: string; issuingCountry: string; issueDate: IsoDate; expiryDate: IsoDate; details: Record<string, unknown> }): Promise<string[]>;
  /**
   * Transfers a worker's services from their sponsor (a person) to another person today: the
   * sponsorship in force ends, a new one starts with one more past transfer, and the worker's
   * valid iqama names the new sponsor. Returns the worker's transfer count after it.
   */
  transferSponsorship(workerId: string, from: { personId: string }, to: { personId: string }): Promise<{ pastTransfers: number }>;
}

export interface EligibilityContext {
  /** The person applying (the account's registry record). */
  applicant: Person;
  /** Whom the request is for: the applicant, or their ward or worker. */
  beneficiary: Person;
  today: IsoDate;
  registry: RegistryReader;
}

/** What an eligibility rule is given: the context, and facts the engine knows of the applicant. */
export interface RuleContext extends EligibilityContext {
  /**
   * How many of the beneficiary's requests for this service are open (not in a final state),
   * as the engine holds them against `maxOpenRequests`; 0 when the service sets no limit.
   */
  openRequests: number;
}

export interface FeeContext<Data> extends EligibilityContext {
  data: Data;
}

/** What a step's check is given: the context and the step's values, each already valid by its field. */
export interface StepCheckContext extends EligibilityContext {
  values: FieldValues;
}

/** A problem a step's check found: the field (of that step) it belongs to, and what to tell the person. */
export interface FieldProblem {
  field: string;
  message: Bilingual;
  /**
   * What was entered is right, but the request cannot be made for it (the child is married, the
   * case allows no bail): a refusal, shown under "the request cannot be made", not under
   * "there is a mistake in what you entered".
   */
  refusal?: boolean;
}

/** What an action's guard is given: the request as it stands, its people, and the registry reader. */
export interface GuardContext<Data> extends EligibilityContext {
  request: { id: string; reference: string; data: Data; outputs: Readonly<Record<string, unknown>> };
  /** The other party of the request (the new sponsor); undefined when it has none. */
  counterparty?: Person | undefined;
}

export interface EffectContext<Data> extends EligibilityContext {
  request: { id: string; reference: string; data: Data; outputs: Record<string, unknown> };
  /** The other party of the request (the new sponsor), read now; undefined when it has none. */
  counterparty?: Person | undefined;
  registry: RegistryWriter;
  /** Staff input of the action (e.g. a tracking number), validated. */
  input: Record<string, unknown>;
  /** Records a result on the request (a new card number), shown on its page and its proof. */
  setOutput(key: string, value: string | number): void;
}

/** What the effect of an action (not of the submission) is given besides. */
export interface ActionEffectContext<Data> extends EffectContext<Data> {
  /**
   * Tells a person who is not a party to the request of this change, when it concerns them (the
   * person released on a bail): a message in their inbox, not linked to the request they may not
   * open, and an SMS in their account's language, written with the action's own notices and
   * committed with it. Nothing is sent when they have no activated account. The text is filled
   * like an action's notice ({reference}, {service}, outputs).
   */
  notifyPerson(personId: string, text: Bilingual): void;
}

/**
 * How a result is labelled. A result in one language (a name in Arabic letters and the same name
 * in Latin ones, for the notices of each language) says which: pages and proofs in the other
 * language leave it out, so each shows the name once, in its own script.
 */
export interface OutputLabel extends Bilingual {
  language?: 'ar' | 'en';
}

export interface EligibilityRule {
  id: string;
  /** The condition as the service page lists it ("You are a Saudi citizen"). */
  condition: Bilingual;
  test(ctx: RuleContext): boolean | Promise<boolean>;
  /** Why the person cannot apply, when the test fails. */
  reason: Bilingual;
}

/**
 * Refuses an action from an effect with the service's own reason, in both languages: the
 * request does not change and the person is told why (409, requests.action_not_allowed).
 */
export function refuseAction(reason: Bilingual): never {
  throw new AppError('requests.action_not_allowed', {}, [{ field: 'action', key: 'errors.requests.action_not_allowed', text: reason }]);
}

export function rule(id: string, condition: Bilingual, test: EligibilityRule['test'], reason: Bilingual): EligibilityRule {
  return { id, condition, test, reason };
}

export interface FormStep {
  id: string;
  title: Bilingual;
  /**
   * Shown above the fields; may depend on the person (the address on record) and on the answers
   * of the steps before (the new sponsor's name, looked up from the ID typed a step earlier).
   */
  intro?: (ctx: StepIntroContext) => StepIntro | null | Promise<StepIntro | null>;
  fields: readonly FieldSpec[];
  /**
   * Checks the step's answers against the registry once each field is valid on its own (the
   * details of another person must match the records). The engine runs it on submit, inside the
   * submit transaction, whichever way the request comes (pages or API), and the pages run it
   * when the person leaves the step. Each problem is shown next to its field, translated.
   */
  check?: (ctx: StepCheckContext) => Promise<FieldProblem[]>;
}

/** What a step's introduction is given: the person's context and the answers so far (unchecked until submitted). */
export interface StepIntroContext extends EligibilityContext {
  data: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A step's introduction: a sentence, a value from the registry shown apart (an address, kept in its own direction), and a note after it. */
export interface StepIntro extends Bilingual {
  detail?: string;
  note?: Bilingual;
}

/** A step of the form; the fourth argument is its introduction, or its introduction and its check. */
export function step(id: string, title: Bilingual, fields: readonly FieldSpec[], options?: FormStep['intro'] | Pick<FormStep, 'intro' | 'check'>): FormStep {
  const { intro, check } = typeof options === 'function' ? { intro: options, check: undefined } : (options ?? {});
  return { id, title, fields, ...(intro ? { intro } : {}), ...(check ? { check } : {}) };
}

export interface FeeSchedule {
  /** Each case and its fee; an empty list: the service is free. */
  lines: ReadonlyArray<{ label: Bilingual; amount: Halalas }>;
  note?: Bilingual;
}

export interface FeeLine {
  code: string;
  label: Bilingual;
  amount: Halalas;
}

export interface StateSpec {
  label: Bilingual;
  final?: boolean;
  /** The time the state should take. Past it, the request is overdue and escalated to supervisors,
   * or, with `onTimeout`, the platform takes that action (an `expire`). */
  sla?: { days: number; onTimeout?: string };
  /** The applicant may see this state as "waiting for you" (pay, accept). */
  waitingFor?: 'applicant' | 'counterparty' | 'agency';
}

export interface ActionSpec<State extends string, Data = Record<string, unknown>> {
  from: readonly State[];
  to: State;
  by: readonly ActorRole[];
  label: Bilingual;
  /** Rejections need a reason: one of the service's reasons, and free text. */
  reason?: 'required';
  /** Offered only for some requests (the courier for a delivery, not for a pick-up). */
  when?: (data: Data) => boolean;
  /**
   * Why the action cannot be taken on this request now, from the registry (a bail whose case no
   * longer takes bail cannot be cancelled); null when it can. The one place the rule lives: the
   * engine offers the action only while the guard passes, and when the action is taken anyway
   * (a page left open) checks it again under the request's lock, before any effect, and refuses
   * with this reason.
   */
  guard?: (ctx: GuardContext<Data>) => Promise<Bilingual | null>;
  /** What staff enter with the action (a tracking number). */
  input?: readonly FieldSpec[];
  /** The SMS and inbox text for this change; {reference}, {service}, {reason} and outputs are filled in. */
  notify?: Bilingual | false;
  /**
   * The text the other party (the counterparty) gets for this change, filled in the same way;
   * by default the engine's "request … is now …"; false: they are not told. Nobody is sent an
   * SMS about an action they took themself.
   */
  notifyCounterparty?: Bilingual | false;
  /** The pages ask once more before this action, with this question ({reference} filled in): it cannot be undone. */
  confirm?: Bilingual;
  /**
   * The applicant is sent the SMS even when they took the action themself (a permit cancelled:
   * should someone else have used their session, they learn of it at once).
   */
  smsToActor?: boolean;
}

export interface Workflow<State extends string, Action extends string, Data = Record<string, unknown>> {
  /** The state after submission when there is nothing to pay. */
  initial: State;
  /** The state after submission when there is a fee; its `pay` action leads to `initial`. */
  awaitingPayment?: State;
  /**
   * Where every request starts, whatever its fee, when the fee is paid later: after the other
   * party accepts (an action leads to `awaitingPayment`). Its `pay` then leads where it says.
   */
  start?: State;
  states: Record<State, StateSpec>;
  actions: Record<Action, ActionSpec<State, Data>>;
}

/** How a bill may be paid: at a bank or ATM against a SADAD number, or by card online. */
export type PaymentChannelName = 'sadad' | 'card';

/** What the payments module needs to know of a service with a fee. */
export interface PaymentSettings<Action extends string = string> {
  /** The channels its bill may be paid by (default: all). */
  channels?: ReadonlyArray<PaymentChannelName>;
  /** The actions after which a paid request is refunded in full (default: none). */
  refundOn?: readonly Action[];
  /** Who is billed and pays: the applicant (the default), or the other party (the new sponsor). */
  payer?: 'applicant' | 'counterparty';
}

/**
 * The other party of a request, named in the form (the new sponsor of a transfer of services):
 * resolved at submission and stored on the request, they may read it, take the actions `by`
 * 'counterparty' and are told of it, from their own account.
 */
export interface CounterpartySpec<Data> {
  /** The person's registry id from the form's data (the step checks have matched it already). */
  resolve: (ctx: FeeContext<Data>) => Promise<string> | string;
  /** The field (`<step>.<field>`) a problem with the other party is shown on. */
  field: string;
  /** Why the request cannot be made when the other party has no activated account. */
  noActiveAccount: Bilingual;
  /** What the other party is told when the request is submitted; {reference}, {service} and outputs are filled in. */
  onSubmit: Bilingual;
  /** What the other party is called ("the new sponsor"), and the title of their list of these requests. */
  label: Bilingual;
  listTitle: Bilingual;
}

export interface ServiceDefinition<Data = Record<string, unknown>, State extends string = string, Action extends string = string> {
  /** `<agency>.<group>.<service>`, stable: requests, suspensions and links name it. */
  id: string;
  /** Where the service is listed in My Services (its agency's section). */
  agency: AgencyId;
  /**
   * The agency whose staff work its requests (queues, decisions), when not the one it is listed
   * under: the traffic kafala sits in General Services, as Absher lists it, but traffic works it.
   */
  handledBy?: AgencyId;
  /** The navigation group inside the agency ("Civil Affairs services"). */
  group: Bilingual;
  name: Bilingual;
  description: Bilingual;
  /** Words people use for it, for the search ("بدل فاقد"). */
  keywords?: { ar?: readonly string[]; en?: readonly string[] };
  audience: readonly Audience[];
  applicant: readonly ApplicantRelation[];
  /** At most one open request per beneficiary (the default); false: no limit. */
  oneOpenRequest?: boolean;
  /**
   * How many requests a beneficiary may have open at once, when more than one (at most two
   * active bails). Held by unique keys, so two submissions at once cannot both pass it; declare
   * a rule over `openRequests` to tell the person why they cannot apply.
   */
  maxOpenRequests?: number;
  /**
   * At most `limit` requests for the service a day by one applicant, whoever they are for (not
   * more than one transfer of services a day): the engine lists it among the conditions, counts
   * the applicant's requests since midnight in Riyadh, withdrawn ones included, and holds a lock
   * on the applicant's account while it does, so two submissions at once cannot both pass.
   */
  perApplicantPerDay?: { limit: number; condition: Bilingual; reason: Bilingual };
  /**
   * One-time codes sent to the applicant's mobile on top of the sign-in: `start`, before the form
   * shows the first step (the pages ask for it); `submit`, to confirm the submission (every
   * submission, by the pages or the API, carries a right code, used once).
   */
  oneTimeCode?: { start?: boolean; submit?: boolean };
  eligibility: readonly EligibilityRule[];
  form: readonly FormStep[];
  fee: (ctx: FeeContext<Data>) => FeeLine[] | Promise<FeeLine[]>;
  /**
   * The fees as the service's page states them before anyone applies (the same settings `fee`
   * computes a request's fee from): one line per case, and a note (who pays, when).
   */
  feeSchedule: FeeSchedule;
  /** How the fee may be paid and when it is given back. */
  payment?: PaymentSettings<Action>;
  /** The other party, when the request needs another person's answer (a new sponsor's acceptance). */
  counterparty?: CounterpartySpec<Data>;
  workflow: Workflow<State, Action, Data>;
  /** Reasons staff choose from when rejecting. */
  rejectReasons?: ReadonlyArray<{ code: string; label: Bilingual }>;
  effects?: { submit?: (ctx: EffectContext<Data>) => Promise<void> } & Partial<Record<Action, (ctx: ActionEffectContext<Data>) => Promise<void>>>;
  /** The results effects record with setOutput (a new card number), in the order pages show them. */
  outputs?: Record<string, OutputLabel>;
  /** What the request's page and proof show of the data, in order: field ids or outputs. */
  summary?: (request: { data: Data; outputs: Record<string, unknown> }) => Array<{ label: Bilingual; value: Bilingual | string }>;
  /** The words of the "New request" button where the service has its own ("New kafala"). */
  newRequestLabel?: Bilingual;
}

/** Declares a service. Checked at start-up by validateService (catalogue/validate.ts). */
export function defineService<Data, State extends string, Action extends string>(
  definition: ServiceDefinition<Data, State, Action>,
): ServiceDefinition<Data, State, Action> {
  return definition;
}

/** A service of any data, states and actions, as the engine holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each service's data type is its own; the engine checks data with the form
export type AnyService = ServiceDefinition<any, string, string>;
