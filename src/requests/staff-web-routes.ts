import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../kernel/uuid.js';
import type { Bilingual } from '../catalogue/define.js';
import { isActiveAgencyOfficer, listAgencyOfficers } from '../identity/index.js';
import { formField } from '../identity/pages/form-input.js';
import type { FormError } from '../identity/pages/form-parts.js';
import { REQUEST_ROLES } from '../identity/staff/pages/home.js';
import { StaffMessagePage, type StaffPageContext } from '../identity/staff/pages/layout.js';
import { installStaffSession, type StaffViewer } from '../identity/staff/pages/session.js';
import { staffForm, staffPageContext, staffSignedIn } from '../identity/staff/web-routes.js';
import { fieldErrorMessage, isAppError, type AppError } from '../kernel/errors.js';
import { parseReference } from '../kernel/reference.js';
import { getPerson } from '../registry/index.js';
import { sendPage } from '../web/render.js';
import type { RequestActor, RequestsDeps } from './deps.js';
import { actOnRequest, assignToMe, getRequest, officerQueue, officerQueueCounts, reassignRequest } from './index.js';
import { REASON_TEXT_MAX } from './act.js';
import { actionFieldName, INPUT_PREFIX, type PostedForm } from './staff-pages/actions.js';
import { requestPath } from './staff-pages/parts.js';
import { QueuePage, type QueueRow } from './staff-pages/queue.js';
import { RequestPage } from './staff-pages/request.js';
import { readRequestFile, sendStoredFile } from '../uploads/index.js';

/**
 * The officers' request pages in the staff portal (server-rendered, no JavaScript needed):
 * the agency's queue, a request with the applicant's registry record (each view audited by the
 * engine), and its actions as small forms. Officers and supervisors only; the engine's use
 * cases decide what each may see and do, as for the officer API (routes.ts).
 */

const QUEUE_LIMIT = 200;
const ACTION = /^[A-Za-z][A-Za-z0-9_]{0,59}$/;

type Staff = RequestActor & { kind: 'staff' };
const actorOf = (viewer: StaffViewer): Staff => ({ kind: 'staff', staffId: viewer.staffId, agency: viewer.agency, role: viewer.role });
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The open (non-final) states of some services, each once, for the queue's state filter. */
function openStates(services: ReadonlyArray<{ workflow: { states: Record<string, { label: Bilingual; final?: boolean }> } }>) {
  const states = new Map<string, Bilingual>();
  for (const service of services) {
    for (const [id, spec] of Object.entries(service.workflow.states)) if (!spec.final && !states.has(id)) states.set(id, spec.label);
  }
  return [...states].map(([id, label]) => ({ id, label }));
}

