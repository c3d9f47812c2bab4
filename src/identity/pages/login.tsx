import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CsrfField, ErrorSummary, Field, type FormError } from './form-parts.js';

export interface LoginPageProps {
  ctx: PageContext;
  csrfToken: string;
  login?: string;
  next?: string | undefined;
  errors?: FormError[];
  message?: string | undefined;
  /** The session ended (for the person's protection); `kept`: and what they typed in a form was kept. */
  ended?: 'ended' | 'kept' | undefined;
}

/** Step one of signing in: username or ID number, and the password. A code follows. */
export function LoginPage({ ctx, csrfToken, login, next, errors = [], message, ended }: LoginPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pages.login.title')}>
      <div class="form-page">
        <h1>{t('pages.login.title')}</h1>
        <p class="lead">{t('pages.login.intro')}</p>
        {ended && (
          <div class="notice notice-warning" role="status">
            <p>{t(ended === 'kept' ? 'pages.login.session_ended_kept' : 'pages.login.session_ended')}</p>
          </div>
        )}
        <ErrorSummary ctx={ctx} errors={errors} message={message} />
        <form method="post" action="/login" novalidate class="stack-form">
          <CsrfField token={csrfToken} />
          {next && <input type="hidden" name="next" value={next} />}
          <Field ctx={ctx} errors={errors} name="login" label={t('pages.login.login')} hint={t('pages.login.login.hint')} value={login} autocomplete="username" ltr maxLength={64} required />
          <Field ctx={ctx} errors={errors} name="password" type="password" label={t('pages.login.password')} autocomplete="current-password" ltr required />
          <button type="submit" class="button">
            {t('pages.login.submit')}
          </button>
        </form>
        <p>
          <a href="/forgot-password">{t('pages.login.forgot')}</a>
        </p>
        <p>
          {t('pages.login.no_account')} <a href="/register">{t('pages.nav.register')}</a>
        </p>
      </div>
    </Layout>
  );
}
