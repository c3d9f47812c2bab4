import type { Document, DocumentKind, Person } from '../db/tables.js';
import type { IsoDate } from '../kernel/dates.js';
import type { Halalas } from '../kernel/money.js';
import type { AgencyId } from './agencies.js';
import type { FieldSpec } from './fields.js';

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

/** Reads of the registry a rule, a fee or an effect may make (bound to the caller's transaction). */
export interface RegistryReader {
  documents(personId: string, kind?: DocumentKind): Promise<Document[]>;
  /** How many documents of a kind the person has had reported lost, ever. */
  lostDocumentCount(personId: string, kind: DocumentKind): Promise<number>;
}

/** The registry changes services may make, inside the transaction of the action causing them. */
export interface RegistryWriter extends RegistryReader {
  /** Marks the person's valid documents of a kind lost at once; returns their numbers. */
  markDocumentsLost(personId: string, kind: DocumentKind, details: Record<string, unknown>): Promise<string[]>;
  /** Issues a new document of a kind, valid `validYears` from today. */
  issueDocument(personId: string, kind: DocumentKind, options: { validYears: number; details?: Record<string, unknown> }): Promise<{ number: string; expiryDate: IsoDate }>;
}

export interface EligibilityContext {
  /** The person applying (the account's registry record). */
  applicant: Person;
  /** Whom the request is for: the applicant, or their ward or worker. */
  beneficiary: Person;
  today: IsoDate;
  registry: RegistryReader;
}

export interface FeeContext<Data> extends EligibilityContext {
  data: Data;
}

export interface EffectContext<Data> extends EligibilityContext {
  request: { id: string; reference: string; data: Data; outputs: Record<string, unknown> };
  registry: RegistryWriter;
  /** Staff input of the action (e.g. a tracking number), validated. */
  input: Record<string, unknown>;
  /** Records a result on the request (a new card number), shown on its page and its proof. */
  setOutput(key: string, value: string | number): void;
}

export interface EligibilityRule {
  id: string;
  /** The condition as the service page lists it ("You are a Saudi citizen"). */
  condition: Bilingual;
  test(ctx: EligibilityContext): boolean | Promise<boolean>;
  /** Why the person cannot apply, when the test fails. */
  reason: Bilingual;
}

export function rule(id: string, condition: Bilingual, test: EligibilityRule['test'], reason: Bilingual): EligibilityRule {
  return { id, condition, test, reason };
}

export interface FormStep {
  id: string;
  title: Bilingual;
  /** Shown above the fields; may depend on the person (e.g. the address on record). */
  intro?: (ctx: EligibilityContext) => StepIntro | null;
  fields: readonly FieldSpec[];
}

/** A step's introduction: a sentence, a value from the registry shown apart (an address, kept in its own direction), and a note after it. */
export interface StepIntro extends Bilingual {
  detail?: string;
  note?: Bilingual;
}

export function step(id: string, title: Bilingual, fields: readonly FieldSpec[], intro?: FormStep['intro']): FormStep {
  return intro ? { id, title, fields, intro } : { id, title, fields };
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
  /** What staff enter with the action (a tracking number). */
  input?: readonly FieldSpec[];
  /** The SMS and inbox text for this change; {reference}, {service}, {reason} and outputs are filled in. */
  notify?: Bilingual | false;
}

export interface Workflow<State extends string, Action extends string, Data = Record<string, unknown>> {
  /** The state after submission when there is nothing to pay. */
  initial: State;
  /** The state after submission when there is a fee; its `pay` action leads to `initial`. */
  awaitingPayment?: State;
  states: Record<State, StateSpec>;
  actions: Record<Action, ActionSpec<State, Data>>;
}

export interface ServiceDefinition<Data = Record<string, unknown>, State extends string = string, Action extends string = string> {
  /** `<agency>.<group>.<service>`, stable: requests, suspensions and links name it. */
  id: string;
  agency: AgencyId;
  /** The navigation group inside the agency ("Civil Affairs services"). */
  group: Bilingual;
  name: Bilingual;
  description: Bilingual;
  /** Words people use for it, for the search ("بدل فاقد"). */
  keywords?: { ar?: readonly string[]; en?: readonly string[] };
  audience: readonly Audience[];
  applicant: readonly ApplicantRelation[];
  /** At most one open request per beneficiary (the default). */
  oneOpenRequest?: boolean;
  eligibility: readonly EligibilityRule[];
  form: readonly FormStep[];
  fee: (ctx: FeeContext<Data>) => FeeLine[] | Promise<FeeLine[]>;
  workflow: Workflow<State, Action, Data>;
  /** Reasons staff choose from when rejecting. */
  rejectReasons?: ReadonlyArray<{ code: string; label: Bilingual }>;
  effects?: Partial<Record<'submit' | Action, (ctx: EffectContext<Data>) => Promise<void>>>;
  /** The results effects record with setOutput (a new card number), in the order pages show them. */
  outputs?: Record<string, Bilingual>;
  /** What the request's page and proof show of the data, in order: field ids or outputs. */
  summary?: (request: { data: Data; outputs: Record<string, unknown> }) => Array<{ label: Bilingual; value: Bilingual | string }>;
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
