import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateKeyPairSync } from 'node:crypto';
import { appendAudit, createAuditSigner, parseCheckpointLine, runAuditCheckpoint, runAuditVerify, type AuditCheckpoint } from '../../src/audit/index.js';
import { main } from '../../src/cli.js';
import { openPglite } from '../../src/db/database.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { freshDatabase } from '../support/database.js';
import { captureTerminal } from '../support/terminal.js';
import { asTableOwner, emptyAuditLog, recomputeChainFrom } from './support.js';

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

describe('tayseer audit checkpoint, and audit verify --checkpoint', async () => {
  const { db } = await freshDatabase();
  const signer = createAuditSigner(generateKeyPairSync('ed25519').privateKey);
  const append = (i: number) => appendAudit(db, { actorKind: 'system', action: 'test.entry', details: { i } }, clock);

  it('prints a line to keep; verify exits 0 with it, 1 once the log and the table were rewritten', async () => {
    await emptyAuditLog(db);
    const seqs = [await append(1), await append(2), await append(3)];
    const made = captureTerminal();
    assert.equal(await runAuditCheckpoint(db, made, signer, clock), 0);
    const line = made.lines[0]!;
    assert.match(line, /^\{"tayseer_audit_checkpoint":1,"seq":\d+,"hash":"[0-9a-f]{64}","entries":3,"at":"2026-11-01T09:00:00.000Z","key_id":"[0-9a-f]{16}","signature":"[\w-]{86}"\}$/);
    assert.match(made.errors[1]!, /Keep the line above outside the database/);
    const { checkpoint } = parseCheckpointLine(line) as { checkpoint: AuditCheckpoint };

    const intact = captureTerminal();
    assert.equal(await runAuditVerify(db, intact, { keyring: signer, externalCheckpoints: [checkpoint] }), 0);
    assert.match(intact.lines.join('\n'), /intact: 3 entries verified\.\nLatest entry: .*\nChecked against 1 stored checkpoint\(s\) and 1 given on the command line\./);

    await asTableOwner(db, async (trx) => {
      await trx.updateTable('audit_log').set({ action: 'test.forged' }).where('seq', '=', seqs[0]!).execute();
      await recomputeChainFrom(trx, seqs[0]!);
      await trx.deleteFrom('audit_checkpoints').execute();
    });
    assert.equal(await runAuditVerify(db, captureTerminal(), { keyring: signer }), 0, 'no checkpoint left: the database alone cannot tell');
    const caught = captureTerminal();
    assert.equal(await runAuditVerify(db, caught, { keyring: signer, externalCheckpoints: [checkpoint] }), 1);
    assert.match(caught.lines[0]!, /NOT intact: 2 problem\(s\) in 3 entries/);
    assert.match(caught.lines[1]!, new RegExp(`^seq ${seqs[2]}: checkpoint_mismatch: `));
    assert.match(caught.lines[2]!, new RegExp(`^seq ${seqs[2]}: checkpoint_missing: `));
  });

  it('verify exits 1 on truncation, and checkpoint refuses to sign over it (exit 1)', async () => {
    await emptyAuditLog(db);
    const seqs = [await append(1), await append(2)];
    assert.equal(await runAuditCheckpoint(db, captureTerminal(), signer, clock), 0);
    await asTableOwner(db, (trx) => trx.deleteFrom('audit_log').where('seq', '=', seqs[1]!).execute());
    const terminal = captureTerminal();
    assert.equal(await runAuditVerify(db, terminal, { keyring: signer }), 1);
    assert.match(terminal.lines[1]!, /truncated: .*the newest entries were deleted/);
    const refused = captureTerminal();
    assert.equal(await runAuditCheckpoint(db, refused, signer, clock), 1);
    assert.deepEqual(refused.lines, []);
    assert.match(refused.errors[0]!, /^No checkpoint signed: the audit log ends at seq/);
  });

  it('exits 2 on a line that is not a checkpoint, naming what is wrong', async () => {
    const terminal = captureTerminal();
    assert.equal(await main(['audit', 'verify', '--checkpoint', '{"tayseer_audit_checkpoint":1,"seq":-1}'], terminal), 2);
    assert.match(terminal.errors[0]!, /^--checkpoint is not a checkpoint line: field seq: .* Run `tayseer audit verify --help`\.$/);
    const missing = captureTerminal();
    assert.equal(await main(['audit', 'verify', '--checkpoint-file', '/nonexistent/checkpoints.txt'], missing), 2);
    assert.match(missing.errors[0]!, /Cannot read the checkpoint file \/nonexistent\/checkpoints.txt: ENOENT/);
    const help = captureTerminal();
    assert.equal(await main(['audit', 'checkpoint', '--help'], help), 0);
    assert.match(help.lines[0]!, /^Usage: tayseer audit checkpoint/);
  });

  it('runs from the command line with AUDIT_SIGNING_KEY: the worker and the operator sign, verify reads a file of kept lines', { skip: process.env.DATABASE_URL ? 'PGlite data directory only' : false }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tayseer-audit-cp-'));
    const saved = { DATA_DIR: process.env.DATA_DIR, AUDIT_SIGNING_KEY: process.env.AUDIT_SIGNING_KEY };
    try {
      fs.cpSync(process.env.TAYSEER_TEST_TEMPLATE!, path.join(dir, 'pgdata'), { recursive: true });
      const handle = await openPglite(path.join(dir, 'pgdata'));
      await appendAudit(handle.db, { actorKind: 'system', action: 'test.entry' }, clock);
      await handle.close();
      process.env.DATA_DIR = dir;
      process.env.AUDIT_SIGNING_KEY = (generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).replace(/\n/g, '\\n');
      // The worker signs one when due (none yet, and the log holds an entry)...
      const worker = captureTerminal();
      assert.equal(await main(['worker', '--once'], worker), 0);
      assert.match(worker.lines.join('\n'), /Audit checkpoint signed at seq \d+ \(1 entries\)\./);
      // ...and an operator may sign one at any time, to keep its line.
      const made = captureTerminal();
      assert.equal(await main(['audit', 'checkpoint'], made), 0);
      const file = path.join(dir, 'kept.txt');
      fs.writeFileSync(file, `# kept in the ticket\n${made.lines[0]}\n`);
      const verified = captureTerminal();
      assert.equal(await main(['audit', 'verify', '--checkpoint-file', file, '--checkpoint', made.lines[0]!], verified), 0);
      assert.match(verified.lines.join('\n'), /intact: 1 entries verified.*\n.*\nChecked against 2 stored checkpoint\(s\) and 2 given/s);
      process.env.AUDIT_SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      const otherKey = captureTerminal();
      assert.equal(await main(['audit', 'verify'], otherKey), 1, 'a checkpoint no trusted key verifies fails');
      assert.match(otherKey.lines[1]!, /unknown_key: /);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
