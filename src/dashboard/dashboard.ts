import type { Kysely } from 'kysely';
import type { AnyService, Bilingual } from '../catalogue/define.js';
import type { ServiceCatalogue } from '../catalogue/catalogue.js';
import type { AccountStatus, Database, Document, DocumentKind, ServiceRequestRow } from '../db/tables.js';
import { EXPIRY_WARNING_DAYS } from '../identity/index.js';
import type { Clock } from '../kernel/clock.js';
import { addDays, formatGregorian, formatHijri, todayInRiyadh, type IsoDate } from '../kernel/dates.js';
import { AppError } from '../kernel/errors.js';
import { translate, translateBoth, type Locale } from '../kernel/i18n/index.js';
import { formatMoney } from '../kernel/money.js';
import { formatReference } from '../kernel/reference.js';
import { getPerson, iqamaExpiryOfEstablishmentsOwnedBy, listActiveSuspensions, listDocuments, listSponsoredWorkers, listVehiclesOfPerson, personName, vehicleName, unpaidViolationsTotal, type PersonVehicle } from '../registry/index.js';
import { openRequestsOf, timeRanOut } from '../requests/index.js';
import { isolate } from '../kernel/bidi.js';
import { activationItems } from './activation.js';

/**
 * The signed-in person's home (لوحتي): what needs their attention now (suspensions, unpaid
 * violations, requests waiting for them, documents expired or expiring, their workers' iqamas),
 * their open requests and the requests made to them. Everything is read for the account's own
 * person; nothing here takes a person from the request.
 */

export interface DashboardDeps {
  db: Kysely<Database>;
  clock: Clock;
  catalogue: ServiceCatalogue;
}

/** How many open requests of each kind the home lists (the rest are a link away). */
export const OPEN_REQUESTS_LISTED = 5;
/** How many open requests are read to find those waiting for the person (a person has few: services limit them). */
const OPEN_REQUESTS_READ = 200;

/** The documents whose expiry the home watches: the ones a person must keep valid (a vehicle's registration is read off the vehicle). */
export const WATCHED_DOCUMENTS: readonly DocumentKind[] = ['national_id_card', 'iqama', 'passport', 'driving_licence'];

export const ATTENTION_KINDS = [
  'suspensions',
  'violations',
  'request_waiting',
  'request_made_to_me',
  'document_expired',
  'document_expiring',
  'vehicle_registration_expired',
  'vehicle_registration_expiring',
  'worker_iqama_expired',
  'worker_iqama_expiring',
  'establishment_iqamas_expired',
  'establishment_iqamas_expiring',
  'account_not_activated',
] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export interface AttentionItem {
  kind: AttentionKind;
  tone: 'danger' | 'warning' | 'info';
  title: Bilingual;
  detail: Bilingual;
  /** Where to act on it, and the link's words. */
  href: string;
  action: Bilingual;
  /** The ways to deal with it, when there are several (how to activate an account). */
  steps?: Bilingual[];
}

export interface OpenRequest {
  reference: string;
  serviceId: string;
  service: Bilingual;
  state: string;
  stateLabel: Bilingual;
  waitingFor: 'applicant' | 'counterparty' | 'agency' | null;
  submittedAt: Date;
}

export interface Dashboard {
  today: IsoDate;
  /** The person's first name, for the greeting. */
  name: Bilingual;
  attention: AttentionItem[];
  openRequests: OpenRequest[];
  madeToMe: OpenRequest[];
  unreadNotices: number;
}

const TONE_ORDER: Record<AttentionItem['tone'], number> = { danger: 0, warning: 1, info: 2 };

type Params = (locale: Locale) => Record<string, string | number>;

const dateParams = (date: IsoDate): Params => (locale) => ({ date: formatGregorian(date, locale), hijri: formatHijri(date, locale) });

function openRequest(row: ServiceRequestRow, service: AnyService | undefined): OpenRequest {
  const spec = service?.workflow.states[row.state];
  return {
    reference: row.reference,
    serviceId: row.service_id,
    service: service?.name ?? { ar: row.service_id, en: row.service_id },
    state: row.state,
    stateLabel: spec?.label ?? { ar: row.state, en: row.state },
    waitingFor: spec?.waitingFor ?? null,
    submittedAt: row.created_at,
  };
}

/** A Latin run (a request number) inside an Arabic sentence, isolated so it keeps its own direction (kernel/bidi.ts). */
function isolated(text: string, locale: Locale): string {
  return locale === 'ar' ? isolate(text) : text;
}

