import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { confirmMobileChange, startMobileChange } from './change-mobile.js';
import type { IdentityDepsWithConfig } from './deps.js';
import { activateWithOfficeCode } from './office-activation.js';
import { authRateLimits } from './rate-limits.js';
import { completePasswordReset, startPasswordReset } from './recovery.js';
import { apiSession } from './api-auth.js';
import { challengeAcceptedSchema, challengeParamsSchema, mobileSchema, nationalIdSchema } from './schemas.js';
import type { ResolvedSession } from './sessions.js';
import { staffRoutes } from './staff/routes.js';

/**
 * Recovering and changing access: forgotten password, activation with an office code, change
 * of mobile; and the staff API. Thin handlers, one use case each.
 */

const problem = z.object({ code: z.string(), detail: z.string() }).passthrough().describe('application/problem+json');
const BEARER = 'Authorization: Bearer <token> (from a completed sign-in).';
const sixDigits = z.string().regex(/^[0-9]{6}$/, 'expected 6 digits');
const activationCode = z.string().min(10).max(20).describe('The 10-character code from the office slip (spaces and dashes ignored)');

const resetBody = z.object({ nationalId: nationalIdSchema, mobile: mobileSchema });
const resetCompleteBody = z.object({ code: sixDigits, newPassword: z.string().min(1).max(1024).describe('At least 8 characters; not the username or ID; not a common password') });
const activateBody = z.object({ nationalId: nationalIdSchema, code: activationCode });
const changeMobileBody = z.object({ newMobile: mobileSchema, activationCode: activationCode.optional().describe('Lost old number: an office code of purpose change_mobile') });
const changeStartedSchema = z.object({
  changeId: z.uuid(),
  oldChallengeId: z.uuid().nullable().describe('Code sent to the current mobile; null when an office code replaces it'),
  newChallengeId: z.uuid().describe('Code sent to the new mobile'),
});
const confirmMobileBody = z.union([
  z.object({ oldChallengeId: z.uuid(), oldCode: sixDigits, newChallengeId: z.uuid(), newCode: sixDigits }),
  z.object({ activationCode, newChallengeId: z.uuid(), newCode: sixDigits }),
]);

export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onResponse', async () => app.outbox.nudge());
  const deps = (): IdentityDepsWithConfig => ({ db: app.deps.database.db, clock: app.deps.clock, config: app.deps.config });

  const authenticate = (request: FastifyRequest): Promise<ResolvedSession> => apiSession(deps(), request);

  api.post(
    '/api/v1/auth/password-reset',
    {
      schema: { tags: ['auth'], summary: 'Forgotten password: sends a code to the registered mobile (the answer never says whether ID and mobile match)', body: resetBody, response: { 202: challengeAcceptedSchema, 422: problem, 429: problem } },
      preHandler: authRateLimits(app, 'reset', 'api'),
    },
    async (request, reply) => reply.status(202).send(await startPasswordReset({ ...deps(), ip: request.ip, ...request.body })),
  );

  api.post(
    '/api/v1/auth/password-reset/:challengeId',
    {
      schema: { tags: ['auth'], summary: 'Set a new password with the code: every session and token of the account ends', params: challengeParamsSchema, body: resetCompleteBody, response: { 200: z.object({ result: z.literal('password_changed') }), 403: problem, 404: problem, 410: problem, 422: problem, 429: problem } },
      preHandler: authRateLimits(app, 'reset-challenge', 'api'),
    },
    async (request) => {
      await completePasswordReset({ ...deps(), ip: request.ip, challengeId: request.params.challengeId, code: request.body.code, newPassword: request.body.newPassword });
      return { result: 'password_changed' as const };
    },
  );

  api.post(
    '/api/v1/auth/activate',
    {
      schema: { tags: ['auth'], summary: 'Activate my account with an activation code from a service office or kiosk', description: `${BEARER} 3 wrong codes and the code is dead.`, body: activateBody, response: { 200: z.object({ status: z.literal('active'), activatedAt: z.string() }), 401: problem, 403: problem, 409: problem, 422: problem, 429: problem } },
      preHandler: authRateLimits(app, 'activate', 'api'),
    },
    async (request) => {
      const session = await authenticate(request);
      const result = await activateWithOfficeCode({ ...deps(), ip: request.ip, accountId: session.accountId, nationalId: request.body.nationalId, code: request.body.code });
      return { status: result.status, activatedAt: result.activatedAt.toISOString() };
    },
  );

  api.post(
    '/api/v1/me/mobile',
    {
      schema: { tags: ['me'], summary: 'Change my mobile: codes go to the current and the new number (or give an office code if the old number is lost)', description: BEARER, body: changeMobileBody, response: { 202: changeStartedSchema, 401: problem, 409: problem, 422: problem, 429: problem } },
      preHandler: authRateLimits(app, 'mobile', 'api'),
    },
    async (request, reply) => {
      const session = await authenticate(request);
      const started = await startMobileChange({ ...deps(), ip: request.ip, accountId: session.accountId, newMobile: request.body.newMobile, activationCode: request.body.activationCode });
      return reply.status(202).send(started);
    },
  );

  api.post(
    '/api/v1/me/mobile/confirm',
    {
      schema: { tags: ['me'], summary: 'Confirm the mobile change with both codes (or the office code and the new-number code)', description: BEARER, body: confirmMobileBody, response: { 200: z.object({ mobile: z.string() }), 401: problem, 404: problem, 410: problem, 422: problem, 429: problem } },
      preHandler: authRateLimits(app, 'mobile-confirm', 'api'),
    },
    async (request) => {
      const session = await authenticate(request);
      const body = request.body;
      const proof = 'activationCode' in body ? { activationCode: body.activationCode } : { oldChallengeId: body.oldChallengeId, oldCode: body.oldCode };
      return confirmMobileChange({ ...deps(), ip: request.ip, accountId: session.accountId, newChallengeId: body.newChallengeId, newCode: body.newCode, proof });
    },
  );

  await staffRoutes(app);
}
