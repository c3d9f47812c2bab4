import { agencies, type AgencyId } from '../../catalogue/agencies.js';
import type { AnyService } from '../../catalogue/define.js';
import { isolate } from '../../kernel/bidi.js';
import type { PageContext } from '../../web/context.js';
import { AgencyIcon } from '../../web/icons.js';
import { Layout } from '../../web/layout.js';
import type { PortalSearchHit } from '../../web/portal-search.js';
import { formatMoney } from '../../kernel/money.js';
import { pageText } from '../../web/ui/ltr.js';

/**
 * My Services (خدماتي): the catalogue by agency and, inside an agency, by group, with a search
 * that forgives spelling; and a service's own page with "New request" and "Previous requests".
 */

function Breadcrumbs({ ctx, trail }: { ctx: PageContext; trail: Array<{ href?: string; label: string }> }) {
  return (
    <nav class="breadcrumbs" aria-label={ctx.t('service_pages.breadcrumbs')}>
      {trail.map((step, i) => (
        <span key={step.label}>
          {i > 0 && <span aria-hidden="true"> / </span>}
          {step.href ? <a href={step.href}>{step.label}</a> : <span aria-current="page">{step.label}</span>}
        </span>
      ))}
    </nav>
  );
}

export function servicesTrail(ctx: PageContext, service?: AnyService) {
  const trail: Array<{ href?: string; label: string }> = [
    { href: '/', label: ctx.t('layout.home') },
    { href: '/services', label: ctx.t('service_pages.my_services') },
  ];
  if (service) {
    trail.push({ href: `/agencies/${service.agency}`, label: ctx.t(`agency.${service.agency}`) });
    trail.push({ href: `/services/${service.id}`, label: service.name[ctx.locale] });
  }
  return trail;
}

export { Breadcrumbs };

/** A page of the portal listed among an agency's services without being a service definition. */
interface PortalPage {
  href: string;
  name: string;
  description: string;
}

/**
 * What an agency offers besides its service definitions: looking up and paying violations
 * (Traffic), the suspensions page (General Services), and the lists of requests made to the
 * person by a service that has another party (a new sponsor's service transfer requests).
 */
function otherPagesOf(ctx: PageContext, agency: AgencyId, services: readonly AnyService[]): PortalPage[] {
  const { t, locale } = ctx;
  const pages: PortalPage[] = services.flatMap((s) =>
    s.counterparty ? [{ href: `/requests/made-to-me?service=${encodeURIComponent(s.id)}`, name: s.counterparty.listTitle[locale], description: t('requests.awaiting_me.intro') }] : [],
  );
  if (agency === 'traffic') pages.push({ href: '/violations', name: t('payments.violations.title'), description: t('payments.violations.link') });
  if (agency === 'general') pages.push({ href: '/suspensions', name: t('suspensions.title'), description: t('suspensions.link_hint') });
  return pages;
}

function ServiceList({ ctx, services, pages = [] }: { ctx: PageContext; services: readonly AnyService[]; pages?: readonly PortalPage[] }) {
  return (
    <ul class="service-list">
      {services.map((s) => (
        <li key={s.id}>
          <a href={`/services/${s.id}`}>{s.name[ctx.locale]}</a>
          <p>{s.description[ctx.locale]}</p>
        </li>
      ))}
      {pages.map((page) => (
        <li key={page.href}>
          <a href={page.href}>{page.name}</a>
          <p>{page.description}</p>
        </li>
      ))}
    </ul>
  );
}

/** A list of services by group, in the order the catalogue gives them. */
function byGroup(ctx: PageContext, services: readonly AnyService[]): Array<{ name: string; services: AnyService[] }> {
  const groups = new Map<string, AnyService[]>();
  for (const s of services) {
    const name = s.group[ctx.locale];
    groups.set(name, [...(groups.get(name) ?? []), s]);
  }
  return [...groups].map(([name, list]) => ({ name, services: list }));
}

export function SearchForm({ ctx, query }: { ctx: PageContext; query: string }) {
  const { t } = ctx;
  return (
    <form method="get" action="/services" class="search-form" role="search">
      <label for="service-search">{t('service_pages.search_label')}</label>
      <div class="search-row">
        <input id="service-search" name="q" type="search" value={query} maxLength={200} aria-describedby="service-search-hint" />
        <button type="submit" class="button">
          {t('service_pages.search')}
        </button>
      </div>
      <p class="field-hint" id="service-search-hint">
        {t('service_pages.search_hint')}
      </p>
    </form>
  );
}

/** The search's results: e-services, inquiries and the person's pages, each saying which it is. */
function SearchResults({ ctx, results }: { ctx: PageContext; results: readonly PortalSearchHit[] }) {
  const { t, locale } = ctx;
  return (
    <ul class="service-list search-results">
      {results.map((hit) => (
        <li key={`${hit.kind}:${hit.id}`} data-kind={hit.kind}>
          <span class={`badge search-kind search-kind-${hit.kind}`}>{t(`search.kind.${hit.kind}`)}</span> <a href={hit.href}>{hit.name[locale]}</a>
          <p>{hit.description[locale]}</p>
        </li>
      ))}
    </ul>
  );
}

