import type { AgencyId } from '../../catalogue/agencies.js';
import type { PageContext } from '../context.js';
import { Layout } from '../layout.js';
import { AgencyIcon } from '../icons.js';

export function AgencyPage({ ctx, agency }: { ctx: PageContext; agency: AgencyId }) {
  const { t } = ctx;
  const name = t(`agency.${agency}`);
  return (
    <Layout ctx={ctx} title={name}>
      <nav class="breadcrumbs" aria-label={t('layout.main_nav')}>
        <a href="/">{t('layout.home')}</a>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{name}</span>
      </nav>
      <div class="page-heading">
        <AgencyIcon agency={agency} />
        <h1>{name}</h1>
      </div>
      <p class="lead">{t(`agency.${agency}.description`)}</p>
      <div class="notice" role="status">
        <p>{t('agency.no_services')}</p>
      </div>
      <p>
        <a href="/">{t('agency.back')}</a>
      </p>
    </Layout>
  );
}
