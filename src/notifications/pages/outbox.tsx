import { formatDateTime } from '../../kernel/dates.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import type { OutboxMessage } from '../repository.js';
import { Ltr } from '../../web/ui/ltr.js';

interface OutboxPageProps {
  ctx: PageContext;
  messages: OutboxMessage[];
  /** The filter as typed, shown back in the field. */
  to: string;
  invalidTo: boolean;
}

/** Demo mode only: the messages that would have been sent, so a tester can read the codes. */
export function OutboxPage({ ctx, messages, to, invalidTo }: OutboxPageProps) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('notifications.outbox.title')}>
      <h1>{t('notifications.outbox.title')}</h1>
      <p class="lead">{t('notifications.outbox.intro')}</p>
      <form method="get" action="/dev/outbox" role="search" novalidate>
        <p>
          <label for="outbox-to">{t('notifications.outbox.filter_label')}</label>
          <br />
          <input
            id="outbox-to"
            name="to"
            type="text"
            dir="ltr"
            inputMode="email"
            autoComplete="off"
            value={to}
            aria-describedby={invalidTo ? 'outbox-to-hint outbox-to-error' : 'outbox-to-hint'}
            aria-invalid={invalidTo ? 'true' : undefined}
          />{' '}
          <button type="submit">{t('notifications.outbox.filter_submit')}</button>
          <br />
          <span id="outbox-to-hint" class="muted">
            {t('notifications.outbox.filter_hint')}
          </span>
        </p>
        {invalidTo && (
          <p id="outbox-to-error" class="error-box" role="alert">
            {t('notifications.outbox.invalid_to')}
          </p>
        )}
        {to !== '' && (
          <p>
            <a href="/dev/outbox">{t('notifications.outbox.show_all')}</a>
          </p>
        )}
      </form>
      {messages.length === 0 ? (
        <div class="notice" role="status">
          <p>{t('notifications.outbox.empty')}</p>
        </div>
      ) : (
        <div class="table-wrap">
          <table class="table-cards">
            <thead>
              <tr>
                <th scope="col">{t('notifications.outbox.created_at')}</th>
                <th scope="col">{t('notifications.outbox.to')}</th>
                <th scope="col">{t('notifications.outbox.channel')}</th>
                <th scope="col">{t('notifications.outbox.text')}</th>
                <th scope="col">{t('notifications.outbox.status')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td data-label={t('notifications.outbox.created_at')}>
                    <bdi class="nowrap">{formatDateTime(m.created_at, locale)}</bdi>
                  </td>
                  <td data-label={t('notifications.outbox.to')}>
                    <Ltr>{m.recipient}</Ltr>
                  </td>
                  <td data-label={t('notifications.outbox.channel')}>{t(`notifications.outbox.channel.${m.channel}`)}</td>
                  <td data-label={t('notifications.outbox.text')}>
                    {/* The message in its own language and direction, beside a label in the page's. */}
                    <span lang={m.locale} dir={m.locale === 'ar' ? 'rtl' : 'ltr'}>
                      {m.subject && <strong>{m.subject}</strong>}
                      {m.body.split('\n').map((line, i) => (
                        <span key={i}>
                          {(i > 0 || m.subject) && <br />}
                          {line}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td data-label={t('notifications.outbox.status')}>{t(`notifications.outbox.status.${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
