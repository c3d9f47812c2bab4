import { assertSaudiMobile, DeliveryError, type SentReceipt, type SmsMessage, type SmsProvider } from './providers.js';

export interface HttpSmsGatewayOptions {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  /** The request body with `{{to}}`, `{{text}}` and `{{sender}}` placeholders (JSON-escaped when filled). */
  bodyTemplate: string;
  senderName: string;
  timeoutMs?: number;
}

/** 05XXXXXXXX -> 9665XXXXXXXX, the international form gateways expect. */
export function internationalMobile(mobile: string): string {
  return `966${mobile.slice(1)}`;
}

// Each value is inserted inside a JSON string literal of the template, so it is escaped as one
// (quotes, backslashes, new lines, control characters); Arabic stays as it is.
function jsonEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

export function fillBodyTemplate(template: string, values: { to: string; text: string; sender: string }): string {
  return template.replace(/\{\{(to|text|sender)\}\}/g, (_whole, name: 'to' | 'text' | 'sender') => jsonEscape(values[name]));
}

/**
 * An SMS gateway reached by one HTTP POST per message: the usual shape of the Saudi bulk-SMS
 * providers. 2xx is sent; 429, 5xx, network errors and time-outs are worth retrying; any other
 * 4xx means this request will never succeed.
 */
export class HttpSmsGateway implements SmsProvider {
  private readonly timeoutMs: number;
  private readonly authorization: string | undefined;

  constructor(private readonly options: HttpSmsGatewayOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.authorization =
      options.username || options.password
        ? `Basic ${Buffer.from(`${options.username ?? ''}:${options.password ?? ''}`).toString('base64')}`
        : undefined;
  }

  async send({ to, text }: SmsMessage): Promise<SentReceipt> {
    assertSaudiMobile(to);
    const body = fillBodyTemplate(this.options.bodyTemplate, { to: internationalMobile(to), text, sender: this.options.senderName });
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' };
    if (this.authorization) headers.authorization = this.authorization;

    let response: Response;
    try {
      response = await fetch(this.options.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new DeliveryError(`sms gateway timed out after ${this.timeoutMs} ms`, true);
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new DeliveryError(`sms gateway unreachable${cause ? ` (${cause})` : ''}`, true);
    }
    // The answer body may echo the number or the text: it is read for an id only, never logged.
    const answer = await response.text().catch(() => '');
    if (response.ok) return { providerMessageId: providerIdFrom(answer) };
    const retryable = response.status === 429 || response.status >= 500;
    throw new DeliveryError(`sms gateway answered HTTP ${response.status}`, retryable);
  }
}

function providerIdFrom(answer: string): string | null {
  try {
    const parsed = JSON.parse(answer) as unknown;
    if (parsed && typeof parsed === 'object') {
      const { id, messageId } = parsed as { id?: unknown; messageId?: unknown };
      for (const candidate of [messageId, id]) {
        if (typeof candidate === 'string' && candidate.length > 0) return candidate.slice(0, 200);
        if (typeof candidate === 'number') return String(candidate);
      }
    }
  } catch {
    // Not JSON: some gateways answer plain text. The message was still accepted.
  }
  return null;
}
