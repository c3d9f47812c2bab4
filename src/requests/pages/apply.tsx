import type { AnyService, FeeLine, StepIntro } from '../../catalogue/define.js';
import { displayDir, displayValue, fieldApplies, type FieldValues } from '../../catalogue/fields.js';
import { whatItBlocks, type BlockingSuspension } from '../suspended.js';
import { formatDateTime } from '../../kernel/dates.js';
import { formatMoney, sumMoney } from '../../kernel/money.js';
import { CsrfField, ErrorSummary, type FormError } from '../../identity/pages/form-parts.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import type { RuleOutcome } from '../eligibility.js';
import { Breadcrumbs, servicesTrail } from './catalogue.js';
import { ServiceField } from './service-fields.js';
import { pageText } from '../../web/ui/ltr.js';
import { Ltr } from '../../web/ui/ltr.js';
import type { FamilyMemberChoice } from './family-choice.js';

/**
 * Applying, without JavaScript: the eligibility check, one page per step of the form, and
 * "check your answers". Answers of the other steps travel as hidden fields (the form's draft
 * mirrors them for the pages drawn after each redirect, form-routes.ts); the server checks every
 * step again when the request is submitted.
 */

export type FormData = Record<string, FieldValues>;

/** The other steps' answers as hidden inputs named `<step>.<field>`. */
export function Carried({ data, except }: { data: FormData; except?: string }) {
  return (
    <>
      {Object.entries(data).flatMap(([step, values]) =>
        step === except ? [] : Object.entries(values).map(([field, value]) => <input key={`${step}.${field}`} type="hidden" name={`${step}.${field}`} value={value} />),
      )}
    </>
  );
}

export function Heading({ ctx, service, title }: { ctx: PageContext; service: AnyService; title: string }) {
  return (
    <>
      <Breadcrumbs ctx={ctx} trail={servicesTrail(ctx, service).concat({ label: service.newRequestLabel?.[ctx.locale] ?? ctx.t('service_pages.new_request') })} />
      <p class="step-label">{service.name[ctx.locale]}</p>
      <h1>{title}</h1>
    </>
  );
}

export function EligibilityPage(props: { ctx: PageContext; service: AnyService; eligible: boolean; rules: RuleOutcome[]; suspensions: BlockingSuspension[]; openReference?: string | null; forId?: string | undefined }) {
  const { ctx, service, eligible } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('service_pages.eligibility_title')}>
      <Heading ctx={ctx} service={service} title={t('service_pages.eligibility_title')} />
      {props.openReference ? (
        <div class="panel" role="status">
          <p>{t('errors.requests.already_open', { reference: props.openReference })}</p>
          <p>
            <a href={`/requests/${props.openReference}`}>{t('service_pages.follow_request')}</a>
          </p>
        </div>
      ) : eligible ? (
        <div class="panel panel-success" role="status">
          <p>{t('service_pages.eligible')}</p>
        </div>
      ) : (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{t('service_pages.not_eligible')}</h2>
        </div>
      )}
      <ul class="checklist" aria-label={t('service_pages.conditions')}>
        {props.rules.map((rule) => (
          <li key={rule.id} class={rule.passed ? 'check-passed' : 'check-failed'}>
            <span class="check-mark">{t(rule.passed ? 'service_pages.met' : 'service_pages.not_met')}</span> {pageText((rule.passed ? rule.condition : rule.reason)[locale], locale)}
          </li>
        ))}
      </ul>
      {props.suspensions.map((s) => (
        <section key={s.reference} class="panel" aria-labelledby={`suspension-${s.reference}`}>
          <h2 id={`suspension-${s.reference}`}>{t('service_pages.suspended_title')}</h2>
          <p class={`suspension-holder-${s.holder}`}>{whatItBlocks(s.holder)[locale]}</p>
          <dl class="summary-list">
            <dt>{t('service_pages.suspension.authority')}</dt>
            <dd>{t(`service_pages.authority.${s.authority}`)}</dd>
            <dt>{t('service_pages.suspension.reason')}</dt>
            <dd>{locale === 'ar' ? s.reason_ar : s.reason_en}</dd>
            <dt>{t('service_pages.suspension.legal_basis')}</dt>
            <dd>{s.legal_basis}</dd>
            <dt>{t('service_pages.suspension.since')}</dt>
            <dd>{formatDateTime(s.starts_at, locale)}</dd>
            <dt>{t('service_pages.suspension.reference')}</dt>
            <dd>
              <Ltr>{s.reference}</Ltr>
            </dd>
            <dt>{t('service_pages.suspension.lifting')}</dt>
            <dd>{t(`service_pages.lifted_by.${s.lifted_by}`)}</dd>
          </dl>
        </section>
      ))}
      {eligible &&
        !props.openReference &&
        (service.oneTimeCode?.start ? (
          // The service asks for a code before its form: starting sends it (a POST, never a link).
          <form method="post" action={`/services/${service.id}/code`} class="stack-form">
            <CsrfField token={ctx.user!.csrfToken} />
            <ForField forId={props.forId} />
            <p class="muted">{t('service_pages.code.start_notice')}</p>
            <button type="submit" name="go" value="send" class="button">
              {t('service_pages.start')}
            </button>
          </form>
        ) : (
          <p>
            <a class="button" href={`/services/${service.id}/apply/${service.form[0]!.id}${forQuery(props.forId)}`}>
              {t('service_pages.start')}
            </a>
          </p>
        ))}
    </Layout>
  );
}