export function MyServicesPage({ ctx, all, query, results }: { ctx: PageContext; all: readonly AnyService[]; query: string; results: readonly PortalSearchHit[] | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('service_pages.my_services')}>
      <Breadcrumbs ctx={ctx} trail={[{ href: '/', label: t('layout.home') }, { label: t('service_pages.my_services') }]} />
      <h1>{t('service_pages.my_services')}</h1>
      <SearchForm ctx={ctx} query={query} />
      <p>
        <a href="/inquiries">{t('inquiries.all_link')}</a>
      </p>
      {results && (
        <section aria-labelledby="results-title" class="section">
          <h2 id="results-title">{t('service_pages.results', { count: results.length, query: isolate(query) })}</h2>
          {results.length === 0 ? <p>{t('service_pages.no_results')}</p> : <SearchResults ctx={ctx} results={results} />}
        </section>
      )}
      {agencies.map((agency) => {
        const services = all.filter((s) => s.agency === agency);
        const pages = otherPagesOf(ctx, agency, services);
        return (
          <section key={agency} class="section agency-section" aria-labelledby={`agency-${agency}`}>
            <div class="page-heading">
              <AgencyIcon agency={agency} />
              <h2 id={`agency-${agency}`}>
                <a href={`/agencies/${agency}`}>{t(`agency.${agency}`)}</a>
              </h2>
            </div>
            {services.length === 0 && pages.length === 0 ? <p class="muted">{t('agency.no_services')}</p> : <ServiceList ctx={ctx} services={services} pages={pages} />}
          </section>
        );
      })}
    </Layout>
  );
}

/** A read-only inquiry of the agency, as its page lists it (src/inquiries). */
export interface AgencyInquiryLink {
  id: string;
  name: { ar: string; en: string };
  description: { ar: string; en: string };
}

export function AgencyServicesPage({ ctx, agency, services, inquiries = [] }: { ctx: PageContext; agency: AgencyId; services: readonly AnyService[]; inquiries?: readonly AgencyInquiryLink[] }) {
  const { t } = ctx;
  const name = t(`agency.${agency}`);
  const pages = otherPagesOf(ctx, agency, services);
  return (
    <Layout ctx={ctx} title={name}>
      <Breadcrumbs ctx={ctx} trail={[{ href: '/', label: t('layout.home') }, { href: '/services', label: t('service_pages.my_services') }, { label: name }]} />
      <div class="page-heading">
        <AgencyIcon agency={agency} />
        <h1>{name}</h1>
      </div>
      <p class="lead">{t(`agency.${agency}.description`)}</p>
      {services.length === 0 && pages.length === 0 ? (
        <div class="notice" role="status">
          <p>{t('agency.no_services')}</p>
        </div>
      ) : (
        byGroup(ctx, services).map((group) => (
          <section key={group.name} class="section" aria-label={group.name}>
            <h2>{group.name}</h2>
            <ServiceList ctx={ctx} services={group.services} />
          </section>
        ))
      )}
      {pages.length > 0 && (
        <section class="section" aria-labelledby="other-pages-title">
          <h2 id="other-pages-title">{t(services.length > 0 ? 'agency.other_pages' : 'agency.e_services')}</h2>
          <ServiceList ctx={ctx} services={[]} pages={pages} />
        </section>
      )}
      {inquiries.length > 0 && (
        <section class="section" aria-labelledby="inquiries-title">
          <h2 id="inquiries-title">{t('inquiries.title')}</h2>
          <ul class="service-list">
            {inquiries.map((i) => (
              <li key={i.id}>
                <a href={`/inquiries/${i.id}`}>{i.name[ctx.locale]}</a>
                <p>{i.description[ctx.locale]}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

export function ServicePage({ ctx, service }: { ctx: PageContext; service: AnyService }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={service.name[locale]}>
      <Breadcrumbs ctx={ctx} trail={servicesTrail(ctx, service).slice(0, -1).concat({ label: service.name[locale] })} />
      <p class="step-label">{service.group[locale]}</p>
      <h1>{service.name[locale]}</h1>
      <p class="lead">{service.description[locale]}</p>
      <div class="action-row">
        <a class="button" href={`/services/${service.id}/apply`}>
          {service.newRequestLabel?.[ctx.locale] ?? t('service_pages.new_request')}
        </a>
        <a class="button button-secondary" href={`/requests?service=${encodeURIComponent(service.id)}`}>
          {t('service_pages.previous_requests')}
        </a>
        {service.counterparty && (
          <a class="button button-secondary" href={`/requests/made-to-me?service=${encodeURIComponent(service.id)}`}>
            {service.counterparty.listTitle[locale]}
          </a>
        )}
      </div>
      <section class="section" aria-labelledby="conditions-title">
        <h2 id="conditions-title">{t('service_pages.conditions')}</h2>
        <ul>
          {service.eligibility.map((rule) => (
            <li key={rule.id}>{rule.condition[locale]}</li>
          ))}
        </ul>
        <p class="muted">{t('service_pages.conditions_hint')}</p>
      </section>
      <section class="section" aria-labelledby="fees-title">
        <h2 id="fees-title">{t('service_pages.fee')}</h2>
        {service.feeSchedule.lines.length === 0 ? (
          <p>{t('service_pages.free_service')}</p>
        ) : (
          <table class="fee-table">
            <tbody>
              {service.feeSchedule.lines.map((line) => (
                <tr key={line.label.en}>
                  <th scope="row">{pageText(line.label[locale], locale)}</th>
                  <td>{line.amount === 0 ? t('service_pages.free') : formatMoney(line.amount, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {service.feeSchedule.note && <p class="muted">{pageText(service.feeSchedule.note[locale], locale)}</p>}
      </section>
    </Layout>
  );
}
