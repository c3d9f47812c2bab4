import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { activateByBank, bankActivationBodySchema, bankActivationResultSchema } from './bank-activation.js';
import { authRateLimits } from './rate-limits.js';

/**
 * The partner banks' API. The signature covers the exact bytes sent, so this plugin keeps the
 * body as the raw string (its own JSON parser, in this plugin's scope only) and the use case
 * parses it after the signature is checked.
 */
export async function bankPartnerRoutes(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/partners/bank/activations',
    {
      schema: {
        tags: ['partners'],
        summary: 'Activate a registered account after the bank verified its customer (signed, idempotent by bankReference)',
        description:
          'Headers: X-Bank-Code, X-Timestamp (unix seconds or ISO 8601, within 5 minutes), X-Signature = hex HMAC-SHA256 of `${X-Timestamp}.${raw body}` with the bank\'s secret. ' +
          'Body: ' + JSON.stringify(z.toJSONSchema(bankActivationBodySchema)),
        headers: z.object({ 'x-bank-code': z.string().optional(), 'x-timestamp': z.string().optional(), 'x-signature': z.string().optional() }),
        response: { 200: bankActivationResultSchema, 201: bankActivationResultSchema },
      },
      preHandler: authRateLimits(app, 'bank', 'api'),
    },
    async (request, reply) => {
      const { replayed, result } = await activateByBank({
        db: app.deps.database.db,
        clock: app.deps.clock,
        config: app.deps.config,
        ip: request.ip,
        request: {
          bankCode: request.headers['x-bank-code'],
          timestamp: request.headers['x-timestamp'],
          signature: request.headers['x-signature'],
          rawBody: typeof request.body === 'string' ? request.body : '',
        },
      });
      return reply.status(replayed ? 200 : 201).send(result);
    },
  );
}
