import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../../src/cli.js';
import {
  closeTrafficCase,
  findCurrentSponsorship,
  findPersonByNationalId,
  importRegistryFile,
  issueIdentityDocument,
  liftSuspensionsSettledByPayment,
  markDocumentsLost,
  markViolationsPaid,
  transferSponsorship,
} from '../../src/registry/index.js';
import { runRegistryImport } from '../../src/registry/cli.js';
import { runRegistryConflicts } from '../../src/registry/conflicts-cli.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';
import { aCitizen, aDomesticWorkerSponsorship, aResident, aSuspension, aTrafficCase, aViolation, recordingTerminal, writeJsonl } from './builders.js';

/** A registry re-import never silently undoes a newer change the platform made (ADR 0013). */

const PLATFORM_CHANGED = new Date('2026-06-01T09:00:00Z');

const anIdCard = (person: { nationalId: string }, overrides: object = {}) => ({
  kind: 'document',
  nationalId: person.nationalId,
  documentKind: 'national_id_card',
  number: person.nationalId,
  issueDate: '2021-05-10',
  expiryDate: '2031-05-09',
  status: 'valid',
  issuingCountry: 'SAU',
  ...overrides,
});

describe(`a registry re-import and the platform's changes (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();
  const personId = async (nationalId: string) => (await findPersonByNationalId(db, nationalId))!.id;
  const cardsOf = async (id: string) => db.selectFrom('documents').select(['number', 'status', 'source']).where('person_id', '=', id).where('kind', '=', 'national_id_card').orderBy('number').execute();

  it('keeps a card the platform marked lost lost when the source sends its older record again: one valid card, not two', async () => {
    const citizen = aCitizen();
    const file = writeJsonl([citizen, anIdCard(citizen)]);
    assert.equal((await importRegistryFile({ db, file })).committed, true);
    const id = await personId(citizen.nationalId);
    // The replace-lost-ID service: the card is reported lost, and a new one is issued.
    await markDocumentsLost(db, { personId: id, kind: 'national_id_card', details: { reportedIn: 'REQ1' }, now: PLATFORM_CHANGED });
    const newCard = await issueIdentityDocument(db, { personId: id, nationalId: citizen.nationalId, kind: 'national_id_card', issueDate: '2026-06-01', expiryDate: '2036-05-31', details: {}, now: PLATFORM_CHANGED });

    const terminal = recordingTerminal();
    const code = await runRegistryImport({ db, file, skipInvalid: false, terminal });
    const valid = await db.selectFrom('documents').select('number').where('person_id', '=', id).where('kind', '=', 'national_id_card').where('status', '=', 'valid').execute();
    assert.deepEqual(valid, [{ number: newCard }], 'one valid national ID card: the new one');
    assert.deepEqual(await cardsOf(id), [
      { number: citizen.nationalId, status: 'lost', source: 'platform' },
      { number: newCard, status: 'valid', source: 'platform' },
    ]);
    assert.equal(code, 3, terminal.errLines.join('\n'));
    assert.match(terminal.errLines.join('\n'), new RegExp(`^line 2: document national_id_card ${citizen.nationalId}: not applied, it would undo the platform's change of 2026-06-01T09:00:00.000Z \\(status: platform "lost", file "valid"\\); kept as conflict \\d+\\.$`, 'm'));
    assert.match(terminal.outLines.join('\n'), /Imported 1 record/, 'the person, which the platform never touched, is imported as before');
  });

  it('does not revert a sponsorship the platform transferred, and imports the rest of the file', async () => {
    const worker = aResident();
    const [first, second] = [aCitizen(), aCitizen()];
    const stale = aDomesticWorkerSponsorship(worker, first, { startedOn: '2022-09-01' });
    const iqama = { ...anIdCard(worker), documentKind: 'iqama' };
    await importRegistryFile({ db, file: writeJsonl([worker, first, second, stale, iqama]) });
    const workerId = await personId(worker.nationalId);
    await transferSponsorship(db, { workerId, fromPersonId: await personId(first.nationalId), toPersonId: await personId(second.nationalId), on: '2026-06-01', now: PLATFORM_CHANGED });

    // The source has not heard of the transfer: it sends the old sponsor, once as the old
    // record and once as if the old sponsor had taken the worker back after the transfer.
    const renamed = { ...worker, firstNameEn: 'Maria Luisa' };
    for (const line of [stale, { ...stale, startedOn: '2026-07-01' }]) {
      const summary = await importRegistryFile({ db, file: writeJsonl([renamed, line, iqama]) });
      assert.deepEqual(summary.invalid, []);
      assert.equal(summary.committed, true);
      assert.deepEqual(summary.conflicts.map((c) => [c.line, c.kind, c.differences.map((d) => d.field)]), [[2, 'sponsorship', ['sponsorNationalId', 'pastTransfers', 'startedOn']]]);
      const current = (await findCurrentSponsorship(db, workerId))!;
      assert.equal(current.sponsor.type === 'person' && current.sponsor.person.national_id, second.nationalId);
      assert.equal(current.sponsorship.past_transfers, 1);
      const card = await db.selectFrom('documents').select('details').where('kind', '=', 'iqama').where('number', '=', worker.nationalId).executeTakeFirstOrThrow();
      assert.equal(card.details.sponsorNationalId, second.nationalId, "the iqama's new sponsor, written by the platform, is kept");
    }
    assert.equal((await findPersonByNationalId(db, worker.nationalId))!.first_name_en, 'Maria Luisa');
  });

  it('keeps a violation the platform marked paid paid, the suspension it lifted lifted and the case it closed closed', async () => {
    const driver = aCitizen();
    const violation = aViolation(driver);
    const suspension = aSuspension(driver);
    const accident = aTrafficCase([{ nationalId: driver.nationalId, role: 'driver_at_fault' }]);
    const file = writeJsonl([driver, violation, suspension, accident]);
    await importRegistryFile({ db, file });
    const id = await personId(driver.nationalId);
    const stored = await db.selectFrom('traffic_violations').select(['id', 'version']).where('number', '=', violation.number).executeTakeFirstOrThrow();
    await markViolationsPaid(db, [stored.id], PLATFORM_CHANGED);
    assert.deepEqual(await liftSuspensionsSettledByPayment(db, id, PLATFORM_CHANGED, 'Violations paid'), [suspension.reference]);
    const kase = await db.selectFrom('traffic_cases').select('id').where('number', '=', accident.number).executeTakeFirstOrThrow();
    await closeTrafficCase(db, { caseId: kase.id, now: PLATFORM_CHANGED });

    const summary = await importRegistryFile({ db, file });
    const after = await db.selectFrom('traffic_violations').select(['status', 'source', 'version']).where('number', '=', violation.number).executeTakeFirstOrThrow();
    assert.deepEqual(after, { status: 'paid', source: 'platform', version: stored.version + 1 });
    const lifted = await db.selectFrom('service_suspensions').select('lifted_at').where('reference', '=', suspension.reference).executeTakeFirstOrThrow();
    assert.ok(lifted.lifted_at);
    assert.equal((await db.selectFrom('traffic_cases').select('status').where('number', '=', accident.number).executeTakeFirstOrThrow()).status, 'closed');
    assert.deepEqual(summary.conflicts.map((c) => [c.line, c.kind]), [[2, 'violation'], [3, 'suspension'], [4, 'traffic_case']]);

    // The source catches up: the same values as the platform's are no conflict, and change nothing.
    const caughtUp = await importRegistryFile({ db, file: writeJsonl([{ ...violation, status: 'paid', settledAt: PLATFORM_CHANGED.toISOString() }]) });
    assert.deepEqual(caughtUp.conflicts, []);
    assert.equal(caughtUp.agreeing, 1);
  });

  it("applies a line the source stamped after the platform's change, and reports it; an older stamp is a conflict", async () => {
    const citizen = aCitizen();
    await importRegistryFile({ db, file: writeJsonl([citizen, anIdCard(citizen)]) });
    const id = await personId(citizen.nationalId);
    await markDocumentsLost(db, { personId: id, kind: 'national_id_card', details: {}, now: PLATFORM_CHANGED });

    const older = await importRegistryFile({ db, file: writeJsonl([anIdCard(citizen, { sourceUpdatedAt: '2026-05-31T23:00:00+03:00' })]) });
    assert.equal(older.conflicts.length, 1);
    assert.deepEqual(await cardsOf(id), [{ number: citizen.nationalId, status: 'lost', source: 'platform' }]);

    // The civil registry found the card and cancelled the loss report after we recorded it.
    const terminal = recordingTerminal();
    const newer = writeJsonl([anIdCard(citizen, { sourceUpdatedAt: '2026-06-02T10:00:00+03:00' })]);
    assert.equal(await runRegistryImport({ db, file: newer, skipInvalid: false, terminal }), 0, terminal.errLines.join('\n'));
    assert.match(terminal.outLines.join('\n'), /line 1: document national_id_card \d+: applied over the platform's change of 2026-06-01T09:00:00.000Z, the source's record being newer \(2026-06-02T10:00:00\+03:00\): status: platform "lost", file "valid"\./);
    assert.deepEqual(await cardsOf(id), [{ number: citizen.nationalId, status: 'valid', source: 'import' }]);
    const row = await db.selectFrom('documents').select('source_updated_at').where('kind', '=', 'national_id_card').where('number', '=', citizen.nationalId).executeTakeFirstOrThrow();
    assert.equal(row.source_updated_at?.toISOString(), '2026-06-02T07:00:00.000Z');
  });

  it('lists the conflicts and resolves them through the command line: keep the platform, or take the import', async () => {
    const citizen = aCitizen();
    const violation = aViolation(citizen);
    const file = writeJsonl([citizen, anIdCard(citizen), violation]);
    await importRegistryFile({ db, file });
    const id = await personId(citizen.nationalId);
    await markDocumentsLost(db, { personId: id, kind: 'national_id_card', details: {}, now: PLATFORM_CHANGED });
    const stored = await db.selectFrom('traffic_violations').select('id').where('number', '=', violation.number).executeTakeFirstOrThrow();
    await markViolationsPaid(db, [stored.id], PLATFORM_CHANGED);
    await importRegistryFile({ db, file });
    const again = await importRegistryFile({ db, file });
    const [card, fine] = again.conflicts.map((c) => c.conflict!);
    assert.ok(card && fine);

    const list = recordingTerminal();
    assert.equal(await runRegistryConflicts({ db, terminal: list, action: 'list', all: false }), 0);
    const listed = list.outLines.join('\n');
    assert.match(listed, new RegExp(`^${card}  open  document national_id_card ${citizen.nationalId}  line 2 of .*\\(seen 2x, .*status: platform "lost", file "valid"$`, 'm'));
    assert.match(listed, new RegExp(`^${fine}  open  violation ${violation.number}  line 3 of .*status: platform "paid", file "unpaid"; settledAt: platform "2026-06-01T09:00:00.000Z", file null$`, 'm'));

    const keep = recordingTerminal();
    assert.equal(await runRegistryConflicts({ db, terminal: keep, action: 'resolve', number: card, keep: 'platform' }), 0, keep.errLines.join('\n'));
    const take = recordingTerminal();
    assert.equal(await runRegistryConflicts({ db, terminal: take, action: 'resolve', number: fine, keep: 'import' }), 0, take.errLines.join('\n'));
    assert.match(take.outLines[0]!, new RegExp(`Conflict ${fine} resolved: violation ${violation.number} now holds the import's record`));
    assert.deepEqual(await cardsOf(id), [{ number: citizen.nationalId, status: 'lost', source: 'platform' }]);
    const fineNow = await db.selectFrom('traffic_violations').select(['status', 'source']).where('id', '=', stored.id).executeTakeFirstOrThrow();
    assert.deepEqual(fineNow, { status: 'unpaid', source: 'import' });

    const twice = recordingTerminal();
    assert.equal(await runRegistryConflicts({ db, terminal: twice, action: 'resolve', number: card, keep: 'import' }), 1);
    assert.match(twice.errLines[0]!, /was resolved already \(kept platform\)/);

    // The same stale line again: the operator's decision stands, no new conflict, exit 0.
    const terminal = recordingTerminal();
    assert.equal(await runRegistryImport({ db, file, skipInvalid: false, terminal }), 0, terminal.errLines.join('\n'));
    assert.match(terminal.errLines.join('\n'), new RegExp(`line 2: .*the platform's value was kept for this record \\(conflict ${card}\\)`));
    const open = recordingTerminal();
    await runRegistryConflicts({ db, terminal: open, action: 'list', all: false });
    assert.ok(!open.outLines.some((l) => l.startsWith(`${card}  `) || l.startsWith(`${fine}  `)), 'both resolved, neither open again');
    const all = recordingTerminal();
    await runRegistryConflicts({ db, terminal: all, action: 'list', all: true });
    assert.match(all.outLines.join('\n'), new RegExp(`^${card}  kept platform \\S+  document`, 'm'));
    assert.match(all.outLines.join('\n'), new RegExp(`^${fine}  took import \\S+  violation`, 'm'));
  });

  it('refuses bad arguments to the conflicts command in one line with exit code 2', async () => {
    for (const args of [['resolve', '1'], ['resolve', 'x', '--keep', 'platform'], ['resolve', '1', '--keep', 'mine'], ['frob']]) {
      const terminal = recordingTerminal();
      assert.equal(await main(['registry', 'conflicts', ...args], terminal), 2, args.join(' '));
      assert.equal(terminal.errLines.length, 1);
    }
  });
});
