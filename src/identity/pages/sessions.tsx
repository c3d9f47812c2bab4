import { ltr } from '../../kernel/bidi.js';
import { formatDateTime } from '../../kernel/dates.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import type { SessionSummary } from '../sessions.js';
import { Badge, Row } from './data-parts.js';
import { deviceSummary } from './display.js';
import { CsrfField } from './form-parts.js';

export interface SecurityEvent {
  at: Date;
  /** Message key of what happened (pages.security.*). */
  key: string;
}

export interface SessionsPageProps {
  ctx: PageContext;
  csrfToken: string;
  currentSessionId: string;
  sessions: SessionSummary[];
  events: SecurityEvent[];
  revoked?: boolean;
}

function Device({ ctx, session }: { ctx: PageContext; session: SessionSummary }) {
  const { t, locale } = ctx;
  if (session.kind === 'api') return <>{t('pages.sessions.api')}</>;
  const { browser, system } = deviceSummary(session.userAgent);
  // The browser's and the system's names are written left to right, as their makers spell them.
  const name = (value: string) => (locale === 'ar' ? ltr(value) : value);
  if (browser && system) return <>{t('pages.sessions.browser_on', { browser: name(browser), system: name(system) })}</>;
  const alone = browser ?? system;
  return alone ? (
    <bdi dir="ltr" class="ltr-value">
      {alone}
    </bdi>
  ) : (
    <>{t('pages.sessions.unknown_device')}</>
  );
}

/** "My sessions": where the account is signed in, a way to end any other, and recent events. */
export function SessionsPage({ ctx, csrfToken, currentSessionId, sessions, events, revoked }: SessionsPageProps) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('pages.sessions.title')}>
      <nav class="breadcrumbs" aria-label={t('pages.breadcrumbs')}>
        <a href="/me">{t('pages.me.title')}</a>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{t('pages.sessions.title')}</span>
      </nav>
      <h1>{t('pages.sessions.title')}</h1>
      <p class="lead">{t('pages.sessions.intro')}</p>
      {revoked && (
        <div class="notice" role="status">
          <p>{t('pages.sessions.revoked')}</p>
        </div>
      )}
      <ul class="item-list panel" role="list">
        {sessions.map((session) => {
          const current = session.sessionId === currentSessionId;
          return (
            <li key={session.sessionId} class="item">
              <div class="item-head">
                <span class="item-title">
                  <Device ctx={ctx} session={session} />
                </span>
                {current && <Badge tone="ok">{t('pages.sessions.this_device')}</Badge>}
              </div>
              <dl class="data-list compact">
                <Row label={t('pages.sessions.ip')}>
                  <bdi dir="ltr" class="ltr-value">{session.ip ?? '—'}</bdi>
                </Row>
                <Row label={t('pages.sessions.started')}>{formatDateTime(session.createdAt, locale)}</Row>
                <Row label={t('pages.sessions.last_seen')}>{formatDateTime(session.lastSeenAt, locale)}</Row>
              </dl>
              {!current && (
                <form method="post" action={`/me/sessions/${session.sessionId}/revoke`}>
                  <CsrfField token={csrfToken} />
                  <button type="submit" class="button button-secondary">
                    {t('pages.sessions.revoke')}
                  </button>
                </form>
              )}
            </li>
          );
        })}
      </ul>

      <section aria-labelledby="events-title">
        <h2 id="events-title">{t('pages.security.title')}</h2>
        {events.length === 0 ? (
          <p class="muted">{t('pages.security.none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('pages.security.when')}</th>
                  <th scope="col">{t('pages.security.what')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event, index) => (
                  <tr key={index}>
                    <td class="nowrap">{formatDateTime(event.at, locale)}</td>
                    <td>{t(event.key)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}
