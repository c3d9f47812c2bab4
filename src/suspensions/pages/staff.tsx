import { agencies } from '../../catalogue/agencies.js';
import type { AnyService } from '../../catalogue/define.js';
import type { SuspensionAuthority } from '../../db/tables.js';
import { joinList } from '../../kernel/i18n/index.js';
import { ErrorSummary, Field, fieldHelp, fieldId, type FormError } from '../../identity/pages/form-parts.js';
import { StaffCsrfFields, StaffLayout, type StaffPageContext } from '../../identity/staff/pages/layout.js';
import { LIFTED_BY, namesSomeService, withinRemit, type Remits } from '../rules.js';
import type { SuspensionView } from '../view.js';
import { SuspensionFacts } from './parts.js';
import { Ltr } from '../../web/ui/ltr.js';

/**
 * The staff pages of suspensions: find a person by ID number, their suspensions (each with a
 * lift form when the staff member may lift it), and the form to place one.
 */

export interface PlaceFormValues {
  authority?: string;
  legalBasis?: string;
  reasonAr?: string;
  reasonEn?: string;
  blocked?: string[];
  liftedBy?: string;
  startsOn?: string;
}

export interface FoundPerson {
  nationalId: string;
  name: string;
  active: SuspensionView[];
  lifted: SuspensionView[];
}

interface Props {
  ctx: StaffPageContext;
  /** The authorities this staff member speaks for. */
  authorities: SuspensionAuthority[];
  /** What each of those authorities may suspend (suspension_remits). */
  remits: Remits;
  catalogue: readonly AnyService[];
  nationalId?: string;
  found?: FoundPerson | null;
  /** A form's problems: `find`, `place`, or `lift:<reference>`. */
  form?: string;
  errors?: FormError[];
  message?: string | undefined;
  notice?: string | undefined;
  values?: PlaceFormValues;
  liftNotes?: Record<string, string>;
  /** A new key for each rendering of the place form: a double submit places one suspension. */
  idempotencyKey: string;
}


function Textarea({ ctx, name, label, hint, value, errors, max }: { ctx: StaffPageContext; name: string; label: string; hint?: string; value?: string | undefined; errors: FormError[]; max: number }) {
  const { describedBy, invalid, help, wrapperClass } = fieldHelp(ctx, name, hint, errors);
  return (
    <div class={wrapperClass}>
      <label for={fieldId(name)}>{label}</label>
      {help}
      <textarea id={fieldId(name)} name={name} rows={3} maxLength={max} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
        {value ?? ''}
      </textarea>
    </div>
  );
}

