import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import pg from 'pg';
import { openDatabase, openPglite, type DatabaseHandle } from '../../src/db/database.js';

/**
 * A fresh, migrated database for one test file, closed and removed after the file.
 *
 * The test runner (scripts/test.ts) prepares a migrated template once:
 * - PGlite: a data directory, copied for each file (on tmpfs when the machine has one);
 * - PostgreSQL (DATABASE_URL set): a template database, cloned with CREATE DATABASE ... TEMPLATE.
 */
export async function freshDatabase(): Promise<DatabaseHandle> {
  const template = process.env.TAYSEER_TEST_TEMPLATE;
  if (!template) throw new Error('Run tests with `npm test` (TAYSEER_TEST_TEMPLATE is not set).');
  const name = `tayseer_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 5 });
    after(async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    });
    return handle;
  }

  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dir = path.join(base, name);
  fs.cpSync(template, dir, { recursive: true });
  const handle = await openPglite(dir);
  after(async () => {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return handle;
}

export const engineUnderTest = process.env.DATABASE_URL ? 'postgres' : 'pglite';