/** Requests waiting for this person: theirs waiting for the applicant, others' waiting for the other party. */
function requestItems(mine: readonly OpenRequest[], madeToMe: readonly OpenRequest[]): AttentionItem[] {
  const item = (r: OpenRequest, kind: 'request_waiting' | 'request_made_to_me'): AttentionItem => ({
    kind,
    tone: 'warning',
    title: r.service,
    detail: translateBoth(`dashboard.attention.${kind}.detail`, (locale) => ({ reference: isolated(formatReference(r.reference), locale), state: r.stateLabel[locale] })),
    href: `/requests/${r.reference}`,
    action: translateBoth(`dashboard.attention.${kind}.action`),
  });
  return [
    ...mine.filter((r) => r.waitingFor === 'applicant').map((r) => item(r, 'request_waiting')),
    ...madeToMe.filter((r) => r.waitingFor === 'counterparty').map((r) => item(r, 'request_made_to_me')),
  ];
}

/**
 * The document of each kind that counts now: the one expiring last among those
 * not cancelled or reported lost (a renewed passport replaces the old one).
 */
export function currentDocuments(documents: readonly Document[]): Document[] {
  const current = new Map<string, Document>();
  for (const d of documents) {
    if (!WATCHED_DOCUMENTS.includes(d.kind) || d.status === 'cancelled' || d.status === 'lost') continue;
    const key = d.kind;
    const seen = current.get(key);
    if (!seen || d.expiry_date > seen.expiry_date) current.set(key, d);
  }
  return [...current.values()];
}

/** Expired, expiring within the warning window, or fine (null). */
export function expiryState(d: Pick<Document, 'status' | 'expiry_date'>, today: IsoDate): 'expired' | 'expiring' | null {
  if (d.status === 'expired' || d.expiry_date < today) return 'expired';
  if (d.expiry_date <= addDays(today, EXPIRY_WARNING_DAYS)) return 'expiring';
  return null;
}

