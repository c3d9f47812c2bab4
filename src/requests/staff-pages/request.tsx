import { displayDir, displayValue, fieldApplies, FILE_TYPES } from '../../catalogue/fields.js';
import type { Person, RequestEventRow } from '../../db/tables.js';
import type { StaffProfile } from '../../identity/index.js';
import { Badge, Dates, Row } from '../../identity/pages/data-parts.js';
import { countryName } from '../../identity/pages/display.js';
import { ErrorSummary } from '../../identity/pages/form-parts.js';
import { StaffLayout, type StaffPageContext } from '../../identity/staff/pages/layout.js';
import { isIsoDate } from '../../kernel/dates.js';
import { hasKey, joinList } from '../../kernel/i18n/index.js';
import { formatMoney } from '../../kernel/money.js';
import { formatReference } from '../../kernel/reference.js';
import type { RequestDetail } from '../views.js';
import { ActionsSection, type PostedForm } from './actions.js';
import { actionLabel, eventLabel, QUEUE_PATH, Reference, stateLabel, When } from './parts.js';
import { personName } from '../../registry/index.js';
import { requestOutputs } from '../views.js';
import { Ltr } from '../../web/ui/ltr.js';

/**
 * One request as an officer sees it: the summary, the applicant's registry record, the form's
 * answers step by step, the results, what the officer may do now, and the history.
 */

export interface RequestPageProps {
  ctx: StaffPageContext;
  detail: RequestDetail;
  /** Whom the request is for (the registry record the officer checks). */
  person: Person;
  /** Who submitted it, when someone else (a guardian, a sponsor). */
  applicant: Person | null;
  /** The agency's officers, for a supervisor's "reassign" (null for officers). */
  officers: StaffProfile[] | null;
  /** The action just taken (after the redirect). */
  done?: string | undefined;
  /** The form that came back with problems. */
  posted?: PostedForm | undefined;
  /** A problem with the whole action, not one of its fields. */
  message?: string | undefined;
  /** The action was refused because the request changed since the officer's page was drawn. */
  conflict?: boolean | undefined;
}

const ARABIC = /[\u0600-\u06FF]/;

