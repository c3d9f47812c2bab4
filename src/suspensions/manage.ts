import { createHash, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { ServiceCatalogue } from '../catalogue/catalogue.js';
import type { Database, Person, Suspension, SuspensionAuthority, SuspensionLiftedBy } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import { addDays, isIsoDate, formatDateInWords, riyadhDate } from '../kernel/dates.js';
import { AppError, type FieldError } from '../kernel/errors.js';
import { maskNationalId } from '../kernel/national-id.js';
import { latinDigits } from '../kernel/digits.js';
import { uuidv7 } from '../kernel/uuid.js';
import { findPersonByNationalId, findSuspensionByReference, getPerson, insertSuspension, listSuspensionsOfPerson, markSuspensionLifted } from '../registry/index.js';
import { notifyPerson } from './notify.js';
import { joinList, translate } from '../kernel/i18n/index.js';
import { claimKey, findKey, listRemits, setKeyResource } from './repository.js';
import { AUTHORITIES, authoritiesOf, LIFTED_BY, liftedByAllowed, mayManage, namesSomeService, parsePattern, withinRemit, type Remits, type StaffWho } from './rules.js';
import { HISTORY_DAYS } from './view.js';

/**
 * Placing and lifting suspensions (staff), and reading a person's. Each change, its audit
 * record and the person's notices commit in one transaction; lifting frees the services at
 * once, since the engine reads lifted_at. Authorisation is checked here, not only at the route.
 */

export interface SuspensionsDeps {
  db: Kysely<Database>;
  clock: Clock;
  catalogue: ServiceCatalogue;
}

export interface StaffActor extends StaffWho {
  staffId: string;
}

/**
 * Suspension references are the registry's: `SS` and ten digits (the generator's and the
 * import's). The kernel's read-aloud references cannot take `SS` (S is left out as like 5), so
 * new ones draw ten random digits; the unique constraint refuses a number drawn twice.
 */
export const SUSPENSION_PREFIX = 'SS';
export function newSuspensionReference(random: (n: number) => number = randomInt): string {
  return SUSPENSION_PREFIX + Array.from({ length: 10 }, () => String(random(10))).join('');
}
export const TEXT_MAX = { legalBasis: 500, reason: 1000, note: 1000 } as const;
/** How far a start may lie from today: a court order may be recorded late, or ahead. */
const START_WINDOW = { pastDays: 365, futureDays: 90 };

export interface PlaceInput {
  nationalId: string;
  authority: string;
  legalBasis: string;
  reasonAr: string;
  reasonEn: string;
  blockedServices: readonly string[];
  liftedBy: string;
  /** YYYY-MM-DD in Riyadh; today (now) when absent. */
  startsOn?: string | undefined;
}

const fieldError = (field: string, key: string, params?: Record<string, string | number>): FieldError => ({ field, key, ...(params ? { params } : {}) });

function forbidden(field: string): AppError {
  return new AppError('staff.forbidden', {}, [fieldError(field, 'suspensions.errors.forbidden')]);
}

/** A reference as someone typed it (spaces, dashes, lower case, Arabic digits) in its stored form. */
export function suspensionReference(input: string): string {
  return latinDigits(input.normalize('NFKC')).toUpperCase().replace(/[\s\u200B-\u200F\u2066-\u2069-]/g, '').slice(0, 60);
}

/** The remits (suspension_remits) of the authorities given: what each may suspend. */
export async function remitsOf(db: Kysely<Database>, authorities: readonly SuspensionAuthority[]): Promise<Remits> {
  const remits: Record<string, string[]> = {};
  for (const a of authorities) remits[a] = [];
  for (const row of await listRemits(db, authorities)) remits[row.authority]!.push(row.pattern);
  return remits;
}

/**
 * The refusal of patterns outside the authority's remit: each named, with what the authority
 * may suspend, in both languages (the reader's is shown).
 */
function outsideRemit(authority: SuspensionAuthority, patterns: string[], remit: readonly string[]): AppError {
  const both = (key: string, params: Record<string, string>) => ({ ar: translate('ar', key, params), en: translate('en', key, params) });
  const names = { authorityAr: translate('ar', `suspensions.authority.${authority}`), authorityEn: translate('en', `suspensions.authority.${authority}`) };
  const remitText = { remitAr: remit.length > 0 ? joinList('ar', remit) : translate('ar', 'suspensions.remit.none'), remitEn: remit.length > 0 ? joinList('en', remit) : translate('en', 'suspensions.remit.none') };
  const fields = patterns.map((p) => {
    const params = { ...names, ...remitText, pattern: p.slice(0, 120) };
    return { ...fieldError('blockedServices', 'suspensions.errors.outside_remit', params), text: both('suspensions.errors.outside_remit', params) };
  });
  return new AppError('suspensions.outside_remit', { ...names, patternsAr: joinList('ar', patterns.map((p) => p.slice(0, 120))), patternsEn: joinList('en', patterns.map((p) => p.slice(0, 120))) }, fields);
}

/** The staff member may work suspensions at all (see some authority's). */
export function assertMaySuspend(actor: StaffWho): void {
  if (authoritiesOf(actor).length === 0) throw forbidden('authority');
}

interface CheckedPlace {
  authority: SuspensionAuthority;
  liftedBy: SuspensionLiftedBy;
  legalBasis: string;
  reasonAr: string;
  reasonEn: string;
  blocked: string[];
  startsAt: Date;
}

/** Every problem of the input at once, translated by key; nothing is written when there is one. */
function checkPlaceInput(deps: SuspensionsDeps, actor: StaffActor, input: PlaceInput, remits: Remits): CheckedPlace {
  const errors: FieldError[] = [];
  const authority = (AUTHORITIES as readonly string[]).includes(input.authority) ? (input.authority as SuspensionAuthority) : null;
  if (!authority) errors.push(fieldError('authority', 'suspensions.errors.authority_missing'));
  // The rule first: someone who may not place it learns nothing from the other checks.
  if (authority && !mayManage(actor, authority)) throw forbidden('authority');
  const blocked = [...new Set(input.blockedServices.map((p) => p.trim()).filter(Boolean))];
  const known = (pattern: string) => parsePattern(pattern, (id) => deps.catalogue.find(id)) !== null && namesSomeService(pattern, deps.catalogue.all);
  // Then the authority's remit: a pattern beyond it is refused, whatever else is wrong.
  const outside = authority ? blocked.filter((p) => known(p) && !withinRemit(p, remits[authority] ?? [])) : [];
  if (authority && outside.length > 0) throw outsideRemit(authority, outside, remits[authority] ?? []);
  const liftedBy = (LIFTED_BY as readonly string[]).includes(input.liftedBy) ? (input.liftedBy as SuspensionLiftedBy) : null;
  if (!liftedBy) errors.push(fieldError('liftedBy', 'suspensions.errors.lifted_by_missing'));
  else if (authority && !liftedByAllowed(authority, liftedBy)) errors.push(fieldError('liftedBy', 'suspensions.errors.lifted_by_traffic_only'));
  const legalBasis = input.legalBasis.trim();
  if (!legalBasis) errors.push(fieldError('legalBasis', 'suspensions.errors.legal_basis_missing'));
  else if (legalBasis.length > TEXT_MAX.legalBasis) errors.push(fieldError('legalBasis', 'suspensions.errors.too_long', { count: TEXT_MAX.legalBasis }));
  const reasonAr = input.reasonAr.trim();
  const reasonEn = input.reasonEn.trim();
  if (!reasonAr) errors.push(fieldError('reasonAr', 'suspensions.errors.reason_ar_missing'));
  else if (reasonAr.length > TEXT_MAX.reason) errors.push(fieldError('reasonAr', 'suspensions.errors.too_long', { count: TEXT_MAX.reason }));
  if (!reasonEn) errors.push(fieldError('reasonEn', 'suspensions.errors.reason_en_missing'));
  else if (reasonEn.length > TEXT_MAX.reason) errors.push(fieldError('reasonEn', 'suspensions.errors.too_long', { count: TEXT_MAX.reason }));
  if (blocked.length === 0) errors.push(fieldError('blockedServices', 'suspensions.errors.blocked_missing'));
  for (const pattern of blocked) {
    if (!known(pattern)) errors.push(fieldError('blockedServices', 'suspensions.errors.unknown_service', { pattern: pattern.slice(0, 120) }));
  }
  const now = deps.clock.now();
  const today = riyadhDate(now);
  let startsAt = now;
  const startsOn = input.startsOn?.trim();
  if (startsOn && startsOn !== today) {
    if (!isIsoDate(startsOn) || startsOn < addDays(today, -START_WINDOW.pastDays) || startsOn > addDays(today, START_WINDOW.futureDays)) {
      errors.push(fieldError('startsOn', 'suspensions.errors.starts_on_invalid', { past: START_WINDOW.pastDays, future: START_WINDOW.futureDays }));
    } else {
      startsAt = new Date(`${startsOn}T00:00:00+03:00`);
    }
  }
  if (errors.length > 0 || !authority || !liftedBy) throw new AppError('validation.failed', {}, errors);
  // `*` covers the rest: keep it alone.
  return { authority, liftedBy, legalBasis, reasonAr, reasonEn, blocked: blocked.includes('*') ? ['*'] : blocked, startsAt };
}

function bodyHash(input: PlaceInput): string {
  const canonical = JSON.stringify([input.nationalId, input.authority, input.legalBasis, input.reasonAr, input.reasonEn, [...input.blockedServices].sort(), input.liftedBy, input.startsOn ?? '']);
  return createHash('sha256').update(canonical).digest('hex');
}

async function personOrFail(db: Kysely<Database>, nationalId: string): Promise<Person> {
  const person = /^[12][0-9]{9}$/.test(nationalId) ? await findPersonByNationalId(db, nationalId) : undefined;
  if (!person) throw new AppError('registry.person_not_found', {}, [fieldError('nationalId', 'suspensions.errors.person_not_found')]);
  return person;
}

/**
 * Places a suspension at the request of an authority the staff member speaks for. With an
 * idempotency key, the same key and input give the suspension placed the first time.
 */
export async function placeSuspension(deps: SuspensionsDeps & { actor: StaffActor; ip?: string | null; input: PlaceInput; idempotencyKey?: string | undefined }): Promise<{ suspension: Suspension; created: boolean }> {
  const { db, clock, actor, input } = deps;
  const checked = checkPlaceInput(deps, actor, input, await remitsOf(db, authoritiesOf(actor)));
  const person = await personOrFail(db, input.nationalId);
  const scope = `suspensions.place:${actor.staffId}`;
  return db.transaction().execute(async (trx) => {
    if (deps.idempotencyKey) {
      const hash = bodyHash(input);
      if (!(await claimKey(trx, { scope, key: deps.idempotencyKey, bodyHash: hash, now: clock.now() }))) {
        const previous = await findKey(trx, scope, deps.idempotencyKey);
        if (!previous || previous.body_hash !== hash || !previous.resource) throw new AppError('requests.idempotency_conflict');
        const earlier = await findSuspensionByReference(trx, previous.resource);
        if (!earlier) throw new Error(`idempotency key ${deps.idempotencyKey} holds no suspension`);
        return { suspension: earlier, created: false };
      }
    }
    let suspension: Suspension | undefined;
    // A reference drawn twice is refused by its unique constraint: draw again.
    for (let attempt = 0; !suspension; attempt++) {
      if (attempt === 5) throw new Error('could not draw a free suspension reference');
      suspension = await insertSuspension(trx, {
        id: uuidv7(clock.now().getTime()),
        reference: newSuspensionReference(),
        person_id: person.id,
        authority: checked.authority,
        legal_basis: checked.legalBasis,
        reason_ar: checked.reasonAr,
        reason_en: checked.reasonEn,
        blocked_services: checked.blocked,
        lifted_by: checked.liftedBy,
        starts_at: checked.startsAt,
        now: clock.now(),
      });
    }
    if (deps.idempotencyKey) await setKeyResource(trx, scope, deps.idempotencyKey, suspension.reference);
    await notifyPerson(trx, clock, { person, suspension, event: 'placed' });
    // Last: the audit log's tail lock is held from here to the commit.
    await appendAudit(
      trx,
      {
        actorKind: 'staff',
        actorId: actor.staffId,
        action: 'suspensions.placed',
        subjectPersonId: person.id,
        ip: deps.ip ?? null,
        details: { reference: suspension.reference, nationalId: maskNationalId(person.national_id), authority: suspension.authority, legalBasis: suspension.legal_basis, blocked: suspension.blocked_services, liftedBy: suspension.lifted_by, startsAt: suspension.starts_at.toISOString() },
      },
      clock,
    );
    return { suspension, created: true };
  });
}

/**
 * Lifts a suspension with a note: the services it blocked are free at once. Lifting one that
 * is lifted already (a retry, or someone else first) is refused and changes nothing.
 */
export async function liftSuspension(deps: SuspensionsDeps & { actor: StaffActor; ip?: string | null; reference: string; note: string }): Promise<Suspension> {
  const { db, clock, actor } = deps;
  const reference = suspensionReference(deps.reference);
  const note = deps.note.trim();
  return db.transaction().execute(async (trx) => {
    const found = await findSuspensionByReference(trx, reference, { lock: true });
    if (!found) throw new AppError('http.not_found', {}, [fieldError('reference', 'suspensions.errors.not_found')]);
    if (!mayManage(actor, found.authority)) throw forbidden('reference');
    const alreadyLifted = (at: Date) => {
      // The date in words with its Hijri date, in each language (the message is chosen by the reader's).
      const day = riyadhDate(at);
      const params = { reference: found.reference, dateAr: formatDateInWords(day, 'ar'), dateEn: formatDateInWords(day, 'en') };
      return new AppError('suspensions.already_lifted', params, [fieldError('reference', 'suspensions.errors.already_lifted', params)]);
    };
    if (found.lifted_at) throw alreadyLifted(found.lifted_at);
    if (!note) throw new AppError('validation.failed', {}, [fieldError('note', 'suspensions.errors.note_missing')]);
    if (note.length > TEXT_MAX.note) throw new AppError('validation.failed', {}, [fieldError('note', 'suspensions.errors.too_long', { count: TEXT_MAX.note })]);
    const lifted = await markSuspensionLifted(trx, { id: found.id, now: clock.now(), note });
    // Locked above, so only a row changed under the lock's feet lands here: report its own date.
    if (!lifted) throw alreadyLifted((await findSuspensionByReference(trx, reference))?.lifted_at ?? clock.now());
    const person = (await getPerson(trx, lifted.person_id))!;
    await notifyPerson(trx, clock, { person, suspension: lifted, event: 'lifted' });
    await appendAudit(trx, { actorKind: 'staff', actorId: actor.staffId, action: 'suspensions.lifted', subjectPersonId: lifted.person_id, ip: deps.ip ?? null, details: { reference: lifted.reference, authority: lifted.authority, note } }, clock);
    return lifted;
  });
}

/** A person's suspensions: those in force and those lifted in the last 90 days. */
export async function suspensionsOfPerson(deps: Pick<SuspensionsDeps, 'db' | 'clock'> & { personId: string }): Promise<{ active: Suspension[]; lifted: Suspension[] }> {
  const liftedSince = new Date(deps.clock.now().getTime() - HISTORY_DAYS * 86_400_000);
  const rows = await listSuspensionsOfPerson(deps.db, deps.personId, { liftedSince });
  return { active: rows.filter((s) => !s.lifted_at), lifted: rows.filter((s) => s.lifted_at) };
}

/** A person's suspensions as staff look them up by ID number; the view is written to the audit log. */
export async function staffLookUp(deps: SuspensionsDeps & { actor: StaffActor; ip?: string | null; nationalId: string }): Promise<{ person: Person; active: Suspension[]; lifted: Suspension[] }> {
  assertMaySuspend(deps.actor);
  const person = await personOrFail(deps.db, deps.nationalId);
  const found = await suspensionsOfPerson({ ...deps, personId: person.id });
  await appendAudit(deps.db, { actorKind: 'staff', actorId: deps.actor.staffId, action: 'suspensions.viewed_by_staff', subjectPersonId: person.id, ip: deps.ip ?? null, details: { nationalId: maskNationalId(person.national_id), agency: deps.actor.agency, role: deps.actor.role } }, deps.clock);
  return { person, ...found };
}
