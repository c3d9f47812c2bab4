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
import { parseBankFile, reconcile, type BankSettlementLine } from './reconcile.js';

/** Prints a reconciliation; exit code 0 when everything matched, 1 when anything differs. */
export async function runReconcile(options: { db: Kysely<Database>; gateway: CardGateway; date: string; banks: BankSettlementLine[]; terminal: Terminal }): Promise<number> {
  const { terminal } = options;
  const result = await reconcile({ db: options.db, date: options.date, gateway: await options.gateway.settlement(options.date), banks: options.banks });
  terminal.out(`Reconciliation for ${result.date}: ${result.matched} matched, ${result.mismatches.length} mismatch(es).`);
  for (const m of result.mismatches) {
    const amounts = `theirs ${m.theirs ?? '-'}, ours ${m.ours ?? '-'} (halalas)`;
    const what = m.kind === 'missing_here' ? 'they have it, we have no record' : m.kind === 'missing_there' ? 'we recorded it, they do not list it' : 'the amounts differ';
    terminal.out(`${m.source} ${m.what} ${m.id}: ${what}; ${amounts}`);
  }
  return result.mismatches.length === 0 ? 0 : 1;
}

export const paymentsReconcileCommand: Command = {
  name: 'payments reconcile',
  summary: "Compare a day's card gateway settlement and the banks' SADAD settlement files with our records; list every mismatch (exit 1 if any).",
  usage: 'tayseer payments reconcile --date 2026-11-23 [--bank-file sadad-bank-2026-11-23.csv ...]',
  options: { date: { type: 'string' }, 'bank-file': { type: 'string', multiple: true } },
  optionHelp: {
    date: 'the day (Asia/Riyadh), YYYY-MM-DD',
    'bank-file': 'a bank settlement file (CSV: bank_code,transaction_id,bill_number,amount,currency,paid_at); repeat for each bank',
  },
  run: async ({ values, config, terminal }) => {
    const date = values.date as string | undefined;
    if (!date || !isIsoDate(date)) throw new UsageError('--date expects a day such as 2026-11-23.');
    const banks: BankSettlementLine[] = [];
    for (const file of (values['bank-file'] as string[] | undefined) ?? []) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(`Cannot read the bank file ${file}.`);
      }
      try {
        banks.push(...parseBankFile(text));
      } catch (error) {
        throw new UsageError(`${file}: ${(error as Error).message}`);
      }
    }
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