function Select({ ctx, name, label, options, value, errors }: { ctx: StaffPageContext; name: string; label: string; options: Array<{ value: string; label: string }>; value?: string | undefined; errors: FormError[] }) {
  const { describedBy, invalid, help, wrapperClass } = fieldHelp(ctx, name, undefined, errors);
  return (
    <div class={wrapperClass}>
      <label for={fieldId(name)}>{label}</label>
      {help}
      <select id={fieldId(name)} name={name} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The patterns offered: those inside the remit of one of the staff member's authorities that
 * name some service of the catalogue (the use case refuses the others all the same).
 */
function BlockedChoice({ ctx, catalogue, remits, chosen, errors }: { ctx: StaffPageContext; catalogue: readonly AnyService[]; remits: Remits; chosen: string[]; errors: FormError[] }) {
  const { t, locale } = ctx;
  const messages = errors.filter((e) => e.field === 'blockedServices');
  const offered = (value: string) => namesSomeService(value, catalogue) && Object.values(remits).some((remit) => withinRemit(value, remit ?? []));
  const box = (value: string, label: string) => (
    <div class="checkbox" key={value}>
      <input type="checkbox" id={`blocked-${value}`} name="blockedServices" value={value} checked={chosen.includes(value)} />
      <label for={`blocked-${value}`}>{label}</label>
    </div>
  );
  return (
    <fieldset class={messages.length > 0 ? 'radios field-invalid' : 'radios'} id={fieldId('blockedServices')}>
      <legend>{t('suspensions.blocked')}</legend>
      <p class="field-hint">{t('suspensions.staff.blocked.hint')}</p>
      {messages.length > 0 && <p class="field-error">{messages.map((e) => e.message).join(' ')}</p>}
      {offered('*') && box('*', t('suspensions.blocked.all'))}
      {agencies.map((agency) => {
        const services = catalogue.filter((s) => s.id.startsWith(`${agency}.`) && offered(s.id));
        if (!offered(`${agency}.*`) && services.length === 0) return null;
        return (
          <fieldset key={agency} class="radios">
            <legend>{t(`agency.${agency}`)}</legend>
            {offered(`${agency}.*`) && box(`${agency}.*`, t(`suspensions.blocked.agency.${agency}`))}
            {services.map((s) => box(s.id, s.name[locale]))}
          </fieldset>
        );
      })}
    </fieldset>
  );
}

function PlaceForm({ ctx, authorities, remits, catalogue, nationalId, values, errors, idempotencyKey }: { ctx: StaffPageContext; authorities: SuspensionAuthority[]; remits: Remits; catalogue: readonly AnyService[]; nationalId: string; values: PlaceFormValues; errors: FormError[]; idempotencyKey: string }) {
  const { t } = ctx;
  return (
    <section class="panel" aria-labelledby="place-title">
      <h2 id="place-title">{t('suspensions.staff.place.title')}</h2>
      <form method="post" action="/staff/suspensions" novalidate class="stack-form">
        <StaffCsrfFields ctx={ctx} />
        <input type="hidden" name="nationalId" value={nationalId} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <Select ctx={ctx} name="authority" label={t('suspensions.staff.authority')} errors={errors} value={values.authority} options={authorities.map((a) => ({ value: a, label: t(`suspensions.authority.${a}`) }))} />
        <Field ctx={ctx} errors={errors} name="legalBasis" label={t('suspensions.legal_basis')} hint={t('suspensions.staff.legal_basis.hint')} value={values.legalBasis} maxLength={500} required />
        <Textarea ctx={ctx} name="reasonAr" label={t('suspensions.staff.reason_ar')} hint={t('suspensions.staff.reason.hint')} value={values.reasonAr} errors={errors} max={1000} />
        <Textarea ctx={ctx} name="reasonEn" label={t('suspensions.staff.reason_en')} value={values.reasonEn} errors={errors} max={1000} />
        <BlockedChoice ctx={ctx} catalogue={catalogue} remits={remits} chosen={values.blocked ?? []} errors={errors} />
        <Select ctx={ctx} name="liftedBy" label={t('suspensions.lifting')} errors={errors} value={values.liftedBy} options={LIFTED_BY.map((l) => ({ value: l, label: t(`suspensions.lifted_by.${l}`) }))} />
        <Field ctx={ctx} errors={errors} name="startsOn" label={t('suspensions.staff.starts_on')} hint={t('suspensions.staff.starts_on.hint')} value={values.startsOn} inputMode="numeric" maxLength={10} ltr />
        <button type="submit" class="button">
          {t('suspensions.staff.place.submit')}
        </button>
      </form>
    </section>
  );
}

function LiftForm({ ctx, view, nationalId, note, errors }: { ctx: StaffPageContext; view: SuspensionView; nationalId: string; note: string; errors: FormError[] }) {
  const { t } = ctx;
  return (
    <form method="post" action={`/staff/suspensions/${view.reference}/lift`} novalidate class="stack-form">
      <StaffCsrfFields ctx={ctx} />
      <input type="hidden" name="nationalId" value={nationalId} />
      <Textarea ctx={ctx} name={`note-${view.reference}`} label={t('suspensions.staff.lift.note')} hint={t('suspensions.staff.lift.note.hint')} value={note} errors={errors} max={1000} />
      <button type="submit" class="button button-secondary">
        {t('suspensions.staff.lift.submit')}
      </button>
    </form>
  );
}

export function StaffSuspensionsPage(props: Props) {
  const { ctx, authorities, found } = props;
  const { t, locale } = ctx;
  const errors = props.errors ?? [];
  const formErrors = (form: string) => (props.form === form ? errors : []);
  const nationalId = found?.nationalId ?? props.nationalId ?? '';
  return (
    <StaffLayout ctx={ctx} title={t('suspensions.staff.title')}>
      <h1>{t('suspensions.staff.title')}</h1>
      <p class="lead">{t('suspensions.staff.intro')}</p>
      <p>{t('suspensions.staff.your_authorities', { authorities: joinList(locale, authorities.map((a) => t(`suspensions.authority.${a}`))) })}</p>
      <p class="muted">{t('suspensions.staff.remits', { remits: authorities.map((a) => `${t(`suspensions.authority.${a}`)}: ${joinList(locale, props.remits[a] ?? []) || t('suspensions.remit.none')}`).join(locale === 'ar' ? '؛ ' : '; ') })}</p>
      {props.notice && (
        <div class="panel panel-success" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={errors} message={props.message} />
      <form method="get" action="/staff/suspensions" class="search-form" role="search">
        <Field ctx={ctx} errors={formErrors('find')} name="nationalId" label={t('suspensions.staff.national_id')} value={nationalId} inputMode="numeric" autocomplete="off" maxLength={10} ltr />
        <button type="submit" class="button">
          {t('suspensions.staff.find')}
        </button>
      </form>
      {found && (
        <>
          <h2>{t('suspensions.staff.person', { name: found.name, nationalId: found.nationalId })}</h2>
          <section class="section" aria-labelledby="active-title">
            <h3 id="active-title">{t('suspensions.staff.active')}</h3>
            {found.active.length === 0 && <p>{t('suspensions.staff.none')}</p>}
            {found.active.map((view) => (
              <div key={view.reference} class="panel" id={`suspension-${view.reference}`}>
                <h4>
                  {view.authorityLabel[locale]} <Ltr>{view.reference}</Ltr>
                </h4>
                <SuspensionFacts ctx={ctx} view={view} />
                {authorities.includes(view.authority) ? (
                  <LiftForm ctx={ctx} view={view} nationalId={found.nationalId} note={props.liftNotes?.[view.reference] ?? ''} errors={formErrors(`lift:${view.reference}`)} />
                ) : (
                  <p class="muted">{t('suspensions.staff.not_yours')}</p>
                )}
              </div>
            ))}
          </section>
          {found.lifted.length > 0 && (
            <section class="section" aria-labelledby="lifted-title">
              <h3 id="lifted-title">{t('suspensions.history.title')}</h3>
              {found.lifted.map((view) => (
                <div key={view.reference} class="panel">
                  <h4>
                    {view.authorityLabel[locale]} <Ltr>{view.reference}</Ltr>
                  </h4>
                  <SuspensionFacts ctx={ctx} view={view} lifted />
                </div>
              ))}
            </section>
          )}
          <PlaceForm ctx={ctx} authorities={authorities} remits={props.remits} catalogue={props.catalogue} nationalId={found.nationalId} values={props.values ?? {}} errors={formErrors('place')} idempotencyKey={props.idempotencyKey} />
        </>
      )}
    </StaffLayout>
  );
}
