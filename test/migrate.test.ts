import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest, migrationNames } from '../src/db/migrate.js';

const adminUrl = process.env.DATABASE_URL;

describe('migrations', () => {
  it('on PostgreSQL, two nodes starting at once migrate once (advisory lock)', { skip: !adminUrl && 'needs DATABASE_URL' }, async () => {
    const name = `tayseer_migrate_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const a = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 });
    const b = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 });
    try {
      const [ra, rb] = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)]);
      const applied = [...ra.applied, ...rb.applied].sort();
      assert.deepEqual(applied, [...migrationNames].sort(), 'each migration applied exactly once');
      const again = await migrateToLatest(a.db);
      assert.deepEqual(again.applied, []);
    } finally {
      await a.close();
      await b.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
