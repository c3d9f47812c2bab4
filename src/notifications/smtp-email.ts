import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { assertEmailAddress, DeliveryError, type EmailMessage, type EmailProvider, type SentReceipt } from './providers.js';

export interface SmtpEmailOptions {
  /** smtp:// or smtps:// URL with credentials and options, as nodemailer reads it. */
  smtpUrl: string;
  /** The From header, e.g. `Tayseer <no-reply@tayseer.example.gov>`. */
  from: string;
}

// Failures of the connection, not of this message: another try later may well succeed.
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/**
 * Maps a nodemailer error to a DeliveryError. SMTP's own rule: 4xx replies are transient, 5xx
 * permanent. One exception: an authentication failure is our configuration, not the message,
 * so it stays retryable and the messages wait (up to the attempt limit) for an operator to fix it.
 * The text keeps codes only: the server's reply may quote the recipient's address.
 */
export function smtpDeliveryError(error: unknown): DeliveryError {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const codeText = typeof code === 'string' ? code : 'unknown';
  if (codeText === 'EAUTH') return new DeliveryError(`smtp authentication failed${typeof responseCode === 'number' ? ` (${responseCode})` : ''}`, true);
  if (typeof responseCode === 'number') {
    return new DeliveryError(`smtp server replied ${responseCode} (${codeText})`, responseCode < 500);
  }
  if (CONNECTION_CODES.has(codeText)) return new DeliveryError(`smtp connection failed (${codeText})`, true);
  return new DeliveryError(`smtp error (${codeText})`, true);
}

/** E-mail through an SMTP relay, via nodemailer. One pooled transport for the process. */
export class SmtpEmailProvider implements EmailProvider {
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpEmailOptions) {
    this.transport = nodemailer.createTransport(options.smtpUrl);
  }

  async send({ to, subject, text }: EmailMessage): Promise<SentReceipt> {
    assertEmailAddress(to);
    try {
      const info = (await this.transport.sendMail({ from: this.options.from, to, subject, text })) as { messageId?: string };
      return { providerMessageId: info.messageId ?? null };
    } catch (error) {
      throw smtpDeliveryError(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}
