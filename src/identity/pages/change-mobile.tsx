import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CsrfField, ErrorSummary, Field, type FormError } from './form-parts.js';

/**
 * Changing the mobile: the new number; then two codes, one sent to the current number and one
 * to the new one. Someone who lost the current number brings an office activation code
 * instead of the first code.
 */

export interface ChangeMobilePageProps {
  ctx: PageContext;
  csrfToken: string;
  /** The lost-number form: an office code replaces the code to the current number. */
  lost?: boolean;
  currentMobile?: string | null;
  values?: { newMobile?: string };
  errors?: FormError[];
  message?: string | undefined;
}

export function ChangeMobilePage({ ctx, csrfToken, lost = false, currentMobile, values = {}, errors = [], message }: ChangeMobilePageProps) {
  const { t } = ctx;
  const field = { ctx, errors };
  const title = t(lost ? 'pages.mobile.lost.title' : 'pages.mobile.title');
  return (
    <Layout ctx={ctx} title={title}>
      <div class="form-page">
        <h1>{title}</h1>
        {currentMobile && (
          <p>
            {t('pages.mobile.current')} <bdi dir="ltr" class="ltr-value">{currentMobile}</bdi>
          </p>
        )}
        <p class="lead">{t(lost ? 'pages.mobile.lost.intro' : 'pages.mobile.intro')}</p>
        <ErrorSummary ctx={ctx} errors={errors} message={message} />
        <form method="post" action="/me/mobile" novalidate class="stack-form">
          <CsrfField token={csrfToken} />
          <Field {...field} name="newMobile" type="tel" label={t('pages.mobile.new')} hint={t('pages.mobile.new.hint')} value={values.newMobile} inputMode="numeric" autocomplete="tel-national" ltr maxLength={10} required />
          {lost && <Field {...field} name="activationCode" label={t('pages.activate.code')} hint={t('pages.mobile.lost.code.hint')} autocomplete="off" ltr maxLength={20} required />}
          <button type="submit" class="button">
            {t('pages.mobile.submit')}
          </button>
        </form>
        <p>{lost ? <a href="/me/mobile">{t('pages.mobile.have_old')}</a> : <a href="/me/mobile?lost=1">{t('pages.mobile.lost_link')}</a>}</p>
        <p>
          <a href="/me">{t('pages.account.back_to_me')}</a>
        </p>
      </div>
    </Layout>
  );
}

export interface ConfirmMobilePageProps {
  ctx: PageContext;
  csrfToken: string;
  newChallengeId: string;
  /** Null on the lost-number path. */
  oldChallengeId: string | null;
  maskedOld: string | null;
  maskedNew: string;
  /** Lost-number path: the office code typed on the previous step, shown again to confirm. */
  activationCode?: string | undefined;
  errors?: FormError[];
  message?: string | undefined;
}

export function ConfirmMobilePage(props: ConfirmMobilePageProps) {
  const { ctx, csrfToken, oldChallengeId, errors = [] } = props;
  const { t } = ctx;
  const field = { ctx, errors };
  const code = { inputMode: 'numeric' as const, autocomplete: 'one-time-code', pattern: '[0-9]*', maxLength: 6, ltr: true, required: true };
  return (
    <Layout ctx={ctx} title={t('pages.mobile.confirm.title')}>
      <div class="form-page">
        <h1>{t('pages.mobile.confirm.title')}</h1>
        <p class="lead">{t(oldChallengeId ? 'pages.mobile.confirm.intro' : 'pages.mobile.confirm.intro_lost')}</p>
        <ErrorSummary ctx={ctx} errors={errors} message={props.message} />
        <form method="post" action="/me/mobile/confirm" novalidate class="stack-form">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="newChallengeId" value={props.newChallengeId} />
          {oldChallengeId && <input type="hidden" name="oldChallengeId" value={oldChallengeId} />}
          {oldChallengeId ? (
            <Field {...field} {...code} name="oldCode" label={t('pages.mobile.confirm.old_code')} hint={`${t('pages.code.sent_to')} ${props.maskedOld ?? ''}`} />
          ) : (
            <Field {...field} name="activationCode" label={t('pages.activate.code')} hint={t('pages.activate.code.hint')} value={props.activationCode} autocomplete="off" ltr maxLength={20} required />
          )}
          <Field {...field} {...code} name="newCode" label={t('pages.mobile.confirm.new_code')} hint={`${t('pages.code.sent_to')} ${props.maskedNew}`} />
          <button type="submit" class="button">
            {t('pages.mobile.confirm.submit')}
          </button>
        </form>
        <p>
          <a href="/me/mobile">{t('pages.code.start_again')}</a>
        </p>
      </div>
    </Layout>
  );
}

export function MobileChangedPage({ ctx, mobile }: { ctx: PageContext; mobile: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pages.mobile.done.title')}>
      <div class="form-page">
        <div class="panel panel-success" role="status">
          <h1>{t('pages.mobile.done.title')}</h1>
          <p>
            {t('pages.mobile.done.text')} <bdi dir="ltr" class="ltr-value">{mobile}</bdi>
          </p>
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
