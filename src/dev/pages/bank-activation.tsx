import { CsrfField } from '../../identity/pages/form-parts.js';
import { maskMobile, type BankCustomer } from '../../identity/index.js';
import { formatDateInWords } from '../../kernel/dates.js';
import { maskNationalId } from '../../kernel/national-id.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';

/** The demo bank's online banking: sign in, Government services, Activate Absher/Tayseer. */

export type BankActivationScreen =
  | { kind: 'sign_in'; customers: BankCustomer[]; unknown?: boolean }
  | { kind: 'home'; customer: BankCustomer }
  | { kind: 'review'; customer: BankCustomer }
  | { kind: 'result'; customer: BankCustomer; outcome: 'activated' | 'already_active' | 'refused'; errorCode?: string; bankReference: string };

function Step({ csrfToken, customer, step, label, secondary }: { csrfToken: string; customer: BankCustomer; step: string; label: string; secondary?: boolean }) {
  return (
    <form method="post" action="/dev/bank/online" class="stack-form">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="nationalId" value={customer.nationalId} />
      <input type="hidden" name="step" value={step} />
      <button type="submit" class={secondary ? 'button button-secondary' : 'button'}>
        {label}
      </button>
    </form>
  );
}

export function BankActivationPage({ ctx, csrfToken, screen }: { ctx: PageContext; csrfToken: string; screen: BankActivationScreen }) {
  const { t, locale } = ctx;
  const name = (customer: BankCustomer) => (locale === 'ar' ? customer.nameAr : customer.nameEn);
  return (
    <Layout ctx={ctx} title={t('bank_online.title')}>
      <div class="form-page">
        <p class="step-label">{t('demo_bank.sandbox_note')}</p>
        <h1>{t('bank_online.title')}</h1>
        {screen.kind === 'sign_in' && (
          <>
            {screen.unknown && (
              <div class="error-summary" role="alert">
                <p>{t('bank_online.unknown_customer')}</p>
              </div>
            )}
            <p>{t('bank_online.sign_in_lead')}</p>
            {screen.customers.length === 0 && <p>{t('bank_online.no_customers')}</p>}
            <ul class="plain-list">
              {screen.customers.map((customer) => (
                <li key={customer.nationalId}>
                  <form method="post" action="/dev/bank/online" class="inline-form">
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="nationalId" value={customer.nationalId} />
                    <input type="hidden" name="step" value="home" />
                    <span>
                      {name(customer)} · <bdi dir="ltr">{customer.nationalId}</bdi> · {t(`bank_online.tayseer.${customer.tayseer}`)}{' '}
                    </span>
                    <button type="submit" class="button button-secondary">
                      {t('bank_online.sign_in_as')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
            <p class="field-hint">{t('bank_online.how_to_get_one')}</p>
          </>
        )}
        {screen.kind === 'home' && (
          <section class="section" aria-labelledby="services-title">
            <p>{t('bank_online.welcome', { name: name(screen.customer) })}</p>
            <h2 id="services-title">{t('bank_online.government_services')}</h2>
            <Step csrfToken={csrfToken} customer={screen.customer} step="review" label={t('bank_online.activate_link')} />
          </section>
        )}
        {screen.kind === 'review' && (
          <section class="section" aria-labelledby="review-title">
            <h2 id="review-title">{t('bank_online.activate_link')}</h2>
            <p>{t('bank_online.review_lead')}</p>
            <dl class="summary-list">
              <div class="summary-row">
                <dt>{t('bank_online.national_id')}</dt>
                <dd>
                  <bdi dir="ltr">{maskNationalId(screen.customer.nationalId)}</bdi>
                </dd>
              </div>
              <div class="summary-row">
                <dt>{t('bank_online.date_of_birth')}</dt>
                <dd>{formatDateInWords(screen.customer.dateOfBirth, locale)}</dd>
              </div>
              <div class="summary-row">
                <dt>{t('bank_online.mobile')}</dt>
                <dd>
                  <bdi dir="ltr">{maskMobile(screen.customer.mobile)}</bdi>
                </dd>
              </div>
            </dl>
            <Step csrfToken={csrfToken} customer={screen.customer} step="activate" label={t('bank_online.confirm')} />
          </section>
        )}
        {screen.kind === 'result' && (
          <div class={screen.outcome === 'refused' ? 'error-summary' : 'notice notice-success'} role={screen.outcome === 'refused' ? 'alert' : 'status'}>
            <p>{screen.outcome === 'refused' ? t(`errors.${screen.errorCode}`) : t(`bank_online.result.${screen.outcome}`)}</p>
            <p>{t(screen.outcome === 'refused' && screen.errorCode === 'identity.bank_no_match' ? 'bank_online.next.no_match' : `bank_online.next.${screen.outcome}`)}</p>
            <p>
              {t('bank_online.reference')} <bdi dir="ltr">{screen.bankReference}</bdi>
            </p>
          </div>
        )}
        <p>
          <a href="/dev/bank/online">{t('bank_online.sign_out')}</a> · <a href="/dev/bank">{t('bank_online.to_payments')}</a>
        </p>
      </div>
    </Layout>
  );
}
