import { formatDateTime } from '../../../kernel/dates.js';
import { ErrorSummary, Field, fieldId, type FormError } from '../../pages/form-parts.js';
import { PrintControls } from '../../../web/ui/print.js';
import { StaffCsrfFields, StaffLayout, staffName, type StaffPageContext } from './layout.js';

export const ACTIVATION_PURPOSES = ['activate', 'change_mobile'] as const;
export type ActivationPurposeChoice = (typeof ACTIVATION_PURPOSES)[number];

export interface ActivationFormValues {
  nationalId?: string;
  purpose?: ActivationPurposeChoice | undefined;
}

/** The officer checks the person in person, then asks for a code for them. */
export function ActivationCodeFormPage({ ctx, values = {}, errors = [], message }: { ctx: StaffPageContext; values?: ActivationFormValues; errors?: FormError[]; message?: string | undefined }) {
  const { t } = ctx;
  const purpose = values.purpose ?? 'activate';
  const checkErrors = errors.filter((e) => e.field === 'verified');
  const purposeErrors = errors.filter((e) => e.field === 'purpose');
  return (
    <StaffLayout ctx={ctx} title={t('staff_pages.codes.title')}>
      <div class="form-page">
        <h1>{t('staff_pages.codes.title')}</h1>
        <p class="lead">{t('staff_pages.codes.intro')}</p>
        <ErrorSummary ctx={ctx} errors={errors} message={message} />
        <form method="post" action="/staff/activation-codes" novalidate class="stack-form">
          <StaffCsrfFields ctx={ctx} />
          <Field ctx={ctx} errors={errors} name="nationalId" label={t('staff_pages.codes.national_id')} hint={t('staff_pages.codes.national_id.hint')} value={values.nationalId} inputMode="numeric" autocomplete="off" maxLength={10} ltr required />
          <fieldset class={purposeErrors.length > 0 ? 'radios field-invalid' : 'radios'} id={fieldId('purpose')}>
            <legend>{t('staff_pages.codes.purpose')}</legend>
            {purposeErrors.length > 0 && <p class="field-error">{purposeErrors.map((e) => e.message).join(' ')}</p>}
            {ACTIVATION_PURPOSES.map((choice) => (
              <div class="radio" key={choice}>
                <input type="radio" id={`purpose-${choice}`} name="purpose" value={choice} checked={purpose === choice} />
                <label for={`purpose-${choice}`}>{t(`staff_pages.codes.purpose.${choice}`)}</label>
              </div>
            ))}
          </fieldset>
          <div class={checkErrors.length > 0 ? 'field field-invalid' : 'field'}>
            {checkErrors.length > 0 && (
              <p class="field-error" id={`${fieldId('verified')}-error`}>
                <span class="visually-hidden">{t('pages.errors.prefix')} </span>
                {checkErrors.map((e) => e.message).join(' ')}
              </p>
            )}
            <div class="checkbox">
              <input
                type="checkbox"
                id={fieldId('verified')}
                name="verified"
                value="yes"
                required
                aria-describedby={checkErrors.length > 0 ? `${fieldId('verified')}-error` : undefined}
                aria-invalid={checkErrors.length > 0 ? 'true' : undefined}
              />
              <label for={fieldId('verified')}>{t('staff_pages.codes.verified')}</label>
            </div>
          </div>
          <button type="submit" class="button">
            {t('staff_pages.codes.submit')}
          </button>
        </form>
      </div>
    </StaffLayout>
  );
}

/** ABCDEFGHIJ -> ['ABCDE', 'FGHIJ']: read out and typed in groups. */
export function codeGroups(code: string, size = 5): string[] {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += size) groups.push(code.slice(i, i + size));
  return groups;
}

/** Only the last four digits of the ID go on the slip. */
export function maskId(nationalId: string): string {
  return `${'•'.repeat(Math.max(0, nationalId.length - 4))}${nationalId.slice(-4)}`;
}

/** The code, shown once: large, grouped, with its expiry, laid out to print as a slip. */
export function ActivationCodeIssuedPage({ ctx, code, expiresAt, nationalId, purpose }: { ctx: StaffPageContext; code: string; expiresAt: Date; nationalId: string; purpose: ActivationPurposeChoice }) {
  const { t } = ctx;
  return (
    <StaffLayout ctx={ctx} title={t('staff_pages.codes.issued_title')}>
      <div class="notice no-print" role="status">
        <p>{t('staff_pages.codes.shown_once')}</p>
        <PrintControls ctx={ctx} hint={t('staff_pages.codes.print_hint')} />
      </div>
      <section class="slip" aria-labelledby="slip-title">
        <h1 id="slip-title">{t('staff_pages.codes.issued_title')}</h1>
        <p class="visually-hidden">{t('staff_pages.codes.code_label', { code: codeGroups(code).join(' ') })}</p>
        <p class="issued-code" aria-hidden="true" data-code={code}>
          {codeGroups(code).map((group, index) => (
            <span key={index}>{group}</span>
          ))}
        </p>
        <dl>
          <dt>{t('staff_pages.codes.purpose')}</dt>
          <dd>{t(`staff_pages.codes.purpose.${purpose}`)}</dd>
          <dt>{t('staff_pages.codes.national_id')}</dt>
          <dd>
            <bdi dir="ltr">{maskId(nationalId)}</bdi>
          </dd>
          <dt>{t('staff_pages.codes.expires')}</dt>
          <dd>
            <time dateTime={expiresAt.toISOString()}>{formatDateTime(expiresAt, ctx.locale)}</time>
          </dd>
          <dt>{t('staff_pages.codes.issued_by')}</dt>
          <dd>
            {staffName(ctx)} ({t(`staff_pages.agency.${ctx.staff!.agency}`)})
          </dd>
        </dl>
        <p>{t(purpose === 'activate' ? 'staff_pages.codes.instructions.activate' : 'staff_pages.codes.instructions.change_mobile')}</p>
      </section>
      <p class="no-print">
        <a class="button" href="/staff/activation-codes">
          {t('staff_pages.codes.another')}
        </a>{' '}
        <a href="/staff">{t('staff_pages.back_home')}</a>
      </p>
    </StaffLayout>
  );
}
