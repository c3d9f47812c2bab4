import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import { hasKey, translate, type Locale } from '../kernel/i18n/index.js';
import { uuidv7 } from '../kernel/uuid.js';
import { insertMessage } from './repository.js';

export type Channel = 'sms' | 'email';

export interface EnqueueMessageInput {
  channel: Channel;
  /** 05XXXXXXXX for SMS, an address for e-mail. The provider validates it when sending. */
  to: string;
  /** The recipient's language (the account's), not the language of the current request. */
  locale: Locale;
  /** `otp.login` renders `notifications.otp.login` (and, for e-mail, `notifications.otp.login.subject`). */
  template: string;
  params?: Record<string, string | number>;
  personId?: string | null;
  /** E-mail only: overrides the template's subject. */
  subject?: string;
}

/** Thrown for a programming mistake (unknown template, a missing placeholder), never for user input. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

export interface RenderedMessage {
  text: string;
  subject: string | null;
}

function render(locale: Locale, key: string, params: Record<string, string | number>): string {
  if (!hasKey(key)) throw new TemplateError(`No message text "${key}" in both languages`);
  const text = translate(locale, key, params);
  const unfilled = /\{(\w+)\}/.exec(text);
  if (unfilled) throw new TemplateError(`Message text "${key}" needs the parameter "${unfilled[1]}"`);
  return text;
}

/** Renders a message in the given language from `notifications.<template>`. */
export function renderMessage(input: Pick<EnqueueMessageInput, 'channel' | 'locale' | 'template' | 'params' | 'subject'>): RenderedMessage {
  const key = `notifications.${input.template}`;
  const params = input.params ?? {};
  const text = render(input.locale, key, params);
  if (input.channel === 'sms') return { text, subject: null };
  return { text, subject: input.subject ?? render(input.locale, `${key}.subject`, params) };
}

/**
 * Writes a message to the outbox in the caller's transaction: it exists (and is sent) only if
 * that transaction commits. The worker sends it afterwards; call `app.outbox.nudge()` after the
 * commit to send it at once rather than at the next tick. Returns the message id.
 */
export async function enqueueMessage(trx: Kysely<Database>, input: EnqueueMessageInput, clock: Clock): Promise<string> {
  const { text, subject } = renderMessage(input);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await insertMessage(trx, {
    id,
    channel: input.channel,
    recipient: input.to.trim(),
    locale: input.locale,
    template: input.template,
    body: text,
    subject,
    person_id: input.personId ?? null,
    next_attempt_at: now,
    created_at: now,
  });
  return id;
}