export function StepPage(props: { ctx: PageContext; service: AnyService; stepIndex: number; data: FormData; intro: StepIntro | null; errors?: FormError[]; message?: string | undefined; forId?: string | undefined; start?: string | undefined; family?: readonly FamilyMemberChoice[] | undefined }) {
  const { ctx, service, stepIndex, data } = props;
  const { t, locale, user } = ctx;
  const step = service.form[stepIndex]!;
  const values = data[step.id] ?? {};
  const errors = props.errors ?? [];
  const title = `${step.title[locale]}`;
  return (
    <Layout ctx={ctx} title={title}>
      <Heading ctx={ctx} service={service} title={title} />
      <p class="muted">{t('service_pages.step_of', { step: stepIndex + 1, steps: service.form.length })}</p>
      {props.intro && (
        <div class="step-intro">
          <p class="lead">{pageText(props.intro[locale], locale)}</p>
          {props.intro.detail && (
            <p class="intro-detail">
              <bdi>{pageText(props.intro.detail, locale)}</bdi>
            </p>
          )}
          {props.intro.note && <p>{pageText(props.intro.note[locale], locale)}</p>}
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={errors} message={props.message} />
      {/* A step with a file is sent as multipart; the file is stored then, and only its id travels on. */}
      <form method="post" action={`/services/${service.id}/apply`} novalidate class="stack-form" enctype={step.fields.some((f) => f.kind === 'file') ? 'multipart/form-data' : undefined}>
        <CsrfField token={user!.csrfToken} />
        <ForField forId={props.forId} />
        <StartField start={props.start} />
        <input type="hidden" name="step" value={step.id} />
        <Carried data={data} except={step.id} />
        {step.fields.map((spec) => (
          <ServiceField key={spec.id} ctx={ctx} spec={spec} name={`${step.id}.${spec.id}`} value={values[spec.id]} errors={errors} family={props.family} />
        ))}
        <div class="action-row">
          <button type="submit" name="go" value="next" class="button">
            {t('service_pages.continue')}
          </button>
          {stepIndex > 0 && (
            <button type="submit" name="go" value="back" class="button button-secondary">
              {t('service_pages.back')}
            </button>
          )}
        </div>
      </form>
    </Layout>
  );
}

export function CheckAnswersPage(props: {
  ctx: PageContext;
  service: AnyService;
  data: FormData;
  fee: FeeLine[];
  idempotencyKey: string;
  message?: string | undefined;
  forId?: string | undefined;
  start?: string | undefined;
}) {
  const { ctx, service, data, fee } = props;
  const { t, locale, user } = ctx;
  const total = sumMoney(fee.map((line) => line.amount));
  return (
    <Layout ctx={ctx} title={t('service_pages.check_title')}>
      <Heading ctx={ctx} service={service} title={t('service_pages.check_title')} />
      <ErrorSummary ctx={ctx} errors={[]} message={props.message} />
      {service.form.map((step) => (
        <section key={step.id} class="section" aria-labelledby={`check-${step.id}`}>
          <div class="section-heading">
            <h2 id={`check-${step.id}`}>{step.title[locale]}</h2>
            <form method="post" action={`/services/${service.id}/apply`}>
              <CsrfField token={user!.csrfToken} />
              <ForField forId={props.forId} />
              <StartField start={props.start} />
              <input type="hidden" name="edit" value={step.id} />
              <Carried data={data} />
              <button type="submit" class="link-button">
                {t('service_pages.change')} <span class="visually-hidden">{step.title[locale]}</span>
              </button>
            </form>
          </div>
          <dl class="summary-list">
            {step.fields
              .filter((spec) => fieldApplies(spec, data[step.id] ?? {}))
              .map((spec) => (
                <div key={spec.id} class="summary-row">
                  <dt>{spec.kind === 'confirm' ? t('service_pages.declaration') : spec.label[locale]}</dt>
                  <dd>
                    {/* The person typed these moments ago: shown whole here, masked on the pages after. */}
                    <bdi dir={displayDir(spec, { whole: true })}>{displayValue(spec, data[step.id]?.[spec.id], locale, t, { whole: true }) || t('service_pages.not_given')}</bdi>
                  </dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
      <section class="section" aria-labelledby="fee-title">
        <h2 id="fee-title">{t('service_pages.fee')}</h2>
        {total === 0 ? (
          <p>{t('service_pages.no_fee')}</p>
        ) : (
          <>
            <table class="fee-table">
              <tbody>
                {fee.map((line) => (
                  <tr key={line.code}>
                    <th scope="row">{line.label[locale]}</th>
                    <td>{formatMoney(line.amount, locale)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('service_pages.fee_total')}</th>
                  <td>
                    <strong>{formatMoney(total, locale)}</strong>
                  </td>
                </tr>
              </tbody>
            </table>
            {/* Who pays: the applicant once submitted, or the other party once they accept (a transfer's new sponsor). */}
            <p class="muted">{service.payment?.payer === 'counterparty' ? t('service_pages.fee_paid_by_counterparty', { party: service.counterparty?.label[locale] ?? '' }) : t('service_pages.fee_after_submit')}</p>
          </>
        )}
      </section>
      <form method="post" action={`/services/${service.id}/submit`} class="stack-form">
        <CsrfField token={user!.csrfToken} />
        <ForField forId={props.forId} />
        <StartField start={props.start} />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <Carried data={data} />
        {service.oneTimeCode?.submit && <p class="muted">{t('service_pages.code.submit_notice')}</p>}
        <button type="submit" class="button">
          {t(service.oneTimeCode?.submit ? 'service_pages.code.confirm' : 'service_pages.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** The person applied for (a worker of a sponsor, a ward), carried from page to page; none for oneself. */
export function forQuery(forId: string | undefined): string {
  return forId ? `?for=${encodeURIComponent(forId)}` : '';
}

export function ForField({ forId }: { forId: string | undefined }) {
  return forId ? <input type="hidden" name="_for" value={forId} /> : null;
}

/** The start code the form began with, for a service that asks for one: carried to the submission. */
export function StartField({ start }: { start: string | undefined }) {
  return start ? <input type="hidden" name="_start" value={start} /> : null;
}

/** Whom to apply for, when the service is for a sponsor's workers (or a guardian's wards): one link each. */
export function ChooseBeneficiaryPage(props: { ctx: PageContext; service: AnyService; people: Array<{ nationalId: string; name: string; detail: string }> }) {
  const { ctx, service } = props;
  const { t, locale } = ctx;
  // A service also for oneself asks whom the request is for; one only for others, which worker.
  const title = t(service.applicant.includes('self') ? 'requests.choose_beneficiary.title_any' : 'requests.choose_beneficiary.title');
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs ctx={ctx} trail={servicesTrail(ctx, service).slice(0, -1).concat({ href: `/services/${service.id}`, label: service.name[locale] }, { label: title })} />
      <p class="step-label">{service.name[locale]}</p>
      <h1>{title}</h1>
      {props.people.length === 0 ? (
        <div class="notice" role="status">
          <p>{t('requests.choose_beneficiary.none')}</p>
        </div>
      ) : (
        <ul class="choice-list">
          {props.people.map((p) => (
            <li key={p.nationalId}>
              <a href={`/services/${service.id}/apply${forQuery(p.nationalId)}`}>{p.name}</a> <span class="muted">({p.detail})</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
