import { sql } from 'kysely';
import type { Establishment, Sponsorship, SponsorshipsTable } from '../../db/tables.js';
import { chunks, distinct, LOOKUP_KEYS, platformChange, platformInsert, replaceWithExcluded, type Db, type ProvenanceColumn } from './db.js';
import { personSummariesByIds, type PersonSummary } from './persons.js';

/** Who sponsors a worker: a person (e.g. a household for a domestic worker) or an establishment. */
export type Sponsor = { type: 'person'; person: PersonSummary } | { type: 'establishment'; establishment: Establishment };

export interface CurrentSponsorship {
  sponsorship: Sponsorship;
  sponsor: Sponsor;
}

export interface SponsoredWorker {
  sponsorship: Sponsorship;
  worker: PersonSummary;
}

/** The worker's sponsorship in force (not ended), with the sponsor; undefined when none. */
export async function findCurrentSponsorship(db: Db, workerId: string): Promise<CurrentSponsorship | undefined> {
  const sponsorship = await db
    .selectFrom('sponsorships')
    .selectAll()
    .where('worker_id', '=', workerId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  if (!sponsorship) return undefined;
  if (sponsorship.sponsor_person_id) {
    const person = (await personSummariesByIds(db, [sponsorship.sponsor_person_id])).get(sponsorship.sponsor_person_id);
    if (!person) throw new Error(`Sponsorship ${sponsorship.id} names a sponsor that is not in the registry`);
    return { sponsorship, sponsor: { type: 'person', person } };
  }
  const establishment = await db
    .selectFrom('establishments')
    .selectAll()
    .where('id', '=', sponsorship.sponsor_establishment_id!)
    .executeTakeFirstOrThrow();
  return { sponsorship, sponsor: { type: 'establishment', establishment } };
}

/** Workers a person sponsors now (domestic workers among them carry `domestic_worker`). */
export async function listSponsoredWorkers(db: Db, sponsorPersonId: string): Promise<SponsoredWorker[]> {
  const sponsorships = await db
    .selectFrom('sponsorships')
    .selectAll()
    .where('sponsor_person_id', '=', sponsorPersonId)
    .where('ended_on', 'is', null)
    .orderBy('started_on')
    .execute();
  return withWorkers(db, sponsorships);
}

/** Workers an establishment sponsors now. */
export async function listEstablishmentWorkers(db: Db, establishmentId: string): Promise<SponsoredWorker[]> {
  const sponsorships = await db
    .selectFrom('sponsorships')
    .selectAll()
    .where('sponsor_establishment_id', '=', establishmentId)
    .where('ended_on', 'is', null)
    .orderBy('started_on')
    .execute();
  return withWorkers(db, sponsorships);
}

async function withWorkers(db: Db, sponsorships: Sponsorship[]): Promise<SponsoredWorker[]> {
  const workers = await personSummariesByIds(db, distinct(sponsorships.map((s) => s.worker_id)));
  return sponsorships.map((sponsorship) => {
    const worker = workers.get(sponsorship.worker_id);
    if (!worker) throw new Error(`Sponsorship ${sponsorship.id} names a worker that is not in the registry`);
    return { sponsorship, worker };
  });
}

// ---- used by the import ---------------------------------------------------------------------

/** The current sponsorship of each of these workers, keyed by the worker's national ID, with the sponsor's natural key. */
export async function currentSponsorshipsByWorkerNationalId(
  db: Db,
  workerNationalIds: readonly string[],
): Promise<Map<string, { started_on: string; sponsor_national_id: string | null; sponsor_unified_number: string | null }>> {
  const found = new Map<string, { started_on: string; sponsor_national_id: string | null; sponsor_unified_number: string | null }>();
  for (const batch of chunks(workerNationalIds, LOOKUP_KEYS)) {
    const rows = await db
      .selectFrom('persons as worker')
      .innerJoin('sponsorships', (join) => join.onRef('sponsorships.worker_id', '=', 'worker.id').on('sponsorships.ended_on', 'is', null))
      .leftJoin('persons as sponsor', 'sponsor.id', 'sponsorships.sponsor_person_id')
      .leftJoin('establishments', 'establishments.id', 'sponsorships.sponsor_establishment_id')
      .select([
        'worker.national_id as worker_national_id',
        'sponsorships.started_on',
        'sponsor.national_id as sponsor_national_id',
        'establishments.unified_number as sponsor_unified_number',
      ])
      .where('worker.national_id', 'in', batch)
      .execute();
    for (const { worker_national_id, ...current } of rows) found.set(worker_national_id, current);
  }
  return found;
}

export type SponsorshipRow = Omit<SponsorshipsTable, 'id' | 'ended_on' | 'obligations_settled' | 'past_transfers' | ProvenanceColumn> & {
  id: string;
  source_updated_at: string | null;
  obligations_settled: boolean;
  past_transfers: number;
};

const REPLACED_COLUMNS = [
  'sponsor_person_id',
  'sponsor_establishment_id',
  'occupation_ar',
  'occupation_en',
  'domestic_worker',
  'absence_reported_on',
  'obligations_settled',
  'past_transfers',
  'started_on',
] as const satisfies readonly (keyof SponsorshipsTable)[];

/**
 * Make each row the worker's current sponsorship. Same sponsor as now: the current one is
 * updated. Another sponsor: the current one ends on the day the new one starts, and the new
 * one is inserted. No current one: inserted. Rows must name distinct workers, and a new
 * sponsor may not start before the current sponsorship did (the import checks this first).
 */
export async function applySponsorships(db: Db, rows: readonly SponsorshipRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    const current = await db
      .selectFrom('sponsorships')
      .select(['id', 'worker_id', 'sponsor_person_id', 'sponsor_establishment_id', 'started_on'])
      .where('worker_id', 'in', batch.map((r) => r.worker_id))
      .where('ended_on', 'is', null)
      .forUpdate()
      .execute();
    const currentByWorker = new Map(current.map((c) => [c.worker_id, c]));
    const endings: Array<{ id: string; ended_on: string }> = [];
    for (const row of batch) {
      const now = currentByWorker.get(row.worker_id);
      if (!now || (now.sponsor_person_id === row.sponsor_person_id && now.sponsor_establishment_id === row.sponsor_establishment_id)) continue;
      if (row.started_on < now.started_on) {
        throw new Error(`A new sponsorship of worker ${row.worker_id} starts (${row.started_on}) before the current one (${now.started_on})`);
      }
      endings.push({ id: now.id, ended_on: row.started_on });
    }
    if (endings.length > 0) {
      const values = sql.join(endings.map((e) => sql`(${e.id}::uuid, ${e.ended_on}::date)`));
      await sql`UPDATE sponsorships SET ended_on = v.ended_on, source = 'import', version = sponsorships.version + 1 FROM (VALUES ${values}) AS v (id, ended_on) WHERE sponsorships.id = v.id`.execute(db);
    }
    // The partial unique index (worker_id) WHERE ended_on IS NULL is the conflict target:
    // it now matches only current sponsorships with the same sponsor.
    await db
      .insertInto('sponsorships')
      .values(batch)
      .onConflict((oc) =>
        oc
          .column('worker_id')
          .where('ended_on', 'is', null)
          .doUpdateSet(replaceWithExcluded('sponsorships', REPLACED_COLUMNS, { touchUpdatedAt: false, provenance: true })),
      )
      .execute();
  }
}

