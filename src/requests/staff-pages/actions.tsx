import type { ActionSpec } from '../../catalogue/define.js';
import type { FieldSpec } from '../../catalogue/fields.js';
import type { StaffProfile } from '../../identity/index.js';
import { FieldShell, fieldId, type FormError } from '../../identity/pages/form-parts.js';
import { StaffCsrfFields, type StaffPageContext } from '../../identity/staff/pages/layout.js';
import type { RequestDetail } from '../views.js';
import { requestPath } from './parts.js';
import { REASON_TEXT_MAX } from '../act.js';

/**
 * The actions an officer may take on a request now, each its own small form (no JavaScript):
 * the service's actions with their reason or input fields, "assign to me", and for a
 * supervisor "reassign". Every form carries the request's version: acting on a request that
 * changed since the page was drawn is refused, and the page says so.
 */

/** A form the officer posted that came back with problems: its values and errors. */
export interface PostedForm {
  action: string;
  values: Record<string, string>;
  /** `field` is `actionFieldName(action, name)`, so the summary links to this form's input. */
  errors: FormError[];
}

/** One name per input on the page, although several forms may ask for a field of the same name. */
export const actionFieldName = (action: string, name: string) => `${action}-${name}`;

/** Form names of an action's input fields start with this (kept apart from the form's own fields). */
export const INPUT_PREFIX = 'input.';
export const inputName = (id: string) => `${INPUT_PREFIX}${id}`;


function SpecInput({ ctx, action, spec, value, errors }: { ctx: StaffPageContext; action: string; spec: FieldSpec; value: string; errors: FormError[] }) {
  const { locale } = ctx;
  const id = actionFieldName(action, spec.id);
  const common = (describedBy: string | undefined, invalid: boolean) => ({
    id: fieldId(id),
    name: inputName(spec.id),
    'aria-describedby': describedBy,
    'aria-invalid': invalid ? ('true' as const) : undefined,
  });
  return (
    <FieldShell ctx={ctx} name={id} label={spec.label[locale]} hint={spec.hint?.[locale]} errors={errors}>
      {(describedBy, invalid) => {
        switch (spec.kind) {
          case 'text':
            return spec.multiline ? (
              <textarea {...common(describedBy, invalid)} maxLength={spec.maxLength} rows={4}>
                {value}
              </textarea>
            ) : (
              <input {...common(describedBy, invalid)} type="text" value={value} maxLength={spec.maxLength} autocomplete="off" spellcheck={false} dir={spec.inputMode === 'numeric' || spec.pattern ? 'ltr' : undefined} inputMode={spec.inputMode} />
            );
          case 'date':
            return <input {...common(describedBy, invalid)} type="text" value={value} dir="ltr" inputMode="numeric" autocomplete="off" placeholder="YYYY-MM-DD" />;
          case 'choice':
            return (
              <select {...common(describedBy, invalid)}>
                <option value="">{ctx.t('form.choose')}</option>
                {spec.options.map((o) => (
                  <option key={o.value} value={o.value} selected={o.value === value}>
                    {o.label[locale]}
                  </option>
                ))}
              </select>
            );
          case 'confirm':
            return <input {...common(describedBy, invalid)} type="checkbox" value="yes" checked={value === 'yes'} />;
        }
      }}
    </FieldShell>
  );
}

/** What every action form carries: the CSRF fields and the version of the request the officer saw. */
function FormStart({ ctx, version }: { ctx: StaffPageContext; version: number }) {
  return (
    <>
      <StaffCsrfFields ctx={ctx} />
      <input type="hidden" name="expectedVersion" value={String(version)} />
    </>
  );
}

const actionUrl = (reference: string, action: string) => `${requestPath(reference)}/actions/${action}`;

/** A service action that asks for more than a click: a reason (rejections) or input (a tracking number). */
function ActionPanel({ ctx, detail, action, spec, posted }: { ctx: StaffPageContext; detail: RequestDetail; action: string; spec: ActionSpec<string, unknown>; posted: PostedForm | undefined }) {
  const { t, locale } = ctx;
  const { request, service } = detail;
  const mine = posted?.action === action ? posted : undefined;
  const errors = mine?.errors ?? [];
  const value = (name: string) => mine?.values[name] ?? '';
  const titleId = `action-${action}-title`;
  return (
    <section class="panel action-panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{spec.label[locale]}</h3>
      <form method="post" action={actionUrl(request.reference, action)} novalidate class="stack-form">
        <FormStart ctx={ctx} version={request.version} />
        {spec.reason === 'required' && (
          <>
            <FieldShell ctx={ctx} name={actionFieldName(action, 'reason')} label={t('officer_pages.reject.reason')} errors={errors}>
              {(describedBy, invalid) => (
                <select id={fieldId(actionFieldName(action, 'reason'))} name="reason" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
                  <option value="">{t('officer_pages.reject.choose')}</option>
                  {(service.rejectReasons ?? []).map((r) => (
                    <option key={r.code} value={r.code} selected={r.code === value('reason')}>
                      {r.label[locale]}
                    </option>
                  ))}
                </select>
              )}
            </FieldShell>
            <FieldShell ctx={ctx} name={actionFieldName(action, 'reasonText')} label={t('officer_pages.reject.text')} hint={t('officer_pages.reject.text_hint')} errors={errors}>
              {(describedBy, invalid) => (
                <textarea id={fieldId(actionFieldName(action, 'reasonText'))} name="reasonText" rows={4} maxLength={REASON_TEXT_MAX} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
                  {value('reasonText')}
                </textarea>
              )}
            </FieldShell>
          </>
        )}
        {(spec.input ?? []).map((field) => (
          <SpecInput key={field.id} ctx={ctx} action={action} spec={field} value={value(inputName(field.id))} errors={errors} />
        ))}
        <button type="submit" class={spec.reason === 'required' ? 'button button-danger' : 'button'}>
          {spec.label[locale]}
        </button>
      </form>
    </section>
  );
}

