import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AnyService } from '../catalogue/define.js';
import { accountOfEndedWebSession } from '../identity/index.js';
import { CSRF_FIELD, loginPathAfterSessionEnd, presentedSessionToken } from '../web/session.js';
import { keepFormDraft, type FormDraft } from './drafts.js';
import { forQuery, type FormData } from './pages/apply.js';

/**
 * The service forms' side of a session that ends mid-form (drafts.ts keeps the answers).
 *
 * A step sent after the session ended: its answers are kept for the ended session's account,
 * and the person is sent to sign in with a plain message and `next` pointing at that very step;
 * once signed in again (the same account), the step opens with what they had typed.
 */

/** The step a form was on, by its `step` field; the first when it names none of the service's. */
function stepSent(service: AnyService, body: Record<string, unknown>): string {
  return service.form.find((s) => s.id === body.step)?.id ?? service.form[0]!.id;
}

/**
 * Answers the form sent without a live session: keeps its answers (when the session ran out of
 * time and the form was rendered for it) and redirects to sign in. `atStep` overrides the step
 * to come back to (the answers check page comes back to the last step). Always null: the caller
 * returns the reply.
 */
export async function toLoginKeepingDraft(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, options: { service: AnyService; data: FormData; atStep?: string }): Promise<null> {
  const { service, data } = options;
  const body = (request.body ?? {}) as Record<string, unknown>;
  const stepId = options.atStep ?? stepSent(service, body);
  const forId = typeof body._for === 'string' && /^[0-9]{10}$/.test(body._for) ? body._for : null;
  const start = typeof body._start === 'string' && body._start.length <= 60 ? body._start : null;
  const token = presentedSessionToken(request);
  const { database, clock, config } = app.deps;
  const accountId = token ? await accountOfEndedWebSession({ db: database.db, clock, config, token, csrfToken: body[CSRF_FIELD] }) : undefined;
  if (accountId) {
    const draft: FormDraft = { serviceId: service.id, stage: 'step', stepId, beneficiaryNationalId: forId, startChallengeId: start, submitChallengeId: null, idempotencyKey: null, answers: data, flash: null };
    await keepFormDraft({ db: database.db, clock, accountId, draft });
  }
  const next = `/services/${service.id}/apply/${stepId}${forQuery(forId ?? undefined)}`;
  void reply.redirect(loginPathAfterSessionEnd(request, next, accountId ? 'kept' : 'ended'), 303);
  return null;
}
