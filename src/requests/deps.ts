import type { Kysely } from 'kysely';
import type { ServiceCatalogue } from '../catalogue/catalogue.js';
import type { Database, StaffRole } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';

export interface RequestsDeps {
  db: Kysely<Database>;
  clock: Clock;
  catalogue: ServiceCatalogue;
}

/** Who acts on a request. Authorisation is decided inside each use case from this. */
export type RequestActor =
  | { kind: 'account'; accountId: string; personId: string }
  | { kind: 'staff'; staffId: string; agency: string; role: StaffRole }
  | { kind: 'system' };

export interface Origin {
  ip?: string | null | undefined;
}
