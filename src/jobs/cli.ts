import type { Command } from '../cli/command.js';
import { UsageError } from '../cli/command.js';
import { createCatalogue } from '../catalogue/catalogue.js';
import { waitForDatabase } from '../db/connect.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { fixedClock, systemClock, type Clock } from '../kernel/clock.js';
import { cardGatewayFromConfig } from '../payments/index.js';
import { providersFromConfig, startOutboxWorker } from '../notifications/index.js';
import { serviceDefinitions } from '../services/index.js';
import { runDueWork, startDeadlineWorker } from './worker.js';
import { auditSignerFor } from '../audit/index.js';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Run request deadlines, payments (expiries, card checks, refunds) and the outbox without the web server; --once runs what is due once and exits.',
  usage: 'tayseer worker [--once [--now 2026-12-01T09:00:00+03:00]]',
  options: { once: { type: 'boolean' }, now: { type: 'string' } },
  optionHelp: {
    once: 'run what is due once, print what was done, and exit',
    now: 'with --once: the time to run at (ISO 8601), e.g. to see what expires on a date',
  },
  run: async ({ values, config, terminal }) => {
    const now = values.now as string | undefined;
    if (now !== undefined && !values.once) throw new UsageError('--now needs --once.');
    const at = now !== undefined ? new Date(now) : null;
    if (at && (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(now!))) throw new UsageError(`--now expects an ISO time such as 2026-12-01T09:00:00+03:00, not "${now}".`);
    const cfg = config();
    const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, poolSize: 4 });
    const catalogue = createCatalogue(serviceDefinitions);
    const providers = providersFromConfig(cfg);
    const auditCheckpoints = { signer: auditSignerFor(cfg), everyMinutes: cfg.audit.checkpointMinutes };
    const payments = (clock: Clock) => ({ gateway: cardGatewayFromConfig({ config: cfg, db: database.db, clock }).gateway, publicUrl: cfg.publicUrl, auditCheckpoints });
    const log = {
      info: (d: object, m: string) => terminal.out(`${m} ${JSON.stringify(d)}`),
      warn: (d: object, m: string) => terminal.err(`${m} ${JSON.stringify(d)}`),
      error: (d: object, m: string) => terminal.err(`${m} ${JSON.stringify(d)}`),
    };
    try {
      // A PostgreSQL still starting is waited for, as the server does.
      await waitForDatabase(database, { timeoutSeconds: cfg.databaseConnectTimeoutSeconds, log });
      await migrateToLatest(database.db);
      if (values.once) {
        const clock = at ? fixedClock(at.toISOString()) : systemClock;
        const run = await runDueWork({ db: database.db, clock, catalogue, providers, ...payments(clock) });
        terminal.out(
          `At ${(at ?? new Date()).toISOString()}: ${run.deadlines.timedOut} request(s) timed out, ${run.deadlines.escalated} escalated as overdue; ` +
            `${run.payments.billsExpired} bill(s) expired, ${run.payments.cardSessionsChecked} card payment(s) checked, ${run.payments.refundsQueued + run.payments.refundsCompleted} refund step(s); ` +
            `${run.uploadsDeleted} unsubmitted upload(s) deleted; ${run.messages.sent} message(s) sent, ${run.messages.retrying} to retry, ${run.messages.failed} failed.`,
        );
        if (run.auditCheckpoint && 'refused' in run.auditCheckpoint) terminal.err(`Audit checkpoint refused: ${run.auditCheckpoint.refused}`);
        else if (run.auditCheckpoint) terminal.out(`Audit checkpoint signed at seq ${run.auditCheckpoint.seq} (${run.auditCheckpoint.entries} entries).`);
        return 0;
      }
      const outbox = startOutboxWorker({ db: database.db, providers, clock: systemClock, log });
      const deadlines = startDeadlineWorker({ db: database.db, clock: systemClock, catalogue, log, ...payments(systemClock) });
      terminal.out(`Worker running on ${database.describe}. Stop it with Ctrl+C.`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await Promise.all([outbox.stop(), deadlines.stop()]);
      return 0;
    } finally {
      await database.close();
    }
  },
};
