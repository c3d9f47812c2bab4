import type { Kysely } from 'kysely';
import type { Database, Person, Suspension } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import { translate, type Locale } from '../kernel/i18n/index.js';
import { uuidv7 } from '../kernel/uuid.js';
import { enqueueMessage } from '../notifications/index.js';
import { findSuspensionByReference, getPerson } from '../registry/index.js';
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
  await tellPerson(trx, clock, { person, template: `suspension.${event}`, texts });
}

/**
 * A notice about no request (a suspension, violations paid): in the person's portal inbox and by
 * SMS in their account's language, in the caller's transaction; without an account, by SMS to
 * their registry mobile, in Arabic.
 */
export async function tellPerson(trx: Kysely<Database>, clock: Clock, options: { person: Pick<Person, 'id' | 'mobile'>; template: string; texts: { ar: string; en: string } }): Promise<void> {
  const { person, texts } = options;
  const now = clock.now();
  const account = await findNotifiableAccount(trx, person.id);
  if (account) await insertInboxNotice(trx, { id: uuidv7(now.getTime()), accountId: account.id, template: options.template, texts, now });
  const mobile = account ? account.mobile : person.mobile;
  const locale: Locale = account?.language ?? 'ar';
  if (!mobile) return;
  await enqueueMessage(trx, { channel: 'sms', to: mobile, locale, template: 'suspension.update', params: { text: texts[locale] }, personId: person.id }, clock);
}

/**
 * Telling the person of the suspensions that paying their violations lifted (payments settles
 * them in the payment's transaction, and calls this in it): the same notice as a lift by staff.
 */
export async function notifyLiftedByPayment(trx: Kysely<Database>, clock: Clock, options: { personId: string; references: readonly string[] }): Promise<void> {
  if (options.references.length === 0) return;
  const person = await getPerson(trx, options.personId);
  if (!person) return;
  for (const reference of options.references) {
    const suspension = await findSuspensionByReference(trx, reference);
    if (suspension) await notifyPerson(trx, clock, { person, suspension, event: 'lifted' });
  }
}
