import type { Kysely } from 'kysely';
import type { Database, Language, StaffAgency } from '../db/tables.js';
import { findAccountById } from './repository/index.js';
import { listStaffByAgency } from './staff/repository.js';

export interface AccountContact {
  mobile: string | null;
  language: Language;
}

/** The mobile and language an account holder is told things on (null mobile: inbox only). */
export async function accountContact(db: Kysely<Database>, accountId: string): Promise<AccountContact | undefined> {
  const account = await findAccountById(db, accountId);
  return account ? { mobile: account.mobile, language: account.language } : undefined;
}

/** The mobiles and languages of an agency's enabled supervisors (told when its requests run late). */
export async function supervisorContacts(db: Kysely<Database>, agency: string): Promise<Array<{ mobile: string; language: Language }>> {
  const staff = await listStaffByAgency(db, agency as StaffAgency);
  return staff.filter((s) => s.role === 'supervisor' && s.disabled_at === null).map((s) => ({ mobile: s.mobile, language: s.language }));
}
