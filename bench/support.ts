import type { Kysely } from 'kysely';
import type { Database } from '../src/db/tables.js';

/**
 * The seeded citizens who may apply for a lost-ID replacement: a national ID number, alive, a
 * valid national ID card and no active suspension. bench:requests and bench:payments draw their
 * applicants from them.
 */
export async function lostIdCandidates(db: Kysely<Database>): Promise<Array<{ id: string; national_id: string; mobile: string | null }>> {
  return db
    .selectFrom('persons')
    .innerJoin('documents', 'documents.person_id', 'persons.id')
    .select(['persons.id', 'persons.national_id', 'persons.mobile'])
    .where('persons.id_type', '=', 'national_id')
    .where('persons.deceased', '=', false)
    .where('documents.kind', '=', 'national_id_card')
    .where('documents.status', '=', 'valid')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('service_suspensions').select('id').whereRef('service_suspensions.person_id', '=', 'persons.id').where('lifted_at', 'is', null))))
    .orderBy('persons.national_id')
    .execute();
}
