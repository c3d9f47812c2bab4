import { ErrorSummary, Field, type FormError } from '../../pages/form-parts.js';
import { StaffCsrfFields, StaffLayout, type StaffPageContext } from './layout.js';

/** Step one of a staff sign-in: username and password. A code by SMS follows. */
export function StaffLoginPage({ ctx, username, errors = [], message }: { ctx: StaffPageContext; username?: string; errors?: FormError[]; message?: string | undefined }) {
  const { t } = ctx;
  return (
    <StaffLayout ctx={ctx} title={t('staff_pages.login.title')}>
      <div class="form-page">
        <h1>{t('staff_pages.login.title')}</h1>
        <p class="lead">{t('staff_pages.login.intro')}</p>
        <ErrorSummary ctx={ctx} errors={errors} message={message} />
        <form method="post" action="/staff/login" novalidate class="stack-form">
          <StaffCsrfFields ctx={ctx} />
          <Field ctx={ctx} errors={errors} name="username" label={t('staff_pages.login.username')} value={username} autocomplete="username" ltr maxLength={64} required />
          <Field ctx={ctx} errors={errors} name="password" type="password" label={t('staff_pages.login.password')} autocomplete="current-password" ltr required />
          <button type="submit" class="button">
            {t('staff_pages.login.submit')}
          </button>
        </form>
      </div>
    </StaffLayout>
  );
}

export interface StaffCodePageProps {
  ctx: StaffPageContext;
  challengeId: string;
  maskedMobile: string;
  /** May a new code be asked for now (false while waiting, or once the challenge is dead). */
  canResend: boolean;
  errors?: FormError[];
  message?: string | undefined;
  resent?: boolean;
}

/** Step two: the six-digit code sent to the staff member's mobile. */
export function StaffCodePage({ ctx, challengeId, maskedMobile, canResend, errors = [], message, resent }: StaffCodePageProps) {
  const { t } = ctx;
  const base = `/staff/codes/${challengeId}`;
  return (
    <StaffLayout ctx={ctx} title={t('staff_pages.code.title')}>
      <div class="form-page">
        <h1>{t('staff_pages.code.title')}</h1>
        <p class="lead">
          {t('staff_pages.code.sent_to')} <bdi dir="ltr" class="ltr-value">{maskedMobile}</bdi>
        </p>
        {resent && (
          <div class="notice" role="status">
            <p>{t('staff_pages.code.resent')}</p>
          </div>
        )}
        <ErrorSummary ctx={ctx} errors={errors} message={message} />
        <form method="post" action={base} novalidate class="stack-form">
          <StaffCsrfFields ctx={ctx} />
          <Field ctx={ctx} errors={errors} name="code" label={t('staff_pages.code.code')} inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxLength={6} ltr required />
          <button type="submit" class="button">
            {t('staff_pages.code.submit')}
          </button>
        </form>
        {canResend && (
          <form method="post" action={`${base}/resend`}>
            <StaffCsrfFields ctx={ctx} />
            <button type="submit" class="button button-secondary">
              {t('staff_pages.code.resend')}
            </button>
          </form>
        )}
        <p>
          <a href="/staff/login">{t('staff_pages.code.start_again')}</a>
        </p>
      </div>
    </StaffLayout>
  );
}
