import { formatDateTime } from '../../kernel/dates.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { pageText } from '../../web/ui/ltr.js';

export interface InboxItem {
  id: string;
  text: string;
  requestReference: string | null;
  createdAt: Date;
  unread: boolean;
}

/** The person's notices: one for each change of one of their requests, newest first. */
export function InboxPage({ ctx, items }: { ctx: PageContext; items: InboxItem[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('service_pages.inbox_title')}>
      <h1>{t('service_pages.inbox_title')}</h1>
      {items.length === 0 ? (
        <div class="notice" role="status">
          <p>{t('service_pages.inbox_empty')}</p>
        </div>
      ) : (
        <ol class="inbox">
          {items.map((item) => (
            <li key={item.id} class={item.unread ? 'inbox-unread' : undefined}>
              {item.unread && <span class="badge badge-info">{t('service_pages.inbox_new')}</span>} <span>{pageText(item.text, locale)}</span>
              <p class="muted">
                <bdi class="nowrap">{formatDateTime(item.createdAt, locale)}</bdi>
                {item.requestReference && (
                  <>
                    {' · '}
                    <a href={`/requests/${item.requestReference}`}>{t('service_pages.inbox_open')}</a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