/** A label inside a sentence: "Your passport has expired" (English labels start with a capital). */
function inSentence(label: string, locale: Locale): string {
  return locale === 'en' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function documentItems(documents: readonly Document[], today: IsoDate): AttentionItem[] {
  return currentDocuments(documents).flatMap((d): AttentionItem[] => {
    const state = expiryState(d, today);
    if (!state) return [];
    const kind = state === 'expired' ? 'document_expired' : 'document_expiring';
    const params: Params = (locale) => ({ document: inSentence(translate(locale, `pages.me.document.${d.kind}`), locale), number: d.number, ...dateParams(d.expiry_date)(locale) });
    return [{ kind, tone: state === 'expired' ? 'danger' : 'warning', title: translateBoth(`dashboard.attention.${kind}.title`, params), detail: translateBoth(`dashboard.attention.${kind}.detail`, params), href: '/me#documents', action: translateBoth('dashboard.attention.document.action') }];
  });
}

/** The registrations of the vehicles the person owns, expired or expiring. */
function vehicleItems(vehicles: readonly PersonVehicle[], today: IsoDate): AttentionItem[] {
  return vehicles.flatMap((vehicle): AttentionItem[] => {
    const state = vehicle.relation === 'owner' ? expiryState({ status: 'valid', expiry_date: vehicle.registration_expiry }, today) : null;
    if (!state) return [];
    const kind = state === 'expired' ? 'vehicle_registration_expired' : 'vehicle_registration_expiring';
    const params: Params = (locale) => ({
      vehicle: vehicleName(vehicle, locale),
      plate: locale === 'ar' ? `${vehicle.plate_letters_ar} ${vehicle.plate_digits}` : `${vehicle.plate_letters_en} ${vehicle.plate_digits}`,
      ...dateParams(vehicle.registration_expiry)(locale),
    });
    return [{ kind, tone: state === 'expired' ? 'danger' : 'warning', title: translateBoth(`dashboard.attention.${kind}.title`, params), detail: translateBoth(`dashboard.attention.${kind}.detail`, params), href: '/me#vehicles', action: translateBoth('dashboard.attention.vehicle.action') }];
  });
}

/**
 * The iqamas of the workers (and sponsored family members) under the person's own sponsorship,
 * one by one (a household's few), expired or expiring.
 */
async function ownWorkerItems(db: Kysely<Database>, sponsorId: string, today: IsoDate): Promise<AttentionItem[]> {
  const sponsored = await listSponsoredWorkers(db, sponsorId);
  const iqamas = await Promise.all(sponsored.map(({ worker }) => listDocuments(db, { personId: worker.id, kind: 'iqama' })));
  return sponsored.flatMap(({ worker }, i): AttentionItem[] => {
    const iqama = currentDocuments(iqamas[i] ?? [])[0];
    const state = iqama ? expiryState(iqama, today) : null;
    if (!iqama || !state) return [];
    const kind = state === 'expired' ? 'worker_iqama_expired' : 'worker_iqama_expiring';
    const params: Params = (locale) => ({ name: personName(worker, locale, 'short'), ...dateParams(iqama.expiry_date)(locale) });
    return [
      {
        kind,
        tone: state === 'expired' ? 'danger' : 'warning',
        title: translateBoth(`dashboard.attention.${kind}.title`, params),
        detail: translateBoth(`dashboard.attention.${kind}.detail`, params),
        href: `/inquiries/passports.iqama-validity?subject=${worker.national_id}`,
        action: translateBoth('dashboard.attention.worker_iqama.action'),
      },
    ];
  });
}

/**
 * The iqamas of the workers of the establishments the person owns: one item an establishment for
 * those expired and one for those expiring (an establishment may have thousands of workers),
 * leading to the foreign workers inquiry that lists them.
 */
async function establishmentItems(db: Kysely<Database>, ownerId: string, today: IsoDate): Promise<AttentionItem[]> {
  const counts = await iqamaExpiryOfEstablishmentsOwnedBy(db, ownerId, today, addDays(today, EXPIRY_WARNING_DAYS));
  return counts.flatMap((c) =>
    (['expired', 'expiring'] as const).flatMap((state): AttentionItem[] => {
      const count = c[state];
      if (count === 0) return [];
      const kind = state === 'expired' ? 'establishment_iqamas_expired' : 'establishment_iqamas_expiring';
      const params: Params = (locale) => ({ count, establishment: locale === 'ar' ? c.name_ar : c.name_en });
      return [
        {
          kind,
          tone: state === 'expired' ? 'danger' : 'warning',
          title: translateBoth(`dashboard.attention.${kind}.title`, params),
          detail: translateBoth('dashboard.attention.establishment_iqamas.detail', params),
          href: '/inquiries/passports.foreign-workers',
          action: translateBoth('dashboard.attention.establishment_iqamas.action'),
        },
      ];
    }),
  );
}

export async function getDashboard(deps: DashboardDeps & { accountId: string; personId: string; accountStatus?: AccountStatus }): Promise<Dashboard> {
  const { db, clock, catalogue } = deps;
  const today = todayInRiyadh(clock);
  const person = await getPerson(db, deps.personId);
  if (!person) throw new AppError('registry.person_not_found');
  const [suspensions, unpaid, documents, vehicles, ownWorkers, establishments, requests] = await Promise.all([
    listActiveSuspensions(db, person.id),
    unpaidViolationsTotal(db, person.id),
    listDocuments(db, { personId: person.id }),
    listVehiclesOfPerson(db, person.id),
    ownWorkerItems(db, person.id, today),
    establishmentItems(db, person.id, today),
    openRequestsOf({ db, clock, catalogue, accountId: deps.accountId, personId: person.id, limit: OPEN_REQUESTS_READ }),
  ]);
  // A request whose time has run out waits for no one: the worker is about to close it.
  const now = clock.now();
  const live = (rows: typeof requests.mine) => rows.flatMap((r) => {
    const service = catalogue.find(r.service_id);
    return service && timeRanOut(service, r, now) ? [] : [openRequest(r, service)];
  });
  const mine = live(requests.mine);
  const madeToMe = live(requests.madeToMe);

  const attention: AttentionItem[] = [...activationItems(deps.accountStatus)];
  if (suspensions.length > 0) {
    const count = suspensions.length;
    attention.push({ kind: 'suspensions', tone: 'danger', title: translateBoth('dashboard.attention.suspensions.title', () => ({ count })), detail: translateBoth('dashboard.attention.suspensions.detail'), href: '/suspensions', action: translateBoth('dashboard.attention.suspensions.action') });
  }
  if (unpaid.count > 0) {
    attention.push({
      kind: 'violations',
      tone: 'warning',
      title: translateBoth('dashboard.attention.violations.title', () => ({ count: unpaid.count })),
      detail: translateBoth('dashboard.attention.violations.detail', (locale) => ({ amount: formatMoney(unpaid.totalHalalas, locale) })),
      href: '/violations',
      action: translateBoth('dashboard.attention.violations.action'),
    });
  }
  attention.push(...requestItems(mine, madeToMe), ...documentItems(documents, today), ...vehicleItems(vehicles, today), ...ownWorkers, ...establishments);
  // The most pressing first (a stable sort keeps each tone's own order).
  attention.sort((a, b) => TONE_ORDER[a.tone] - TONE_ORDER[b.tone]);

  return {
    today,
    name: { ar: person.first_name_ar, en: person.first_name_en ?? person.first_name_ar },
    attention,
    openRequests: mine.slice(0, OPEN_REQUESTS_LISTED),
    madeToMe: madeToMe.slice(0, OPEN_REQUESTS_LISTED),
    unreadNotices: requests.unreadNotices,
  };
}
