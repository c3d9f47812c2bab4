import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError, type CommandContext, type Terminal } from '../../src/cli/command.js';
import { parseSeedOptions, progressBar, runSeed, seedCommand } from '../../src/registry/seed-cli.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';

function recordingTerminal(isTTY = false) {
  const outLines: string[] = [];
  const errLines: string[] = [];
  const progressLines: string[] = [];
  const terminal: Terminal = {
    out: (line) => outLines.push(line),
    err: (line) => errLines.push(line),
    isTTY,
    progress: (line) => progressLines.push(line),
  };
  return { terminal, outLines, errLines, progressLines };
}

const defaults = { seed: () => 1, today: () => '2026-11-23' };

describe(`tayseer seed (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();

  it('reads --people, --seed and --as-of, with defaults for the last two', () => {
    assert.deepEqual(parseSeedOptions({ people: '1000' }, defaults), { people: 1000, seed: 1, asOf: '2026-11-23' });
    assert.deepEqual(parseSeedOptions({ people: '0', seed: '7', 'as-of': '2026-01-31' }, defaults), { people: 0, seed: 7, asOf: '2026-01-31' });
  });

  it('refuses a missing, non-numeric or negative --people, a bad --seed or --as-of with one line', () => {
    const cases: Array<[CommandContext['values'], RegExp]> = [
      [{}, /^Missing --people N/],
      [{ people: 'lots' }, /^--people expects a whole number from 0 to 10000000, got "lots"\.$/],
      [{ people: '-5' }, /^--people expects a whole number/],
      [{ people: '2.5' }, /^--people expects a whole number/],
      [{ people: '10', seed: 'abc' }, /^--seed expects a whole number/],
      [{ people: '10', 'as-of': '2026-02-30' }, /^--as-of expects a date as YYYY-MM-DD/],
    ];
    for (const [values, message] of cases) {
      assert.throws(() => parseSeedOptions(values, defaults), (error: unknown) => error instanceof UsageError && message.test(error.message) && !error.message.includes('\n'));
    }
  });

  it('reports a usage error before opening any database', async () => {
    const { terminal } = recordingTerminal();
    const ctx: CommandContext = { values: { people: 'x' }, positionals: [], terminal, config: () => assert.fail('config must not be read') };
    await assert.rejects(seedCommand.run(ctx), UsageError);
  });

  it('seeds the personas and N people, and prints one summary line', async () => {
    const { terminal, outLines, errLines, progressLines } = recordingTerminal(false);
    const code = await runSeed({ db, people: 400, seed: 5, asOf: '2026-11-23', terminal });
    assert.equal(code, 0);
    assert.deepEqual(errLines, []);
    assert.deepEqual(progressLines, [], 'no progress bar when not a terminal');
    assert.equal(outLines.length, 1);
    assert.match(outLines[0]!, /^Seeded 400 people \(seed 5, as of 2026-11-23\) in \d+\.\d s, \d+ people\/s: persons 400, .*documents \d+.*; demo personas added \(\d+ persons\)\.$/);
  });

  it('shows a progress bar on a terminal and skips personas already there', async () => {
    const { terminal, outLines, progressLines } = recordingTerminal(true);
    await runSeed({ db, people: 100, seed: 6, asOf: '2026-11-23', terminal });
    assert.ok(progressLines.some((l) => /^\[#+\] 100% 100\/100 people$/.test(l)));
    assert.equal(progressLines.at(-1), '');
    assert.doesNotMatch(outLines[0]!, /personas added/);
  });

  it('draws the bar in proportion', () => {
    assert.equal(progressBar({ people: 0, total: 10 }), `[${'.'.repeat(30)}] 0% 0/10 people`);
    assert.equal(progressBar({ people: 5, total: 10 }), `[${'#'.repeat(15)}${'.'.repeat(15)}] 50% 5/10 people`);
  });
});
