import type { Kysely } from 'kysely';
import type { Database, Person, Suspension } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import { translate, type Locale } from '../kernel/i18n/index.js';
import { uuidv7 } from '../kernel/uuid.js';
import { enqueueMessage } from '../notifications/index.js';
import { findNotifiableAccount, insertInboxNotice } from './repository.js';
import { CONTACT_CENTRE } from './view.js';

/**
 * Telling the person that a suspension was placed or lifted: a notice in their portal inbox and
 * an SMS in their language, written in the transaction of the change (sent after the commit).
 * A person without an account is told by SMS on their registry mobile, in Arabic.
 */

export type SuspensionEvent = 'placed' | 'lifted';

export function noticeText(locale: Locale, event: SuspensionEvent, s: Suspension): string {
  return translate(locale, `suspensions.notice.${event}`, {
    reference: s.reference,
    authority: translate(locale, `suspensions.authority.${s.authority}`),
    reason: locale === 'ar' ? s.reason_ar : s.reason_en,
    phone: CONTACT_CENTRE,
  });
}

export async function notifyPerson(trx: Kysely<Database>, clock: Clock, options: { person: Person; suspension: Suspension; event: SuspensionEvent }): Promise<void> {
  const { person, suspension, event } = options;
  const texts = { ar: noticeText('ar', event, suspension), en: noticeText('en', event, suspension) };
  const now = clock.now();
  const account = await findNotifiableAccount(trx, person.id);
  if (account) await insertInboxNotice(trx, { id: uuidv7(now.getTime()), accountId: account.id, template: `suspension.${event}`, texts, now });
  const mobile = account ? account.mobile : person.mobile;
  const locale: Locale = account?.language ?? 'ar';
  if (!mobile) return;
  await enqueueMessage(trx, { channel: 'sms', to: mobile, locale, template: 'suspension.update', params: { text: texts[locale] }, personId: person.id }, clock);
}
