/**
 * `npm run resilience`: runs the resilience suite (test/resilience: the OpenAPI fuzzer, kill -9
 * during writes, a database outage during load, racing payments and decisions) on the engine
 * `npm test` would use (PGlite, or PostgreSQL with DATABASE_URL), then prints what each part
 * measured. Exits non-zero when any test failed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const report = path.join(os.tmpdir(), `tayseer-resilience-${process.pid}.jsonl`);
fs.rmSync(report, { force: true });

const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/test.ts'), 'test/resilience', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, RESILIENCE_REPORT: report },
});

const lines = fs.existsSync(report) ? fs.readFileSync(report, 'utf8').split('\n').filter(Boolean) : [];
fs.rmSync(report, { force: true });
const totals = new Map<string, Map<string, number>>();
for (const line of lines) {
  const { suite, engine, figures } = JSON.parse(line) as { suite: string; engine: string; figures: Record<string, number> };
  const key = `${suite} (${engine})`;
  const sums = totals.get(key) ?? new Map<string, number>();
  for (const [name, value] of Object.entries(figures)) sums.set(name, (sums.get(name) ?? 0) + value);
  totals.set(key, sums);
}
console.log('\nResilience figures');
for (const [suite, sums] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`  ${suite}`);
  for (const [name, value] of sums) console.log(`    ${name.padEnd(40)} ${value.toLocaleString('en')}`);
}
if (totals.size === 0) console.log('  (no figures were reported)');
process.exit(run.status ?? 1);
