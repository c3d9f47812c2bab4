import type { StaffRole } from '../../../db/tables.js';
import { formatDateTime } from '../../../kernel/dates.js';
import { ErrorSummary, Field, fieldId, type FormError } from '../../pages/form-parts.js';
import { STAFF_ROLES, type StaffProfile } from '../accounts.js';
import { StaffCsrfFields, StaffLayout, type StaffPageContext } from './layout.js';

export interface NewStaffForm {
  username: string;
  nameAr: string;
  nameEn: string;
  mobile: string;
  role: StaffRole | '';
}

export const emptyStaffForm: NewStaffForm = { username: '', nameAr: '', nameEn: '', mobile: '', role: '' };

export interface AccountsPageProps {
  ctx: StaffPageContext;
  staff: StaffProfile[];
  values?: NewStaffForm;
  errors?: FormError[];
  message?: string | undefined;
  notice?: string | undefined;
}

/** An admin's agency staff: the list, each with "disable", and the form to add one. */
export function StaffAccountsPage({ ctx, staff, values = emptyStaffForm, errors = [], message, notice }: AccountsPageProps) {
  const { t } = ctx;
  const roleErrors = errors.filter((e) => e.field === 'role');
  return (
    <StaffLayout ctx={ctx} title={t('staff_pages.accounts.title')}>
      <h1>{t('staff_pages.accounts.title')}</h1>
      <p class="lead">{t('staff_pages.accounts.intro', { agency: t(`staff_pages.agency.${ctx.staff!.agency}`) })}</p>
      {notice && (
        <div class="notice" role="status">
          <p>{notice}</p>
        </div>
      )}
      <section aria-labelledby="list-title">
        <h2 id="list-title">{t('staff_pages.accounts.list')}</h2>
        <div class="table-wrap">
          <table class="staff-table">
            <caption class="visually-hidden">{t('staff_pages.accounts.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff_pages.accounts.name')}</th>
                <th scope="col">{t('staff_pages.accounts.username')}</th>
                <th scope="col">{t('staff_pages.accounts.role')}</th>
                <th scope="col">{t('staff_pages.accounts.status')}</th>
                <th scope="col">{t('staff_pages.accounts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((member) => (
                <tr key={member.id}>
                  <th scope="row">{ctx.locale === 'ar' ? member.nameAr : member.nameEn}</th>
                  <td>
                    <bdi dir="ltr">{member.username}</bdi>
                  </td>
                  <td>{t(`staff_pages.role.${member.role}`)}</td>
                  <td>{t(member.disabled ? 'staff_pages.accounts.status.disabled' : 'staff_pages.accounts.status.active')}</td>
                  <td>
                    {!member.disabled && member.id !== ctx.staff!.staffId && (
                      <a href={`/staff/accounts/${member.id}/disable`}>
                        {t('staff_pages.accounts.disable')}
                        <span class="visually-hidden"> {ctx.locale === 'ar' ? member.nameAr : member.nameEn}</span>
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="create-title" class="form-page">
        <h2 id="create-title">{t('staff_pages.accounts.create')}</h2>
        <p>{t('staff_pages.accounts.create.intro')}</p>
        <ErrorSummary ctx={ctx} errors={errors} message={message} />
        <form method="post" action="/staff/accounts" novalidate class="stack-form">
          <StaffCsrfFields ctx={ctx} />
          <Field ctx={ctx} errors={errors} name="username" label={t('staff_pages.accounts.username')} hint={t('staff_pages.accounts.username.hint')} value={values.username} autocomplete="off" ltr maxLength={30} required />
          <Field ctx={ctx} errors={errors} name="nameAr" label={t('staff_pages.accounts.name_ar')} value={values.nameAr} autocomplete="off" maxLength={200} required />
          <Field ctx={ctx} errors={errors} name="nameEn" label={t('staff_pages.accounts.name_en')} value={values.nameEn} autocomplete="off" maxLength={200} required />
          <Field ctx={ctx} errors={errors} name="mobile" type="tel" label={t('staff_pages.accounts.mobile')} hint={t('staff_pages.accounts.mobile.hint')} value={values.mobile} inputMode="tel" autocomplete="off" ltr maxLength={10} required />
          <fieldset class={roleErrors.length > 0 ? 'radios field-invalid' : 'radios'} id={fieldId('role')}>
            <legend>{t('staff_pages.accounts.role')}</legend>
            {roleErrors.length > 0 && <p class="field-error">{roleErrors.map((e) => e.message).join(' ')}</p>}
            {STAFF_ROLES.map((role) => (
              <div class="radio" key={role}>
                <input type="radio" id={`role-${role}`} name="role" value={role} checked={values.role === role} />
                <label for={`role-${role}`}>{t(`staff_pages.role.${role}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button">
            {t('staff_pages.accounts.create.submit')}
          </button>
        </form>
      </section>
    </StaffLayout>
  );
}

/** After creating: the generated password, shown this once. */
export function StaffCreatedPage({ ctx, created, password }: { ctx: StaffPageContext; created: StaffProfile; password: string }) {
  const { t } = ctx;
  return (
    <StaffLayout ctx={ctx} title={t('staff_pages.accounts.created.title')}>
      <div class="panel panel-success" role="status">
        <h1>{t('staff_pages.accounts.created.title')}</h1>
        <p>
          {t('staff_pages.accounts.created.who', { name: ctx.locale === 'ar' ? created.nameAr : created.nameEn, role: t(`staff_pages.role.${created.role}`) })}
        </p>
        <dl>
          <dt>{t('staff_pages.accounts.username')}</dt>
          <dd>
            <bdi dir="ltr">{created.username}</bdi>
          </dd>
          <dt>{t('staff_pages.accounts.created.password')}</dt>
          <dd>
            <code class="issued-password" dir="ltr" data-password={password}>
              {password}
            </code>
          </dd>
        </dl>
        <p>{t('staff_pages.accounts.created.once')}</p>
      </div>
      <p>
        <a href="/staff/accounts">{t('staff_pages.accounts.back')}</a>
      </p>
    </StaffLayout>
  );
}

/** "Disable this account?": the confirmation step (a link to here, then a POST). */
export function DisableStaffPage({ ctx, target }: { ctx: StaffPageContext; target: StaffProfile }) {
  const { t } = ctx;
  const name = ctx.locale === 'ar' ? target.nameAr : target.nameEn;
  return (
    <StaffLayout ctx={ctx} title={t('staff_pages.accounts.disable.title')}>
      <div class="form-page">
        <h1>{t('staff_pages.accounts.disable.title')}</h1>
        <div class="notice notice-warning">
          <p>{t('staff_pages.accounts.disable.confirm', { name, username: target.username })}</p>
          <p>{t('staff_pages.accounts.disable.effect')}</p>
        </div>
        <dl>
          <dt>{t('staff_pages.accounts.role')}</dt>
          <dd>{t(`staff_pages.role.${target.role}`)}</dd>
          <dt>{t('staff_pages.accounts.created_at')}</dt>
          <dd>{formatDateTime(target.createdAt, ctx.locale)}</dd>
        </dl>
        <form method="post" action={`/staff/accounts/${target.id}/disable`}>
          <StaffCsrfFields ctx={ctx} />
          <button type="submit" class="button">
            {t('staff_pages.accounts.disable.submit')}
          </button>{' '}
          <a href="/staff/accounts">{t('staff_pages.accounts.disable.cancel')}</a>
        </form>
      </div>
    </StaffLayout>
  );
}
