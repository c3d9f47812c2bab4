import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { startServer } from '../server.js';
import type { Command } from './command.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the platform: migrate the database, seed the demo registry on first start, and serve HTTP.',
  usage: 'tayseer serve',
  options: {},
  run: async ({ config, terminal }) => {
    const server = await startServer(config(), { handleSignals: true });
    terminal.out(`Tayseer is ready at ${server.url} (${server.database.describe})`);
    // Keep running until a signal stops the server.
    await new Promise<void>(() => {});
    return 0;
  },
};

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply the database migrations that have not run yet (safe to run on several nodes at once).',
  usage: 'tayseer migrate',
  options: {},
  run: async ({ config, terminal }) => {
    const cfg = config();
    const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, poolSize: 2 });
    try {
      const report = await migrateToLatest(database.db);
      terminal.out(
        report.applied.length > 0
          ? `Applied ${report.applied.length} migration(s) to ${database.describe}: ${report.applied.join(', ')}`
          : `Nothing to migrate: ${database.describe} is up to date.`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
