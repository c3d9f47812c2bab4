import type { ActorRole, AnyService } from '../../catalogue/define.js';
import { asksConfirmation } from '../confirmation.js';
import type { RequestEventRow, ServiceRequestRow } from '../../db/tables.js';
import { formatDateInWords, formatDateTime, formatHijri } from '../../kernel/dates.js';
import { formatMoney } from '../../kernel/money.js';
import { ltr } from '../../kernel/bidi.js';
import { formatReference } from '../../kernel/reference.js';
import { CsrfField, ErrorSummary } from '../../identity/pages/form-parts.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Breadcrumbs, servicesTrail } from './catalogue.js';
import { payerOf, requestDetailRows } from '../views.js';
import { Ltr } from '../../web/ui/ltr.js';

/** The person's requests: the list ("Previous requests"), one request with its timeline, and its print view. */

function stateLabel(ctx: PageContext, service: AnyService | undefined, state: string): string {
  return service?.workflow.states[state]?.label[ctx.locale] ?? state;
}

export function StateTag({ ctx, service, row }: { ctx: PageContext; service: AnyService | undefined; row: Pick<ServiceRequestRow, 'state' | 'final'> }) {
  const spec = service?.workflow.states[row.state];
  const tone = !row.final ? (spec?.waitingFor === 'applicant' ? 'badge-warning' : 'badge-info') : row.state === 'completed' ? 'badge-ok' : 'badge-neutral';
  return <span class={`badge ${tone}`}>{stateLabel(ctx, service, row.state)}</span>;
}

