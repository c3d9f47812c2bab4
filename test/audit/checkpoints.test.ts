import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import {
  appendAudit,
  checkpointLine,
  createAuditCheckpoint,
  createAuditSigner,
  parseCheckpointLine,
  verifyAuditChain,
  type AuditCheckpoint,
} from '../../src/audit/index.js';
import { settableClock } from '../../src/kernel/clock.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';
import { asTableOwner, emptyAuditLog, recomputeChainFrom } from './support.js';

describe(`the audit log's signed checkpoints (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();
  const clock = settableClock('2026-11-01T09:00:00Z');
  const signer = createAuditSigner(generateKeyPairSync('ed25519').privateKey);
  const keyring = signer;

  const append = (i: number) => {
    clock.advance(1000);
    return appendAudit(db, { actorKind: 'staff', actorId: 'staff-1', action: 'registry.person_viewed', details: { i } }, clock);
  };
  async function freshLog(entries: number): Promise<number[]> {
    await emptyAuditLog(db);
    const seqs: number[] = [];
    for (let i = 0; i < entries; i++) seqs.push(await append(i));
    return seqs;
  }
  const checkpoint = () => createAuditCheckpoint({ db, signer, clock }) as Promise<AuditCheckpoint>;
  const kinds = (result: { problems: { seq: number; kind: string }[] }) => result.problems.map((p) => [p.seq, p.kind]);

  it('are refused UPDATE, DELETE and TRUNCATE by the database, on the log and on the checkpoints', async () => {
    const seqs = await freshLog(3);
    await checkpoint();
    const refused = async (statement: ReturnType<typeof sql>, table: string, op: string) =>
      assert.rejects(statement.execute(db), (error: { code?: string; message?: string }) => {
        assert.equal(error.code, '42501');
        assert.match(error.message!, new RegExp(`^${op} on ${table} is refused: the audit log is append-only`));
        return true;
      });
    await refused(sql`UPDATE audit_log SET action = 'x' WHERE seq = ${seqs[1]}`, 'audit_log', 'UPDATE');
    await refused(sql`DELETE FROM audit_log WHERE seq = ${seqs[2]}`, 'audit_log', 'DELETE');
    await refused(sql`DELETE FROM audit_log WHERE false`, 'audit_log', 'DELETE');
    await refused(sql`TRUNCATE audit_log`, 'audit_log', 'TRUNCATE');
    await refused(sql`UPDATE audit_checkpoints SET entries = 0`, 'audit_checkpoints', 'UPDATE');
    await refused(sql`DELETE FROM audit_checkpoints`, 'audit_checkpoints', 'DELETE');
    await refused(sql`TRUNCATE audit_checkpoints`, 'audit_checkpoints', 'TRUNCATE');
    // Appending is what the tables are for.
    await append(99);
    const result = await verifyAuditChain(db, { keyring });
    assert.deepEqual({ ok: result.ok, entries: result.entries, checkpoints: result.checkpoints }, { ok: true, entries: 4, checkpoints: 1 });
  });

  it('sign the head, the count and the time, and print as one line that reads back', async () => {
    const seqs = await freshLog(4);
    const made = await checkpoint();
    const head = await db.selectFrom('audit_log').select('hash').where('seq', '=', seqs[3]!).executeTakeFirstOrThrow();
    assert.deepEqual({ seq: made.seq, hash: made.hash, entries: made.entries, at: made.at.toISOString(), keyId: made.keyId }, { seq: seqs[3], hash: head.hash, entries: 4, at: clock.now().toISOString(), keyId: signer.keyId });
    const line = checkpointLine(made);
    assert.doesNotMatch(line, /\n/);
    assert.deepEqual(parseCheckpointLine(line), { checkpoint: made });
    const stored = await db.selectFrom('audit_checkpoints').selectAll().execute();
    assert.deepEqual(stored.map((r) => [r.head_seq, r.head_hash, r.entries, r.key_id, r.signature]), [[made.seq, made.hash, 4, signer.keyId, made.signature]]);
    assert.match(JSON.stringify(parseCheckpointLine(line.replace('"seq":', '"sequence":'))), /error/);
    assert.match(JSON.stringify(parseCheckpointLine('not json')), /not JSON/);
  });

  it('catch an entry edited with every later hash recomputed, which the chain alone no longer shows', async () => {
    const seqs = await freshLog(6);
    const made = await checkpoint();
    await append(6);
    await asTableOwner(db, async (trx) => {
      await trx.updateTable('audit_log').set({ details: JSON.stringify({ i: 'forged' }) }).where('seq', '=', seqs[2]!).execute();
      await recomputeChainFrom(trx, seqs[2]!);
    });
    const result = await verifyAuditChain(db, { keyring });
    assert.equal(result.ok, false);
    // Every hash agrees with its entry: only the checkpoint sees the rewrite.
    assert.deepEqual(kinds(result), [[made.seq, 'checkpoint_mismatch']]);
    assert.match(result.problems[0]!.detail, /the log was rewritten up to here/);
  });

  it('catch the newest entries deleted (truncation)', async () => {
    const seqs = await freshLog(5);
    const made = await checkpoint();
    await asTableOwner(db, (trx) => trx.deleteFrom('audit_log').where('seq', '>=', seqs[3]!).execute());
    const result = await verifyAuditChain(db, { keyring });
    assert.deepEqual(kinds(result), [[made.seq, 'truncated']]);
    assert.match(result.problems[0]!.detail, /vouches for 5 entries up to seq \d+, but the log ends at seq \d+ with 3: the newest entries were deleted/);
    await asTableOwner(db, (trx) => trx.deleteFrom('audit_log').execute());
    assert.deepEqual(kinds(await verifyAuditChain(db, { keyring })), [[made.seq, 'truncated']]);
  });

  it('catch an entry deleted and the chain rebuilt after it', async () => {
    const seqs = await freshLog(5);
    const made = await checkpoint();
    await asTableOwner(db, async (trx) => {
      await trx.deleteFrom('audit_log').where('seq', '=', seqs[1]!).execute();
      await recomputeChainFrom(trx, seqs[2]!);
    });
    const result = await verifyAuditChain(db, { keyring });
    // The seq gap alone is no evidence (rolled-back transactions leave gaps); the checkpoint is.
    assert.deepEqual(kinds(result), [[made.seq, 'checkpoint_mismatch']]);
  });

  it('refuse a forged checkpoint and one signed by a key that is not trusted', async () => {
    await freshLog(3);
    const made = await checkpoint();
    const other = createAuditSigner(generateKeyPairSync('ed25519').privateKey);
    await asTableOwner(db, async (trx) => {
      // The head moved back by one entry, the signature kept: it no longer verifies.
      await trx.insertInto('audit_checkpoints').values({ created_at: made.at, head_seq: made.seq, head_hash: made.hash, entries: made.entries - 1, key_id: made.keyId, signature: made.signature }).execute();
    });
    await createAuditCheckpoint({ db, signer: other, clock });
    const result = await verifyAuditChain(db, { keyring });
    assert.deepEqual(kinds(result).map(([, kind]) => kind), ['forged_checkpoint', 'unknown_key']);
    assert.match(result.problems[1]!.detail, new RegExp(`signed by audit key ${other.keyId}, which is neither`));
    // Without trusted keys nothing is vouched for: a checkpoint nobody can check is a problem.
    assert.ok((await verifyAuditChain(db)).problems.every((p) => p.kind === 'unknown_key'));
  });

  it('kept outside the database catch a rewrite of the checkpoints table too', async () => {
    const seqs = await freshLog(5);
    const kept = checkpointLine(await checkpoint());
    // An attacker with the key file (someone who can read DATA_DIR) rewrites the log and the
    // checkpoints alike, and signs a checkpoint of the forged head.
    await asTableOwner(db, async (trx) => {
      await trx.updateTable('audit_log').set({ action: 'registry.nothing_viewed' }).where('seq', '=', seqs[1]!).execute();
      await recomputeChainFrom(trx, seqs[1]!);
      await trx.deleteFrom('audit_checkpoints').execute();
    });
    await checkpoint();
    assert.equal((await verifyAuditChain(db, { keyring })).ok, true, 'the database alone agrees with itself');
    const external = (parseCheckpointLine(kept) as { checkpoint: AuditCheckpoint }).checkpoint;
    const result = await verifyAuditChain(db, { keyring, externalCheckpoints: [external] });
    assert.deepEqual(kinds(result), [[external.seq, 'checkpoint_mismatch'], [external.seq, 'checkpoint_missing']]);
    // A line someone made up does not pass for a checkpoint either.
    const madeUp = { ...external, hash: 'f'.repeat(64) };
    assert.deepEqual(kinds(await verifyAuditChain(db, { keyring, externalCheckpoints: [madeUp] })), [[external.seq, 'forged_checkpoint']]);
  });

  it('are signed by the worker when due: after the interval, only when the log grew', async () => {
    await freshLog(0);
    const hour = 3_600_000;
    const due = () => createAuditCheckpoint({ db, signer, clock, onlyIfOlderThanMs: hour });
    assert.equal(await due(), null, 'an empty log with no checkpoint: nothing to vouch for');
    await append(1);
    const first = await due();
    assert.equal(first?.entries, 1);
    await append(2);
    clock.advance(hour / 2);
    assert.equal(await due(), null, 'the newest checkpoint is not an hour old');
    clock.advance(hour);
    const second = await due();
    assert.equal(second?.entries, 2, 'the count carries on from the previous checkpoint');
    clock.advance(2 * hour);
    assert.equal(await due(), null, 'the log has not grown');
    assert.equal((await verifyAuditChain(db, { keyring })).checkpoints, 2);
  });

  it('are not signed over a log that disagrees with its newest checkpoint', async () => {
    const seqs = await freshLog(3);
    await checkpoint();
    await asTableOwner(db, (trx) => trx.deleteFrom('audit_log').where('seq', '=', seqs[2]!).execute());
    await assert.rejects(checkpoint(), { name: 'AuditCheckpointRefused', message: /ends at seq \d+, before its newest checkpoint/ });
    await append(3);
    await assert.rejects(checkpoint(), { name: 'AuditCheckpointRefused', message: /no longer has the hash its checkpoint vouches for/ });
    assert.equal(await db.selectFrom('audit_checkpoints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)), 1);
  });
});
