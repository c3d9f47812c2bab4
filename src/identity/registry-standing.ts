import type { AccountStatus, Person } from '../db/tables.js';
import { AppError } from '../kernel/errors.js';

/**
 * Accounts follow the registry. An account serves a living person: once the civil registry
 * records its holder as deceased, nothing opens it any more (sign-in, codes, registration,
 * password reset, activation), and its open sessions and tokens end at their next use. A
 * disabled account is refused the same way. The registry marks a death by its import (the
 * person's row is replaced), so the check is made where the account is used, not where the
 * death is written: each session load already reads the person's record with the session, so
 * it costs no query, and no way of recording a death can be missed.
 */

export type AccountUseEnded = 'identity.person_deceased' | 'identity.account_disabled';

/** Why the account may no longer be used, or null while it may. */
export function accountUseEnded(person: Pick<Person, 'deceased'> | undefined, accountStatus?: AccountStatus): AccountUseEnded | null {
  if (person?.deceased) return 'identity.person_deceased';
  if (accountStatus === 'disabled') return 'identity.account_disabled';
  return null;
}

/** The same as an error to throw, or null. */
export function accountUseEndedError(person: Pick<Person, 'deceased'> | undefined, accountStatus?: AccountStatus): AppError | null {
  const ended = accountUseEnded(person, accountStatus);
  return ended ? new AppError(ended) : null;
}
