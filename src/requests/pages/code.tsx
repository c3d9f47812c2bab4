import type { AnyService } from '../../catalogue/define.js';
import { CsrfField, ErrorSummary, Field, type FormError } from '../../identity/pages/form-parts.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Carried, ForField, Heading, StartField, type FormData } from './apply.js';

/**
 * The one-time code a service asks for on top of the sign-in: before its form starts, or to
 * confirm the submission. The code is entered on this page; the form's answers (for the
 * submission) travel with it as hidden fields, as on the other steps.
 */
export interface ServiceCodePageProps {
  ctx: PageContext;
  service: AnyService;
  step: 'start' | 'submit';
  challengeId: string;
  /** 05XXXXX123: enough for the person to recognise their number. */
  sentTo: string;
  forId?: string | undefined;
  /** For the submission: the answers, the submission's key and the start code the form began with. */
  data?: FormData;
  idempotencyKey?: string;
  start?: string | undefined;
  errors?: FormError[];
  message?: string | undefined;
  resent?: boolean;
}

export function ServiceCodePage(props: ServiceCodePageProps) {
  const { ctx, service, step, errors = [] } = props;
  const { t, user } = ctx;
  const title = t(step === 'start' ? 'service_pages.code.start_title' : 'service_pages.code.submit_title');
  const action = step === 'start' ? `/services/${service.id}/code` : `/services/${service.id}/submit`;
  const hidden = (
    <>
      <CsrfField token={user!.csrfToken} />
      <ForField forId={props.forId} />
      <StartField start={props.start} />
      <input type="hidden" name="challengeId" value={props.challengeId} />
      {props.idempotencyKey && <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />}
      {props.data && <Carried data={props.data} />}
    </>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <Heading ctx={ctx} service={service} title={title} />
      <p class="lead">{t(step === 'start' ? 'service_pages.code.start_why' : 'service_pages.code.submit_why')}</p>
      <p>
        {t('pages.code.sent_to')} <bdi dir="ltr" class="ltr-value">{props.sentTo}</bdi>
      </p>
      {props.resent && (
        <div class="notice" role="status">
          <p>{t('pages.code.resent')}</p>
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={errors} message={props.message} />
      <form method="post" action={action} novalidate class="stack-form">
        {hidden}
        <Field ctx={ctx} errors={errors} name="code" label={t('pages.code.code')} hint={t('pages.code.code.hint')} inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxLength={6} ltr required />
        <button type="submit" name="go" value="verify" class="button">
          {t(step === 'start' ? 'service_pages.code.start_button' : 'service_pages.code.submit_button')}
        </button>
      </form>
      <section class="resend" aria-labelledby="resend-title">
        <h2 id="resend-title">{t('pages.code.resend_title')}</h2>
        <p class="muted">{t('service_pages.code.resend_hint')}</p>
        <form method="post" action={action}>
          {hidden}
          <button type="submit" name="go" value="resend" class="button button-secondary">
            {t('pages.code.resend')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
