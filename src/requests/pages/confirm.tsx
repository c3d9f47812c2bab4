import type { AnyService } from '../../catalogue/define.js';
import type { ServiceRequestRow } from '../../db/tables.js';
import { formatReference } from '../../kernel/reference.js';
import { CsrfField } from '../../identity/pages/form-parts.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { outputText } from '../output-text.js';

/** "Are you sure?" for an action that cannot be undone (cancelling a request), without JavaScript. */
export function ConfirmActionPage({ ctx, service, row, action }: { ctx: PageContext; service: AnyService; row: ServiceRequestRow; action: string }) {
  const { t, locale, user } = ctx;
  const label = service.workflow.actions[action]!.label[locale];
  // The service's own question (decline a transfer?), or the engine's for cancelling or for
  // another action that cannot be undone; {reference} and the request's outputs are filled in.
  const question = service.workflow.actions[action]!.confirm;
  const reference = formatReference(row.reference);
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name === 'reference' ? reference : row.outputs[name] !== undefined ? outputText(row.outputs[name], locale) : whole));
  return (
    <Layout ctx={ctx} title={label}>
      <div class="form-page">
        <p class="step-label">{service.name[locale]}</p>
        <h1>{label}</h1>
        <p class="lead">
          {question ? fill(question[locale]) : t(action === 'cancel' ? 'service_pages.confirm_cancel' : 'service_pages.confirm_final', { reference, action: label })}
        </p>
        <form method="post" action={`/requests/${row.reference}/actions/${action}`} class="stack-form">
          <CsrfField token={user!.csrfToken} />
          <input type="hidden" name="expectedVersion" value={String(row.version)} />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit" class="button button-danger">
            {label}
          </button>
        </form>
        <p>
          <a href={`/requests/${row.reference}`}>{t('service_pages.keep_request')}</a>
        </p>
      </div>
    </Layout>
  );
}
