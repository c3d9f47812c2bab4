import type { BillRow } from '../../db/tables.js';
import { formatDateTime } from '../../kernel/dates.js';
import { formatMoney } from '../../kernel/money.js';
import { CsrfField } from '../../identity/pages/form-parts.js';
import type { PageContext } from '../../web/context.js';
import type { BankRefundView } from '../refunds.js';
import { Layout } from '../../web/layout.js';
import { Ltr } from '../../web/ui/ltr.js';

/** The demo bank's "government payments (SADAD)" screen. */
export function DemoBankPage(props: { ctx: PageContext; csrfToken: string; billerCode: string; input?: string; bill?: BillRow; error?: string; paidTransaction?: string; refunds?: BankRefundView[] }) {
  const { ctx, csrfToken, bill, error, paidTransaction } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('demo_bank.title')}>
      <div class="form-page">
        <p class="step-label">{t('demo_bank.sandbox_note')}</p>
        <h1>{t('demo_bank.title')}</h1>
        <p>
          <a href="/dev/bank/online">{t('demo_bank.online_link')}</a>
        </p>
        {error && (
          <div class="error-summary" role="alert" id="billNumber-error">
            <p>{error}</p>
          </div>
        )}
        {paidTransaction && bill && (
          <div class="notice notice-success" role="status">
            <p>{t('demo_bank.paid', { amount: formatMoney(bill.amount, locale), number: bill.number })}</p>
            <p>
              {t('demo_bank.transaction')} <Ltr>{paidTransaction}</Ltr>
            </p>
          </div>
        )}
        <form method="post" action="/dev/bank" class="stack-form">
          <CsrfField token={csrfToken} />
          {/* No bill found: the message is about the number typed, so the input names it too. */}
          <div class={error && !bill ? 'field field-invalid' : 'field'}>
            <label for="billNumber">{t('payments.bill_number')}</label>
            <p class="field-hint" id="billNumber-hint">
              {t('demo_bank.biller', { code: props.billerCode })}
            </p>
            <input
              id="billNumber"
              name="billNumber"
              inputMode="numeric"
              autocomplete="off"
              dir="ltr"
              aria-describedby={error && !bill ? 'billNumber-hint billNumber-error' : 'billNumber-hint'}
              aria-invalid={error && !bill ? 'true' : undefined}
              value={props.input ?? ''}
              required
            />
          </div>
          <button type="submit" class="button button-secondary">
            {t('demo_bank.look_up')}
          </button>
        </form>
        {bill && !paidTransaction && (
          <section class="section" aria-labelledby="bill-title">
            <h2 id="bill-title">{t('demo_bank.bill')}</h2>
            <dl class="summary-list">
              <div class="summary-row">
                <dt>{t('demo_bank.description')}</dt>
                <dd>{(bill.description as unknown as { ar: string; en: string })[locale]}</dd>
              </div>
              <div class="summary-row">
                <dt>{t('payments.total')}</dt>
                <dd>
                  <bdi>{formatMoney(bill.amount, locale)}</bdi>
                </dd>
              </div>
              <div class="summary-row">
                <dt>{t('payments.pay_by')}</dt>
                <dd>{formatDateTime(bill.expires_at, locale)}</dd>
              </div>
            </dl>
            {!error && (
              <form method="post" action="/dev/bank" class="stack-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="billNumber" value={bill.number} />
                <input type="hidden" name="pay" value="yes" />
                <button type="submit" class="button">
                  {t('demo_bank.pay', { amount: formatMoney(bill.amount, locale) })}
                </button>
              </form>
            )}
          </section>
        )}
        {props.refunds && props.refunds.length > 0 && (
          <section class="section" aria-labelledby="refunds-title">
            <h2 id="refunds-title">{t('demo_bank.refunds_title')}</h2>
            <ul class="plain-list">
              {props.refunds.map((refund) => (
                <li key={refund.refundId}>
                  <form method="post" action={`/dev/bank/refunds/${refund.refundId}`} class="inline-form">
                    <CsrfField token={csrfToken} />
                    <span>
                      {t('demo_bank.refund_line', { amount: formatMoney(refund.amount, locale), number: refund.billNumber })} <Ltr>{refund.transactionId}</Ltr>{' '}
                    </span>
                    <button type="submit" class="button button-secondary">
                      {t('demo_bank.refund_confirm')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </Layout>
  );
}
