import type { ActionSpec, AnyService } from '../catalogue/define.js';

/**
 * Which actions the pages ask about once more, on a page of their own, before taking them: an
 * action the service asks about (`confirm`), and any action a person takes that ends the request
 * or what it gave (cancelling a request, cancelling an issued permit, withdrawing, declining):
 * it cannot be undone, so one tap must never do it. Decided here, on the server, for every
 * service, not by a field the page sends.
 */
export function asksConfirmation(service: AnyService, action: string): boolean {
  const spec: ActionSpec<string, unknown> | undefined = Object.hasOwn(service.workflow.actions, action) ? service.workflow.actions[action] : undefined;
  if (!spec) return false;
  if (spec.confirm) return true;
  const byPerson = spec.by.includes('applicant') || spec.by.includes('counterparty');
  return byPerson && service.workflow.states[spec.to]?.final === true;
}
