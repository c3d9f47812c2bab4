import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CsrfField, ErrorSummary, Field, type FormError } from './form-parts.js';

export interface CodePageProps {
  ctx: PageContext;
  csrfToken: string;
  challengeId: string;
  purpose: 'register' | 'login';
  /** 05XXXXX123: enough for the person to recognise their number. */
  maskedMobile: string;
  /** When a new code may be asked for; null once the challenge is dead (used, exhausted). */
  resendAt: Date | null;
  now: Date;
  next?: string | undefined;
  errors?: FormError[];
  message?: string | undefined;
  /** A resend went through: say so. */
  resent?: boolean;
}

// Only the time matters here (the code lives 5 minutes): hours, minutes and seconds in Riyadh.
const timeFormat = {
  ar: new Intl.DateTimeFormat('ar-SA-u-nu-latn', { timeZone: 'Asia/Riyadh', hour: 'numeric', minute: '2-digit', second: '2-digit', hourCycle: 'h12' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Riyadh', hour: 'numeric', minute: '2-digit', second: '2-digit', hourCycle: 'h12' }),
};

/**
 * "Send a new code": a button once a minute has passed since the last code, before that the
 * time from which one may be asked for and a link to look again (no JavaScript, so no timer).
 * Nothing when the challenge is dead (resendAt null).
 */
export function ResendSection(props: { ctx: PageContext; csrfToken: string; action: string; resendAt: Date | null; now: Date; next?: string | undefined; checkAgainHref: string }) {
  const { ctx, resendAt } = props;
  const { t } = ctx;
  if (!resendAt) return null;
  return (
    <section class="resend" aria-labelledby="resend-title">
      <h2 id="resend-title">{t('pages.code.resend_title')}</h2>
      {resendAt.getTime() <= props.now.getTime() ? (
        <form method="post" action={props.action}>
          <CsrfField token={props.csrfToken} />
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <button type="submit" class="button button-secondary">
            {t('pages.code.resend')}
          </button>
        </form>
      ) : (
        <p>
          {t('pages.code.resend_from')} <bdi class="nowrap">{timeFormat[ctx.locale].format(resendAt)}</bdi>.{' '}
          <a href={props.checkAgainHref}>{t('pages.code.check_again')}</a>
        </p>
      )}
    </section>
  );
}

/** The one-time code: six digits from the SMS, and a new code once a minute has passed (no JavaScript). */
export function CodePage(props: CodePageProps) {
  const { ctx, csrfToken, challengeId, resendAt, now, errors = [] } = props;
  const { t } = ctx;
  const base = `/codes/${challengeId}`;
  return (
    <Layout ctx={ctx} title={t('pages.code.title')}>
      <div class="form-page">
        <p class="step-label">{t(props.purpose === 'register' ? 'pages.code.step_register' : 'pages.code.step_login')}</p>
        <h1>{t('pages.code.title')}</h1>
        <p class="lead">
          {t('pages.code.sent_to')} <bdi dir="ltr" class="ltr-value">{props.maskedMobile}</bdi>
        </p>
        {props.resent && (
          <div class="notice" role="status">
            <p>{t('pages.code.resent')}</p>
          </div>
        )}
        <ErrorSummary ctx={ctx} errors={errors} message={props.message} />
        <form method="post" action={base} novalidate class="stack-form">
          <CsrfField token={csrfToken} />
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <Field ctx={ctx} errors={errors} name="code" label={t('pages.code.code')} hint={t('pages.code.code.hint')} inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxLength={6} ltr required />
          <button type="submit" class="button">
            {t('pages.code.submit')}
          </button>
        </form>
        <ResendSection ctx={ctx} csrfToken={csrfToken} action={`${base}/resend`} resendAt={resendAt} now={now} next={props.next} checkAgainHref={props.next ? `${base}?next=${encodeURIComponent(props.next)}` : base} />
        <p>
          <a href={props.purpose === 'register' ? '/register' : '/login'}>{t('pages.code.start_again')}</a>
        </p>
      </div>
    </Layout>
  );
}

/** The end of registration: the account is active, or registered with the ways to activate it. */
export function RegisteredPage({ ctx, status, message }: { ctx: PageContext; status: 'active' | 'registered'; message: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(status === 'active' ? 'pages.registered.title_active' : 'pages.registered.title_registered')}>
      <div class="form-page">
        <div class={status === 'active' ? 'panel panel-success' : 'panel'} role="status">
          <h1>{t(status === 'active' ? 'pages.registered.title_active' : 'pages.registered.title_registered')}</h1>
          <p>{message}</p>
        </div>
        {status === 'registered' && (
          <section aria-labelledby="activate-title">
            <h2 id="activate-title">{t('pages.activation.title')}</h2>
            <ul class="steps">
              <li>{t('pages.activation.office')}</li>
              <li>{t('pages.activation.bank')}</li>
            </ul>
          </section>
        )}
        <p>
          <a class="button" href="/login">
            {t('pages.registered.login')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