async function officerPages(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;
  const deps = (): RequestsDeps => ({ db: db(), clock: app.deps.clock, catalogue: app.catalogue });
  app.addHook('onResponse', async () => app.outbox.nudge());
  installStaffSession(app);
  const signedIn = staffSignedIn(app, REQUEST_ROLES);
  const render = (reply: FastifyReply, page: Parameters<typeof sendPage>[1], status = 200) => sendPage(reply, page, status);
  const notFound = (ctx: StaffPageContext, reply: FastifyReply) => render(reply, StaffMessagePage({ ctx, message: ctx.t('officer_pages.not_found'), status: 404 }), 404);

  // ---- The queue ----------------------------------------------------------------------------
  app.get('/staff/requests', { schema: { hide: true }, preHandler: signedIn }, async (request, reply) => {
    const ctx = staffPageContext(app, request, reply);
    const viewer = request.staffViewer!;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const services = app.catalogue.workedBy(viewer.agency);
    const serviceId = services.some((s) => s.id === text(query.service)) ? text(query.service) : '';
    const states = openStates(serviceId ? services.filter((s) => s.id === serviceId) : services);
    const state = states.some((s) => s.id === text(query.state)) ? text(query.state) : '';
    const filters = { serviceId, state, overdue: query.overdue === '1', mine: query.mine === '1' };
    const [found, counts] = await Promise.all([
      officerQueue({ ...deps(), actor: actorOf(viewer), query: { serviceId: serviceId || undefined, state: state || undefined, overdue: filters.overdue, mine: filters.mine }, limit: QUEUE_LIMIT }),
      officerQueueCounts({ ...deps(), actor: actorOf(viewer) }),
    ]);
    const now = app.deps.clock.now();
    const rows: QueueRow[] = found.flatMap((row) => {
      const service = app.catalogue.find(row.service_id);
      if (!service) return [];
      return [
        {
          reference: row.reference,
          serviceName: service.name,
          stateLabel: service.workflow.states[row.state]?.label ?? { ar: row.state, en: row.state },
          submittedAt: row.created_at,
          dueAt: row.due_at,
          overdue: row.due_at !== null && row.due_at <= now,
          assigned: row.assigned_staff_id === null ? 'nobody' : row.assigned_staff_id === viewer.staffId ? 'me' : 'someone',
        },
      ];
    });
    return render(reply, QueuePage({ ctx, services: services.map((s) => ({ id: s.id, name: s.name })), states, filters, rows, counts, limit: QUEUE_LIMIT }));
  });

  // ---- One request ----------------------------------------------------------------------------
  /** The request page (each call is a staff view, written to the audit log by getRequest). */
  async function requestPage(request: FastifyRequest, reply: FastifyReply, reference: string, extra: { done?: string; posted?: PostedForm; message?: string; conflict?: boolean } = {}, status = 200) {
    const viewer = request.staffViewer!;
    // After a POST the page stands for the request's own address (for the language switch).
    const ctx = { ...staffPageContext(app, request, reply), ...(request.method === 'POST' ? { path: requestPath(reference) } : {}) };
    let detail;
    try {
      detail = await getRequest({ ...deps(), actor: actorOf(viewer), reference, ip: request.ip });
    } catch (error) {
      if (isAppError(error) && error.code === 'requests.not_found') return notFound(ctx, reply);
      throw error;
    }
    const { request: row } = detail;
    const person = (await getPerson(db(), row.beneficiary_person_id))!;
    const applicant = row.applicant_person_id === row.beneficiary_person_id ? null : ((await getPerson(db(), row.applicant_person_id)) ?? null);
    const officers = viewer.role === 'supervisor' ? await listAgencyOfficers({ db: db(), clock: app.deps.clock, actor: { kind: 'staff', session: viewer }, agency: viewer.agency }) : null;
    return render(reply, RequestPage({ ctx, detail, person, applicant, officers, ...extra }), status);
  }

  app.get('/staff/requests/:reference', { schema: { hide: true }, preHandler: signedIn }, async (request, reply) => {
    const reference = parseReference(text((request.params as Record<string, unknown>).reference));
    if (!reference) return notFound(staffPageContext(app, request, reply), reply);
    const doneParam = text((request.query as Record<string, unknown> | undefined)?.done);
    return requestPage(request, reply, reference, { done: ACTION.test(doneParam) ? doneParam : undefined });
  });

  // ---- A file the applicant sent (a passport scan) ---------------------------------------------
  // Streamed with the type read from its bytes; seeing it is a view of the request, audited.
  app.get('/staff/requests/:reference/files/:field', { schema: { hide: true }, preHandler: signedIn }, async (request, reply) => {
    const params = request.params as Record<string, unknown>;
    const reference = parseReference(text(params.reference));
    const fieldName = text(params.field);
    if (!reference || !/^[A-Za-z0-9_-]{1,40}\.[A-Za-z0-9_-]{1,40}$/.test(fieldName)) return notFound(staffPageContext(app, request, reply), reply);
    try {
      const file = await readRequestFile({ ...deps(), actor: actorOf(request.staffViewer!), reference, field: fieldName, ip: request.ip });
      return sendStoredFile(reply, file);
    } catch (error) {
      if (isAppError(error) && (error.code === 'requests.not_found' || error.code === 'http.not_found')) return notFound(staffPageContext(app, request, reply), reply);
      throw error;
    }
  });

  // ---- Acting on it -------------------------------------------------------------------------
  app.post('/staff/requests/:reference/actions/:action', { schema: { hide: true }, config: staffForm, preHandler: signedIn }, async (request, reply) => {
    const ctx = staffPageContext(app, request, reply);
    const params = request.params as Record<string, unknown>;
    const reference = parseReference(text(params.reference));
    const action = text(params.action);
    const actor = actorOf(request.staffViewer!);
    const known = action === 'assign' || action === 'reassign' || app.catalogue.workedBy(actor.agency).some((s) => Object.hasOwn(s.workflow.actions, action));
    if (!reference || !ACTION.test(action) || !known) return notFound(ctx, reply);
    const body = request.body;
    const versionField = formField(body, 'expectedVersion', { max: 12 });
    // The page always sends the version it showed; without one nothing is done blindly.
    const expectedVersion = /^[1-9][0-9]{0,8}$/.test(versionField) ? Number(versionField) : 0;

    // What the officer typed comes back with the page if something is wrong.
    const values: Record<string, string> = {};
    const input: Record<string, string> = {};
    for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
      if (typeof value !== 'string' || !name.startsWith(INPUT_PREFIX)) continue;
      input[name.slice(INPUT_PREFIX.length)] = value.slice(0, 1000);
      values[name] = value.slice(0, 1000);
    }
    const reason = formField(body, 'reason', { max: 60 });
    const reasonText = formField(body, 'reasonText', { max: REASON_TEXT_MAX + 1000 });
    const staffId = formField(body, 'staffId', { max: 60 });
    Object.assign(values, { reason, reasonText, staffId });
    // Problems with fields are listed in the summary, each linking to its field; others are a message.
    const problems = (errors: FormError[], status: number, message?: string) => requestPage(request, reply, reference, { posted: { action, values, errors }, ...(message ? { message } : {}) }, status);

    try {
      if (action === 'assign') {
        await assignToMe({ ...deps(), ip: request.ip, actor, reference, expectedVersion });
      } else if (action === 'reassign') {
        if (!isUuid(staffId)) return problems([{ field: actionFieldName(action, 'staffId'), message: ctx.t('officer_pages.reassign.missing') }], 422);
        await reassignRequest({ ...deps(), ip: request.ip, actor, reference, toStaffId: staffId, expectedVersion, isAgencyOfficer: isActiveAgencyOfficer });
      } else {
        await actOnRequest({ ...deps(), ip: request.ip, actor, act: { reference, action, expectedVersion, reason: reason ? { code: reason, text: reasonText } : undefined, input } });
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      return refused(error);
    }
    return reply.redirect(`${requestPath(reference)}?done=${encodeURIComponent(action)}`, 303);

    function refused(error: AppError) {
      switch (error.code) {
        case 'requests.not_found':
          return notFound(ctx, reply);
        // The request moved on (another officer, the applicant, the platform): say so and show it as it is now.
        case 'requests.conflict':
        case 'requests.action_not_allowed':
          return requestPage(request, reply, reference!, { posted: { action, values, errors: [] }, conflict: true }, error.status);
        case 'staff.not_found':
          return problems([{ field: actionFieldName(action, 'staffId'), message: ctx.t('officer_pages.reassign.missing') }], 422);
        default: {
          const errors = error.fields.map((f) => ({ field: actionFieldName(action, f.field), message: fieldErrorMessage(f, ctx.t, ctx.locale) }));
          return problems(errors, error.status, errors.length > 0 ? undefined : ctx.t(error.messageKey, error.params));
        }
      }
    }
  });

  // A form's address opened as a page (a reload after an error): show the request instead.
  app.get('/staff/requests/:reference/actions/:action', { schema: { hide: true }, preHandler: signedIn }, async (request, reply) => {
    const reference = parseReference(text((request.params as Record<string, unknown>).reference));
    if (!reference) return notFound(staffPageContext(app, request, reply), reply);
    return reply.redirect(requestPath(reference), 303);
  });
}

/** Registered by app.ts after staffWebRoutes. */
export async function officerWebRoutes(app: FastifyInstance): Promise<void> {
  await app.register(officerPages);
}
