import { sql } from 'kysely';
import type { DatabaseHandle } from './database.js';
import { describeOutage, isDatabaseUnavailable } from './unavailable.js';

/** The part of a pino logger the start-up uses (Fastify's `app.log` fits). */
export interface ConnectLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** The database stayed unreachable for the whole DATABASE_CONNECT_TIMEOUT_SECONDS: the start gives up. */
export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 5_000;

/**
 * Waits until the database answers, for at most `timeoutSeconds`: a PostgreSQL that is still
 * starting (or restarting) when the server starts is retried with back-off, one log line per
 * failed attempt, and the start gives up with a message saying what to check. Errors that waiting
 * cannot cure (a wrong password, a database that does not exist) are thrown at once.
 */
export async function waitForDatabase(
  database: Pick<DatabaseHandle, 'db' | 'describe'>,
  options: { timeoutSeconds: number; log: ConnectLog; sleep?: (ms: number) => Promise<void>; probe?: () => Promise<unknown> },
): Promise<void> {
  const probe = options.probe ?? (() => sql`SELECT 1`.execute(database.db));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      await probe();
      if (attempt > 1) options.log.info({ attempt, database: database.describe }, `database reachable after ${attempt} attempts`);
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new DatabaseUnreachableError(
          `Cannot reach the database at ${database.describe} after ${attempt} attempt(s) in ${options.timeoutSeconds} s (${describeOutage(error)}). ` +
            'Check that PostgreSQL is running and that DATABASE_URL names it; DATABASE_CONNECT_TIMEOUT_SECONDS sets how long the start waits.',
        );
      }
      const delay = Math.min(FIRST_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS, left);
      options.log.warn(
        { attempt, retryInMs: delay, database: database.describe, error: describeOutage(error) },
        `database not reachable (attempt ${attempt}: ${describeOutage(error)}); retrying in ${(delay / 1000).toFixed(1)} s`,
      );
      await sleep(delay);
    }
  }
}
