import type { PageContext } from '../context.js';
import { Layout } from '../layout.js';

export function ErrorPage({ ctx, message, status }: { ctx: PageContext; message: string; status: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('errors.title')}>
      <div class="error-box" role="alert">
        <h1>{t('errors.title')}</h1>
        <p>{message}</p>
        {status >= 500 && <p class="muted">{t('errors.reference', { id: ctx.requestId })}</p>}
      </div>
      <p>
        <a href="/">{t('errors.back_home')}</a>
      </p>
    </Layout>
  );
}
