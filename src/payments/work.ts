import { expireBills } from './bills.js';
import { checkCardSessions } from './card.js';
import type { CardDeps } from './deps.js';
import { processRefunds, queueServiceRefunds } from './refunds.js';

export interface PaymentWorkCounts {
  billsExpired: number;
  cardSessionsChecked: number;
  refundsQueued: number;
  refundsCompleted: number;
}

/**
 * The worker's payment round: unpaid bills past their time expire; card payments the gateway
 * has not told us about are asked after; paid requests that ended by an action their service
 * refunds after get their refund; pending refunds are carried out or asked after.
 */
export async function runPaymentWork(deps: CardDeps): Promise<PaymentWorkCounts> {
  const billsExpired = await expireBills(deps);
  const cardSessionsChecked = await checkCardSessions(deps);
  const refundsQueued = await queueServiceRefunds(deps);
  const refundsCompleted = await processRefunds(deps);
  return { billsExpired, cardSessionsChecked, refundsQueued, refundsCompleted };
}
