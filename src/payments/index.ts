/**
 * Payments: bills with SADAD numbers, card payments through a gateway port (the built-in
 * sandbox acquirer or a real one), money received exactly once, refunds. It knows no specific
 * service: a request's bill comes from its fee, and paying it takes the request's `pay` action.
 */
export type { PaymentsDeps, CardDeps, PaymentSettings } from './deps.js';
export type { CardGateway } from './gateway.js';
export { billsForRequest, billOfAccount, expireBills, unpayableBecause } from './bills.js';
export { receivePayment, type IncomingPayment, type PaymentOutcome } from './apply.js';
export { receiveSadadNotice } from './sadad.js';
export { startCardPayment, cardSessionOfAccount, cardCallback, checkCardSessions } from './card.js';
export { queueServiceRefunds, processRefunds } from './refunds.js';
export { newBillNumber, parseBillNumber } from './bill-number.js';
export { paymentSettingsOf } from './settings.js';
export { receiptOfAccount, receiptStateNow, paymentHistory } from './receipts.js';
export { paymentWebRoutes } from './web-routes.js';
export { paymentPartnerRoutes } from './routes.js';
export { paymentApiRoutes } from './api-routes.js';
export { demoBankRoutes, DEMO_BANK_CODE } from './demo-bank.js';
export { runPaymentWork, type PaymentWorkCounts } from './work.js';
export { cardGatewayFromConfig } from './gateway-from-config.js';
export { cardPageLocation, formActionSources } from './card-page.js';
export { reconcile, parseBankFile, readBankFile, BANK_FILE_HEADER, type Reconciliation, type Mismatch, type BankFile } from './reconcile.js';
