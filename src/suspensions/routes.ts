import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiSession, apiStaffSession } from '../identity/index.js';
import { nationalIdSchema } from '../identity/schemas.js';
import { translateBoth } from '../kernel/i18n/index.js';
import { safeText } from '../kernel/safe-text.js';
import { personName } from '../registry/index.js';
import { suspensionJson, suspensionSchema } from './api-view.js';
import { liftSuspension, placeSuspension, remitsOf, staffLookUp, suspensionsOfPerson, TEXT_MAX, type StaffActor, type SuspensionsDeps } from './manage.js';
import { AUTHORITIES, authoritiesOf, LIFTED_BY } from './rules.js';
import { CONTACT_CENTRE, suspensionView } from './view.js';
import type { Suspension } from '../db/tables.js';

/**
 * The suspensions API: the signed-in person's suspensions (GET /api/v1/me/suspensions), and
 * for staff, looking a person up, placing and lifting (supervisors and admins of the agency
 * that speaks for the authority: rules.ts).
 */

const problem = z.object({ code: z.string(), detail: z.string() }).passthrough().describe('application/problem+json');
const BEARER = 'Authorization: Bearer <token> (from a completed sign-in).';
const STAFF = 'Authorization: Bearer <staff token>. Supervisors and admins of Traffic (General Department of Traffic) or of General Services (courts, prosecution, enforcement, ministry, zakat authority).';
const listSchema = z.object({ suspensions: z.array(suspensionSchema).describe('In force (lifted_at null), newest start first'), history: z.array(suspensionSchema).describe('Lifted in the last 90 days'), contactCentre: z.string() });

export async function suspensionRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onResponse', async () => app.outbox.nudge());
  const deps = (): SuspensionsDeps => ({ db: app.deps.database.db, clock: app.deps.clock, catalogue: app.catalogue });
  const identityDeps = () => ({ db: app.deps.database.db, clock: app.deps.clock, config: app.deps.config });
  const staysOpen = translateBoth('suspensions.blocked.stay_open');
  const json = (s: Suspension) => suspensionJson(suspensionView(s, app.catalogue, app.deps.clock.now()), staysOpen);
  const lists = (found: { active: Suspension[]; lifted: Suspension[] }) => ({ suspensions: found.active.map(json), history: found.lifted.map(json), contactCentre: CONTACT_CENTRE });
  async function staff(request: FastifyRequest): Promise<StaffActor> {
    const session = await apiStaffSession(identityDeps(), request);
    return { staffId: session.staffId, agency: session.agency, role: session.role };
  }

  api.get(
    '/api/v1/me/suspensions',
    { schema: { tags: ['suspensions'], summary: 'Temporary suspension of services: the signed-in person’s suspensions in force, and those lifted lately', description: BEARER, response: { 200: listSchema, 401: problem } } },
    async (request) => {
      const session = await apiSession(identityDeps(), request);
      return lists(await suspensionsOfPerson({ ...deps(), personId: session.personId }));
    },
  );

  api.get(
    '/api/v1/staff/suspensions',
    {
      schema: {
        tags: ['suspensions'],
        summary: "A person's suspensions by ID number (the view is written to the audit log)",
        description: STAFF,
        querystring: z.object({ nationalId: nationalIdSchema }),
        response: { 200: listSchema.extend({ person: z.object({ nationalId: z.string(), nameAr: z.string(), nameEn: z.string() }), mayManage: z.array(z.enum(AUTHORITIES)), remits: z.record(z.string(), z.array(z.string())).describe('What each of those authorities may suspend (its remit): `*`, `<agency>.*` or service ids') }), 401: problem, 403: problem, 404: problem, 422: problem },
      },
    },
    async (request) => {
      const actor = await staff(request);
      const found = await staffLookUp({ ...deps(), actor, ip: request.ip, nationalId: request.query.nationalId });
      const p = found.person;
      const authorities = authoritiesOf(actor);
      return { ...lists(found), person: { nationalId: p.national_id, nameAr: personName(p, 'ar'), nameEn: personName(p, 'en') }, mayManage: authorities, remits: Object.fromEntries(Object.entries(await remitsOf(app.deps.database.db, authorities)).map(([a, r]) => [a, [...(r ?? [])]])) };
    },
  );

  api.post(
    '/api/v1/staff/suspensions',
    {
      schema: {
        tags: ['suspensions'],
        summary: 'Place a suspension of services at the request of an authority. With an Idempotency-Key header: 201 the first time, 200 with the same suspension for the same key and body, 409 for the same key with another body',
        description: STAFF,
        headers: z.object({ 'idempotency-key': safeText({ max: 200 }).min(1).optional() }),
        body: z.object({
          nationalId: nationalIdSchema,
          authority: z.enum(AUTHORITIES),
          legalBasis: safeText({ max: TEXT_MAX.legalBasis, multiline: true }).describe('Required: the order or ruling and its number'),
          reasonAr: safeText({ max: TEXT_MAX.reason, multiline: true }),
          reasonEn: safeText({ max: TEXT_MAX.reason, multiline: true }),
          blockedServices: z.array(z.string().max(120)).max(100).describe('`*` (all e-services), `<agency>.*`, or service ids of GET /api/v1/services; each must name some service of the catalogue and lie inside the authority’s remit (403 suspensions.outside_remit)'),
          liftedBy: z.enum(LIFTED_BY),
          startsOn: z.string().max(10).optional().describe('YYYY-MM-DD (Riyadh); now when absent'),
        }),
        response: { 200: suspensionSchema, 201: suspensionSchema, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem },
      },
    },
    async (request, reply) => {
      const actor = await staff(request);
      const outcome = await placeSuspension({ ...deps(), actor, ip: request.ip, input: request.body, idempotencyKey: request.headers['idempotency-key'] });
      reply.header('location', `/api/v1/staff/suspensions?nationalId=${request.body.nationalId}`);
      return reply.status(outcome.created ? 201 : 200).send(json(outcome.suspension));
    },
  );

  api.post(
    '/api/v1/staff/suspensions/:reference/lift',
    {
      schema: {
        tags: ['suspensions'],
        summary: 'Lift a suspension with a note: the services it blocked are available at once. A suspension lifted already is a 409 and nothing changes',
        description: STAFF,
        params: z.object({ reference: z.string().min(4).max(60) }),
        body: z.object({ note: safeText({ max: TEXT_MAX.note, multiline: true }) }),
        response: { 200: suspensionSchema, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem },
      },
    },
    async (request) => {
      const actor = await staff(request);
      return json(await liftSuspension({ ...deps(), actor, ip: request.ip, reference: request.params.reference, note: request.body.note }));
    },
  );
}
