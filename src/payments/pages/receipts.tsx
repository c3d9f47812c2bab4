import type { BillLine } from '../../db/tables.js';
import { formatDateTime, formatHijri } from '../../kernel/dates.js';
import { formatMoney } from '../../kernel/money.js';
import { formatReference } from '../../kernel/reference.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import type { PaymentHistoryRow } from '../repository.js';
import type { Receipt } from '../receipts.js';
import { Ltr } from '../../web/ui/ltr.js';

/** "Payments": every payment of the person, with its receipt and any refund. */
export function PaymentsHistoryPage({ ctx, rows }: { ctx: PageContext; rows: PaymentHistoryRow[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('payments.history_title')}>
      <nav aria-label={t('service_pages.breadcrumbs')} class="breadcrumbs">
        <a href="/">{t('layout.home')}</a>
      </nav>
      <h1>{t('payments.history_title')}</h1>
      {rows.length === 0 ? (
        <p class="notice" role="status">
          {t('payments.history_empty')}
        </p>
      ) : (
        <div class="table-wrap">
          {/* The receipt number heads each row and comes first, as the reference does in
              "Previous requests": on a phone it is in view without scrolling the table sideways. */}
          <table class="payments-table table-cards">
            <thead>
              <tr>
                <th scope="col">{t('payments.receipt')}</th>
                <th scope="col">{t('payments.for')}</th>
                <th scope="col">{t('payments.total')}</th>
                <th scope="col">{t('payments.channel')}</th>
                <th scope="col">{t('payments.paid_at')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" data-label={t('payments.receipt')}>
                    {row.receipt_number ? (
                      <a href={`/payments/receipts/${row.receipt_number}`}>
                        <Ltr nowrap>{formatReference(row.receipt_number)}</Ltr>
                      </a>
                    ) : (
                      t('payments.not_applied')
                    )}
                    {row.refund_status && <p class="muted">{t(`payments.refund_status.${row.refund_status}`)}</p>}
                  </th>
                  <td data-label={t('payments.for')}>{row.bill_description[locale]}</td>
                  <td class="nowrap" data-label={t('payments.total')}>
                    <bdi>{formatMoney(row.amount, locale)}</bdi>
                  </td>
                  <td data-label={t('payments.channel')}>{t(`payments.channel.${row.channel}`)}</td>
                  <td data-label={t('payments.paid_at')}>
                    <bdi class="nowrap">{formatDateTime(row.received_at, locale)}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** A receipt, laid out for printing (the browser's print), with the QR code of its verify page. */
export function ReceiptPage({ ctx, receipt, holder, qrSvg, verifyPath }: { ctx: PageContext; receipt: Receipt; holder: { name: string; maskedId: string }; qrSvg: string; verifyPath: string }) {
  const { t, locale } = ctx;
  const { payment, bill, refund } = receipt;
  const lines = bill.breakdown as unknown as BillLine[];
  return (
    <Layout ctx={ctx} title={t('payments.receipt_title')}>
      <article class="proof receipt" aria-labelledby="receipt-title">
        <header class="proof-header">
          <p class="step-label">{t('proofs.platform_name')}</p>
          <h1 id="receipt-title">{t('payments.receipt_title')}</h1>
          <p class="proof-reference">
            {t('proofs.reference')}: <Ltr nowrap>{formatReference(payment.receipt_number)}</Ltr>
          </p>
        </header>
        <dl class="summary-list">
          <div class="summary-row">
            <dt>{t('payments.for')}</dt>
            <dd>{(bill.description as unknown as { ar: string; en: string })[locale]}</dd>
          </div>
          <div class="summary-row">
            <dt>{t('service_pages.holder')}</dt>
            <dd>
              {holder.name} (<Ltr nowrap>{holder.maskedId}</Ltr>)
            </dd>
          </div>
          <div class="summary-row">
            <dt>{t('payments.bill_number')}</dt>
            <dd>
              <Ltr nowrap>{bill.number}</Ltr> ({t('payments.biller_code')} <Ltr>{bill.biller_code}</Ltr>)
            </dd>
          </div>
          {lines.map((line) => (
            <div class="summary-row" key={line.code}>
              <dt>{line.label[locale]}</dt>
              <dd>
                <bdi>{formatMoney(line.amount, locale)}</bdi>
              </dd>
            </div>
          ))}
          <div class="summary-row">
            <dt>{t('payments.total_paid')}</dt>
            <dd>
              <strong>
                <bdi>{formatMoney(payment.amount, locale)}</bdi>
              </strong>
            </dd>
          </div>
          <div class="summary-row">
            <dt>{t('payments.channel_label')}</dt>
            <dd>
              {t(`payments.channel.${payment.channel}`)}
              {payment.last4 && (
                <>
                  {' '}
                  <Ltr>•••• {payment.last4}</Ltr>
                </>
              )}
            </dd>
          </div>
          <div class="summary-row">
            <dt>{t('payments.paid_at')}</dt>
            <dd>
              {formatDateTime(payment.received_at, locale)} <span class="muted">({formatHijri(payment.received_at, locale)})</span>
            </dd>
          </div>
          {receipt.requestReference && (
            <div class="summary-row">
              <dt>{t('service_pages.request')}</dt>
              <dd>
                <a href={`/requests/${receipt.requestReference}`}>
                  <Ltr nowrap>{formatReference(receipt.requestReference)}</Ltr>
                </a>
              </dd>
            </div>
          )}
          {refund && (
            <div class="summary-row">
              <dt>{t('payments.refund')}</dt>
              <dd>{t(`payments.refund_status.${refund.status}`)}</dd>
            </div>
          )}
        </dl>
        <section class="proof-verify" aria-labelledby="verify-title">
          <div class="qr" dangerouslySetInnerHTML={{ __html: qrSvg }} />
          <div>
            <h2 id="verify-title">{t('proofs.verify_heading')}</h2>
            <p>{t('proofs.verify_hint')}</p>
            <p class="proof-link">
              <a href={verifyPath}>{t('service_pages.verify_link')}</a>
            </p>
          </div>
        </section>
        <p class="no-print action-row">
          <a class="button" href={`/payments/receipts/${payment.receipt_number}/receipt.pdf`}>
            {t('payments.download_pdf')}
          </a>
          <a href="/payments">{t('payments.history_title')}</a>
        </p>
      </article>
    </Layout>
  );
}
