import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IdentityDepsWithConfig } from '../deps.js';
import { issueActivationCode } from '../office-activation.js';
import { authRateLimits } from '../rate-limits.js';
import { apiStaffSession } from '../api-auth.js';
import { challengeAcceptedSchema, challengeParamsSchema, codeBodySchema } from '../schemas.js';
import { createStaffAccount, disableStaffAccount, getStaffProfile } from './accounts.js';
import { startStaffLogin, verifyStaffChallenge } from './login.js';
import {
  createdStaffSchema,
  createStaffBodySchema,
  issueActivationCodeBodySchema,
  issuedActivationCodeSchema,
  staffIdParamsSchema,
  staffLoginBodySchema,
  staffProfileJson,
  staffProfileSchema,
  staffTokenSchema,
} from './schemas.js';
import type { StaffSession } from './sessions.js';

/**
 * The staff API: sign-in (password, then a code), "me", staff management by admins, and
 * office activation codes. Staff sign-ins complete at their own challenge endpoint: the
 * session belongs to a staff member, not an account, and answers a different shape.
 */

const problem = z.object({ code: z.string(), detail: z.string() }).passthrough().describe('application/problem+json');
const BEARER = 'Authorization: Bearer <staff token> (from POST /api/v1/staff/auth/challenges/{challengeId}).';

export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const deps = (): IdentityDepsWithConfig => ({ db: app.deps.database.db, clock: app.deps.clock, config: app.deps.config });

  const authenticate = (request: FastifyRequest): Promise<StaffSession> => apiStaffSession(deps(), request);

  api.post(
    '/api/v1/staff/auth/login',
    {
      schema: { tags: ['staff'], summary: 'Staff sign-in with username and password: sends a one-time code to the staff mobile', body: staffLoginBodySchema, response: { 202: challengeAcceptedSchema, 401: problem, 403: problem, 423: problem, 429: problem } },
      preHandler: authRateLimits(app, 'staff-login', 'api'),
    },
    async (request, reply) => {
      const result = await startStaffLogin({ ...deps(), ip: request.ip, username: request.body.username, password: request.body.password });
      return reply.status(202).send({ challengeId: result.challengeId });
    },
  );

  api.post(
    '/api/v1/staff/auth/challenges/:challengeId',
    {
      schema: { tags: ['staff'], summary: 'Answer the staff sign-in code: a staff bearer token', params: challengeParamsSchema, body: codeBodySchema, response: { 200: staffTokenSchema, 403: problem, 404: problem, 410: problem, 422: problem, 429: problem } },
      preHandler: authRateLimits(app, 'staff-challenge', 'api'),
    },
    async (request) => {
      const { session } = await verifyStaffChallenge({ ...deps(), ip: request.ip, userAgent: request.headers['user-agent'], challengeId: request.params.challengeId, code: request.body.code, sessionKind: 'api' });
      return { token: session.token, expiresAt: session.expiresAt.toISOString() };
    },
  );

  api.get(
    '/api/v1/staff/me',
    { schema: { tags: ['staff'], summary: 'The signed-in staff member', description: BEARER, response: { 200: staffProfileSchema, 401: problem } } },
    async (request) => {
      const session = await authenticate(request);
      return staffProfileJson(await getStaffProfile({ ...deps(), staffId: session.staffId }));
    },
  );

  api.post(
    '/api/v1/staff/accounts',
    {
      schema: {
        tags: ['staff'],
        summary: 'Create a staff account (admins, within their own agency)',
        description: `${BEARER} An admin manages the staff of their own agency only ('general' included); the operator's \`tayseer staff create\` is not limited.`,
        body: createStaffBodySchema,
        response: { 201: createdStaffSchema, 401: problem, 403: problem, 409: problem, 422: problem },
      },
    },
    async (request, reply) => {
      const session = await authenticate(request);
      const { staff, generatedPassword } = await createStaffAccount({ ...deps(), ip: request.ip, actor: { kind: 'staff', session }, input: request.body });
      return reply.status(201).send({ staff: staffProfileJson(staff), generatedPassword });
    },
  );

  api.post(
    '/api/v1/staff/accounts/:staffId/disable',
    {
      schema: { tags: ['staff'], summary: 'Disable a staff account: its sessions end at once (admins, within their own agency)', description: BEARER, params: staffIdParamsSchema, response: { 200: staffProfileSchema, 401: problem, 403: problem, 404: problem, 409: problem } },
    },
    async (request) => {
      const session = await authenticate(request);
      return staffProfileJson(await disableStaffAccount({ ...deps(), ip: request.ip, actor: { kind: 'staff', session }, staffId: request.params.staffId }));
    },
  );

  api.post(
    '/api/v1/staff/activation-codes',
    {
      schema: {
        tags: ['staff'],
        summary: 'Issue an activation code after checking a person in person (officer, supervisor or kiosk)',
        description: `${BEARER} Valid 24 hours, single use; older unused codes of the person stop working. Purpose change_mobile serves a person who lost their old number.`,
        body: issueActivationCodeBodySchema,
        response: { 201: issuedActivationCodeSchema, 401: problem, 403: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const session = await authenticate(request);
      const issued = await issueActivationCode({ ...deps(), ip: request.ip, staff: session, nationalId: request.body.nationalId, purpose: request.body.purpose });
      return reply.status(201).send({ code: issued.code, expiresAt: issued.expiresAt.toISOString() });
    },
  );
}
