import type { Bilingual } from '../../catalogue/define.js';
import { formatDateTime } from '../../kernel/dates.js';
import { Badge } from '../../identity/pages/data-parts.js';
import { fieldId } from '../../identity/pages/form-parts.js';
import { StaffLayout, type StaffPageContext } from '../../identity/staff/pages/layout.js';
import { QUEUE_PATH, Reference, requestPath, When } from './parts.js';

/** The agency's queue for its officers and supervisors: filters (a GET form) and a table. */

export interface QueueFilters {
  serviceId: string;
  state: string;
  overdue: boolean;
  mine: boolean;
}

export interface QueueRow {
  reference: string;
  serviceName: Bilingual;
  stateLabel: Bilingual;
  submittedAt: Date;
  dueAt: Date | null;
  overdue: boolean;
  assigned: 'me' | 'someone' | 'nobody';
}

export interface QueuePageProps {
  ctx: StaffPageContext;
  services: ReadonlyArray<{ id: string; name: Bilingual }>;
  states: ReadonlyArray<{ id: string; label: Bilingual }>;
  filters: QueueFilters;
  rows: QueueRow[];
  /** The agency's whole queue at a glance: open, given to the reader, overdue. */
  counts: { open: number; mine: number; overdue: number };
  /** The list stopped at this many rows (there may be more). */
  limit: number;
}

function Due({ ctx, row }: { ctx: StaffPageContext; row: QueueRow }) {
  const { t, locale } = ctx;
  if (!row.dueAt) return <span class="muted">{t('officer_pages.due.none')}</span>;
  const at = <time datetime={row.dueAt.toISOString()}>{formatDateTime(row.dueAt, locale)}</time>;
  if (!row.overdue) return at;
  return (
    <>
      <Badge tone="danger">{t('officer_pages.due.overdue')}</Badge> {at}
    </>
  );
}

export function QueuePage({ ctx, services, states, filters, rows, counts, limit }: QueuePageProps) {
  const { t, locale } = ctx;
  const title = t('officer_pages.queue.title', { agency: t(`staff_pages.agency.${ctx.staff!.agency}`) });
  const filtered = filters.serviceId !== '' || filters.state !== '' || filters.overdue || filters.mine;
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('officer_pages.queue.intro')}</p>
      <ul class="queue-counts" aria-label={t('officer_pages.counts.label')}>
        <li>
          <a href={QUEUE_PATH}>
            <span class="queue-count">{counts.open}</span> {t('officer_pages.counts.open')}
          </a>
        </li>
        <li>
          <a href={`${QUEUE_PATH}?mine=1`}>
            <span class="queue-count">{counts.mine}</span> {t('officer_pages.counts.mine')}
          </a>
        </li>
        <li class={counts.overdue > 0 ? 'queue-count-late' : undefined}>
          <a href={`${QUEUE_PATH}?overdue=1`}>
            <span class="queue-count">{counts.overdue}</span> {t('officer_pages.counts.overdue')}
          </a>
        </li>
      </ul>
      <section aria-labelledby="filters-title" class="panel queue-filters">
        <h2 id="filters-title">{t('officer_pages.filters.title')}</h2>
        <form method="get" action={QUEUE_PATH} class="filter-form">
          <div class="field">
            <label for={fieldId('service')}>{t('officer_pages.filters.service')}</label>
            <select id={fieldId('service')} name="service">
              <option value="">{t('officer_pages.filters.all_services')}</option>
              {services.map((s) => (
                <option key={s.id} value={s.id} selected={s.id === filters.serviceId}>
                  {s.name[locale]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={fieldId('state')}>{t('officer_pages.filters.state')}</label>
            <select id={fieldId('state')} name="state">
              <option value="">{t('officer_pages.filters.all_states')}</option>
              {states.map((s) => (
                <option key={s.id} value={s.id} selected={s.id === filters.state}>
                  {s.label[locale]}
                </option>
              ))}
            </select>
          </div>
          <div class="filter-checks">
            <div class="checkbox">
              <input type="checkbox" id={fieldId('overdue')} name="overdue" value="1" checked={filters.overdue} />
              <label for={fieldId('overdue')}>{t('officer_pages.filters.overdue')}</label>
            </div>
            <div class="checkbox">
              <input type="checkbox" id={fieldId('mine')} name="mine" value="1" checked={filters.mine} />
              <label for={fieldId('mine')}>{t('officer_pages.filters.mine')}</label>
            </div>
          </div>
          <div class="filter-buttons">
            <button type="submit" class="button">
              {t('officer_pages.filters.submit')}
            </button>
            {filtered && <a href={QUEUE_PATH}>{t('officer_pages.filters.clear')}</a>}
          </div>
        </form>
      </section>
      {/* Not a landmark itself: the table's scrolling frame below is the region of this name. */}
      <section>
        <h2 id="list-title">{t('officer_pages.queue.caption')}</h2>
        {rows.length === 0 ? (
          <p class="notice" role="status">
            {t(filtered ? 'officer_pages.queue.empty_filtered' : 'officer_pages.queue.empty')}
          </p>
        ) : (
          <>
            <p role="status">{t('officer_pages.queue.count', { count: rows.length })}</p>
            {rows.length >= limit && <p class="notice notice-warning">{t('officer_pages.queue.limited', { count: limit })}</p>}
            {/* Scrolls sideways on phones: focusable, so a keyboard can scroll it too. */}
            <div class="table-wrap" role="region" aria-labelledby="list-title" tabIndex={0}>
              <table class="staff-table queue-table table-cards">
                <caption class="visually-hidden">{t('officer_pages.queue.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('officer_pages.column.reference')}</th>
                    <th scope="col">{t('officer_pages.column.service')}</th>
                    <th scope="col">{t('officer_pages.column.state')}</th>
                    <th scope="col">{t('officer_pages.column.submitted')}</th>
                    <th scope="col">{t('officer_pages.column.due')}</th>
                    <th scope="col">{t('officer_pages.column.assigned')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.reference} class={row.overdue ? 'is-overdue' : undefined}>
                      <th scope="row" data-label={t('officer_pages.column.reference')}>
                        <a href={requestPath(row.reference)}>
                          <Reference reference={row.reference} />
                        </a>
                      </th>
                      <td data-label={t('officer_pages.column.service')}>{row.serviceName[locale]}</td>
                      <td data-label={t('officer_pages.column.state')}>{row.stateLabel[locale]}</td>
                      <td data-label={t('officer_pages.column.submitted')}>
                        <When at={row.submittedAt} locale={locale} />
                      </td>
                      <td data-label={t('officer_pages.column.due')}>
                        <Due ctx={ctx} row={row} />
                      </td>
                      <td data-label={t('officer_pages.column.assigned')}>{t(`officer_pages.assigned.${row.assigned}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </StaffLayout>
  );
}