// ---- transfer of services ---------------------------------------------------------------------

/** The worker's sponsorship in force, locked until the caller's transaction ends; undefined when none. */
export async function lockCurrentSponsorship(db: Db, workerId: string): Promise<Sponsorship | undefined> {
  return db.selectFrom('sponsorships').selectAll().where('worker_id', '=', workerId).where('ended_on', 'is', null).forUpdate().executeTakeFirst();
}

/**
 * Moves a worker's services from the sponsor in force to a new (person) sponsor on `on`: the
 * current sponsorship ends that day, a new one starts the same day with the same occupation and
 * one more past transfer, and the worker's valid iqama names the new sponsor. Refuses (throws)
 * when the sponsorship in force is not the one expected, so a transfer never lands on a worker
 * whose sponsor changed meanwhile.
 */
export async function transferSponsorship(db: Db, options: { workerId: string; fromPersonId: string; toPersonId: string; on: string; now: Date }): Promise<{ pastTransfers: number }> {
  const current = await lockCurrentSponsorship(db, options.workerId);
  if (!current || current.sponsor_person_id !== options.fromPersonId) throw new Error(`worker ${options.workerId} is not sponsored by ${options.fromPersonId} now`);
  await db.updateTable('sponsorships').set({ ...platformChange(options.now), ended_on: options.on }).where('id', '=', current.id).execute();
  const pastTransfers = current.past_transfers + 1;
  await db
    .insertInto('sponsorships')
    .values({
      worker_id: options.workerId,
      sponsor_person_id: options.toPersonId,
      sponsor_establishment_id: null,
      occupation_ar: current.occupation_ar,
      occupation_en: current.occupation_en,
      domestic_worker: current.domestic_worker,
      absence_reported_on: null,
      obligations_settled: true,
      past_transfers: pastTransfers,
      started_on: options.on,
      ...platformInsert(options.now),
    })
    .execute();
  const sponsor = await db.selectFrom('persons').select('national_id').where('id', '=', options.toPersonId).executeTakeFirstOrThrow();
  // The iqama's sponsor: kept on the document itself, as printed on the card.
  await db
    .updateTable('documents')
    .set({ ...platformChange(options.now), details: sql`details || ${JSON.stringify({ sponsorNationalId: sponsor.national_id, sponsorSince: options.on })}::jsonb`, updated_at: options.now })
    .where('person_id', '=', options.workerId)
    .where('kind', '=', 'iqama')
    .where('status', '=', 'valid')
    .execute();
  return { pastTransfers };
}
