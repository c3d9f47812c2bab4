import type { SubjectAuditEntry } from '../../audit/index.js';
import { formatDateTime } from '../../kernel/dates.js';
import { formatReference } from '../../kernel/reference.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Ltr } from '../../web/ui/ltr.js';

/** The audit actions "Who viewed my data" lists: staff opening a request, staff looking up the person's suspensions. */
export const VIEWED_BY_STAFF = ['requests.viewed_by_staff', 'suspensions.viewed_by_staff'];

/**
 * "Who viewed my data": each time agency staff opened one of the person's requests or looked up
 * their suspensions, with the staff member's role and agency (not their name), the time, and what
 * they saw.
 */
export function ViewedPage({ ctx, views }: { ctx: PageContext; views: SubjectAuditEntry[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('service_pages.viewed_title')}>
      <nav class="breadcrumbs" aria-label={t('service_pages.breadcrumbs')}>
        <a href="/me">{t('pages.nav.my_data')}</a>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{t('service_pages.viewed_title')}</span>
      </nav>
      <h1>{t('service_pages.viewed_title')}</h1>
      <p class="lead">{t('service_pages.viewed_intro')}</p>
      {views.length === 0 ? (
        <div class="notice" role="status">
          <p>{t('service_pages.viewed_none')}</p>
        </div>
      ) : (
        <div class="table-wrap">
          <table class="table-cards">
            <thead>
              <tr>
                <th scope="col">{t('service_pages.viewed_when')}</th>
                <th scope="col">{t('service_pages.viewed_who')}</th>
                <th scope="col">{t('service_pages.viewed_agency')}</th>
                <th scope="col">{t('service_pages.viewed_what')}</th>
              </tr>
            </thead>
            <tbody>
              {views.map((view) => {
                const reference = typeof view.details.reference === 'string' ? view.details.reference : '';
                // Entries written before the role was recorded say nothing rather than guess.
                const role = typeof view.details.role === 'string' ? view.details.role : null;
                const agency = typeof view.details.agency === 'string' ? view.details.agency : '';
                return (
                  <tr key={view.seq}>
                    <td data-label={t('service_pages.viewed_when')}>
                      <bdi class="nowrap">{formatDateTime(view.occurredAt, locale)}</bdi>
                    </td>
                    <td data-label={t('service_pages.viewed_who')}>{role ? t(`staff_pages.role.${role}`) : '—'}</td>
                    <td data-label={t('service_pages.viewed_agency')}>{agency ? t(`agency.${agency}`) : ''}</td>
                    <td data-label={t('service_pages.viewed_what')}>
                      {view.action === 'suspensions.viewed_by_staff' ? (
                        <a href="/suspensions">{t('service_pages.viewed_suspensions')}</a>
                      ) : (
                        reference && (
                          <>
                            {t('service_pages.viewed_request')}{' '}
                            <a href={`/requests/${reference}`}>
                              <Ltr nowrap>
                                {formatReference(reference)}
                              </Ltr>
                            </a>
                          </>
                        )
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
