import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, openPglite, type DatabaseHandle } from '../../src/db/database.js';
import { DataDirLockedError } from '../../src/db/data-dir-lock.js';

/**
 * Issue 15, item 6: two processes on one embedded data directory lost rows (`registry import`
 * beside a running `serve` said "Imported 28 records" and the rows were gone after the server
 * stopped). The first opener holds `<dir>.lock`; a second process, or a second open in the same
 * process, is refused with a message naming the directory and the holder; a lock whose process
 * is gone is taken over. Run in the PGlite pass only (it is about PGlite's files).
 */

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(import.meta.dirname, 'fixtures/open-pglite.ts');
const base = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'tayseer-lock-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));

/** A copy of the migrated template in a directory of its own (the data directory's pgdata). */
function aDataDir(name: string): string {
  const template = process.env.TAYSEER_TEST_TEMPLATE;
  if (!template) throw new Error('Run tests with `npm test`.');
  const dataDir = path.join(base, name);
  fs.cpSync(template, path.join(dataDir, 'pgdata'), { recursive: true });
  return dataDir;
}

function openInChild(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', fixture, dir, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

async function probeTable(handle: DatabaseHandle): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS lock_probe (label text PRIMARY KEY)`.execute(handle.db);
}

async function labels(handle: DatabaseHandle): Promise<string[]> {
  const { rows } = await sql<{ label: string }>`SELECT label FROM lock_probe ORDER BY label`.execute(handle.db);
  return rows.map((r) => r.label);
}

describe('the embedded data directory is opened by one process at a time', { skip: process.env.DATABASE_URL ? 'the lock guards the embedded database\'s files: it runs in the PGlite pass' : false }, () => {
  it('refuses a second process, naming the directory and the holder, and leaves the first one\'s rows intact', async () => {
    const pgdata = path.join(aDataDir('two-processes'), 'pgdata');
    const first = await openPglite(pgdata);
    await probeTable(first);
    await sql`INSERT INTO lock_probe (label) VALUES ('first')`.execute(first.db);

    const second = openInChild(pgdata, '--write', 'second');
    assert.equal(second.status, 75, second.stderr);
    assert.ok(second.stderr.includes(pgdata), second.stderr);
    assert.match(second.stderr, new RegExp(`in use by process ${process.pid} `));
    assert.match(second.stderr, /DATABASE_URL/);
    assert.doesNotMatch(second.stdout, /opened/);

    await sql`INSERT INTO lock_probe (label) VALUES ('first-after')`.execute(first.db);
    assert.deepEqual(await labels(first), ['first', 'first-after']);
    await first.close();
    assert.equal(fs.existsSync(`${pgdata}.lock`), false, 'the lock is removed on close');

    // Once the first has closed, the second opens and writes; the first's rows are all there.
    const later = openInChild(pgdata, '--write', 'second');
    assert.equal(later.status, 0, later.stderr);
    const reopened = await openPglite(pgdata);
    assert.deepEqual(await labels(reopened), ['first', 'first-after', 'second']);
    await reopened.close();
  });

  it('refuses a second open of the same directory in the same process', async () => {
    const pgdata = path.join(aDataDir('same-process'), 'pgdata');
    const first = await openPglite(pgdata);
    await assert.rejects(openPglite(pgdata), (error: unknown) => error instanceof DataDirLockedError && error.holder?.pid === process.pid);
    await first.close();
  });

  it('takes over a lock whose process is gone (kill -9), and releases its own when the process exits', async () => {
    const pgdata = path.join(aDataDir('stale'), 'pgdata');
    const holder = spawn(process.execPath, ['--import', 'tsx', fixture, pgdata, '--hold'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('opened') && resolve());
      holder.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
    });
    assert.equal(JSON.parse(fs.readFileSync(`${pgdata}.lock`, 'utf8')).pid, holder.pid);
    await assert.rejects(openPglite(pgdata), DataDirLockedError);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    assert.ok(fs.existsSync(`${pgdata}.lock`), 'a killed process leaves its lock behind');

    const next = await openPglite(pgdata);
    assert.equal(JSON.parse(fs.readFileSync(`${pgdata}.lock`, 'utf8')).pid, process.pid);
    await next.close();

    // A process that ends without closing (exit) removes its lock on the way out.
    const exiting = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import { openPglite } from ${JSON.stringify(path.join(root, 'src/db/database.ts'))}; await openPglite(${JSON.stringify(pgdata)}); process.exit(0);`], { cwd: root, encoding: 'utf8' });
    assert.equal(exiting.status, 0, exiting.stderr);
    assert.equal(fs.existsSync(`${pgdata}.lock`), false);
  });

  it('refuses `tayseer registry import` on the data directory of a running server, exit non-zero, and the server\'s rows stay', async () => {
    const dataDir = aDataDir('import-beside-server');
    const server = await openDatabase({ dataDir, databaseUrl: undefined });
    await probeTable(server);
    await sql`INSERT INTO lock_probe (label) VALUES ('server')`.execute(server.db);
    const file = path.join(base, 'people.jsonl');
    fs.writeFileSync(file, '');

    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', TAYSEER_NO_BUNDLE: '1', LOG_LEVEL: 'silent' };
    const cli = spawnSync(process.execPath, [path.join(root, 'bin/tayseer.mjs'), 'registry', 'import', file], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(cli.status, 75, `${cli.stdout}\n${cli.stderr}`);
    assert.ok(cli.stderr.includes(path.join(dataDir, 'pgdata')), cli.stderr);
    assert.match(cli.stderr, /Only one process may open it at a time/);
    assert.doesNotMatch(cli.stdout, /Imported/);

    await sql`INSERT INTO lock_probe (label) VALUES ('server-after')`.execute(server.db);
    await server.close();
    const reopened = await openDatabase({ dataDir, databaseUrl: undefined });
    assert.deepEqual(await labels(reopened), ['server', 'server-after']);
    await reopened.close();
  });
});
