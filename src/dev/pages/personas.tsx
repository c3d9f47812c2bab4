import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { formatGregorian, formatHijri } from '../../kernel/dates.js';
import type { PersonaView } from '../routes.js';

export function PersonasPage({ ctx, personas }: { ctx: PageContext; personas: PersonaView[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('personas.title')}>
      <h1>{t('personas.title')}</h1>
      <p class="lead">{t('personas.intro')}</p>
      {personas.length === 0 ? (
        <div class="notice" role="status">
          <p>{t('personas.empty')}</p>
        </div>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('personas.key')}</th>
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
                  <td>
                    <code>{p.key}</code>
                  </td>
                  <td>{locale === 'ar' ? p.nameAr : p.nameEn}</td>
                  <td>
                    <bdi class="ltr-value">{p.nationalId}</bdi>
                  </td>
                  <td>
                    <bdi class="nowrap">{formatGregorian(p.dateOfBirth, locale)}</bdi>
                    <br />
                    <bdi class="muted nowrap">{formatHijri(p.dateOfBirth, locale)}</bdi>
                  </td>
                  <td>
                    <bdi class="ltr-value">{p.mobile ?? ''}</bdi>
                  </td>
                  <td>{p.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
