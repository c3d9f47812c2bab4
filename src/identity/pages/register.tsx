import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { DateOfBirthField } from './date-of-birth.js';
import type { RegisterForm } from './form-input.js';
import { CsrfField, ErrorSummary, Field, type FormError } from './form-parts.js';

export interface RegisterPageProps {
  ctx: PageContext;
  csrfToken: string;
  values?: Partial<RegisterForm>;
  errors?: FormError[];
  message?: string | undefined;
}

/** Registration: the person's ID and birth date (checked against the registry), contact, sign-in. */
export function RegisterPage({ ctx, csrfToken, values = {}, errors = [], message }: RegisterPageProps) {
  const { t } = ctx;
  const language = values.language ?? ctx.locale;
  const field = { ctx, errors };
  return (
    <Layout ctx={ctx} title={t('pages.register.title')}>
      <div class="form-page">
        <h1>{t('pages.register.title')}</h1>
        <p class="lead">{t('pages.register.intro')}</p>
        <ErrorSummary ctx={ctx} errors={errors} message={message} />
        <form method="post" action="/register" novalidate class="stack-form">
          <CsrfField token={csrfToken} />
          <fieldset>
            <legend>{t('pages.register.identity_legend')}</legend>
            <Field {...field} name="nationalId" label={t('pages.register.national_id')} hint={t('pages.register.national_id.hint')} value={values.nationalId} inputMode="numeric" ltr maxLength={10} autocomplete="off" required />
            <DateOfBirthField ctx={ctx} value={values.dob} errors={errors} />
          </fieldset>
          <fieldset>
            <legend>{t('pages.register.contact_legend')}</legend>
            <Field {...field} name="mobile" type="tel" label={t('pages.register.mobile')} hint={t('pages.register.mobile.hint')} value={values.mobile} inputMode="numeric" autocomplete="tel-national" ltr maxLength={10} required />
            <Field {...field} name="email" type="email" label={t('pages.register.email')} value={values.email} autocomplete="email" inputMode="email" ltr required />
          </fieldset>
          <fieldset>
            <legend>{t('pages.register.account_legend')}</legend>
            <Field {...field} name="username" label={t('pages.register.username')} hint={t('pages.register.username.hint')} value={values.username} autocomplete="username" ltr maxLength={30} required />
            <Field {...field} name="password" type="password" label={t('pages.register.password')} hint={t('pages.register.password.hint')} autocomplete="new-password" ltr required />
            <Field {...field} name="passwordConfirm" type="password" label={t('pages.register.password_confirm')} autocomplete="new-password" ltr required />
          </fieldset>
          <fieldset class="radios">
            <legend>{t('pages.register.language')}</legend>
            <p class="field-hint">{t('pages.register.language.hint')}</p>
            {(['ar', 'en'] as const).map((lang) => (
              <div class="radio" key={lang}>
                <input type="radio" id={`language-${lang}`} name="language" value={lang} checked={language === lang} />
                <label for={`language-${lang}`} lang={lang}>
                  {t(`pages.register.language.${lang}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button">
            {t('pages.register.submit')}
          </button>
        </form>
        <p>
          {t('pages.register.have_account')} <a href="/login">{t('pages.nav.login')}</a>
        </p>
      </div>
    </Layout>
  );
}
