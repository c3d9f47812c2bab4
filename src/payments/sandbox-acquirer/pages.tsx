import type { ComponentChildren } from 'preact';
import type { GatewayPaymentStatus } from '../gateway.js';
import type { Locale, Translator } from '../../kernel/i18n/index.js';
import { formatMoney } from '../../kernel/money.js';
import { groupDigits, TEST_CARDS } from './cards.js';
import type { CardField } from './card-form.js';
import { STYLESHEET_PATH } from './stylesheet.js';

/**
 * The hosted pages: standalone HTML (not the portal's layout), clearly marked as a test
 * acquirer, Arabic by default. They work without JavaScript; the card number and the CVV are
 * never written back into a page.
 */

export interface View {
  locale: Locale;
  t: Translator;
  /** The page's own path without a query, for the language switch. */
  path: string;
}

/** What the pages show of a checkout. */
export interface CheckoutView {
  id: string;
  amount: number;
  description: { ar: string; en: string };
  returnUrl: string;
}

export interface PageError {
  field: CardField | 'code';
  message: string;
}

const fieldId = (name: string) => `field-${name}`;

function Shell({ view, title, children }: { view: View; title: string; children: ComponentChildren }) {
  const { t, locale } = view;
  const other = locale === 'ar' ? 'en' : 'ar';
  return (
    <html lang={locale} dir={locale === 'ar' ? 'rtl' : 'ltr'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} — ${t('acquirer.name')}`}</title>
        <link rel="stylesheet" href={STYLESHEET_PATH} />
      </head>
      <body>
        <p class="sandbox-banner" role="note">
          {t('acquirer.banner')}
        </p>
        <header class="acquirer-header">
          <div class="row">
            <span class="acquirer-brand">
              {t('acquirer.name')}
              <span class="tag" lang="en">
                SANDBOX
              </span>
            </span>
            <a href={`${view.path}?lang=${other}`} lang={other} hreflang={other} aria-label={t('acquirer.language_switch_label')}>
              {t('acquirer.language_switch')}
            </a>
          </div>
        </header>
        <main id="main">
          <h1>{title}</h1>
          {children}
        </main>
        <footer class="acquirer-footer">
          <p>{t('acquirer.footer')}</p>
        </footer>
      </body>
    </html>
  );
}

function Summary({ view, checkout }: { view: View; checkout: CheckoutView }) {
  const { t, locale } = view;
  return (
    <section class="summary" aria-label={t('acquirer.summary_label')}>
      <dl>
        <dt>{t('acquirer.merchant')}</dt>
        <dd>{t('acquirer.merchant_name')}</dd>
        <dt>{t('acquirer.description')}</dt>
        <dd>{checkout.description[locale]}</dd>
        <dt>{t('acquirer.amount')}</dt>
        <dd>
          <bdi>{formatMoney(checkout.amount, locale)}</bdi>
        </dd>
      </dl>
    </section>
  );
}

function ErrorSummary({ view, errors }: { view: View; errors: PageError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{view.t('acquirer.errors.summary')}</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.field}>
            <a href={`#${fieldId(error.field)}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface InputProps {
  view: View;
  name: CardField | 'code';
  label: string;
  hint?: string;
  errors: PageError[];
  value?: string | undefined;
  autocomplete: string;
  numeric?: boolean;
  maxLength: number;
}

/** A labelled input whose hint and error are tied to it with aria-describedby. */
function Input({ view, name, label, hint, errors, value, autocomplete, numeric, maxLength }: InputProps) {
  const id = fieldId(name);
  const messages = errors.filter((e) => e.field === name).map((e) => e.message);
  const describedBy = [hint ? `${id}-hint` : '', messages.length > 0 ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={messages.length > 0 ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {messages.length > 0 && (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">{view.t('acquirer.errors.prefix')} </span>
          {messages.join(' ')}
        </p>
      )}
      <input
        id={id}
        name={name}
        type="text"
        value={value}
        autocomplete={autocomplete}
        inputMode={numeric ? 'numeric' : undefined}
        dir={numeric ? 'ltr' : undefined}
        maxLength={maxLength}
        spellcheck={false}
        required
        aria-describedby={describedBy}
        aria-invalid={messages.length > 0 ? 'true' : undefined}
      />
    </div>
  );
}

/**
 * "Cancel and return": a form, not a link, so only the person's click cancels (a crawler or a
 * prefetch following a link cannot), with the same CSRF token as the page's other form.
 */
function CancelForm({ view, action, csrfToken }: { view: View; action: string; csrfToken: string }) {
  return (
    <form method="post" action={action} class="cancel-form">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <button type="submit" class="link-button">
        {view.t('acquirer.card.cancel')}
      </button>
    </form>
  );
}

function TestCards({ view }: { view: View }) {
  const { t } = view;
  return (
    <details class="test-cards">
      <summary>{t('acquirer.test_cards.title')}</summary>
      <p class="note">{t('acquirer.test_cards.note')}</p>
      <table>
        <caption>{t('acquirer.test_cards.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('acquirer.test_cards.number')}</th>
            <th scope="col">{t('acquirer.test_cards.scheme')}</th>
            <th scope="col">{t('acquirer.test_cards.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {TEST_CARDS.map((card) => (
            <tr key={card.number}>
              <td>
                <bdi class="ltr">{groupDigits(card.number)}</bdi>
              </td>
              <td>{t(`acquirer.scheme.${card.scheme}`)}</td>
              <td>{t(`acquirer.outcome.${card.outcome}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export interface CardPageProps {
  view: View;
  checkout: CheckoutView;
  csrfToken: string;
  action: string;
  /** Where "Cancel and return" posts. */
  cancelAction: string;
  errors?: PageError[];
  /** Kept from a refused submission: the name and the expiry, never the number or the CVV. */
  kept?: { name: string; expiry: string };
}

export function CardPage({ view, checkout, csrfToken, action, cancelAction, errors = [], kept }: CardPageProps) {
  const { t, locale } = view;
  return (
    <Shell view={view} title={t('acquirer.card.title')}>
      <Summary view={view} checkout={checkout} />
      <ErrorSummary view={view} errors={errors} />
      <form method="post" action={action} novalidate class="card-form">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <p class="note">{t('acquirer.card.accepted')}</p>
        <Input view={view} name="name" label={t('acquirer.card.name')} errors={errors} value={kept?.name} autocomplete="cc-name" maxLength={100} />
        <Input view={view} name="number" label={t('acquirer.card.number')} hint={t('acquirer.card.number_hint')} errors={errors} autocomplete="cc-number" numeric maxLength={23} />
        <div class="field-row">
          <Input view={view} name="expiry" label={t('acquirer.card.expiry')} hint={t('acquirer.card.expiry_hint')} errors={errors} value={kept?.expiry} autocomplete="cc-exp" numeric maxLength={7} />
          <Input view={view} name="cvv" label={t('acquirer.card.cvv')} hint={t('acquirer.card.cvv_hint')} errors={errors} autocomplete="cc-csc" numeric maxLength={3} />
        </div>
        <button type="submit" class="button">
          {t('acquirer.card.pay', { amount: formatMoney(checkout.amount, locale) })}
        </button>
        <p class="note">{t('acquirer.card.not_stored')}</p>
      </form>
      <CancelForm view={view} action={cancelAction} csrfToken={csrfToken} />
      <TestCards view={view} />
    </Shell>
  );
}

export interface CodePageProps {
  view: View;
  checkout: CheckoutView;
  scheme: string;
  last4: string;
  csrfToken: string;
  action: string;
  /** Where "Cancel and return" posts. */
  cancelAction: string;
  /** The code the sandbox accepts, shown as a test hint. */
  testCode: string;
  errors?: PageError[];
}

export function CodePage({ view, checkout, scheme, last4, csrfToken, action, cancelAction, testCode, errors = [] }: CodePageProps) {
  const { t } = view;
  return (
    <Shell view={view} title={t('acquirer.three_ds.title')}>
      <Summary view={view} checkout={checkout} />
      <ErrorSummary view={view} errors={errors} />
      <form method="post" action={action} novalidate class="code-form">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <p>
          {t('acquirer.three_ds.card', { scheme: t(`acquirer.scheme.${scheme}`), last4 })}
        </p>
        <p>{t('acquirer.three_ds.lead')}</p>
        <div class="test-hint" role="note">
          <p>
            {t('acquirer.three_ds.test_hint')} <strong class="ltr">{testCode}</strong>
          </p>
        </div>
        <Input view={view} name="code" label={t('acquirer.three_ds.code')} hint={t('acquirer.three_ds.code_hint')} errors={errors} autocomplete="one-time-code" numeric maxLength={6} />
        <button type="submit" class="button">
          {t('acquirer.three_ds.submit')}
        </button>
      </form>
      <CancelForm view={view} action={cancelAction} csrfToken={csrfToken} />
    </Shell>
  );
}

export interface StatusPageProps {
  view: View;
  /** The payment's status now, or 'not_found' / 'forbidden' for a page without a payment. */
  status: GatewayPaymentStatus | 'not_found' | 'forbidden';
  checkout?: CheckoutView | undefined;
  declineCode?: string | null;
}

/** Where a payment stands once the card form is behind it (or why there is nothing to show). */
export function StatusPage({ view, status, checkout, declineCode }: StatusPageProps) {
  const { t } = view;
  // A cancelled checkout reads `failed` through the port; its page says what happened.
  const title = t(declineCode === 'cancelled' ? 'acquirer.status.cancelled' : `acquirer.status.${status}`);
  return (
    <Shell view={view} title={title}>
      {checkout && <Summary view={view} checkout={checkout} />}
      {status === 'not_found' && <p>{t('acquirer.status.not_found_body')}</p>}
      {status === 'forbidden' && <p>{t('acquirer.errors.csrf')}</p>}
      {declineCode && <p>{t(`acquirer.decline.${declineCode}`)}</p>}
      {checkout && (
        <>
          <p>{t('acquirer.status.next')}</p>
          <a class="button" href={checkout.returnUrl}>
            {t('acquirer.status.return')}
          </a>
        </>
      )}
    </Shell>
  );
}
