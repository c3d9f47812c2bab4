import { agencies } from '../../catalogue/agencies.js';
import type { PageContext } from '../context.js';
import { Layout } from '../layout.js';
import { AgencyIcon } from '../icons.js';

/** The government agencies, each a card leading to its services. */
export function AgencyGrid({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="agencies-title">
      <h2 id="agencies-title">{t('home.agencies')}</h2>
      <p class="muted">{t('home.agencies_hint')}</p>
      <ul class="card-grid" role="list">
        {agencies.map((agency) => (
          <li key={agency}>
            <a class="card agency-card" href={`/agencies/${agency}`}>
              <AgencyIcon agency={agency} />
              <span class="card-title">{t(`agency.${agency}`)}</span>
              <span class="card-text">{t(`agency.${agency}.description`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The home page of someone not signed in (the signed-in person's home is the dashboard). */
export function HomePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <section class="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t('app.tagline')}</h1>
        <p class="lead">{t('app.intro')}</p>
      </section>
      <AgencyGrid ctx={ctx} />
    </Layout>
  );
}
