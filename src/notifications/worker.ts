import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { describeOutage, isDatabaseUnavailable } from '../db/unavailable.js';
import type { Clock } from '../kernel/clock.js';
import { deliverDueMessages, type DeliveryCounts } from './deliver.js';
import type { Providers } from './providers.js';

/** The part of a pino logger the worker uses (Fastify's `app.log` fits). */
export interface WorkerLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface OutboxWorker {
  /** Run now (after a commit that enqueued messages) instead of waiting for the next tick. */
  nudge(): void;
  /** Stops the loop and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  providers: Providers;
  clock: Clock;
  intervalMs?: number;
  log: WorkerLog;
  /** Messages claimed per run. */
  batchSize?: number;
}

/** The longest wait between runs while they keep failing (the database is away). */
export const OUTBOX_MAX_BACKOFF_MS = 30_000;

/**
 * A loop that delivers the due messages every `intervalMs` and at once when nudged. Runs never
 * overlap: a nudge during a run asks for one more run right after it. A failing run is logged
 * and the loop goes on, waiting twice as long after each failure in a row (up to 30 s), so a
 * database outage is not hammered nor logged every second; the first run that succeeds resets it.
 * Messages are claimed and marked in transactions: a run cut short leaves them due, not lost.
 */
export function startOutboxWorker({ db, providers, clock, intervalMs = 1000, log, batchSize = 50 }: OutboxWorkerOptions): OutboxWorker {
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
    // The loop alone must not keep a process alive (a CLI command, a test).
    timer.unref();
  };

  let failures = 0;
  const nextDelay = () => (failures === 0 ? intervalMs : Math.min(intervalMs * 2 ** failures, OUTBOX_MAX_BACKOFF_MS));

  const runOnce = async () => {
    let counts: DeliveryCounts | undefined;
    try {
      counts = await deliverDueMessages({ db, providers, clock, limit: batchSize });
      failures = 0;
      if (counts.claimed > 0) log.info({ outbox: counts }, 'outbox delivered');
    } catch (error) {
      failures += 1;
      again = false;
      if (isDatabaseUnavailable(error)) log.error({ error: describeOutage(error), failures, retryInMs: nextDelay() }, 'outbox delivery run failed: database unavailable');
      else log.error({ err: error, failures, retryInMs: nextDelay() }, 'outbox delivery run failed');
    }
    // A full batch suggests more are waiting: go again without waiting for the interval.
    if (counts && counts.claimed >= batchSize) again = true;
  };

  function tick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce();
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
      schedule(nextDelay());
    });
  }

  schedule(0);
  return {
    nudge: () => {
      // A nudge follows a commit: the database is there, whatever the back-off says.
      if (stopped) return;
      if (running) again = true;
      else schedule(0);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * What the routes see as `app.outbox`: a doorbell for the worker. The app is built before the
 * server starts the worker (and tests build apps without one), so it forwards to whichever
 * worker is connected, and does nothing when none is: the message waits in the outbox.
 */
export class OutboxDoorbell {
  private worker: Pick<OutboxWorker, 'nudge'> | undefined;

  connect(worker: Pick<OutboxWorker, 'nudge'> | undefined): void {
    this.worker = worker;
  }

  // An arrow property, so `const { nudge } = app.outbox` works too.
  readonly nudge = (): void => {
    this.worker?.nudge();
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Call `app.outbox.nudge()` (or `request.server.outbox.nudge()`) after a commit that enqueued messages. */
    outbox: OutboxDoorbell;
  }
}
