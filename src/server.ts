import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { waitForDatabase } from './db/connect.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { describeOutage } from './db/unavailable.js';
import { migrateToLatest } from './db/migrate.js';
import { systemClock } from './kernel/clock.js';
import { ensureFirstStartData } from './registry/seed.js';
import { ensureDemoAccounts, ensureDemoStaff } from './identity/index.js';
import { startDeadlineWorker } from './jobs/worker.js';
import { riyadhDate } from './kernel/dates.js';
import { providersFromConfig, startOutboxWorker } from './notifications/index.js';
import { auditSignerFor } from './audit/index.js';
import { startMetricsServer, type MetricsServer } from './ops/metrics.js';

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens the database, migrates it, seeds the demo registry on first start (demo mode only),
 * and listens. Stops cleanly on SIGINT/SIGTERM when `handleSignals` is set.
 */
export async function startServer(config: Config, options: { handleSignals?: boolean } = {}): Promise<RunningServer> {
  // Before anything opens: a bad audit key stops the start, not the first checkpoint an hour later.
  const auditCheckpoints = { signer: auditSignerFor(config), everyMinutes: config.audit.checkpointMinutes };
  // The log exists once the app does; a connection lost before then has no request to fail.
  const lost: { log?: FastifyInstance['log'] } = {};
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    preparedStatements: config.databasePreparedStatements,
    onConnectionError: (error) => lost.log?.warn({ error: describeOutage(error) }, 'database connection lost'),
  });
  let app: FastifyInstance;
  let metricsServer: MetricsServer | undefined;
  try {
    app = await buildApp({ config, database, clock: systemClock });
  } catch (error) {
    await database.close();
    throw error;
  }
  lost.log = app.log;
  try {
    // A PostgreSQL still starting (or restarting) is waited for, with back-off; then the start gives up.
    await waitForDatabase(database, { timeoutSeconds: config.databaseConnectTimeoutSeconds, log: app.log });
    const migrations = await migrateToLatest(database.db);
    if (migrations.applied.length > 0) app.log.info({ applied: migrations.applied }, 'database migrated');
    if (config.demoModeForcedInProduction) {
      app.log.warn('DEMO MODE IS ON IN PRODUCTION: demo personas and message outboxes are exposed. Turn DEMO_MODE off.');
      // What production would refuse without demo mode (config-production.ts), one line each.
      for (const warning of config.productionWarnings) app.log.warn(`unsafe in production: ${warning}`);
    }
    if (config.demoMode) {
      const seeded = await ensureFirstStartData({
        db: database.db,
        people: config.seedPeople,
        seed: config.seed,
        asOf: riyadhDate(systemClock.now()),
      });
      if (seeded) app.log.info({ people: config.seedPeople }, 'first start: demo registry seeded');
      const demoAccounts = await ensureDemoAccounts({ db: database.db, clock: systemClock });
      if (demoAccounts.created.length > 0) app.log.info({ accounts: demoAccounts.created }, 'demo accounts created');
      const staff = await ensureDemoStaff({ db: database.db, clock: systemClock });
      if (staff.created.length > 0) app.log.info({ staff: staff.created }, 'demo staff accounts created');
    }
    await app.listen({ port: config.port, host: config.host });
    // /metrics on an address of its own (METRICS_PORT), and then not on the portal's port.
    if (config.metricsPort !== undefined) {
      metricsServer = await startMetricsServer({ registry: app.metricsRegistry, host: config.metricsHost, port: config.metricsPort, token: config.metricsToken });
      app.log.info({ url: `${metricsServer.url}/metrics` }, 'metrics served on their own address');
    }
  } catch (error) {
    await app.close();
    await database.close();
    throw error;
  }

  // Messages leave from the outbox once their transaction has committed; routes nudge the worker.
  const outboxWorker = startOutboxWorker({ db: database.db, providers: providersFromConfig(config), clock: systemClock, log: app.log });
  app.outbox.connect(outboxWorker);
  const deadlineWorker = startDeadlineWorker({ db: database.db, clock: systemClock, catalogue: app.catalogue, gateway: app.cardGateway, publicUrl: config.publicUrl, log: app.log, auditCheckpoints });

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await metricsServer?.close();
      await app.close();
      await outboxWorker.stop();
      await deadlineWorker.stop();
      await database.close();
    })();
    return stopping;
  };
  if (options.handleSignals) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        app.log.info({ signal }, 'shutting down');
        void stop().then(() => process.exit(0));
      });
    }
  }
  return { app, database, url: `http://localhost:${port}`, stop };
}
