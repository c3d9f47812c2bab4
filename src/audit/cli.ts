import type { Kysely } from 'kysely';
import type { Command, Terminal } from '../cli/command.js';
import { openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { verifyAuditChain } from './verify.js';

/**
 * Prints the verification and returns the exit code: 0 when the chain is intact, 1 otherwise
 * (one line per problem). The tail's seq and hash are printed so operators can record them
 * elsewhere: deleting the newest entries cannot be seen from the chain alone.
 */
export async function runAuditVerify(db: Kysely<Database>, terminal: Terminal): Promise<number> {
  const result = await verifyAuditChain(db, { onProgress: (checked) => terminal.progress(`checked ${checked} entries...`) });
  if (terminal.isTTY) terminal.progress('');
  if (result.ok) {
    terminal.out(`Audit log intact: ${result.entries} entries verified.`);
  } else {
    terminal.out(`Audit log NOT intact: ${result.problems.length} problem(s) in ${result.entries} entries.`);
    for (const problem of result.problems) terminal.out(`seq ${problem.seq}: ${problem.kind}: ${problem.detail}`);
  }
  if (result.lastSeq !== null) {
    terminal.out(`Latest entry: seq ${result.lastSeq}, hash ${result.lastHash}`);
    terminal.out('Record this line outside the database: a later run showing an earlier tail means entries were removed.');
  }
  return result.ok ? 0 : 1;
}

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Check the hash chain of the audit log: exit 0 when intact, 1 when an entry was altered or deleted.',
  usage: 'tayseer audit verify',
  options: {},
  run: async ({ config, terminal }) => {
    const cfg = config();
    const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, poolSize: 2 });
    try {
      return await runAuditVerify(database.db, terminal);
    } finally {
      await database.close();
    }
  },
};
