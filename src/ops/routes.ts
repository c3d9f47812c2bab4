import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

/** Liveness and readiness for load balancers and orchestrators. */
export async function opsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    const { database } = app.deps;
    try {
      await Promise.race([
        sql`SELECT 1`.execute(database.db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database timeout')), 2000)),
      ]);
      return { status: 'ready', database: database.engine };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'unavailable', database: database.engine });
    }
  });
}
