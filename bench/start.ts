/**
 * npm run bench:start — how long the platform takes to answer /healthz:
 *   1. first start on an empty data directory (initialise PGlite, migrate, seed the demo registry), target < 20 s;
 *   2. a restart on the same directory, target < 3 s;
 * and the server's resident memory when idle with the embedded database, target < 300 MB.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tayseer-bench-start-'));
const port = 3900 + Math.floor(Math.random() * 90);

function start(): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  return spawn(process.execPath, [path.join(root, 'bin/tayseer.mjs'), 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function untilHealthy(child: ChildProcess, limitMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no answer from /healthz within ${limitMs} ms`);
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
let failed = false;
try {
  const first = start();
  const firstMs = await untilHealthy(first, 120_000);
  console.log(`first start (empty data directory): ${(firstMs / 1000).toFixed(2)} s   target < 20 s   ${verdict(firstMs < 20_000)}`);
  failed ||= firstMs >= 20_000;
  await stop(first);

  const second = start();
  const restartMs = await untilHealthy(second, 60_000);
  console.log(`restart (existing data directory):  ${(restartMs / 1000).toFixed(2)} s   target < 3 s    ${verdict(restartMs < 3_000)}`);
  failed ||= restartMs >= 3_000;
  // Let start-up garbage settle, touch a page, then read resident memory while idle.
  await fetch(`http://127.0.0.1:${port}/`);
  await new Promise((r) => setTimeout(r, 5000));
  const rss = rssMb(second.pid!);
  console.log(`idle resident memory (PGlite):      ${rss.toFixed(0)} MB   target < 300 MB ${verdict(rss < 300)}`);
  failed ||= rss >= 300;
  await stop(second);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
