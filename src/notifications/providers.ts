import { uuidv7 } from '../kernel/uuid.js';

/**
 * The ports through which messages leave the platform. The outbox worker calls them after the
 * transaction that wrote the message has committed; a provider never sees a database.
 */

export interface SmsMessage {
  /** Saudi mobile in national form, 05XXXXXXXX. */
  to: string;
  text: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** `providerMessageId` is null when the provider does not answer with one. */
export interface SentReceipt {
  providerMessageId: string | null;
}

export interface SmsProvider {
  send(message: SmsMessage): Promise<SentReceipt>;
}

export interface EmailProvider {
  send(message: EmailMessage): Promise<SentReceipt>;
}

export interface Providers {
  sms: SmsProvider;
  email: EmailProvider;
}

/**
 * A delivery that did not happen. `retryable` decides between trying again later and giving up.
 * The message is stored as the outbox row's last_error, so it must never carry personal data:
 * providers build it from status codes and error codes, never from the recipient or the text.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';

  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export const SAUDI_MOBILE = /^05[0-9]{8}$/;
// Deliberately loose: the mail server is the judge; this only refuses what cannot be an address.
export const EMAIL_ADDRESS = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]{2,}$/;

export function assertSaudiMobile(to: string): void {
  if (!SAUDI_MOBILE.test(to)) throw new DeliveryError('invalid recipient: not a 05XXXXXXXX mobile number', false);
}

export function assertEmailAddress(to: string): void {
  if (to.length > 254 || !EMAIL_ADDRESS.test(to)) throw new DeliveryError('invalid recipient: not an e-mail address', false);
}

/**
 * Demo mode: nothing leaves the machine. The message stays readable in the outbox table
 * (/dev/outbox). The recipient is still checked, so a bad number fails as it would for real.
 */
export class DemoSmsProvider implements SmsProvider {
  async send({ to }: SmsMessage): Promise<SentReceipt> {
    assertSaudiMobile(to);
    return { providerMessageId: `demo-${uuidv7()}` };
  }
}

export class DemoEmailProvider implements EmailProvider {
  async send({ to }: EmailMessage): Promise<SentReceipt> {
    assertEmailAddress(to);
    return { providerMessageId: `demo-${uuidv7()}` };
  }
}
