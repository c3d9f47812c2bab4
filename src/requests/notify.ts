import type { Kysely } from 'kysely';
import type { AnyService, Bilingual } from '../catalogue/define.js';
import type { Database, ServiceRequestRow } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import { translate, type Locale } from '../kernel/i18n/index.js';
import { formatReference } from '../kernel/reference.js';
import { uuidv7 } from '../kernel/uuid.js';
import { outputText } from './output-text.js';
import { enqueueMessage } from './ports.js';
import { findActiveAccountOfPerson, insertInboxMessage } from './repository.js';

/**
 * Telling the applicant that their request changed: a message in their portal inbox, and an
 * SMS (in their language) unless they took the action themself. Both are written in the
 * action's transaction, so a change is never silent and a rolled-back one never announced.
 */

function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] !== undefined ? String(params[name]) : whole));
}

/** The text of a change in a language: the action's own, or "your request … is now …". */
export function changeText(locale: Locale, service: AnyService, row: Pick<ServiceRequestRow, 'reference' | 'state' | 'outputs'>, notify: Bilingual | undefined, reason?: string, fallbackKey = 'requests.notice.changed'): string {
  const params: Record<string, string | number> = {
    ...Object.fromEntries(Object.entries(row.outputs).map(([k, v]) => [k, outputText(v, locale)])),
    reference: formatReference(row.reference),
    service: service.name[locale],
    state: service.workflow.states[row.state]?.label[locale] ?? row.state,
  };
  const base = notify ? fill(notify[locale], params) : translate(locale, fallbackKey, params);
  return reason ? `${base} ${translate(locale, 'requests.notice.reason', { reason })}` : base;
}

export async function notifyApplicant(
  trx: Kysely<Database>,
  clock: Clock,
  options: { row: ServiceRequestRow; service: AnyService; notify?: Bilingual | false | undefined; reason?: { ar: string; en: string } | undefined; sms: boolean },
): Promise<void> {
  if (options.notify === false) return;
  const { row, service } = options;
  const texts = {
    ar: changeText('ar', service, row, options.notify, options.reason?.ar),
    en: changeText('en', service, row, options.notify, options.reason?.en),
  };
  const contact = await insertInboxMessage(trx, { id: uuidv7(clock.now().getTime()), accountId: row.applicant_account_id, requestId: row.id, template: 'request.update', params: texts, now: clock.now() });
  if (!options.sms || !contact.mobile || !contact.language) return;
  await enqueueMessage(trx, { channel: 'sms', to: contact.mobile, locale: contact.language, template: 'request.update', params: { text: texts[contact.language] }, personId: row.applicant_person_id }, clock);
}

/**
 * Telling the other party (the new sponsor) of a request: a message in their inbox and, unless
 * they took the action themself, an SMS, in the same transaction. Nothing when the request has
 * no other party, or they have no activated account (the submission requires one).
 */
export async function notifyCounterparty(
  trx: Kysely<Database>,
  clock: Clock,
  options: { row: ServiceRequestRow; service: AnyService; notify?: Bilingual | false | undefined; reason?: { ar: string; en: string } | undefined; sms: boolean },
): Promise<void> {
  const { row, service } = options;
  if (options.notify === false || !row.counterparty_person_id) return;
  const account = await findActiveAccountOfPerson(trx, row.counterparty_person_id);
  if (!account) return;
  const texts = {
    ar: changeText('ar', service, row, options.notify, options.reason?.ar, 'requests.notice.counterparty_changed'),
    en: changeText('en', service, row, options.notify, options.reason?.en, 'requests.notice.counterparty_changed'),
  };
  const contact = await insertInboxMessage(trx, { id: uuidv7(clock.now().getTime()), accountId: account.id, requestId: row.id, template: 'request.update', params: texts, now: clock.now() });
  if (!options.sms || !contact.mobile || !contact.language) return;
  await enqueueMessage(trx, { channel: 'sms', to: contact.mobile, locale: contact.language, template: 'request.update', params: { text: texts[contact.language] }, personId: row.counterparty_person_id }, clock);
}

/**
 * Telling someone who is not a party to a request of a change that concerns them (the person
 * released on a bail), as a service's effect asks: a message in their inbox, not linked to the
 * request (they may not open it), and an SMS in their account's language, in the action's
 * transaction. Nothing when they have no activated account; nothing either for the applicant or
 * the other party, whom the action's own notices tell.
 */
export async function notifyPerson(trx: Kysely<Database>, clock: Clock, options: { row: ServiceRequestRow; service: AnyService; personId: string; text: Bilingual }): Promise<void> {
  const { row, service, personId } = options;
  if (personId === row.applicant_person_id || personId === row.counterparty_person_id) return;
  const account = await findActiveAccountOfPerson(trx, personId);
  if (!account) return;
  const texts = { ar: changeText('ar', service, row, options.text), en: changeText('en', service, row, options.text) };
  const contact = await insertInboxMessage(trx, { id: uuidv7(clock.now().getTime()), accountId: account.id, requestId: null, template: 'request.update', params: texts, now: clock.now() });
  if (!contact.mobile || !contact.language) return;
  await enqueueMessage(trx, { channel: 'sms', to: contact.mobile, locale: contact.language, template: 'request.update', params: { text: texts[contact.language] }, personId }, clock);
}
