import type { BillLine, BillRow, CardSessionRow } from '../../db/tables.js';
import { formatDateTime, formatHijri } from '../../kernel/dates.js';
import { formatMoney } from '../../kernel/money.js';
import { CsrfField, ErrorSummary } from '../../identity/pages/form-parts.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Ltr } from '../../web/ui/ltr.js';

/**
 * Paying a request's fee: the amount and what it is made of, shown before anything else; the
 * SADAD biller code and bill number for paying at a bank or ATM; and paying by card, where
 * the button says the amount once more before the person is sent to the bank's card page.
 */

export function BillStatusTag({ ctx, bill, now }: { ctx: PageContext; bill: BillRow; now: Date }) {
  const status = bill.status === 'unpaid' && bill.expires_at <= now ? 'expired' : bill.status;
  const tone = status === 'paid' ? 'badge-ok' : status === 'unpaid' ? 'badge-warning' : 'badge-neutral';
  return <span class={`badge ${tone}`}>{ctx.t(`payments.bill_status.${status}`)}</span>;
}

function Lines({ ctx, bill }: { ctx: PageContext; bill: BillRow }) {
  const { t, locale } = ctx;
  const lines = bill.breakdown as unknown as BillLine[];
  return (
    <table class="amounts">
      <caption class="visually-hidden">{t('payments.breakdown')}</caption>
      <tbody>
        {lines.map((line) => (
          <tr key={line.code}>
            <th scope="row">{line.label[locale]}</th>
            <td class="amount">
              <bdi>{formatMoney(line.amount, locale)}</bdi>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('payments.total')}</th>
          <td class="amount">
            <bdi>{formatMoney(bill.amount, locale)}</bdi>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

export interface BillPageProps {
  ctx: PageContext;
  /** What is being paid for: the service's name, or "traffic violations". */
  subject: string;
  /** The heading; "Pay the fee" unless given. */
  title?: string;
  /** The heading once the bill is paid; "Fee paid" unless given. */
  paidTitle?: string;
  back: { href: string; label: string };
  bills: BillRow[];
  now: Date;
  message?: string | undefined;
  /** The receipt of the payment that paid the current bill, when it is paid. */
  receiptNumber?: string | null | undefined;
}

export function ReceiptLink({ ctx, receiptNumber }: { ctx: PageContext; receiptNumber: string | null | undefined }) {
  if (!receiptNumber) return null;
  return (
    <p>
      <a class="button" href={`/payments/receipts/${receiptNumber}`}>
        {ctx.t('payments.view_receipt')}
      </a>
    </p>
  );
}

export function BillPage({ ctx, subject, title: heading, paidTitle, back, bills, now, message, receiptNumber }: BillPageProps) {
  const { t, locale, user } = ctx;
  const current = bills[0];
  const paid = current?.status === 'paid';
  const title = paid ? (paidTitle ?? t('payments.paid_title')) : (heading ?? t('payments.pay_title'));
  const payable = current && current.status === 'unpaid' && current.expires_at > now ? current : undefined;
  return (
    <Layout ctx={ctx} title={title}>
      <nav aria-label={t('service_pages.breadcrumbs')} class="breadcrumbs">
        <a href={back.href}>{back.label}</a>
      </nav>
      <ErrorSummary ctx={ctx} errors={[]} message={message} />
      <p class="step-label">{subject}</p>
      <h1>{title}</h1>
      {!current && <p class="notice">{t('payments.no_bill')}</p>}
      {current && (
        <section class="section" aria-labelledby="amount-title">
          <h2 id="amount-title">
            {t(paid ? 'payments.amount_paid' : 'payments.amount_due')} <BillStatusTag ctx={ctx} bill={current} now={now} />
          </h2>
          <Lines ctx={ctx} bill={current} />
          {paid && (
            <div class="notice notice-success" role="status">
              <p>{t('payments.bill_paid_notice')}</p>
              <ReceiptLink ctx={ctx} receiptNumber={receiptNumber} />
            </div>
          )}
        </section>
      )}
      {payable && (
        <>
          {payable.channels.includes('card') && (
            <section class="section" aria-labelledby="card-title">
              <h2 id="card-title">{t('payments.by_card')}</h2>
              <p>{t('payments.by_card_hint')}</p>
              <form method="post" action={`/payments/bills/${payable.number}/card`} class="stack-form">
                <CsrfField token={user!.csrfToken} />
                <button type="submit" class="button">
                  {t('payments.pay_amount_by_card', { amount: formatMoney(payable.amount, locale) })}
                </button>
              </form>
            </section>
          )}
          {payable.channels.includes('sadad') && (
            <section class="section" aria-labelledby="sadad-title">
              <h2 id="sadad-title">{t('payments.by_sadad')}</h2>
              <p>{t('payments.by_sadad_hint')}</p>
              <dl class="summary-list">
                <div class="summary-row">
                  <dt>{t('payments.biller_code')}</dt>
                  <dd>
                    <Ltr>{payable.biller_code}</Ltr>
                  </dd>
                </div>
                <div class="summary-row">
                  <dt>{t('payments.bill_number')}</dt>
                  <dd>
                    <Ltr nowrap>{payable.number}</Ltr>
                  </dd>
                </div>
                <div class="summary-row">
                  <dt>{t('payments.pay_by')}</dt>
                  <dd>
                    {formatDateTime(payable.expires_at, locale)} <span class="muted">({formatHijri(payable.expires_at, locale)})</span>
                  </dd>
                </div>
              </dl>
            </section>
          )}
        </>
      )}
      {bills.length > 1 && (
        <section class="section" aria-labelledby="earlier-title">
          <h2 id="earlier-title">{t('payments.earlier_bills')}</h2>
          <ul>
            {bills.slice(1).map((bill) => (
              <li key={bill.id}>
                <Ltr nowrap>{bill.number}</Ltr> <BillStatusTag ctx={ctx} bill={bill} now={now} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

/** Back from the card page: paid, not paid (and why), cancelled by the person, or still waiting for the bank's answer. */
export function CardResultPage({ ctx, session, bill, requestReference, receiptNumber }: { ctx: PageContext; session: CardSessionRow; bill: BillRow; requestReference: string | null; receiptNumber?: string | null | undefined }) {
  const { t, locale } = ctx;
  const cancelled = session.status === 'failed' && session.decline_code === 'cancelled';
  const title = t(cancelled ? 'payments.card_result.cancelled' : `payments.card_result.${session.status}`);
  const back = requestReference ? `/requests/${requestReference}` : '/violations';
  const retry = requestReference ? `/requests/${requestReference}/payment` : `/payments/bills/${bill.number}`;
  return (
    <Layout ctx={ctx} title={title}>
      <div class="form-page payment-result">
        <h1>{title}</h1>
        {session.status === 'captured' && (
          <div class="notice notice-success" role="status">
            <p>{t(requestReference ? 'payments.card_paid' : 'payments.card_paid_bill', { amount: formatMoney(session.amount, locale) })}</p>
            <ReceiptLink ctx={ctx} receiptNumber={receiptNumber} />
          </div>
        )}
        {(session.status === 'failed' || session.status === 'expired') && (
          <div class="notice notice-error" role="alert">
            <p>{t(`payments.decline.${session.decline_code ?? 'declined'}`)}</p>
            {/* A payment recorded with the session is being refunded (the message above says so). */}
            {!session.payment_id && <p>{t(bill.channels.includes('sadad') ? 'payments.no_money_taken' : 'payments.no_money_taken_card_only')}</p>}
          </div>
        )}
        {session.status === 'open' && (
          <div class="notice" role="status">
            <p>{t('payments.card_pending')}</p>
            <p>
              <a href={`/payments/card/${session.id}/return`}>{t('payments.check_again')}</a>
            </p>
          </div>
        )}
        <p>
          {session.status !== 'captured' && bill.status === 'unpaid' ? (
            <a class="button" href={retry}>
              {t(cancelled ? 'payments.pay_again' : 'payments.try_again')}
            </a>
          ) : (
            <a href={back}>{requestReference ? t('payments.back_to_request_plain') : t('payments.violations.back')}</a>
          )}
        </p>
      </div>
    </Layout>
  );
}
