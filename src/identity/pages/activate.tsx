import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CsrfField, ErrorSummary, Field, type FormError } from './form-parts.js';

/** Activating a registered account with the code from a service office or kiosk (or: the bank). */

export interface ActivatePageProps {
  ctx: PageContext;
  csrfToken: string;
  errors?: FormError[];
  message?: string | undefined;
}

export function ActivatePage({ ctx, csrfToken, errors = [], message }: ActivatePageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pages.activate.title')}>
      <div class="form-page">
        <h1>{t('pages.activate.title')}</h1>
        <p class="lead">{t('pages.activate.intro')}</p>
        <ErrorSummary ctx={ctx} errors={errors} message={message} />
        <form method="post" action="/me/activate" novalidate class="stack-form">
          <CsrfField token={csrfToken} />
          <Field ctx={ctx} errors={errors} name="code" label={t('pages.activate.code')} hint={t('pages.activate.code.hint')} autocomplete="off" ltr maxLength={20} required />
          <button type="submit" class="button">
            {t('pages.activate.submit')}
          </button>
        </form>
        <section aria-labelledby="other-ways-title">
          <h2 id="other-ways-title">{t('pages.activate.other_ways')}</h2>
          <ul class="steps">
            <li>{t('pages.activation.office')}</li>
            <li>{t('pages.activation.bank')}</li>
          </ul>
        </section>
        <p>
          <a href="/me">{t('pages.account.back_to_me')}</a>
        </p>
      </div>
    </Layout>
  );
}

/** The end of activation (or: it was already active). */
export function ActivatedPage({ ctx, already = false }: { ctx: PageContext; already?: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pages.activate.done.title')}>
      <div class="form-page">
        <div class="panel panel-success" role="status">
          <h1>{t('pages.activate.done.title')}</h1>
          <p>{t(already ? 'errors.identity.already_active' : 'pages.activate.done.text')}</p>
        </div>
        <p>
          <a class="button" href="/me">
            {t('pages.account.back_to_me')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
