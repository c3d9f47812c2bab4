import type { Kysely } from 'kysely';
import type { ServiceCatalogue } from '../catalogue/catalogue.js';
import type { Database } from '../db/tables.js';
import { describeOutage, isDatabaseUnavailable } from '../db/unavailable.js';
import type { Clock } from '../kernel/clock.js';
import { deliverDueMessages, type DeliveryCounts, type Providers, type WorkerLog } from '../notifications/index.js';
import { runDeadlines, type DeadlineCounts } from '../requests/index.js';
import { runPaymentWork, type CardGateway, type PaymentWorkCounts } from '../payments/index.js';
import { cleanUpUnattachedUploads } from '../uploads/index.js';
import { AuditCheckpointRefused, createAuditCheckpoint, type AuditCheckpoint, type AuditSigner } from '../audit/index.js';

/**
 * The platform's clock work: request deadlines (expiries, escalations of overdue requests), the
 * payment round, the files of forms never submitted, and the outbox. `npm start` runs it in the server's process; `tayseer worker` runs it alone; and
 * `tayseer worker --once --now <time>` runs what is due at that time, once, for operators and tests.
 */

export interface WorkerDeps {
  db: Kysely<Database>;
  clock: Clock;
  catalogue: ServiceCatalogue;
  providers: Providers;
  gateway: CardGateway;
  publicUrl: string;
  /** Signs a checkpoint of the audit log's head every `everyMinutes` (AUDIT_CHECKPOINT_MINUTES) when it has grown. */
  auditCheckpoints?: { signer: AuditSigner; everyMinutes: number };
}

export interface WorkRun {
  deadlines: DeadlineCounts;
  payments: PaymentWorkCounts;
  messages: DeliveryCounts;
  /** Files of forms never submitted, deleted once a day old. */
  uploadsDeleted: number;
  /** The audit checkpoint signed, if one was due; or why it was refused (the log disagrees with its newest checkpoint). */
  auditCheckpoint: AuditCheckpoint | { refused: string } | null;
}

/** The audit log's periodic checkpoint (ADR 0009), when due; a refusal is returned, not thrown, so the rest of the work goes on. */
async function auditCheckpointIfDue(deps: Pick<WorkerDeps, 'db' | 'clock' | 'auditCheckpoints'>): Promise<WorkRun['auditCheckpoint']> {
  if (!deps.auditCheckpoints) return null;
  const { signer, everyMinutes } = deps.auditCheckpoints;
  try {
    return await createAuditCheckpoint({ db: deps.db, clock: deps.clock, signer, onlyIfOlderThanMs: everyMinutes * 60_000 });
  } catch (error) {
    if (error instanceof AuditCheckpointRefused) return { refused: error.message };
    throw error;
  }
}

/** Everything due at the clock's time, once: deadlines and payments first (they may enqueue notices), then the outbox. */
export async function runDueWork(deps: WorkerDeps): Promise<WorkRun> {
  const deadlines = await runDeadlines({ db: deps.db, clock: deps.clock, catalogue: deps.catalogue });
  const payments = await runPaymentWork(deps);
  const uploadsDeleted = await cleanUpUnattachedUploads(deps);
  const messages: DeliveryCounts = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  // Deliver until nothing due is left (a run claims a batch at a time).
  for (;;) {
    const batch = await deliverDueMessages({ db: deps.db, providers: deps.providers, clock: deps.clock });
    for (const key of Object.keys(messages) as Array<keyof DeliveryCounts>) messages[key] += batch[key];
    if (batch.claimed === 0 || batch.retrying + batch.failed === batch.claimed) break;
  }
  return { deadlines, payments, messages, uploadsDeleted, auditCheckpoint: await auditCheckpointIfDue(deps) };
}

export interface DeadlineWorker {
  stop(): Promise<void>;
}

/**
 * Runs the request deadlines and the payment round every `intervalMs` (the outbox has its own,
 * nudged loop). A run that fails is logged and the loop goes on: after a database error the next
 * run waits twice as long each time (up to 5 minutes), and the first run that succeeds resets it.
 * Each step commits its own transactions, so a run cut short is done again, not half-kept.
 */
export function startDeadlineWorker(deps: Omit<WorkerDeps, 'providers'> & { log: WorkerLog; intervalMs?: number }): DeadlineWorker {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const interval = deps.intervalMs ?? 30_000;
  let failures = 0;
  const nextDelay = () => (failures === 0 ? interval : Math.min(interval * 2 ** failures, 300_000));
  const tick = () => {
    running = runDeadlines({ db: deps.db, clock: deps.clock, catalogue: deps.catalogue })
      .then(async (counts) => {
        if (counts.timedOut + counts.escalated > 0) deps.log.info(counts, 'request deadlines');
        const payments = await runPaymentWork(deps);
        if (Object.values(payments).some((n) => n > 0)) deps.log.info(payments, 'payments');
        const uploadsDeleted = await cleanUpUnattachedUploads(deps);
        if (uploadsDeleted > 0) deps.log.info({ uploadsDeleted }, 'uploads of forms never submitted deleted');
        const checkpoint = await auditCheckpointIfDue(deps);
        if (checkpoint && 'refused' in checkpoint) deps.log.error({ reason: checkpoint.refused }, 'audit checkpoint refused');
        else if (checkpoint) deps.log.info({ seq: checkpoint.seq, entries: checkpoint.entries }, 'audit checkpoint signed');
        failures = 0;
      })
      .catch((error: unknown) => {
        failures += 1;
        if (isDatabaseUnavailable(error)) deps.log.error({ error: describeOutage(error), failures, retryInMs: nextDelay() }, 'request deadlines failed: database unavailable');
        else deps.log.error({ err: error, failures, retryInMs: nextDelay() }, 'request deadlines failed');
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, nextDelay());
      });
  };
  let timer: NodeJS.Timeout = setTimeout(tick, 1_000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
