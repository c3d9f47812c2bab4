import type { FastifyInstance } from 'fastify';
import { after } from 'node:test';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { fixedClock, type Clock } from '../../src/kernel/clock.js';
import { freshDatabase } from './database.js';

/** A ready app over a fresh database, for `app.inject()` tests. Closed after the file. */
export async function testApp(
  options: { env?: Record<string, string>; database?: DatabaseHandle; clock?: Clock } = {},
): Promise<{ app: FastifyInstance; database: DatabaseHandle }> {
  const database = options.database ?? (await freshDatabase());
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env });
  const app = await buildApp({ config, database, clock: options.clock ?? fixedClock('2026-11-01T09:00:00Z') });
  await app.ready();
  after(() => app.close());
  return { app, database };
}
