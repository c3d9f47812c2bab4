import type { AnyService } from '../../catalogue/define.js';
import type { ServiceRequestRow } from '../../db/tables.js';
import { formatDateTime } from '../../kernel/dates.js';
import { formatReference } from '../../kernel/reference.js';
import type { ProofPayload } from '../../proofs/index.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { AnswerRows, StateTag } from './request.js';
import { Ltr } from '../../web/ui/ltr.js';
import { PrintControls } from '../../web/ui/print.js';

/**
 * The request's proof as a page to print (the browser's print, with the print styles), and the
 * public verify page the proof's QR code opens: authentic or not, with only masked data.
 */

export function PrintPage(props: { ctx: PageContext; service: AnyService; row: ServiceRequestRow; holderName: string; maskedId: string; qrSvg: string; verifyPath: string; issuedAt: Date }) {
  const { ctx, service, row } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={`${service.name[locale]} ${formatReference(row.reference)}`}>
      <article class="proof">
        <header class="proof-header">
          <p class="step-label">{t('proofs.platform_name')}</p>
          <h1>{service.name[locale]}</h1>
          <p class="proof-reference">
            {t('proofs.reference')}: <Ltr nowrap>{formatReference(row.reference)}</Ltr>
          </p>
        </header>
        <dl class="summary-list">
          <div class="summary-row">
            <dt>{t('service_pages.holder')}</dt>
            <dd>
              {props.holderName} (<Ltr>{props.maskedId}</Ltr>)
            </dd>
          </div>
          <div class="summary-row">
            <dt>{t('service_pages.state')}</dt>
            <dd>
              <StateTag ctx={ctx} service={service} row={row} />
            </dd>
          </div>
          <div class="summary-row">
            <dt>{t('service_pages.submitted')}</dt>
            <dd>{formatDateTime(row.created_at, locale)}</dd>
          </div>
          <div class="summary-row">
            <dt>{t('proofs.issued_at')}</dt>
            <dd>{formatDateTime(props.issuedAt, locale)}</dd>
          </div>
        </dl>
        <AnswerRows ctx={ctx} service={service} row={row} />
        <section class="proof-verify" aria-labelledby="verify-title">
          <div class="qr" dangerouslySetInnerHTML={{ __html: props.qrSvg }} />
          <div>
            <h2 id="verify-title">{t('proofs.verify_heading')}</h2>
            <p>{t('proofs.verify_hint')}</p>
            <p class="proof-link">
              <a href={props.verifyPath}>{t('service_pages.verify_link')}</a>
            </p>
          </div>
        </section>
        <PrintControls ctx={ctx} />
        <p class="no-print action-row">
          <a class="button" href={`/requests/${row.reference}/proof.pdf`}>
            {t('service_pages.download_pdf')}
          </a>
          <a href={`/requests/${row.reference}`}>{t('service_pages.back_to_request')}</a>
        </p>
      </article>
    </Layout>
  );
}

export function VerifyPage(props: { ctx: PageContext; payload: ProofPayload | null; service: AnyService | undefined; currentState: string | null; unknownKeyId?: string | null }) {
  const { ctx, payload, service } = props;
  const { t, locale } = ctx;
  // A receipt's state is its bill's (paid, refunded); a request's is its service's.
  const stateLabel = (state: string) => (payload?.kind === 'receipt' ? t(`payments.bill_status.${state}`) : (service?.workflow.states[state]?.label[locale] ?? state));
  return (
    <Layout ctx={ctx} title={t('service_pages.verify_title')}>
      <div class="form-page">
        <h1>{t('service_pages.verify_title')}</h1>
        {!payload && props.unknownKeyId ? (
          <div class="error-summary" role="alert">
            <h2>{t('service_pages.verify_unknown_key')}</h2>
            <p>{t('service_pages.verify_unknown_key_hint', { keyId: props.unknownKeyId })}</p>
          </div>
        ) : !payload ? (
          <div class="error-summary" role="alert">
            <h2>{t('service_pages.verify_invalid')}</h2>
            <p>{t('service_pages.verify_invalid_hint')}</p>
          </div>
        ) : (
          <>
            <div class="panel panel-success" role="status">
              <h2>{t('service_pages.verify_valid')}</h2>
            </div>
            <dl class="summary-list">
              <div class="summary-row">
                <dt>{t('proofs.reference')}</dt>
                <dd>
                  <Ltr>{formatReference(payload.reference)}</Ltr>
                </dd>
              </div>
              {payload.kind === 'receipt' && (
                <div class="summary-row">
                  <dt>{t('proofs.document')}</dt>
                  <dd>{t('payments.receipt_title')}</dd>
                </div>
              )}
              <div class="summary-row">
                <dt>{t('service_pages.service')}</dt>
                <dd>{service?.name[locale] ?? t(`proofs.subject.${payload.serviceId}`)}</dd>
              </div>
              <div class="summary-row">
                <dt>{t('service_pages.holder')}</dt>
                <dd>
                  {payload.maskedName} (<Ltr>{payload.maskedId}</Ltr>)
                </dd>
              </div>
              <div class="summary-row">
                <dt>{t('service_pages.state_when_issued')}</dt>
                <dd>{stateLabel(payload.state)}</dd>
              </div>
              <div class="summary-row">
                <dt>{t('proofs.issued_at')}</dt>
                <dd>{formatDateTime(payload.issuedAt, locale)}</dd>
              </div>
              {props.currentState && (
                <div class="summary-row">
                  <dt>{t('service_pages.state_now')}</dt>
                  <dd>{stateLabel(props.currentState)}</dd>
                </div>
              )}
            </dl>
          </>
        )}
      </div>
    </Layout>
  );
}
