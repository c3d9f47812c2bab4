import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { UsageError, type Command, type Terminal } from '../cli/command.js';
import { openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import { checkpointLine, parseCheckpointLine, type AuditCheckpoint } from './checkpoint.js';
import { AuditCheckpointRefused, createAuditCheckpoint } from './checkpoints.js';
import { auditKeyringFor, auditSignerFor, type AuditSigner } from './keys.js';
import { verifyAuditChain, type AuditVerifyOptions } from './verify.js';

/**
 * Prints the verification and returns the exit code: 0 when the chain is intact and agrees
 * with every checkpoint (stored, and given from outside), 1 otherwise (one line per problem).
 */
export async function runAuditVerify(db: Kysely<Database>, terminal: Terminal, options: Pick<AuditVerifyOptions, 'keyring' | 'externalCheckpoints'> = {}): Promise<number> {
  const result = await verifyAuditChain(db, { ...options, onProgress: (checked) => terminal.progress(`checked ${checked} entries...`) });
  if (terminal.isTTY) terminal.progress('');
  if (result.ok) {
    terminal.out(`Audit log intact: ${result.entries} entries verified.`);
  } else {
    terminal.out(`Audit log NOT intact: ${result.problems.length} problem(s) in ${result.entries} entries.`);
    for (const problem of result.problems) terminal.out(`seq ${problem.seq}: ${problem.kind}: ${problem.detail}`);
  }
  if (result.lastSeq !== null) terminal.out(`Latest entry: seq ${result.lastSeq}, hash ${result.lastHash}`);
  const given = options.externalCheckpoints?.length ?? 0;
  if (result.checkpoints > 0) {
    terminal.out(`Checked against ${result.checkpoints - given} stored checkpoint(s)${given > 0 ? ` and ${given} given on the command line` : ''}.`);
  } else {
    terminal.out('No checkpoint yet: the newest entries could be deleted unseen. Run `tayseer audit checkpoint` and keep its line outside the database.');
  }
  return result.ok ? 0 : 1;
}

/** Signs and stores a checkpoint of the head, and prints its line (stdout) to keep elsewhere. 0, or 1 when refused. */
export async function runAuditCheckpoint(db: Kysely<Database>, terminal: Terminal, signer: AuditSigner, clock: Clock = systemClock): Promise<number> {
  try {
    const checkpoint = (await createAuditCheckpoint({ db, signer, clock }))!;
    terminal.out(checkpointLine(checkpoint));
    terminal.err(`Checkpoint of seq ${checkpoint.seq} (${checkpoint.entries} entries) signed with audit key ${checkpoint.keyId} and stored.`);
    terminal.err("Keep the line above outside the database (a ticket, paper): `tayseer audit verify --checkpoint '<line>'` checks the log against it.");
    return 0;
  } catch (error) {
    if (!(error instanceof AuditCheckpointRefused)) throw error;
    terminal.err(`No checkpoint signed: ${error.message}`);
    return 1;
  }
}

/** The checkpoints of `--checkpoint` lines and `--checkpoint-file` files (one line each; blank lines and # comments skipped). */
export function externalCheckpoints(lines: readonly string[], files: readonly string[]): AuditCheckpoint[] {
  const sources = lines.map((line) => ({ line, where: '--checkpoint' }));
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read the checkpoint file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
    text.split('\n').forEach((line, i) => {
      if (line.trim() && !line.trim().startsWith('#')) sources.push({ line, where: `${file}:${i + 1}` });
    });
  }
  return sources.map(({ line, where }) => {
    const parsed = parseCheckpointLine(line);
    if ('error' in parsed) throw new UsageError(`${where} is not a checkpoint line: ${parsed.error}.`);
    return parsed.checkpoint;
  });
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Check the audit log\'s hash chain against its signed checkpoints: exit 0 when intact, 1 when an entry was altered or deleted.',
  usage: "tayseer audit verify [--checkpoint '<line>'] [--checkpoint-file FILE]",
  options: { checkpoint: { type: 'string', multiple: true }, 'checkpoint-file': { type: 'string', multiple: true } },
  optionHelp: {
    checkpoint: 'a line printed by `tayseer audit checkpoint` and kept elsewhere; the log must agree with it (repeatable)',
    'checkpoint-file': 'a file of such lines, one a line (repeatable)',
  },
  run: async ({ values, config, terminal }) => {
    const given = externalCheckpoints(asList(values.checkpoint), asList(values['checkpoint-file']));
    const cfg = config();
    const keyring = auditKeyringFor(cfg);
    const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, poolSize: 2 });
    try {
      return await runAuditVerify(database.db, terminal, { keyring, externalCheckpoints: given });
    } finally {
      await database.close();
    }
  },
};

export const auditCheckpointCommand: Command = {
  name: 'audit checkpoint',
  summary: 'Sign and store a checkpoint of the audit log\'s head, and print it as one line to keep outside the database.',
  usage: 'tayseer audit checkpoint',
  options: {},
  run: async ({ config, terminal }) => {
    const cfg = config();
    const signer = auditSignerFor(cfg);
    const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, poolSize: 2 });
    try {
      return await runAuditCheckpoint(database.db, terminal, signer);
    } finally {
      await database.close();
    }
  },
};
