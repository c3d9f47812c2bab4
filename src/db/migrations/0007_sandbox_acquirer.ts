import type { Kysely } from 'kysely';

/** The sandbox card acquirer's tables: see src/payments/sandbox-acquirer/. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
