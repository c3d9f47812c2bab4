import { addDays, riyadhDate } from '../kernel/dates.js';
import { uuidv7 } from '../kernel/uuid.js';
import { findPersonByNationalId } from '../registry/index.js';
import { demoPersonas } from '../registry/personas.js';
import type { IdentityDeps } from './deps.js';
import { hashPassword } from './passwords.js';
import { appendAudit } from './ports.js';
import { findAccountByMobile, findAccountByPersonId, insertAccount, listPersonsWithoutAccount, usernameExists } from './repository/index.js';

/**
 * Demo mode: every persona except the officers (who get staff accounts: staff/demo-staff.ts) gets an active
 * account, username = persona key, one shared password that passes the policy. Idempotent:
 * personas that already have an account (or whose username is taken) are left alone.
 */

export const DEMO_PASSWORD = 'Tayseer#Demo-2026';

export async function ensureDemoAccounts(options: IdentityDeps): Promise<{ created: string[] }> {
  const { db, clock } = options;
  const personas = demoPersonas(riyadhDate(clock.now())).filter((p) => p.role !== 'officer');
  let passwordHash: string | undefined;
  const created: string[] = [];
  for (const persona of personas) {
    await db.transaction().execute(async (trx) => {
      const person = await findPersonByNationalId(trx, persona.nationalId);
      if (!person || (await findAccountByPersonId(trx, person.id)) || (await usernameExists(trx, persona.key))) return;
      passwordHash ??= await hashPassword(DEMO_PASSWORD);
      const mobile = person.mobile && !(await findAccountByMobile(trx, person.mobile)) ? person.mobile : null;
      const now = clock.now();
      const accountId = uuidv7(now.getTime());
      await insertAccount(trx, {
        id: accountId,
        person_id: person.id,
        username: persona.key,
        password_hash: passwordHash,
        mobile,
        email: null,
        language: 'ar',
        status: 'active',
        activated_at: now,
        activation_method: 'registry_mobile',
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      });
      await appendAudit(trx, { actorKind: 'system', action: 'identity.demo_account_created', subjectPersonId: person.id, details: { username: persona.key } }, clock);
      created.push(persona.key);
    });
  }
  return { created };
}

/** The demo login of a persona, and where it is used: officers sign in to the staff area. */
export function demoLoginOf(persona: { key: string; role: string }): { login: string; password: string; signInAt: '/login' | '/staff/login' } {
  return { login: persona.key, password: DEMO_PASSWORD, signInAt: persona.role === 'officer' ? '/staff/login' : '/login' };
}

export interface UnregisteredPerson {
  nationalId: string;
  dateOfBirth: string;
  mobile: string;
}

/** A few registry people a tester can register as (their registry mobile activates at once). */
export async function listUnregisteredPersons(options: IdentityDeps & { limit?: number }): Promise<UnregisteredPerson[]> {
  const rows = await listPersonsWithoutAccount(options.db, {
    bornOnOrBefore: addDays(riyadhDate(options.clock.now()), -19 * 366),
    limit: options.limit ?? 5,
  });
  return rows.map((row) => ({ nationalId: row.national_id, dateOfBirth: row.birth_date, mobile: row.mobile! }));
}
