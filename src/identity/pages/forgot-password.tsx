import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { ResendSection } from './code.js';
import { CsrfField, ErrorSummary, Field, type FormError } from './form-parts.js';

/**
 * A forgotten password, in three steps: the ID number and the registered mobile; the code sent
 * to that mobile with the new password; done. The pages never say whether the ID and mobile
 * matched an account: a mismatch gets the same code page, where no code is ever right.
 */

export interface ForgotPasswordPageProps {
  ctx: PageContext;
  csrfToken: string;
  values?: { nationalId?: string; mobile?: string };
  errors?: FormError[];
  message?: string | undefined;
}

export function ForgotPasswordPage({ ctx, csrfToken, values = {}, errors = [], message }: ForgotPasswordPageProps) {
  const { t } = ctx;
  const field = { ctx, errors };
  return (
    <Layout ctx={ctx} title={t('pages.forgot.title')}>
      <div class="form-page">
        <h1>{t('pages.forgot.title')}</h1>
        <p class="lead">{t('pages.forgot.intro')}</p>
        <ErrorSummary ctx={ctx} errors={errors} message={message} />
        <form method="post" action="/forgot-password" novalidate class="stack-form">
          <CsrfField token={csrfToken} />
          <Field {...field} name="nationalId" label={t('pages.register.national_id')} hint={t('pages.register.national_id.hint')} value={values.nationalId} inputMode="numeric" ltr maxLength={10} autocomplete="off" required />
          <Field {...field} name="mobile" type="tel" label={t('pages.forgot.mobile')} hint={t('pages.forgot.mobile.hint')} value={values.mobile} inputMode="numeric" autocomplete="tel-national" ltr maxLength={10} required />
          <button type="submit" class="button">
            {t('pages.forgot.submit')}
          </button>
        </form>
        <p>
          <a href="/login">{t('pages.forgot.back_to_login')}</a>
        </p>
        <p class="muted">{t('pages.forgot.no_mobile')}</p>
      </div>
    </Layout>
  );
}

export interface ResetPasswordPageProps {
  ctx: PageContext;
  csrfToken: string;
  challengeId: string;
  /** The number the person typed, masked: the page says nothing about whether it matched. */
  maskedMobile: string;
  /** When a new code may be asked for; null once the challenge is dead (used, exhausted). */
  resendAt: Date | null;
  now: Date;
  errors?: FormError[];
  message?: string | undefined;
  /** A resend went through: say so. */
  resent?: boolean;
}

export function ResetPasswordPage({ ctx, csrfToken, challengeId, maskedMobile, resendAt, now, errors = [], message, resent }: ResetPasswordPageProps) {
  const { t } = ctx;
  const field = { ctx, errors };
  return (
    <Layout ctx={ctx} title={t('pages.reset.title')}>
      <div class="form-page">
        <p class="step-label">{t('pages.reset.step')}</p>
        <h1>{t('pages.reset.title')}</h1>
        <p class="lead">
          {t('pages.reset.sent_to')} <bdi dir="ltr" class="ltr-value">{maskedMobile}</bdi>
        </p>
        {resent && (
          <div class="notice" role="status">
            <p>{t('pages.code.resent')}</p>
          </div>
        )}
        <ErrorSummary ctx={ctx} errors={errors} message={message} />
        <form method="post" action={`/forgot-password/${challengeId}`} novalidate class="stack-form">
          <CsrfField token={csrfToken} />
          <Field {...field} name="code" label={t('pages.code.code')} hint={t('pages.code.code.hint')} inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxLength={6} ltr required />
          <Field {...field} name="newPassword" type="password" label={t('pages.reset.new_password')} hint={t('pages.register.password.hint')} autocomplete="new-password" ltr required />
          <Field {...field} name="newPasswordConfirm" type="password" label={t('pages.reset.new_password_confirm')} autocomplete="new-password" ltr required />
          <button type="submit" class="button">
            {t('pages.reset.submit')}
          </button>
        </form>
        <ResendSection ctx={ctx} csrfToken={csrfToken} action={`/forgot-password/${challengeId}/resend`} resendAt={resendAt} now={now} checkAgainHref={`/forgot-password/${challengeId}`} />
        <p>
          <a href="/forgot-password">{t('pages.code.start_again')}</a>
        </p>
      </div>
    </Layout>
  );
}

export function PasswordResetDonePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pages.reset.done.title')}>
      <div class="form-page">
        <div class="panel panel-success" role="status">
          <h1>{t('pages.reset.done.title')}</h1>
          <p>{t('pages.reset.done.text')}</p>
        </div>
        <p>
          <a class="button" href="/login">
            {t('pages.registered.login')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