export function RequestsListPage({ ctx, rows, catalogue, service, madeToMe = false }: { ctx: PageContext; rows: ServiceRequestRow[]; catalogue: (id: string) => AnyService | undefined; service: AnyService | null; madeToMe?: boolean }) {
  const { t, locale } = ctx;
  // Requests made to me (I am the other party): the service's own title ("service transfer requests").
  const title = madeToMe ? (service?.counterparty?.listTitle[locale] ?? t('requests.awaiting_me.title')) : t('service_pages.previous_requests');
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs ctx={ctx} trail={service ? servicesTrail(ctx, service).concat({ label: title }) : [{ href: '/', label: t('layout.home') }, { href: '/services', label: t('service_pages.my_services') }, { label: title }]} />
      <h1>{title}</h1>
      {service && <p class="lead">{service.name[locale]}</p>}
      {madeToMe && <p>{t('requests.awaiting_me.intro')}</p>}
      {rows.length === 0 && madeToMe ? (
        <div class="notice" role="status">
          <p>{t('requests.awaiting_me.none')}</p>
        </div>
      ) : rows.length === 0 ? (
        <div class="notice" role="status">
          <p>{t('service_pages.no_requests')}</p>
          <p>
            <a href={service ? `/services/${service.id}/apply` : '/services'}>{t(service ? 'service_pages.new_request' : 'service_pages.my_services')}</a>
          </p>
        </div>
      ) : (
        <div class="table-wrap">
          <table class="table-cards">
            <thead>
              <tr>
                <th scope="col">{t('service_pages.reference')}</th>
                <th scope="col">{t('service_pages.service')}</th>
                <th scope="col">{t('service_pages.state')}</th>
                <th scope="col">{t('service_pages.submitted')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const s = catalogue(row.service_id);
                return (
                  <tr key={row.id}>
                    <td data-label={t('service_pages.reference')}>
                      <a href={`/requests/${row.reference}`}>
                        <Ltr nowrap>{formatReference(row.reference)}</Ltr>
                      </a>
                    </td>
                    <td data-label={t('service_pages.service')}>{s?.name[locale] ?? row.service_id}</td>
                    <td data-label={t('service_pages.state')}>
                      <StateTag ctx={ctx} service={s} row={row} />
                    </td>
                    <td data-label={t('service_pages.submitted')}>
                      <bdi class="nowrap">{formatDateTime(row.created_at, locale)}</bdi>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

function eventLabel(ctx: PageContext, service: AnyService, event: RequestEventRow): string {
  const action = service.workflow.actions[event.action];
  return action ? action.label[ctx.locale] : ctx.t(`requests.history.${event.action}`);
}

function actorLabel(ctx: PageContext, service: AnyService, event: RequestEventRow, roles: readonly ActorRole[]): string {
  if (event.actor_kind === 'system') return ctx.t('service_pages.by_system');
  if (event.actor_kind === 'staff') return ctx.t('service_pages.by_agency');
  // A request with another party: each side sees the other's actions by name of their part.
  if (event.actor_role && !roles.includes(event.actor_role as ActorRole)) {
    if (event.actor_role === 'counterparty' && service.counterparty) return service.counterparty.label[ctx.locale];
    if (event.actor_role === 'applicant') return ctx.t('requests.by_applicant');
  }
  return ctx.t('service_pages.by_you');
}

/** The request's details as label / value rows (its service's summary, or the answers and results). */
export function AnswerRows({ ctx, service, row }: { ctx: PageContext; service: AnyService; row: ServiceRequestRow }) {
  return (
    <dl class="summary-list">
      {requestDetailRows(service, row, ctx.locale, ctx.t).map((detail) => (
        <div key={detail.key} class="summary-row">
          <dt>{detail.label}</dt>
          <dd>
            <bdi dir={detail.dir} class={detail.dir ? 'ltr-value' : undefined}>
              {detail.value}
            </bdi>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export interface RequestPageProps {
  ctx: PageContext;
  service: AnyService;
  row: ServiceRequestRow;
  history: RequestEventRow[];
  actions: string[];
  /** The reader's roles on the request: the pay button is the payer's. */
  roles?: readonly ActorRole[];
  notice?: string | undefined;
  message?: string | undefined;
  /** The state's time has run out (an unpaid request): nothing can be done, and the platform will close it. */
  timeRanOut?: boolean;
}

/** The other party as a sentence names them ("the new sponsor"): a common noun, lower case in English. */
function partyName(service: AnyService, locale: 'ar' | 'en'): string {
  const label = service.counterparty?.label[locale] ?? '';
  return locale === 'en' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

export function RequestPage({ ctx, service, row, history, actions, roles = ['applicant'], notice, message, timeRanOut = false }: RequestPageProps) {
  const { t, locale, user } = ctx;
  const reference = formatReference(row.reference);
  // In the title and the breadcrumbs (plain text), the reference is isolated left to right in Arabic.
  const referenceText = locale === 'ar' ? ltr(reference) : reference;
  const spec = service.workflow.states[row.state];
  return (
    <Layout ctx={ctx} title={`${t('service_pages.request')} ${referenceText}`}>
      <Breadcrumbs
        ctx={ctx}
        trail={servicesTrail(ctx, service).concat(
          roles.includes('applicant') || !service.counterparty
            ? { href: `/requests?service=${encodeURIComponent(service.id)}`, label: t('service_pages.previous_requests') }
            : { href: `/requests/made-to-me?service=${encodeURIComponent(service.id)}`, label: service.counterparty.listTitle[locale] },
          { label: referenceText },
        )}
      />
      {notice && (
        <div class="panel panel-success" role="status">
          <p>{notice}</p>
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={[]} message={message} />
      {timeRanOut && (
        <div class="notice notice-warning" role="status">
          <p>
            {t('service_pages.time_ran_out')}
            {roles.includes('applicant') && ` ${t('service_pages.time_ran_out_apply_again')}`}
          </p>
        </div>
      )}
      <p class="step-label">{service.name[locale]}</p>
      <h1>
        {t('service_pages.request')} <Ltr nowrap>{reference}</Ltr>
      </h1>
      <dl class="summary-list">
        <div class="summary-row">
          <dt>{t('service_pages.state')}</dt>
          <dd>
            <StateTag ctx={ctx} service={service} row={row} />
            {spec?.waitingFor !== 'agency' && row.state === service.workflow.awaitingPayment && roles.includes(payerOf(service)) && (
              <>
                <p>{t('service_pages.awaiting_payment_hint')}</p>
                <p>
                  <a class="button" href={`/requests/${row.reference}/payment`}>
                    {t('payments.pay_now')}
                  </a>
                </p>
              </>
            )}
          </dd>
        </div>
        <div class="summary-row">
          <dt>{t('service_pages.submitted')}</dt>
          <dd>
            {formatDateTime(row.created_at, locale)} <span class="muted">({formatHijri(row.created_at, locale)})</span>
          </dd>
        </div>
        {row.due_at && !row.final && (
          <div class="summary-row">
            <dt>{t('service_pages.expected_by')}</dt>
            <dd>{formatDateInWords(row.due_at, locale)}</dd>
          </div>
        )}
        <div class="summary-row">
          <dt>{t('service_pages.fee')}</dt>
          <dd>
            {row.fee_total === 0 ? t('service_pages.no_fee') : formatMoney(row.fee_total, locale)}
            {/* Paid by the other party (a transfer's new sponsor): each side is told who pays. */}
            {row.fee_total > 0 && service.payment?.payer === 'counterparty' && (
              <span class="muted"> {roles.includes('counterparty') ? t('service_pages.fee_yours_after_accepting') : t('service_pages.fee_paid_by', { party: partyName(service, locale) })}</span>
            )}
          </dd>
        </div>
      </dl>
      <div class="action-row">
        <a class="button button-secondary" href={`/requests/${row.reference}/print`}>
          {t('service_pages.print')}
        </a>
        <a class="button button-secondary" href={`/requests/${row.reference}/proof.pdf`}>
          {t('service_pages.download_pdf')}
        </a>
      </div>
      <section class="section" aria-labelledby="details-title">
        <h2 id="details-title">{t('service_pages.details')}</h2>
        <AnswerRows ctx={ctx} service={service} row={row} />
      </section>
      <section class="section" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('service_pages.timeline')}</h2>
        <ol class="timeline">
          {history.map((event) => (
            <li key={event.seq}>
              <p class="timeline-what">
                <strong>{eventLabel(ctx, service, event)}</strong>
                {event.from_state !== event.to_state && <span> — {stateLabel(ctx, service, event.to_state)}</span>}
              </p>
              <p class="muted">
                <bdi class="nowrap">{formatDateTime(event.occurred_at, locale)}</bdi> · {actorLabel(ctx, service, event, roles)}
              </p>
              {event.reason_code && (
                <p>
                  {t('service_pages.reason')}: {service.rejectReasons?.find((r) => r.code === event.reason_code)?.label[locale] ?? event.reason_code}
                  {event.reason_text && <> — {event.reason_text}</>}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
      {actions.length > 0 && (
        <section class="section" aria-labelledby="actions-title">
          <h2 id="actions-title">{t('service_pages.your_actions')}</h2>
          {actions.map((action) => (
            <form key={action} method="post" action={`/requests/${row.reference}/actions/${action}`} class="inline-form">
              <CsrfField token={user!.csrfToken} />
              <input type="hidden" name="expectedVersion" value={String(row.version)} />
              <button type="submit" class={asksConfirmation(service, action) ? 'button button-danger' : 'button'}>
                {service.workflow.actions[action]!.label[locale]}
              </button>
            </form>
          ))}
        </section>
      )}
    </Layout>
  );
}
