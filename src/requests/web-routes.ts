import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAgencyId } from '../catalogue/agencies.js';
import type { AnyService } from '../catalogue/define.js';
import { AppError, fieldErrorMessage, isAppError } from '../kernel/errors.js';
import type { WebUser } from '../web/context.js';
import { pageContext, type PageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import type { RequestActor, RequestsDeps } from './deps.js';
import { actOnRequest, getRequest, listMyRequests, listRequestsMadeToMe, timeRanOut } from './index.js';
import { AgencyServicesPage, MyServicesPage, ServicePage } from './pages/catalogue.js';
import { serviceFormRoutes } from './form-routes.js';
import { ConfirmActionPage } from './pages/confirm.js';
import { asksConfirmation } from './confirmation.js';
import { RequestPage, RequestsListPage } from './pages/request.js';
import { VIEWED_BY_STAFF, ViewedPage } from './pages/viewed.js';
import { listAuditForSubject } from '../audit/index.js';
import { requestReference } from './reference.js';
import { listInbox, markInboxRead } from './repository.js';
import { InboxPage } from './pages/inbox.js';
import { signedInOrToLogin } from '../web/session.js';

/**
 * The person's side of the engine, as pages that need no JavaScript: My Services and search,
 * a service's page, applying (form-routes.ts), previous
 * requests, a request with its timeline and the actions the person may take.
 */

export async function serviceWebRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.deps;
  const deps = (): RequestsDeps => ({ db: app.deps.database.db, clock: app.deps.clock, catalogue: app.catalogue });
  const ctxOf = (request: FastifyRequest): PageContext => pageContext(request, { demoMode: config.demoMode });
  app.addHook('onResponse', async () => app.outbox.nudge());

  const signedIn = (request: FastifyRequest, reply: FastifyReply): WebUser | null => signedInOrToLogin(request, reply, '/services');
  const actorOf = (user: WebUser): RequestActor => ({ kind: 'account', accountId: user.accountId, personId: user.personId });
  const serviceOf = (request: FastifyRequest): AnyService => app.catalogue.get((request.params as { serviceId: string }).serviceId);

  // ---- the catalogue ------------------------------------------------------------------------
  app.get('/services', { schema: { hide: true } }, async (request, reply) => {
    const query = String((request.query as Record<string, unknown>).q ?? '').slice(0, 200);
    // One search over the e-services, the inquiries and the person's own pages.
    const results = query.trim() ? app.portalSearch.search(query) : null;
    return sendPage(reply, MyServicesPage({ ctx: ctxOf(request), all: app.catalogue.all, query, results }));
  });

  app.get('/agencies/:agency', { schema: { hide: true } }, async (request, reply) => {
    const { agency } = request.params as { agency: string };
    if (!isAgencyId(agency)) throw new AppError('http.not_found');
    return sendPage(reply, AgencyServicesPage({ ctx: ctxOf(request), agency, services: app.catalogue.ofAgency(agency), inquiries: app.inquiries.ofAgency(agency) }));
  });

  app.get('/services/:serviceId', { schema: { hide: true } }, async (request, reply) => sendPage(reply, ServicePage({ ctx: ctxOf(request), service: serviceOf(request) })));

  // ---- applying (form-routes.ts) ------------------------------------------------------------
  await app.register(serviceFormRoutes);

  // ---- notices ----------------------------------------------------------------------------------
  app.get('/inbox', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const ctx = ctxOf(request);
    const rows = await listInbox(app.deps.database.db, user.accountId, 100);
    // Shown once as new; reading the page marks them read.
    await markInboxRead(app.deps.database.db, user.accountId, app.deps.clock.now());
    const items = rows.map((row) => ({ id: row.id, text: String(row.params[ctx.locale] ?? ''), requestReference: row.reference, createdAt: row.created_at, unread: row.read_at === null }));
    return sendPage(reply, InboxPage({ ctx, items }));
  });

  // ---- who viewed my data ---------------------------------------------------------------------
  app.get('/me/viewed', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const views = await listAuditForSubject(app.deps.database.db, user.personId, { limit: 100, actions: VIEWED_BY_STAFF });
    return sendPage(reply, ViewedPage({ ctx: ctxOf(request), views }));
  });

  // ---- requests -----------------------------------------------------------------------------
  app.get('/requests', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const serviceId = String((request.query as Record<string, unknown>).service ?? '');
    const service = serviceId ? (app.catalogue.find(serviceId) ?? null) : null;
    const rows = await listMyRequests({ ...deps(), accountId: user.accountId, serviceId: service?.id });
    return sendPage(reply, RequestsListPage({ ctx: ctxOf(request), rows, service, catalogue: (id) => app.catalogue.find(id) }));
  });

  // Requests others made where I am the other party (a new sponsor's transfer requests).
  app.get('/requests/made-to-me', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const serviceId = String((request.query as Record<string, unknown>).service ?? '');
    const service = serviceId ? (app.catalogue.find(serviceId) ?? null) : null;
    const rows = await listRequestsMadeToMe({ ...deps(), personId: user.personId, serviceId: service?.id });
    return sendPage(reply, RequestsListPage({ ctx: ctxOf(request), rows, service, madeToMe: true, catalogue: (id) => app.catalogue.find(id) }));
  });

  async function requestPage(request: FastifyRequest, reply: FastifyReply, user: WebUser, extra: { notice?: string; message?: string } = {}, status = 200) {
    const { reference } = request.params as { reference: string };
    const detail = await getRequest({ ...deps(), actor: actorOf(user), reference });
    const timedOut = timeRanOut(detail.service, detail.request, app.deps.clock.now());
    return sendPage(reply, RequestPage({ ctx: ctxOf(request), service: detail.service, row: detail.request, history: detail.history, actions: detail.actions, roles: detail.roles, timeRanOut: timedOut, ...extra }), status);
  }

  app.get('/requests/:reference', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const query = request.query as Record<string, unknown>;
    const ctx = ctxOf(request);
    const notice = query.submitted === '1' ? ctx.t('service_pages.submitted_notice') : typeof query.done === 'string' ? ctx.t('service_pages.done_notice') : undefined;
    return requestPage(request, reply, user, notice ? { notice } : {});
  });

  app.post('/requests/:reference/actions/:action', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const { reference, action } = request.params as { reference: string; action: string };
    const canonical = requestReference(reference);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const ctx = ctxOf(request);
    const expectedVersion = Number(body.expectedVersion);
    // An action that cannot be undone (cancelling a request or a permit, declining a transfer):
    // ask once more, on a page of its own (no JavaScript dialogs), then POST, then redirect.
    const detail = body.confirm === 'yes' ? undefined : await getRequest({ ...deps(), actor: actorOf(user), reference: canonical });
    if (detail && asksConfirmation(detail.service, action)) {
      // Not offered now (a page left open): the service's reason when its guard refuses it.
      const refused = Object.hasOwn(detail.refused, action) ? detail.refused[action]![ctx.locale] : undefined;
      if (!detail.actions.includes(action)) return requestPage(request, reply, user, { message: refused ?? ctx.t('errors.requests.action_not_allowed') }, 409);
      return sendPage(reply, ConfirmActionPage({ ctx, service: detail.service, row: detail.request, action }));
    }
    try {
      await actOnRequest({ ...deps(), ip: request.ip, actor: actorOf(user), act: { reference: canonical, action, expectedVersion: Number.isInteger(expectedVersion) ? expectedVersion : undefined } });
    } catch (error) {
      if (!isAppError(error) || error.code === 'requests.not_found') throw error;
      // A service's effect may refuse with its own reason (a bail the case no longer allows cancelling).
      const reason = error.fields.find((f) => f.text);
      return requestPage(request, reply, user, { message: reason ? fieldErrorMessage(reason, ctx.t, ctx.locale) : ctx.t(error.messageKey, error.params) }, error.status);
    }
    return reply.redirect(`/requests/${canonical}?done=${encodeURIComponent(action)}`, 303);
  });
}
