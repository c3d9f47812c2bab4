import { agencies, type AgencyId } from '../../catalogue/agencies.js';
import type { AnyService } from '../../catalogue/define.js';
import type { PageContext } from '../../web/context.js';
import { AgencyIcon } from '../../web/icons.js';
import { Layout } from '../../web/layout.js';

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

function ServiceList({ ctx, services }: { ctx: PageContext; services: readonly AnyService[] }) {
  return (
    <ul class="service-list">
      {services.map((s) => (
        <li key={s.id}>
          <a href={`/services/${s.id}`}>{s.name[ctx.locale]}</a>
          <p>{s.description[ctx.locale]}</p>
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

export function MyServicesPage({ ctx, all, query, results }: { ctx: PageContext; all: readonly AnyService[]; query: string; results: readonly AnyService[] | null }) {
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
          <h2 id="results-title">{t('service_pages.results', { count: results.length, query })}</h2>
          {results.length === 0 ? <p>{t('service_pages.no_results')}</p> : <ServiceList ctx={ctx} services={results} />}
        </section>
      )}
      {agencies.map((agency) => {
        const services = all.filter((s) => s.agency === agency);
        return (
          <section key={agency} class="section agency-section" aria-labelledby={`agency-${agency}`}>
            <div class="page-heading">
              <AgencyIcon agency={agency} />
              <h2 id={`agency-${agency}`}>
                <a href={`/agencies/${agency}`}>{t(`agency.${agency}`)}</a>
              </h2>
            </div>
            {services.length === 0 ? <p class="muted">{t('agency.no_services')}</p> : <ServiceList ctx={ctx} services={services} />}
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
  return (
    <Layout ctx={ctx} title={name}>
      <Breadcrumbs ctx={ctx} trail={[{ href: '/', label: t('layout.home') }, { href: '/services', label: t('service_pages.my_services') }, { label: name }]} />
      <div class="page-heading">
        <AgencyIcon agency={agency} />
        <h1>{name}</h1>
      </div>
      <p class="lead">{t(`agency.${agency}.description`)}</p>
      {services.length === 0 ? (
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
      {services.some((s) => s.counterparty) && (
        <section class="section" aria-labelledby="made-to-me-title">
          <h2 id="made-to-me-title">{t('requests.awaiting_me.title')}</h2>
          <ul>
            {services.flatMap((s) =>
              s.counterparty
                ? [
                    <li key={s.id}>
                      <a href={`/requests/made-to-me?service=${encodeURIComponent(s.id)}`}>{s.counterparty.listTitle[ctx.locale]}</a>
                    </li>,
                  ]
                : [],
            )}
          </ul>
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
      {agency === 'general' && (
        <section class="section" aria-labelledby="suspensions-title">
          <h2 id="suspensions-title">{t('suspensions.title')}</h2>
          <p>
            <a href="/suspensions">{t('suspensions.link_hint')}</a>
          </p>
        </section>
      )}
      {agency === 'traffic' && (
        <section class="section" aria-labelledby="violations-title">
          <h2 id="violations-title">{t('payments.violations.title')}</h2>
          <p>
            <a href="/violations">{t('payments.violations.link')}</a>
          </p>
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
    </Layout>
  );
}
