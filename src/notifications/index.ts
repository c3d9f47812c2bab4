/** Messages to people: the transactional outbox, its worker, and the SMS and e-mail providers. */
export { enqueueMessage, renderMessage, TemplateError, type Channel, type EnqueueMessageInput, type RenderedMessage } from './enqueue.js';
export { deliverDueMessages, retryDelayMs, MAX_ATTEMPTS, CLAIM_LEASE_MS, type DeliveryCounts, type DeliverOptions } from './deliver.js';
export { startOutboxWorker, OutboxDoorbell, type OutboxWorker, type OutboxWorkerOptions, type WorkerLog } from './worker.js';
export {
  DeliveryError,
  DemoEmailProvider,
  DemoSmsProvider,
  type EmailMessage,
  type EmailProvider,
  type Providers,
  type SentReceipt,
  type SmsMessage,
  type SmsProvider,
} from './providers.js';
export { HttpSmsGateway, fillBodyTemplate, internationalMobile, type HttpSmsGatewayOptions } from './http-sms-gateway.js';
export { SmtpEmailProvider, smtpDeliveryError, type SmtpEmailOptions } from './smtp-email.js';
export { providersFromConfig } from './providers-from-config.js';
export { notificationsDevRoutes } from './dev-routes.js';
