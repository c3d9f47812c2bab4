import type { Selectable } from 'kysely';
import type { BankActivationsTable } from '../../db/tables.js';
import type { Db } from '../../registry/index.js';

/** Bank activations' SQL: the (bank, reference) primary key is what makes a replay harmless. */

export type BankActivation = Selectable<BankActivationsTable>;

/**
 * Claims a bank reference for this request. Returns false when the reference is already
 * taken; PostgreSQL makes a concurrent claimant wait until the first commits or rolls back.
 */
export async function claimBankReference(
  db: Db,
  row: { bankCode: string; bankReference: string; requestHash: string; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('bank_activations')
    .values({ bank_code: row.bankCode, bank_reference: row.bankReference, request_hash: row.requestHash, response: '{}', created_at: row.now })
    .onConflict((oc) => oc.columns(['bank_code', 'bank_reference']).doNothing())
    .returning('bank_code')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findBankActivation(db: Db, bankCode: string, bankReference: string): Promise<BankActivation | undefined> {
  return db
    .selectFrom('bank_activations')
    .selectAll()
    .where('bank_code', '=', bankCode)
    .where('bank_reference', '=', bankReference)
    .executeTakeFirst();
}

export async function recordBankResponse(
  db: Db,
  row: { bankCode: string; bankReference: string; accountId: string; response: Record<string, unknown> },
): Promise<void> {
  await db
    .updateTable('bank_activations')
    .set({ account_id: row.accountId, response: JSON.stringify(row.response) })
    .where('bank_code', '=', row.bankCode)
    .where('bank_reference', '=', row.bankReference)
    .execute();
}
