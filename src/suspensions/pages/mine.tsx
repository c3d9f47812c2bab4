import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { PrintControls } from '../../web/ui/print.js';
import { Breadcrumbs } from '../../requests/pages/catalogue.js';
import type { SuspensionView } from '../view.js';
import { bothDates, SuspensionFacts } from './parts.js';

/**
 * My Services -> General Services -> Temporary suspension of services (الإيقاف المؤقت للخدمات):
 * every suspension in force for the signed-in person, and those lifted lately apart. Printable:
 * the print styles drop the header, footer and links.
 */
export function MySuspensionsPage({ ctx, active, lifted, now }: { ctx: PageContext; active: SuspensionView[]; lifted: SuspensionView[]; now: Date }) {
  const { t, locale } = ctx;
  const title = t('suspensions.title');
  return (
    <Layout ctx={ctx} title={title}>
      <div class="no-print">
        <Breadcrumbs
          ctx={ctx}
          trail={[
            { href: '/', label: t('layout.home') },
            { href: '/services', label: t('service_pages.my_services') },
            { href: '/agencies/general', label: t('agency.general') },
            { label: title },
          ]}
        />
      </div>
      <h1>{title}</h1>
      <p class="lead">{t('suspensions.lead')}</p>
      <p class="muted">{t('suspensions.as_of', bothDates(now, locale))}</p>
      {active.length === 0 ? (
        <div class="panel panel-success" role="status">
          <h2>{t('suspensions.empty.title')}</h2>
          <p>{t('suspensions.empty.text')}</p>
        </div>
      ) : (
        <>
          <p role="status">
            <strong>{t('suspensions.count', { count: active.length })}</strong>
          </p>
          {active.map((view) => (
            <section key={view.reference} class="panel" aria-labelledby={`s-${view.reference}`}>
              <h2 id={`s-${view.reference}`}>{t('suspensions.item_title', { authority: view.authorityLabel[locale] })}</h2>
              <SuspensionFacts ctx={ctx} view={view} />
            </section>
          ))}
        </>
      )}
      {lifted.length > 0 && (
        <section class="section" aria-labelledby="history-title">
          <h2 id="history-title">{t('suspensions.history.title')}</h2>
          {lifted.map((view) => (
            <div key={view.reference} class="panel">
              <h3>{t('suspensions.item_title', { authority: view.authorityLabel[locale] })}</h3>
              <SuspensionFacts ctx={ctx} view={view} lifted />
            </div>
          ))}
        </section>
      )}
      <PrintControls ctx={ctx} />
    </Layout>
  );
}
