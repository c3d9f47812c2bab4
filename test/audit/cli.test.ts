import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { appendAudit, runAuditVerify } from '../../src/audit/index.js';
import type { Terminal } from '../../src/cli/command.js';
import { main } from '../../src/cli.js';
import { openPglite } from '../../src/db/database.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { freshDatabase } from '../support/database.js';
import { asTableOwner } from './support.js';

function captureTerminal(): Terminal & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), isTTY: false, progress: () => {} };
}

const clock = fixedClock('2026-11-01T09:00:00Z');

describe('tayseer audit verify', async () => {
  const { db } = await freshDatabase();

  it('exits 0 on an empty or intact log and prints the tail to record', async () => {
    const empty = captureTerminal();
    assert.equal(await runAuditVerify(db, empty), 0);
    assert.match(empty.lines[0]!, /intact: 0 entries/);
    for (let i = 0; i < 3; i++) await appendAudit(db, { actorKind: 'system', action: 'test.entry', details: { i } }, clock);
    const intact = captureTerminal();
    assert.equal(await runAuditVerify(db, intact), 0);
    assert.match(intact.lines.join('\n'), /intact: 3 entries verified\.\nLatest entry: seq \d+, hash [0-9a-f]{64}/);
  });

  it('exits 1 and prints one line per problem', async () => {
    const seqs = (await db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    await asTableOwner(db, async (trx) => {
      await trx.updateTable('audit_log').set({ action: 'test.forged' }).where('seq', '=', seqs[0]!).execute();
      await trx.deleteFrom('audit_log').where('seq', '=', seqs[1]!).execute();
    });
    const terminal = captureTerminal();
    assert.equal(await runAuditVerify(db, terminal), 1);
    assert.match(terminal.lines[0]!, /NOT intact: 2 problem\(s\) in 2 entries/);
    assert.match(terminal.lines[1]!, new RegExp(`^seq ${seqs[0]}: altered: `));
    assert.match(terminal.lines[2]!, new RegExp(`^seq ${seqs[2]}: missing: `));
  });

  it('is a command of the tayseer CLI, with --help', async () => {
    const terminal = captureTerminal();
    assert.equal(await main(['audit', 'verify', '--help'], terminal), 0);
    assert.match(terminal.lines[0]!, /^Usage: tayseer audit verify/);
  });

  it('runs from the command line against the configured database', { skip: process.env.DATABASE_URL ? 'PGlite data directory only' : false }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tayseer-audit-cli-'));
    try {
      fs.cpSync(process.env.TAYSEER_TEST_TEMPLATE!, path.join(dir, 'pgdata'), { recursive: true });
      const handle = await openPglite(path.join(dir, 'pgdata'));
      await appendAudit(handle.db, { actorKind: 'system', action: 'test.entry' }, clock);
      await handle.close();
      const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
      process.env.DATA_DIR = dir;
      try {
        const terminal = captureTerminal();
        assert.equal(await main(['audit', 'verify'], terminal), 0);
        assert.match(terminal.lines[0]!, /intact: 1 entries verified/);
      } finally {
        if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
        else process.env.DATA_DIR = saved.DATA_DIR;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
