import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Command, Terminal } from '../cli/command.js';
import { UsageError } from '../cli/command.js';
import { openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { isIsoDate } from '../kernel/dates.js';
import { systemClock } from '../kernel/clock.js';
import type { CardGateway } from './gateway.js';
import { cardGatewayFromConfig } from './gateway-from-config.js';
import { readBankFile, reconcile, type BankFile, type Mismatch } from './reconcile.js';

/** SAR with halalas, for the report: 30000 -> "300.00 SAR". */
function sar(halalas: number): string {
  return `${Math.floor(halalas / 100)}.${String(halalas % 100).padStart(2, '0')} SAR`;
}

function describe(m: Mismatch, date: string): string {
  switch (m.kind) {
    case 'no_settlement':
      return `${m.source}: no settlement line for ${date} (no file, an empty file, or a file of another day), but we recorded ${m.payments} payment(s) totalling ${sar(m.amount)} (${m.amount} halalas)`;
    case 'duplicate':
      return `${m.source} payment ${m.id}: listed ${m.at.length} times (${m.at.join(', ')})`;
    case 'other_date':
      return `${m.source} payment ${m.id}: paid on ${m.paidOn}, not ${date} (${m.at})`;
    default: {
      const what = m.kind === 'missing_here' ? 'they have it, we have no record' : m.kind === 'missing_there' ? 'we recorded it, they do not list it' : 'the amounts differ';
      return `${m.source} ${m.what} ${m.id}: ${what}; theirs ${m.theirs ?? '-'}, ours ${m.ours ?? '-'} (halalas)`;
    }
  }
}

/**
 * Prints a reconciliation: every mismatch and every malformed line of the bank files. Exit code
 * 0 only when everything matched and every file was well formed; 1 otherwise.
 */
export async function runReconcile(options: { db: Kysely<Database>; gateway: CardGateway; date: string; banks: BankFile[]; terminal: Terminal }): Promise<number> {
  const { terminal } = options;
  const result = await reconcile({ db: options.db, date: options.date, gateway: await options.gateway.settlement(options.date), banks: options.banks });
  const problems = result.fileProblems.length;
  terminal.out(
    `Reconciliation for ${result.date}: ${result.matched} matched, ${result.mismatches.length} mismatch(es)` +
      (problems > 0 ? `, ${problems} malformed line(s) in the bank files.` : '.'),
  );
  for (const p of result.fileProblems) terminal.out(p.line > 0 ? `${p.file} line ${p.line}: ${p.message}` : `${p.file}: ${p.message}`);
  for (const m of result.mismatches) terminal.out(describe(m, result.date));
  return result.mismatches.length === 0 && problems === 0 ? 0 : 1;
}

/** Reads each bank file; one that cannot be read is reported like a malformed one, not skipped. */
export function readBankFiles(paths: readonly string[]): BankFile[] {
  return paths.map((path) => {
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch (error) {
      return { name: path, lines: [], problems: [{ line: 0, message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` }] };
    }
    return readBankFile(path, text);
  });
}

export const paymentsReconcileCommand: Command = {
  name: 'payments reconcile',
  summary: "Compare a day's card gateway settlement and the banks' SADAD settlement files with our records; list every mismatch (exit 1 if any, or a bank file is missing or malformed).",
  usage: 'tayseer payments reconcile --date 2026-11-23 [--bank-file sadad-bank-2026-11-23.csv ...]',
  options: { date: { type: 'string' }, 'bank-file': { type: 'string', multiple: true } },
  optionHelp: {
    date: 'the day (Asia/Riyadh), YYYY-MM-DD',
    'bank-file': 'a bank settlement file (CSV with the header bank_code,transaction_id,bill_number,amount,currency,paid_at); repeat for each bank we had SADAD payments from',
  },
  run: async ({ values, config, terminal }) => {
    const date = values.date as string | undefined;
    if (!date || !isIsoDate(date)) throw new UsageError('--date expects a day such as 2026-11-23.');
    const banks = readBankFiles((values['bank-file'] as string[] | undefined) ?? []);
    const cfg = config();
    const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, poolSize: 2 });
    try {
      const { gateway } = cardGatewayFromConfig({ config: cfg, db: database.db, clock: systemClock });
      return await runReconcile({ db: database.db, gateway, date, banks, terminal });
    } finally {
      await database.close();
    }
  },
};
