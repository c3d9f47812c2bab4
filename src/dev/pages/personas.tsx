import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { formatGregorian, formatHijri } from '../../kernel/dates.js';
import type { PersonaView, StaffView } from '../routes.js';
import { Ltr } from '../../web/ui/ltr.js';

export function PersonasPage({ ctx, personas, staff }: { ctx: PageContext; personas: PersonaView[]; staff: StaffView[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('personas.title')}>
      <h1>{t('personas.title')}</h1>
      <p class="lead">{t('personas.intro')}</p>
      <p>
        {t('personas.password')} <code class="ltr-value">{staff[0]?.password ?? personas[0]?.password}</code>
      </p>
      {personas.length === 0 ? (
        <div class="notice" role="status">
          <p>{t('personas.empty')}</p>
        </div>
      ) : (
        <div class="table-wrap">
          <table class="table-cards">
            <thead>
              <tr>
                <th scope="col">{t('personas.login')}</th>
                <th scope="col">{t('personas.name')}</th>
                <th scope="col">{t('personas.national_id')}</th>
                <th scope="col">{t('personas.date_of_birth')}</th>
                <th scope="col">{t('personas.mobile')}</th>
                <th scope="col">{t('personas.description')}</th>
              </tr>
            </thead>
            <tbody>
              {personas.map((p) => (
                <tr key={p.key}>
                  <td data-label={t('personas.login')}>
                    <code>{p.login}</code>
                    {p.signInAt === '/staff/login' && (
                      <>
                        <br />
                        <a href="/staff/login">{t('personas.staff_area')}</a>
                      </>
                    )}
                  </td>
                  <td data-label={t('personas.name')}>{locale === 'ar' ? p.nameAr : p.nameEn}</td>
                  <td data-label={t('personas.national_id')}>
                    <Ltr>{p.nationalId}</Ltr>
                  </td>
                  <td data-label={t('personas.date_of_birth')}>
                    <bdi class="nowrap">{formatGregorian(p.dateOfBirth, locale)}</bdi>
                    <br />
                    <bdi class="muted nowrap">{formatHijri(p.dateOfBirth, locale)}</bdi>
                  </td>
                  <td data-label={t('personas.mobile')}>
                    <Ltr>{p.mobile ?? ''}</Ltr>
                  </td>
                  <td data-label={t('personas.description')}>{p.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('personas.staff_title')}</h2>
      <p>
        {t('personas.staff_intro')} <a href="/staff/login">{t('personas.staff_area')}</a>
      </p>
      <div class="table-wrap">
        <table class="table-cards">
          <thead>
            <tr>
              <th scope="col">{t('personas.login')}</th>
              <th scope="col">{t('personas.name')}</th>
              <th scope="col">{t('staff_pages.home.agency')}</th>
              <th scope="col">{t('staff_pages.home.role')}</th>
              <th scope="col">{t('personas.mobile')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((member) => (
              <tr key={member.login}>
                <td data-label={t('personas.login')}>
                  <code>{member.login}</code>
                </td>
                <td data-label={t('personas.name')}>{locale === 'ar' ? member.nameAr : member.nameEn}</td>
                <td data-label={t('staff_pages.home.agency')}>{t(`staff_pages.agency.${member.agency}`)}</td>
                <td data-label={t('staff_pages.home.role')}>{t(`staff_pages.role.${member.role}`)}</td>
                <td data-label={t('personas.mobile')}>
                  <Ltr>{member.mobile}</Ltr>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
