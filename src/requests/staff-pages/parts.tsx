import type { AnyService } from '../../catalogue/define.js';
import { formatDateTime, formatHijri } from '../../kernel/dates.js';
import { hasKey, type Locale, type Translator } from '../../kernel/i18n/index.js';
import { formatReference } from '../../kernel/reference.js';
import { Ltr } from '../../web/ui/ltr.js';

/** Small pieces shared by the officers' request pages: references, instants, labels. */

export const QUEUE_PATH = '/staff/requests';
export const requestPath = (reference: string) => `${QUEUE_PATH}/${reference}`;

/** A reference as people read it aloud (`TR-7K4M-9QXP-W`), always left to right. */
export function Reference({ reference }: { reference: string }) {
  let shown = reference;
  try {
    shown = formatReference(reference);
  } catch {
    // Not expected for stored references; show it as stored rather than fail the page.
  }
  return (
    <Ltr>
      {shown}
    </Ltr>
  );
}

/** An instant in Riyadh time, with its Hijri date after it. */
export function When({ at, locale }: { at: Date; locale: Locale }) {
  return (
    <>
      <time datetime={at.toISOString()}>{formatDateTime(at, locale)}</time> <span class="muted nowrap">({formatHijri(at, locale)})</span>
    </>
  );
}

export function stateLabel(service: AnyService, state: string, locale: Locale): string {
  return service.workflow.states[state]?.label[locale] ?? state;
}

/** A service action's own label, or the engine's for its events (submit, assign, reassign, escalate). */
export function actionLabel(service: AnyService, action: string, locale: Locale, t: Translator): string {
  if (Object.hasOwn(service.workflow.actions, action)) return service.workflow.actions[action]!.label[locale];
  if (action === 'assign') return t('officer_pages.assign.submit');
  if (action === 'reassign') return t('officer_pages.reassign.submit');
  const key = `requests.history.${action}`;
  return hasKey(key) ? t(key) : action;
}

/** The label of an engine event in the timeline (requests.history.*), else the service's action label. */
export function eventLabel(service: AnyService, action: string, locale: Locale, t: Translator): string {
  const key = `requests.history.${action}`;
  if (hasKey(key)) return t(key);
  return actionLabel(service, action, locale, t);
}
