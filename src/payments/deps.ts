import type { Kysely } from 'kysely';
import type { ServiceCatalogue } from '../catalogue/catalogue.js';
import type { Database } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import type { CardGateway } from './gateway.js';

export interface PaymentsDeps {
  db: Kysely<Database>;
  clock: Clock;
  catalogue: ServiceCatalogue;
}

export interface CardDeps extends PaymentsDeps {
  gateway: CardGateway;
  /** The portal's address, for the gateway's return and callback URLs. */
  publicUrl: string;
}

/** Our SADAD biller code, the partner banks' shared secrets, and whether cards are taken. */
export interface PaymentSettings {
  billerCode: string;
  bankSecrets: Readonly<Record<string, string>>;
  /** False with CARD_GATEWAY=none: bills offer SADAD only. */
  cardsEnabled: boolean;
}
