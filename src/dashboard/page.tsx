import { formatDateTime, formatGregorian, formatHijri } from '../kernel/dates.js';
import { formatReference } from '../kernel/reference.js';
import type { PageContext } from '../web/context.js';
import { Layout } from '../web/layout.js';
import { AgencyGrid } from '../web/pages/home.js';
import type { AttentionItem, Dashboard, OpenRequest } from './dashboard.js';
import { pageText } from '../web/ui/ltr.js';
import { Ltr } from '../web/ui/ltr.js';

/** The signed-in person's home: the greeting, what needs their attention, their open requests, quick links, the agencies. */

function AttentionList({ ctx, items }: { ctx: PageContext; items: readonly AttentionItem[] }) {
  const { t, locale } = ctx;
  if (items.length === 0) {
    return (
      <div class="notice notice-success" role="status">
        <p>{t('dashboard.attention.none')}</p>
      </div>
    );
  }
  return (
    <ul class="item-list panel attention-list">
      {items.map((item, i) => (
        <li key={`${item.kind}-${i}`} class={`item attention-${item.tone}`} data-kind={item.kind}>
          <div class="item-head">
            <span class="item-title">{pageText(item.title[locale], locale)}</span>
          </div>
          <p>{pageText(item.detail[locale], locale)}</p>
          {item.steps && (
            <ul class="steps">
              {item.steps.map((step, j) => (
                <li key={j}>{step[locale]}</li>
              ))}
            </ul>
          )}
          <p>
            <a href={item.href}>{item.action[locale]}</a>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Open requests as a list (not a table: it reads the same on a phone): service and state, number and date. */
function RequestList({ ctx, rows, label }: { ctx: PageContext; rows: readonly OpenRequest[]; label: string }) {
  const { t, locale } = ctx;
  return (
    <ul class="item-list panel" aria-label={label}>
      {rows.map((r) => (
        <li key={r.reference} class="item">
          <div class="item-head">
            <a class="item-title" href={`/requests/${r.reference}`}>
              {r.service[locale]}
            </a>
            <span class={`badge ${r.waitingFor === 'agency' || r.waitingFor === null ? 'badge-info' : 'badge-warning'}`}>{r.stateLabel[locale]}</span>
          </div>
          <p class="muted">
            {t('service_pages.reference')}:{' '}
            <Ltr nowrap>
              {formatReference(r.reference)}
            </Ltr>
            {' · '}
            {t('service_pages.submitted')}: <bdi class="nowrap">{formatDateTime(r.submittedAt, locale)}</bdi>
          </p>
        </li>
      ))}
    </ul>
  );
}

export function DashboardPage({ ctx, dashboard }: { ctx: PageContext; dashboard: Dashboard }) {
  const { t, locale } = ctx;
  const { unreadNotices } = dashboard;
  const shortcuts: Array<[string, string]> = [
    ['/services', t('dashboard.shortcuts.services')],
    ['/inquiries', t('dashboard.shortcuts.inquiries')],
    ['/requests', t('dashboard.shortcuts.requests')],
    ['/violations', t('dashboard.shortcuts.violations')],
    ['/payments', t('dashboard.shortcuts.payments')],
    ['/suspensions', t('dashboard.shortcuts.suspensions')],
    ['/inbox', unreadNotices > 0 ? t('dashboard.shortcuts.inbox_unread', { count: unreadNotices }) : t('dashboard.shortcuts.inbox')],
    ['/me', t('dashboard.shortcuts.my_data')],
  ];
  return (
    <Layout ctx={ctx} title={t('dashboard.title')}>
      <section class="hero" aria-labelledby="greeting">
        <h1 id="greeting">{t('dashboard.greeting', { name: dashboard.name[locale] })}</h1>
        <p class="lead">{t('dashboard.today', { date: formatGregorian(dashboard.today, locale), hijri: formatHijri(dashboard.today, locale) })}</p>
      </section>

      <div class="dashboard-columns">
        <section class="section" aria-labelledby="attention-title">
          <h2 id="attention-title">{t('dashboard.attention.title')}</h2>
          <AttentionList ctx={ctx} items={dashboard.attention} />
        </section>
        <nav class="section" aria-labelledby="shortcuts-title">
          <h2 id="shortcuts-title">{t('dashboard.shortcuts.title')}</h2>
          <ul class="shortcut-list">
            {shortcuts.map(([href, label]) => (
              <li key={href}>
                <a href={href}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      <section class="section" aria-labelledby="requests-title">
        <h2 id="requests-title">{t('dashboard.requests.title')}</h2>
        {dashboard.openRequests.length === 0 ? <p class="muted">{t('dashboard.requests.none')}</p> : <RequestList ctx={ctx} rows={dashboard.openRequests} label={t('dashboard.requests.title')} />}
        <p>
          <a href="/requests">{t('dashboard.requests.all')}</a>
        </p>
      </section>

      {dashboard.madeToMe.length > 0 && (
        <section class="section" aria-labelledby="made-to-me-title">
          <h2 id="made-to-me-title">{t('dashboard.made_to_me.title')}</h2>
          <RequestList ctx={ctx} rows={dashboard.madeToMe} label={t('dashboard.made_to_me.title')} />
          <p>
            <a href="/requests/made-to-me">{t('dashboard.made_to_me.all')}</a>
          </p>
        </section>
      )}

      <AgencyGrid ctx={ctx} />
    </Layout>
  );
}
