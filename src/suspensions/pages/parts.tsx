import type { ComponentChildren } from 'preact';
import { formatGregorian, formatHijri } from '../../kernel/dates.js';
import type { PageContext } from '../../web/context.js';
import type { SuspensionView } from '../view.js';
import { Ltr } from '../../web/ui/ltr.js';

/** One suspension's facts as a list of labelled rows, for the person's page and the staff pages. */

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="data-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** `11 March 2024 (1 Ramadan 1445 AH)`: Gregorian and Umm al-Qura. */
export function bothDates(value: Date | string, locale: 'ar' | 'en'): { gregorian: string; hijri: string } {
  return { gregorian: formatGregorian(value, locale), hijri: formatHijri(value, locale) };
}

export function SuspensionFacts({ ctx, view, lifted = false }: { ctx: PageContext; view: SuspensionView; lifted?: boolean }) {
  const { t, locale } = ctx;
  const start = bothDates(view.startsAt, locale);
  const next = bothDates(view.phase.next, locale);
  return (
    <dl class="data-list">
      <Row label={t('suspensions.reference')}>
        <Ltr>
          {view.reference}
        </Ltr>
      </Row>
      <Row label={t('suspensions.authority_label')}>{view.authorityLabel[locale]}</Row>
      <Row label={t('suspensions.legal_basis')}>
        <bdi>{view.legalBasis}</bdi>
      </Row>
      <Row label={t('suspensions.reason')}>{view.reason[locale]}</Row>
      <Row label={t(view.phase.upcoming ? 'suspensions.starts' : 'suspensions.since')}>
        {start.gregorian} ({start.hijri})
      </Row>
      {!lifted && !view.phase.upcoming && (
        <Row label={t('suspensions.phase')}>
          <p>{t('suspensions.phase_text', { phase: view.phase.phase, ...bothDates(view.phase.since, locale) })}</p>
          <p class="muted">{t('suspensions.phase_hint', next)}</p>
        </Row>
      )}
      <Row label={t('suspensions.blocked')}>
        <ul>
          {view.blocked.patterns.map((p) => (
            <li key={p.pattern}>{p.label[locale]}</li>
          ))}
        </ul>
        <p>{t('suspensions.blocked.on_tayseer')}</p>
        {view.blocked.services.length === 0 ? (
          <p class="muted">{t('suspensions.blocked.none_now')}</p>
        ) : (
          <ul>
            {view.blocked.services.map((s) => (
              <li key={s.id}>{s.name[locale]}</li>
            ))}
          </ul>
        )}
        {view.blocked.all && <p class="muted">{t('suspensions.blocked.stay_open')}</p>}
      </Row>
      <Row label={t('suspensions.lifting')}>
        <p>
          <strong>{view.liftedByLabel[locale]}</strong>
        </p>
        {!lifted && <p>{view.liftedByHow[locale]}</p>}
        {!lifted && view.actionPath && (
          <p class="no-print">
            <a href={view.actionPath}>{t('suspensions.pay_link')}</a>
          </p>
        )}
      </Row>
      {!lifted && <Row label={t('suspensions.contact_label')}>{view.contact[locale]}</Row>}
      {lifted && view.liftedAt && (
        <Row label={t('suspensions.history.lifted_on')}>
          {formatGregorian(view.liftedAt, locale)} ({formatHijri(view.liftedAt, locale)})
        </Row>
      )}
      {lifted && view.liftNoteText?.[locale] && (
        <Row label={t('suspensions.history.note')}>
          <bdi>{view.liftNoteText[locale]}</bdi>
        </Row>
      )}
    </dl>
  );
}