/** One button in its own form. */
function ButtonForm({ ctx, reference, action, version, label, secondary = false }: { ctx: StaffPageContext; reference: string; action: string; version: number; label: string; secondary?: boolean }) {
  return (
    <form method="post" action={actionUrl(reference, action)} class="action-form">
      <FormStart ctx={ctx} version={version} />
      <button type="submit" class={secondary ? 'button button-secondary' : 'button'}>
        {label}
      </button>
    </form>
  );
}

function ReassignPanel({ ctx, detail, officers, posted }: { ctx: StaffPageContext; detail: RequestDetail; officers: StaffProfile[]; posted: PostedForm | undefined }) {
  const { t, locale } = ctx;
  const { request } = detail;
  const mine = posted?.action === 'reassign' ? posted : undefined;
  const chosen = mine?.values.staffId ?? '';
  const name = actionFieldName('reassign', 'staffId');
  const others = officers.filter((o) => o.id !== request.assigned_staff_id);
  return (
    <section class="panel action-panel" aria-labelledby="action-reassign-title">
      <h3 id="action-reassign-title">{t('officer_pages.reassign.title')}</h3>
      <form method="post" action={actionUrl(request.reference, 'reassign')} novalidate class="stack-form">
        <FormStart ctx={ctx} version={request.version} />
        <FieldShell ctx={ctx} name={name} label={t('officer_pages.reassign.staff')} errors={mine?.errors ?? []}>
          {(describedBy, invalid) => (
            <select id={fieldId(name)} name="staffId" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
              <option value="">{t('officer_pages.reassign.choose')}</option>
              {others.map((o) => {
                const label = `${locale === 'ar' ? o.nameAr : o.nameEn} - ${t(`staff_pages.role.${o.role}`)}`;
                return (
                  <option key={o.id} value={o.id} selected={o.id === chosen}>
                    {o.id === ctx.staff!.staffId ? t('officer_pages.reassign.you', { name: label }) : label}
                  </option>
                );
              })}
            </select>
          )}
        </FieldShell>
        <button type="submit" class="button button-secondary">
          {t('officer_pages.reassign.submit')}
        </button>
      </form>
    </section>
  );
}

export function ActionsSection({ ctx, detail, officers, posted }: { ctx: StaffPageContext; detail: RequestDetail; officers: StaffProfile[] | null; posted: PostedForm | undefined }) {
  const { t, locale } = ctx;
  const viewer = ctx.staff!;
  const { request, service } = detail;
  const assignedToOther = request.assigned_staff_id !== null && request.assigned_staff_id !== viewer.staffId;
  const canAssign = !request.final && (request.assigned_staff_id === null || (assignedToOther && viewer.role === 'supervisor'));
  const canReassign = !request.final && viewer.role === 'supervisor' && officers !== null && officers.some((o) => o.id !== request.assigned_staff_id);
  const specs = detail.actions.flatMap((id) => (Object.hasOwn(service.workflow.actions, id) ? [{ id, spec: service.workflow.actions[id] as ActionSpec<string, unknown> }] : []));
  const simple = specs.filter(({ spec }) => spec.reason !== 'required' && !spec.input?.length);
  const detailed = specs.filter(({ spec }) => spec.reason === 'required' || !!spec.input?.length);
  const nothing = !canAssign && !canReassign && specs.length === 0;
  return (
    <section aria-labelledby="actions-title" class="request-actions">
      <h2 id="actions-title">{t('officer_pages.actions.title')}</h2>
      {nothing ? (
        <p>{t('officer_pages.actions.none')}</p>
      ) : (
        <>
          <p class="muted">{t('officer_pages.actions.version_note')}</p>
          {canAssign && assignedToOther && <p>{t('officer_pages.assign.taken')}</p>}
          {(canAssign || simple.length > 0) && (
            <div class="action-buttons">
              {simple.map(({ id, spec }) => (
                <ButtonForm key={id} ctx={ctx} reference={request.reference} action={id} version={request.version} label={spec.label[locale]} />
              ))}
              {canAssign && <ButtonForm ctx={ctx} reference={request.reference} action="assign" version={request.version} label={t('officer_pages.assign.submit')} secondary />}
            </div>
          )}
          {detailed.map(({ id, spec }) => (
            <ActionPanel key={id} ctx={ctx} detail={detail} action={id} spec={spec} posted={posted} />
          ))}
          {canReassign && <ReassignPanel ctx={ctx} detail={detail} officers={officers} posted={posted} />}
        </>
      )}
    </section>
  );
}
