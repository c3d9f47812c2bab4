import { findPersonByNationalId, personName } from '../registry/index.js';
import type { IdentityDeps } from './deps.js';
import { listUnregisteredPersons } from './demo-accounts.js';
import { findAccountByPersonId, listAccountsAwaitingActivation } from './repository/index.js';

/**
 * Demo mode: the demo bank's customers, for its online banking (src/dev/bank-activation.ts).
 * A bank knows its customer's ID number, date of birth and mobile, which match the registry;
 * the mobile it holds is the one the customer gave Tayseer when registering (or, for someone
 * not registered yet, the registry's). The list puts accounts waiting for activation first.
 */

export interface BankCustomer {
  nationalId: string;
  dateOfBirth: string;
  mobile: string;
  nameAr: string;
  nameEn: string;
  /** What Tayseer holds for this person now (shown only in the demo's list, to choose). */
  tayseer: 'registered' | 'active' | 'disabled' | 'none';
}

export async function bankCustomerOf(options: IdentityDeps & { nationalId: string }): Promise<BankCustomer | undefined> {
  const person = await findPersonByNationalId(options.db, options.nationalId);
  if (!person || person.deceased) return undefined;
  const account = await findAccountByPersonId(options.db, person.id);
  const mobile = account?.mobile ?? person.mobile;
  if (!mobile) return undefined;
  return {
    nationalId: person.national_id,
    dateOfBirth: person.birth_date,
    mobile,
    nameAr: personName(person, 'ar', 'short'),
    nameEn: personName(person, 'en', 'short'),
    tayseer: account?.status ?? 'none',
  };
}

export async function listBankCustomers(options: IdentityDeps & { limit?: number }): Promise<BankCustomer[]> {
  const limit = options.limit ?? 5;
  const awaiting = await listAccountsAwaitingActivation(options.db, { limit });
  const unregistered = await listUnregisteredPersons({ ...options, limit: 3 });
  const customers: BankCustomer[] = [];
  for (const nationalId of [...awaiting.map((row) => row.national_id), ...unregistered.map((row) => row.nationalId)]) {
    const customer = await bankCustomerOf({ ...options, nationalId });
    if (customer) customers.push(customer);
  }
  return customers;
}
