import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { translate } from '../kernel/i18n/index.js';
import { localeOf } from '../web/context.js';
import { apiSession, bearerToken } from './api-auth.js';
import type { IdentityDepsWithConfig } from './deps.js';
import { startLogin } from './login.js';
import { getMyData } from './my-data.js';
import { myDataSchema } from './my-data-schema.js';
import { authRateLimits } from './rate-limits.js';
import { startRegistration } from './registration.js';
import {
  challengeAcceptedSchema,
  challengeParamsSchema,
  codeBodySchema,
  loginBodySchema,
  registerBodySchema,
  registeredSchema,
  sessionSchema,
  tokenSchema,
} from './schemas.js';
import { listSessions, revokeOtherSession, revokeSession, type ResolvedSession } from './sessions.js';
import { resendCode, verifyChallenge } from './verify.js';

/** The JSON API of accounts: register, codes, login, logout, "my data". Thin: one use case each. */

const problem = z.object({ code: z.string(), detail: z.string() }).passthrough().describe('application/problem+json');

export async function identityRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Codes, lock notices and "mobile moved" e-mails are queued in the use cases' transactions,
  // committed by the time a response leaves: wake the outbox worker (a no-op when idle).
  app.addHook('onResponse', async () => app.outbox.nudge());
  const deps = (): IdentityDepsWithConfig => ({ db: app.deps.database.db, clock: app.deps.clock, config: app.deps.config });

  const authenticate = (request: FastifyRequest): Promise<ResolvedSession> => apiSession(deps(), request);

  api.post(
    '/api/v1/auth/register',
    {
      schema: {
        tags: ['auth'],
        summary: 'Register: sends a one-time code to the mobile (the answer never says whether the ID is known)',
        body: registerBodySchema,
        response: { 202: challengeAcceptedSchema, 409: problem, 422: problem, 429: problem },
      },
      preHandler: authRateLimits(app, 'register', 'api'),
    },
    async (request, reply) => {
      const result = await startRegistration({ ...deps(), ip: request.ip, input: request.body });
      return reply.status(202).send(result);
    },
  );

  api.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username or ID number and password: sends a one-time code to the account mobile',
        body: loginBodySchema,
        response: { 202: challengeAcceptedSchema, 401: problem, 423: problem, 429: problem },
      },
      preHandler: authRateLimits(app, 'login', 'api'),
    },
    async (request, reply) => {
      const result = await startLogin({ ...deps(), ip: request.ip, login: request.body.login, password: request.body.password });
      return reply.status(202).send(result);
    },
  );

  api.post(
    '/api/v1/auth/challenges/:challengeId',
    {
      schema: {
        tags: ['auth'],
        summary: 'Answer a one-time code: completes the registration (201) or the sign-in (200, a bearer token)',
        params: challengeParamsSchema,
        body: codeBodySchema,
        response: { 200: tokenSchema, 201: registeredSchema, 404: problem, 410: problem, 422: problem, 429: problem },
      },
      preHandler: authRateLimits(app, 'challenge', 'api'),
    },
    async (request, reply) => {
      const outcome = await verifyChallenge({
        ...deps(),
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        challengeId: request.params.challengeId,
        code: request.body.code,
        sessionKind: 'api',
      });
      if (outcome.purpose === 'register') {
        return reply.status(201).send({ purpose: 'register', status: outcome.status, message: translate(localeOf(request), outcome.messageKey) });
      }
      return reply.status(200).send({
        purpose: 'login',
        token: outcome.session.token,
        expiresAt: outcome.session.expiresAt.toISOString(),
        accountStatus: outcome.accountStatus,
      });
    },
  );

  api.post(
    '/api/v1/auth/challenges/:challengeId/resend',
    {
      schema: {
        tags: ['auth'],
        summary: 'Send a new code (after 60 seconds; limits per purpose and per mobile, see docs/security.md)',
        params: challengeParamsSchema,
        response: { 202: challengeAcceptedSchema, 404: problem, 410: problem, 429: problem },
      },
      preHandler: authRateLimits(app, 'resend', 'api'),
    },
    async (request, reply) => {
      await resendCode({ ...deps(), challengeId: request.params.challengeId });
      return reply.status(202).send({ challengeId: request.params.challengeId });
    },
  );

  api.post(
    '/api/v1/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'Revoke the presented bearer token', description: 'Authorization: Bearer <token> (from a completed sign-in).', response: { 204: z.null() } },
      preHandler: authRateLimits(app, 'logout', 'api'),
    },
    async (request, reply) => {
      const token = bearerToken(request);
      if (token) await revokeSession({ ...deps(), token, ip: request.ip });
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/me',
    {
      schema: { tags: ['me'], summary: 'My data: profile, documents, family, vehicles, workers, violations', description: 'Authorization: Bearer <token> (from a completed sign-in).', response: { 200: myDataSchema, 401: problem } },
    },
    async (request) => {
      const session = await authenticate(request);
      return getMyData({ ...deps(), accountId: session.accountId });
    },
  );

  api.get(
    '/api/v1/me/sessions',
    { schema: { tags: ['me'], summary: 'My live sessions', description: 'Authorization: Bearer <token> (from a completed sign-in).', response: { 200: z.object({ sessions: z.array(sessionSchema) }), 401: problem } } },
    async (request) => {
      const session = await authenticate(request);
      const sessions = await listSessions({ ...deps(), accountId: session.accountId });
      return {
        sessions: sessions.map((s) => ({
          ...s,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
          current: s.sessionId === session.sessionId,
        })),
      };
    },
  );

  api.delete(
    '/api/v1/me/sessions/:sessionId',
    { schema: { tags: ['me'], summary: 'Sign out one of my sessions', description: 'Authorization: Bearer <token> (from a completed sign-in).', params: z.object({ sessionId: z.uuid() }), response: { 204: z.null(), 401: problem, 404: problem } } },
    async (request, reply) => {
      const session = await authenticate(request);
      await revokeOtherSession({ ...deps(), ip: request.ip, accountId: session.accountId, sessionId: request.params.sessionId });
      return reply.status(204).send(null);
    },
  );
}
