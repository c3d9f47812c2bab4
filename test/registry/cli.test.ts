import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { UsageError, type CommandContext } from '../../src/cli/command.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { MAX_PRINTED_INVALID, registryImportCommand, runRegistryImport } from '../../src/registry/cli.js';
import { findPersonByNationalId } from '../../src/registry/index.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';
import { aCitizen, aChild, recordingTerminal, withWrongCheckDigit, writeJsonl } from './builders.js';

const SAMPLE = path.resolve(import.meta.dirname, '../../docs/examples/registry-sample.jsonl');

function context(positionals: string[], values: CommandContext['values'] = {}, dataDir = os.tmpdir()) {
  const terminal = recordingTerminal();
  const ctx: CommandContext = {
    positionals,
    values,
    terminal,
    config: () => loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }),
  };
  return { ctx, terminal };
}

describe(`tayseer registry import (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();

  it('imports a valid file: exit 0 and a summary line', async () => {
    const terminal = recordingTerminal();
    const code = await runRegistryImport({ db, file: SAMPLE, skipInvalid: false, terminal });
    assert.equal(code, 0);
    assert.deepEqual(terminal.errLines, []);
    assert.equal(terminal.outLines.length, 1);
    assert.match(terminal.outLines[0]!, /^Imported 28 records from .*registry-sample\.jsonl \(person 6, establishment 1, vehicle 1, .*sponsorship 2\)\.$/);
  });

  it('lists every refused line and imports nothing: exit 1', async () => {
    const good = aCitizen();
    const bad = aCitizen();
    const file = writeJsonl([good, { ...bad, nationalId: withWrongCheckDigit(bad.nationalId) }, { kind: 'vehicle_user' }]);
    const terminal = recordingTerminal();
    const code = await runRegistryImport({ db, file, skipInvalid: false, terminal });
    assert.equal(code, 1);
    assert.match(terminal.errLines[0]!, /^line 2: nationalId: not a valid identity number: wrong check digit/);
    assert.match(terminal.errLines[1]!, /^line 3: missing fields sequenceNumber, nationalId$/);
    assert.match(terminal.errLines[2]!, /^Nothing imported from .*: 2 lines refused\. Fix them, or use --skip-invalid/);
    assert.deepEqual(terminal.outLines, []);
    assert.equal(await findPersonByNationalId(db, good.nationalId), undefined);
  });

  it('with --skip-invalid imports the valid lines and still lists the refused ones: exit 0', async () => {
    const good = aCitizen();
    const file = writeJsonl([good, { kind: 'person' }]);
    const terminal = recordingTerminal();
    const code = await runRegistryImport({ db, file, skipInvalid: true, terminal });
    assert.equal(code, 0);
    assert.match(terminal.errLines[0]!, /^line 2: missing fields /);
    assert.match(terminal.outLines[0]!, /^Imported 1 record from .* \(person 1\); 1 line refused and skipped\.$/);
    assert.ok(await findPersonByNationalId(db, good.nationalId));
  });

  it('with --skip-invalid and no valid line: exit 1', async () => {
    const terminal = recordingTerminal();
    const code = await runRegistryImport({ db, file: writeJsonl(['not json']), skipInvalid: true, terminal });
    assert.equal(code, 1);
    assert.equal(terminal.errLines.length, 2);
    assert.equal(terminal.errLines[0], 'line 1: not valid JSON');
    assert.match(terminal.errLines[1]!, /^Nothing imported from .*: every record was refused\.$/);
    assert.deepEqual(terminal.outLines, []);
  });

  it(`prints at most ${MAX_PRINTED_INVALID} refused lines and counts the rest`, async () => {
    const lines = Array.from({ length: MAX_PRINTED_INVALID + 25 }, () => aChild({ birthDate: '2020-02-30' }));
    const terminal = recordingTerminal();
    const code = await runRegistryImport({ db, file: writeJsonl(lines), skipInvalid: false, terminal });
    assert.equal(code, 1);
    assert.equal(terminal.errLines.filter((l) => l.startsWith('line ')).length, MAX_PRINTED_INVALID);
    assert.ok(terminal.errLines.includes('... and 25 more refused lines.'));
  });

  it('refuses a missing, nonexistent or extra file argument, or a directory, as a usage error (exit 2 from the CLI)', async () => {
    await assert.rejects(registryImportCommand.run(context([]).ctx), (e) => e instanceof UsageError && /Missing the file to import/.test(e.message));
    await assert.rejects(
      registryImportCommand.run(context(['/nonexistent/registry.jsonl']).ctx),
      (e) => e instanceof UsageError && e.message === 'File not found: /nonexistent/registry.jsonl.',
    );
    await assert.rejects(registryImportCommand.run(context([os.tmpdir()]).ctx), (e) => e instanceof UsageError && /^Not a file/.test(e.message));
    await assert.rejects(registryImportCommand.run(context([SAMPLE, SAMPLE]).ctx), (e) => e instanceof UsageError && /Expected one file/.test(e.message));
  });
});

describe('tayseer registry import, the whole command on an embedded database', () => {
  it('opens and migrates the database, imports, and closes it', async () => {
    const dataDir = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'tayseer-cli-'));
    after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const { ctx, terminal } = context([SAMPLE], { 'skip-invalid': false }, dataDir);
    assert.equal(await registryImportCommand.run(ctx), 0);
    assert.match(terminal.outLines[0]!, /^Imported 28 records/);

    const handle = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      assert.ok(await findPersonByNationalId(handle.db, '1045283619'));
    } finally {
      await handle.close();
    }
  });
});
