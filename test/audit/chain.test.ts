import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { appendAudit, canonicalJson, GENESIS_HASH, listAuditForSubject, verifyAuditChain } from '../../src/audit/index.js';
import { settableClock } from '../../src/kernel/clock.js';
import { uuidv7 } from '../../src/kernel/uuid.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';
import { asTableOwner, emptyAuditLog } from './support.js';

describe('the audit log', async () => {
  const { db } = await freshDatabase();
  const clock = settableClock('2026-11-01T09:00:00Z');
  const personId = uuidv7().toUpperCase();

  const append = (action: string, details: Record<string, unknown> = {}) =>
    db.transaction().execute((trx) => {
      clock.advance(1000);
      return appendAudit(trx, { actorKind: 'staff', actorId: 'staff-1', action, subjectPersonId: personId, ip: '10.0.0.1', details }, clock);
    });

  // The tests below tamper with the log as the tables' owner: each restores a valid chain of its own first.
  async function resetLog(entries: number): Promise<number[]> {
    await emptyAuditLog(db);
    const seqs: number[] = [];
    for (let i = 0; i < entries; i++) seqs.push(await append('registry.person_viewed', { request: `R-${i}`, fields: ['documents', 'family'], nested: { z: 1, a: [1.5, 'x'] } }));
    return seqs;
  }

  it('sorts keys at every depth in the canonical form', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: null }], c: 'x' } }), '{"a":{"c":"x","d":[2,{"e":null,"f":1}]},"b":1}');
  });

  it('chains entries from the genesis hash, and a long chain verifies', async () => {
    const seqs = await resetLog(250);
    const first = await db.selectFrom('audit_log').selectAll().where('seq', '=', seqs[0]!).executeTakeFirstOrThrow();
    assert.equal(first.prev_hash, GENESIS_HASH);
    assert.match(first.hash, /^[0-9a-f]{64}$/);
    const progress: number[] = [];
    const result = await verifyAuditChain(db, { batchSize: 100, onProgress: (n) => progress.push(n) });
    assert.deepEqual({ entries: result.entries, ok: result.ok, problems: result.problems }, { entries: 250, ok: true, problems: [] });
    assert.deepEqual(progress, [100, 200, 250]);
    assert.equal(result.lastSeq, seqs.at(-1));
  });

  it('finds an entry altered in place', async () => {
    const seqs = await resetLog(10);
    await asTableOwner(db, (trx) => sql`UPDATE audit_log SET details = '{"request":"R-forged"}'::jsonb WHERE seq = ${seqs[4]}`.execute(trx));
    const result = await verifyAuditChain(db);
    assert.equal(result.ok, false);
    assert.deepEqual(result.problems.map((p) => [p.seq, p.kind]), [[seqs[4], 'altered']]);
  });

  it('finds an altered entry whose hash was recomputed, at the next entry', async () => {
    const seqs = await resetLog(10);
    await asTableOwner(db, (trx) => sql`UPDATE audit_log SET hash = repeat('a', 64) WHERE seq = ${seqs[4]}`.execute(trx));
    const result = await verifyAuditChain(db);
    assert.deepEqual(result.problems.map((p) => [p.seq, p.kind]), [[seqs[4], 'altered'], [seqs[5], 'broken_link']]);
  });

  it('finds a deleted entry in the middle', async () => {
    const seqs = await resetLog(10);
    await asTableOwner(db, (trx) => trx.deleteFrom('audit_log').where('seq', '=', seqs[6]!).execute());
    const result = await verifyAuditChain(db, { batchSize: 3 });
    assert.deepEqual(result.problems.map((p) => [p.seq, p.kind]), [[seqs[7], 'missing']]);
    assert.equal(result.entries, 9);
  });

  it('finds deleted first entries', async () => {
    const seqs = await resetLog(5);
    await asTableOwner(db, (trx) => trx.deleteFrom('audit_log').where('seq', '<=', seqs[1]!).execute());
    const result = await verifyAuditChain(db);
    assert.deepEqual(result.problems.map((p) => [p.seq, p.kind]), [[seqs[2], 'missing']]);
  });

  it('cannot see the newest entries deleted from the chain alone: the checkpoints must (checkpoints.test.ts)', async () => {
    const seqs = await resetLog(5);
    const before = await verifyAuditChain(db);
    await asTableOwner(db, (trx) => trx.deleteFrom('audit_log').where('seq', '=', seqs[4]!).execute());
    const after = await verifyAuditChain(db);
    assert.equal(after.ok, true);
    assert.notEqual(after.lastHash, before.lastHash);
    assert.equal(after.lastSeq, seqs[3]);
  });

  it('tolerates seq gaps left by rolled-back transactions', async () => {
    await resetLog(3);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await appendAudit(trx, { actorKind: 'system', action: 'test.rolled_back' }, clock);
        throw new Error('rollback');
      }),
    );
    await append('after.rollback');
    assert.deepEqual((await verifyAuditChain(db)).problems, []);
  });

  it(`chains 20 concurrent transactions one after the other (${engineUnderTest})`, async () => {
    await resetLog(1);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          // Some work before the append, so the transactions really overlap on PostgreSQL.
          await sql`SELECT pg_sleep(${(i % 4) / 200})`.execute(trx);
          return appendAudit(trx, { actorKind: 'account', actorId: `a-${i}`, action: 'identity.login', details: { i } }, clock);
        }),
      ),
    );
    const result = await verifyAuditChain(db);
    assert.equal(result.entries, 21);
    assert.deepEqual(result.problems, []);
  });

  it('appends with a transaction of its own when given the plain handle', async () => {
    await resetLog(2);
    await Promise.all([1, 2, 3].map((i) => appendAudit(db, { actorKind: 'system', action: 'test.plain', details: { i } }, clock)));
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it("lists a person's entries, newest first", async () => {
    await resetLog(4);
    const entries = await listAuditForSubject(db, personId, { limit: 3 });
    assert.equal(entries.length, 3);
    assert.ok(entries[0]!.seq > entries[1]!.seq);
    assert.equal(entries[0]!.action, 'registry.person_viewed');
    assert.deepEqual(entries[0]!.details.fields, ['documents', 'family']);
    assert.deepEqual(await listAuditForSubject(db, uuidv7()), []);
  });
});
