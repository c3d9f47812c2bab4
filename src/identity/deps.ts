import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';

/** What identity's use cases need from the outside world. */
export interface IdentityDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface IdentityDepsWithConfig extends IdentityDeps {
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'bankPartnerSecrets'>;
}

/** Who did it and from where, for the audit log. */
export interface RequestOrigin {
  ip?: string | null;
  userAgent?: string | null;
}
