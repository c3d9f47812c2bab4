import type { Kysely } from 'kysely';
import type { Database, Language } from '../db/tables.js';
import { findAccountById } from './repository/index.js';

export interface AccountContact {
  mobile: string | null;
  language: Language;
}

/** The mobile and language an account holder is told things on (null mobile: inbox only). */
export async function accountContact(db: Kysely<Database>, accountId: string): Promise<AccountContact | undefined> {
  const account = await findAccountById(db, accountId);
  return account ? { mobile: account.mobile, language: account.language } : undefined;
}
