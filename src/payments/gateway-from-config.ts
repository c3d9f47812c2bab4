import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import type { CardGateway } from './gateway.js';
import { createSandboxAcquirer, type SandboxAcquirer } from './sandbox-acquirer/index.js';

/**
 * The card gateway the configuration names (CARD_GATEWAY), for the server and for the
 * commands that talk to it (the worker, reconciliation). Today the built-in sandbox only; an
 * adapter for a real acquirer is added here. With CARD_GATEWAY=none bills offer SADAD only,
 * and the gateway below refuses (it is never reached: no bill offers the card channel).
 */

const noCards = () => Promise.reject(new Error('Card payments are off (CARD_GATEWAY=none)'));
export const noCardGateway: CardGateway = {
  name: 'none',
  createCheckout: noCards,
  getPayment: noCards,
  refund: noCards,
  getRefund: noCards,
  verifyCallback: () => null,
  settlement: async () => [],
};
export function cardGatewayFromConfig(options: {
  config: Pick<Config, 'cardGateway' | 'cardGatewaySecret' | 'publicUrl' | 'cookieSecure'>;
  db: Kysely<Database>;
  clock: Clock;
  warn?: (event: object, message: string) => void;
}): { gateway: CardGateway; sandbox: SandboxAcquirer | null } {
  const { config } = options;
  if (config.cardGateway === 'none') return { gateway: noCardGateway, sandbox: null };
  const sandbox = createSandboxAcquirer({
    db: options.db,
    clock: options.clock,
    secret: config.cardGatewaySecret,
    publicUrl: config.publicUrl,
    cookieSecure: config.cookieSecure,
    ...(options.warn ? { onCallbackFailure: (event: object) => options.warn!(event, 'sandbox acquirer: callback not delivered') } : {}),
  });
  return { gateway: sandbox.gateway, sandbox };
}
