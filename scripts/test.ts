/**
 * `npm test`: prepares one migrated template database, then runs every test file with
 * node's test runner, each file in its own process with its own copy of the template.
 *
 *   npm test                       all tests on embedded PGlite
 *   DATABASE_URL=postgres://… npm test   the same tests on PostgreSQL
 *   npm test -- test/kernel        only files under a path
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

const root = path.resolve(import.meta.dirname, '..');

function listTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  if (fs.statSync(dir).isFile()) return [dir];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listTests(path.join(dir, e.name)) : /\.test\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

function migrationsHash(): string {
  const dir = path.join(root, 'src/db');
  const hash = createHash('sha256');
  for (const file of listAll(dir)) hash.update(file).update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

function listAll(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listAll(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

async function prepareTemplate(): Promise<string> {
  const hash = migrationsHash();
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `tayseer_template_${hash}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${name}_building`);
      const target = new URL(url);
      target.pathname = `/${name}_building`;
      const handle = await openDatabase({ databaseUrl: target.toString(), dataDir: '', poolSize: 1 });
      await migrateToLatest(handle.db);
      await handle.close();
      await admin.query(`ALTER DATABASE ${name}_building RENAME TO ${name}`);
    }
    await admin.end();
    return name;
  }
  const dir = path.join(root, '.cache', `test-template-${hash}`);
  if (!fs.existsSync(path.join(dir, 'ready'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    const handle = await openDatabase({ dataDir: dir, databaseUrl: undefined });
    await migrateToLatest(handle.db);
    await handle.close();
    fs.writeFileSync(path.join(dir, 'ready'), new Date().toISOString());
  }
  return path.join(dir, 'pgdata');
}

const args = process.argv.slice(2);
const targets = args.length > 0 ? args : ['test', 'e2e'];
const files = targets.flatMap((t) => listTests(path.resolve(root, t)));
if (files.length === 0) {
  console.error(`No test files under ${targets.join(', ')}.`);
  process.exit(1);
}

const started = Date.now();
const template = await prepareTemplate();
console.log(`Template database ready in ${Date.now() - started} ms (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}).`);

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, ...files],
  { stdio: 'inherit', env: { ...process.env, TAYSEER_TEST_TEMPLATE: template, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } },
);
process.exit(result.status ?? 1);
