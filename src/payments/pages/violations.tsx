import type { Suspension } from '../../db/tables.js';
import { formatDateTime, formatHijri } from '../../kernel/dates.js';
import { formatMoney, sumMoney } from '../../kernel/money.js';
import { listSeparator } from '../../kernel/i18n/index.js';
import { CsrfField } from '../../identity/pages/form-parts.js';
import type { ViolationWithType } from '../../registry/index.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Ltr } from '../../web/ui/ltr.js';

/** The person's unpaid traffic violations: pay one, or all at once, by SADAD or card. */
export function ViolationsPage({ ctx, violations, suspensions }: { ctx: PageContext; violations: ViolationWithType[]; suspensions: Suspension[] }) {
  const { t, locale, user } = ctx;
  const total = sumMoney(violations.map((v) => v.amount));
  return (
    <Layout ctx={ctx} title={t('payments.violations.title')}>
      <nav aria-label={t('service_pages.breadcrumbs')} class="breadcrumbs">
        <a href="/services">{t('service_pages.my_services')}</a>
      </nav>
      <h1>{t('payments.violations.title')}</h1>
      {suspensions.length > 0 && (
        <div class="notice" role="note">
          <p>{t('payments.violations.suspension_note', { count: suspensions.length })}</p>
        </div>
      )}
      {violations.length === 0 ? (
        <p class="notice notice-success" role="status">
          {t('payments.violations.none')}
        </p>
      ) : (
        <>
          <p class="lead">{t('payments.violations.total', { count: violations.length, amount: formatMoney(total, locale) })}</p>
          <form method="post" action="/violations/pay" class="stack-form">
            <CsrfField token={user!.csrfToken} />
            <input type="hidden" name="all" value="yes" />
            <button type="submit" class="button">
              {t('payments.violations.pay_all', { amount: formatMoney(total, locale) })}
            </button>
          </form>
          <div class="table-wrap">
            <table class="table-cards">
              <caption class="visually-hidden">{t('payments.violations.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('payments.violations.number')}</th>
                  <th scope="col">{t('payments.violations.kind')}</th>
                  <th scope="col">{t('payments.violations.when_where')}</th>
                  <th scope="col">{t('payments.total')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('payments.violations.pay_one_header')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {violations.map((v) => (
                  <tr key={v.id}>
                    <td data-label={t('payments.violations.number')}>
                      <Ltr nowrap>{v.number}</Ltr>
                    </td>
                    <td data-label={t('payments.violations.kind')}>{locale === 'ar' ? v.type_name_ar : v.type_name_en}</td>
                    <td data-label={t('payments.violations.when_where')}>
                      {/* One value: on a phone's card it flows beside its label as one text. */}
                      <span>
                        {formatDateTime(v.committed_at, locale)} <span class="muted">({formatHijri(v.committed_at, locale)})</span>
                        {listSeparator(locale)}
                        <bdi>{v.city}</bdi>
                      </span>
                    </td>
                    <td class="nowrap" data-label={t('payments.total')}>
                      <bdi>{formatMoney(v.amount, locale)}</bdi>
                    </td>
                    <td>
                      <form method="post" action="/violations/pay" class="inline-form">
                        <CsrfField token={user!.csrfToken} />
                        <input type="hidden" name="violation" value={v.id} />
                        <button type="submit" class="button button-secondary" aria-label={t('payments.violations.pay_one_label', { number: v.number })}>
                          {t('payments.violations.pay_one')}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}