function Summary({ ctx, detail, officers }: Pick<RequestPageProps, 'ctx' | 'detail' | 'officers'>) {
  const { t, locale } = ctx;
  const { request, service } = detail;
  const assignee = request.assigned_staff_id;
  const assigneeName = () => {
    if (assignee === null) return t('officer_pages.assigned.nobody');
    if (assignee === ctx.staff!.staffId) return t('officer_pages.assigned.me');
    const known = officers?.find((o) => o.id === assignee);
    return known ? (locale === 'ar' ? known.nameAr : known.nameEn) : t('officer_pages.assigned.someone');
  };
  return (
    <section class="panel" aria-labelledby="summary-title">
      <h2 id="summary-title">{t('officer_pages.request.summary')}</h2>
      <dl class="data-list">
        <Row label={t('officer_pages.request.service')}>{service.name[locale]}</Row>
        <Row label={t('officer_pages.request.state')}>
          <strong>{stateLabel(service, request.state, locale)}</strong>
        </Row>
        <Row label={t('officer_pages.request.submitted')}>
          <When at={request.created_at} locale={locale} />
        </Row>
        <Row label={t('officer_pages.request.state_since')}>
          <When at={request.state_entered_at} locale={locale} />
        </Row>
        {request.due_at && (
          <Row label={t('officer_pages.request.due')}>
            {detail.overdue && (
              <>
                <Badge tone="danger">{t('officer_pages.due.overdue')}</Badge>{' '}
              </>
            )}
            <When at={request.due_at} locale={locale} />
            {detail.overdue && <p class="overdue-note">{t('officer_pages.request.overdue_note')}</p>}
          </Row>
        )}
        <Row label={t('officer_pages.request.fee')}>
          {request.fee_total === 0 ? (
            t('officer_pages.request.fee.none')
          ) : (
            <>
              <span class="amount">{formatMoney(request.fee_total, locale)}</span>
              {request.fee_breakdown.length > 0 && (
                <ul class="fee-lines">
                  {request.fee_breakdown.map((line) => (
                    <li key={line.code}>
                      {line.label[locale]}: <span class="amount">{formatMoney(line.amount, locale)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </Row>
        <Row label={t('officer_pages.request.assigned')}>{assigneeName()}</Row>
      </dl>
    </section>
  );
}

function Applicant({ ctx, person, applicant }: Pick<RequestPageProps, 'ctx' | 'person' | 'applicant'>) {
  const { t, locale } = ctx;
  const address = [person.address_building_number, person.address_street, person.address_district, person.address_city, person.address_postal_code].filter((part): part is string => Boolean(part));
  return (
    <section class="panel" aria-labelledby="applicant-title">
      <h2 id="applicant-title">{t('officer_pages.applicant.title')}</h2>
      <dl class="data-list">
        <Row label={t('officer_pages.applicant.national_id')}>
          <Ltr>{person.national_id}</Ltr>
        </Row>
        <Row label={t('officer_pages.applicant.name_ar')}>
          <span lang="ar" dir="rtl">
            {personName(person, 'ar')}
          </span>
        </Row>
        <Row label={t('officer_pages.applicant.name_en')}>
          <span lang="en" dir="ltr">
            {personName(person, 'en')}
          </span>
        </Row>
        <Row label={t('officer_pages.applicant.birth_date')}>
          <Dates ctx={ctx} date={person.birth_date} />
        </Row>
        <Row label={t('officer_pages.applicant.nationality')}>{countryName(person.nationality, locale)}</Row>
        <Row label={t('officer_pages.applicant.mobile')}>{person.mobile ? <Ltr>{person.mobile}</Ltr> : t('officer_pages.applicant.none')}</Row>
        <Row label={t('officer_pages.applicant.address')}>
          {address.length === 0 ? (
            t('officer_pages.applicant.none')
          ) : ARABIC.test(address.join('')) ? (
            // The registry keeps the address as written, often in Arabic, on English pages too.
            <bdi dir="rtl" lang="ar">
              {joinList('ar', address)}
            </bdi>
          ) : (
            <bdi dir="ltr">{joinList('en', address)}</bdi>
          )}
        </Row>
        {applicant && (
          <Row label={t('officer_pages.applicant.submitted_by')}>
            {personName(applicant, locale)} (<Ltr>{applicant.national_id}</Ltr>)
          </Row>
        )}
      </dl>
    </section>
  );
}

/** The answers of each step of the service's form, labelled as the applicant saw them. */
function FormData({ ctx, detail }: Pick<RequestPageProps, 'ctx' | 'detail'>) {
  const { t, locale } = ctx;
  const { request, service } = detail;
  return (
    <section class="panel" aria-labelledby="data-title">
      <h2 id="data-title">{t('officer_pages.data.title')}</h2>
      {service.form.map((step) => {
        const given = (request.data[step.id] ?? {}) as Record<string, unknown>;
        const rows = step.fields.filter((f) => fieldApplies(f, given) && typeof given[f.id] === 'string' && given[f.id] !== '');
        if (rows.length === 0) return null;
        return (
          <div key={step.id} class="form-step">
            <h3>{step.title[locale]}</h3>
            <dl class="data-list">
              {rows.map((field) => {
                const value = given[field.id] as string;
                return (
                  <Row key={field.id} label={field.label[locale]}>
                    {field.kind === 'file' ? (
                      // Opened from its own address: streamed with the type read from its bytes, the view audited.
                      <a href={`/staff/requests/${request.reference}/files/${step.id}.${field.id}`}>{t('uploads.open', { type: field.accept.map((type) => FILE_TYPES[type].label).join(' / ') })}</a>
                    ) : field.kind === 'date' && isIsoDate(value) ? (
                      <Dates ctx={ctx} date={value} />
                    ) : field.kind === 'text' ? (
                      // What the applicant typed may be in either script: its own direction.
                      <bdi dir="auto" class={field.multiline ? 'multiline' : undefined}>
                        {value}
                      </bdi>
                    ) : (
                      <bdi dir={displayDir(field)}>{displayValue(field, value, locale, t)}</bdi>
                    )}
                  </Row>
                );
              })}
            </dl>
          </div>
        );
      })}
    </section>
  );
}

function Outputs({ ctx, detail }: Pick<RequestPageProps, 'ctx' | 'detail'>) {
  const { t, locale } = ctx;
  const entries = requestOutputs(detail.service, detail.request.outputs, locale);
  if (entries.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="outputs-title">
      <h2 id="outputs-title">{t('officer_pages.outputs.title')}</h2>
      <dl class="data-list">
        {entries.map(({ key, label, value }) => (
          <Row key={key} label={label[locale]}>
            {isIsoDate(value) ? <Dates ctx={ctx} date={value} /> : <Ltr>{value}</Ltr>}
          </Row>
        ))}
      </dl>
    </section>
  );
}

function actorOf(ctx: StaffPageContext, event: RequestEventRow): string {
  const role = event.actor_kind === 'system' ? 'system' : event.actor_role;
  const key = `officer_pages.actor.${role ?? ''}`;
  return hasKey(key) ? ctx.t(key) : ctx.t(event.actor_kind === 'staff' ? 'officer_pages.actor.officer' : 'officer_pages.actor.applicant');
}

function Timeline({ ctx, detail }: Pick<RequestPageProps, 'ctx' | 'detail'>) {
  const { t, locale } = ctx;
  const { service, history } = detail;
  return (
    <section aria-labelledby="history-title" class="request-history">
      <h2 id="history-title">{t('officer_pages.history.title')}</h2>
      <ol class="timeline">
        {history.map((event) => {
          const to = stateLabel(service, event.to_state, locale);
          const reason = event.reason_code ? (service.rejectReasons?.find((r) => r.code === event.reason_code)?.label[locale] ?? event.reason_code) : null;
          return (
            <li key={event.seq}>
              <p class="timeline-title">{eventLabel(service, event.action, locale, t)}</p>
              <p class="timeline-when">
                <When at={event.occurred_at} locale={locale} />
              </p>
              <p>{event.from_state && event.from_state !== event.to_state ? t('officer_pages.history.from_to', { from: stateLabel(service, event.from_state, locale), to }) : t('officer_pages.history.state', { state: to })}</p>
              <p>{t('officer_pages.history.by', { who: actorOf(ctx, event) })}</p>
              {reason && <p>{t('officer_pages.history.reason', { reason })}</p>}
              {event.reason_text && (
                <p class="multiline timeline-text" dir="auto">
                  {event.reason_text}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function RequestPage(props: RequestPageProps) {
  const { ctx, detail, done, posted, message, conflict } = props;
  const { t, locale } = ctx;
  const { request, service } = detail;
  const heading = t('officer_pages.request.heading');
  const doneKnown = done === 'assign' || done === 'reassign' || (done !== undefined && Object.hasOwn(service.workflow.actions, done));
  return (
    <StaffLayout ctx={ctx} title={`${heading} ${formatReference(request.reference)}`}>
      <p class="breadcrumbs">
        <a href={QUEUE_PATH}>{t('officer_pages.request.back')}</a>
      </p>
      <h1>
        {heading} <Reference reference={request.reference} />
      </h1>
      <p class="lead">{service.name[locale]}</p>
      {done && doneKnown && (
        <div class="notice panel-success" role="status">
          <p>{done === 'assign' || done === 'reassign' ? t(`officer_pages.done.${done}`) : t('officer_pages.done', { action: actionLabel(service, done, locale, t) })}</p>
        </div>
      )}
      {conflict && (
        <div class="notice notice-warning" role="alert">
          <h2>{t('officer_pages.conflict.title')}</h2>
          <p>{t('officer_pages.conflict', { state: stateLabel(service, request.state, locale) })}</p>
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={posted?.errors ?? []} message={message} />
      {/* Wide screens put the actions beside the request; phones and screen readers meet them after its details. */}
      <div class="request-layout">
        <div class="request-main">
          <Summary ctx={ctx} detail={detail} officers={props.officers} />
          <Applicant ctx={ctx} person={props.person} applicant={props.applicant} />
          <p class="muted audit-note">{t('officer_pages.request.audit_note')}</p>
          <FormData ctx={ctx} detail={detail} />
          <Outputs ctx={ctx} detail={detail} />
        </div>
        <ActionsSection ctx={ctx} detail={detail} officers={props.officers} posted={posted} />
        <Timeline ctx={ctx} detail={detail} />
      </div>
    </StaffLayout>
  );
}
