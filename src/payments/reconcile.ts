import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { parseCsv, type CsvProblem } from './csv.js';
import type { SettlementLine } from './gateway.js';
import { riyadhDate } from '../kernel/dates.js';
import { paymentsReceivedOn, refundsCompletedOn } from './repository.js';

/**
 * Daily reconciliation: what the card gateway and the banks say they settled on a date, beside
 * what we recorded. Every difference is listed: money they have that we did not record (a lost
 * callback, a notice we refused wrongly), money we recorded that they do not have, and amounts
 * that differ. Matching is by the gateway's payment id and by the bank's transaction id.
 */

/** One line of a bank's SADAD settlement file (CSV with a header row). */
export interface BankSettlementLine {
  bankCode: string;
  transactionId: string;
  billNumber: string;
  /** Halalas, a whole number. */
  amount: number;
  paidAt: Date;
  /** Where the line came from, for the report: `file:line`. */
  at?: string;
}

export const BANK_FILE_COLUMNS = ['bank_code', 'transaction_id', 'bill_number', 'amount', 'currency', 'paid_at'] as const;
export const BANK_FILE_HEADER = BANK_FILE_COLUMNS.join(',');

/** A bank file as read: its good lines and every problem, each with its line number. */
export interface BankFile {
  name: string;
  lines: BankSettlementLine[];
  problems: CsvProblem[];
}

export type MismatchKind = 'missing_here' | 'missing_there' | 'amount_differs';

export type Mismatch =
  | {
      source: 'gateway' | `bank:${string}`;
      kind: MismatchKind;
      /** capture / refund for the gateway, payment for a bank. */
      what: 'capture' | 'refund' | 'payment';
      id: string;
      theirs: number | null;
      ours: number | null;
    }
  /** A bank we recorded payments from on the day sent no settlement line for it (no file, an empty one, or another day's). */
  | { source: `bank:${string}`; kind: 'no_settlement'; payments: number; amount: number }
  /** One transaction listed more than once (in one file or across files). */
  | { source: `bank:${string}`; kind: 'duplicate'; id: string; at: string[] }
  /** A line paid on another day than the one reconciled. */
  | { source: `bank:${string}`; kind: 'other_date'; id: string; at: string; paidOn: string };

export interface Reconciliation {
  date: string;
  matched: number;
  mismatches: Mismatch[];
  /** Malformed files and lines, by file: each is a failure of the reconciliation too. */
  fileProblems: Array<{ file: string; line: number; message: string }>;
}

/** ISO 8601 with a time zone: 2026-11-23T10:15:00+03:00, 2026-11-23T07:15:00.5Z. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a bank settlement file: RFC 4180 CSV whose first record is a header naming the columns
 * (any order; other columns are ignored). Every malformed line is reported with its number; the
 * good lines are still returned, so the report shows everything at once.
 */
export function readBankFile(name: string, text: string): BankFile {
  const { records, problems } = parseCsv(text);
  const lines: BankSettlementLine[] = [];
  const header = records[0];
  if (!header) {
    const reported = problems.length > 0 ? problems : [{ line: 1, message: `the file is empty; expected the header "${BANK_FILE_HEADER}"` }];
    return { name, lines, problems: reported };
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index = new Map<string, number>();
  const headerProblems: string[] = [];
  for (const [i, column] of names.entries()) {
    if (index.has(column)) headerProblems.push(`column ${column} twice`);
    index.set(column, i);
  }
  const missing = BANK_FILE_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) headerProblems.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (headerProblems.length > 0) {
    problems.push({ line: header.line, message: `expected the header "${BANK_FILE_HEADER}": ${headerProblems.join('; ')}` });
    return { name, lines, problems: problems.sort((a, b) => a.line - b.line) };
  }
  const col = (fields: string[], c: (typeof BANK_FILE_COLUMNS)[number]) => fields[index.get(c)!]!.trim();
  for (const record of records.slice(1)) {
    if (record.fields.length !== names.length) {
      problems.push({ line: record.line, message: `expected ${names.length} fields as in the header, found ${record.fields.length}` });
      continue;
    }
    const issues: string[] = [];
    const bankCode = col(record.fields, 'bank_code');
    const transactionId = col(record.fields, 'transaction_id');
    const billNumber = col(record.fields, 'bill_number');
    const amount = col(record.fields, 'amount');
    const currency = col(record.fields, 'currency');
    const paidAt = col(record.fields, 'paid_at');
    if (!bankCode) issues.push('bank_code is empty');
    if (!transactionId) issues.push('transaction_id is empty');
    if (!/^[0-9]{12}$/.test(billNumber)) issues.push('bill_number: expected 12 digits');
    if (!/^[0-9]{1,15}$/.test(amount) || Number(amount) === 0) issues.push('amount: expected a whole number of halalas, more than 0');
    if (currency !== 'SAR') issues.push('currency: expected SAR');
    const at = new Date(paidAt);
    if (!INSTANT.test(paidAt) || Number.isNaN(at.getTime())) issues.push('paid_at: expected a date and time with its time zone (2026-11-23T10:15:00+03:00)');
    if (issues.length > 0) problems.push({ line: record.line, message: issues.join('; ') });
    else lines.push({ bankCode, transactionId, billNumber, amount: Number(amount), paidAt: at, at: `${name}:${record.line}` });
  }
  return { name, lines, problems: problems.sort((a, b) => a.line - b.line) };
}

/** Parses a bank settlement file; throws naming every malformed line by number. */
export function parseBankFile(text: string): BankSettlementLine[] {
  const file = readBankFile('file', text);
  if (file.problems.length > 0) throw new Error(file.problems.map((p) => `line ${p.line}: ${p.message}`).join('\n'));
  return file.lines;
}

function compare(source: 'gateway' | `bank:${string}`, what: 'capture' | 'refund' | 'payment', theirs: Map<string, number>, ours: Map<string, number>, out: Mismatch[]): number {
  let matched = 0;
  for (const [id, amount] of theirs) {
    const mine = ours.get(id);
    if (mine === undefined) out.push({ source, kind: 'missing_here', what, id, theirs: amount, ours: null });
    else if (mine !== amount) out.push({ source, kind: 'amount_differs', what, id, theirs: amount, ours: mine });
    else matched++;
  }
  for (const [id, amount] of ours) if (!theirs.has(id)) out.push({ source, kind: 'missing_there', what, id, theirs: null, ours: amount });
  return matched;
}

export async function reconcile(options: { db: Kysely<Database>; date: string; gateway: SettlementLine[]; banks: BankFile[] }): Promise<Reconciliation> {
  const { db, date } = options;
  const payments = await paymentsReceivedOn(db, date);
  const refunds = await refundsCompletedOn(db, date);
  const mismatches: Mismatch[] = [];
  let matched = 0;

  const gatewayCaptures = new Map(options.gateway.filter((l) => l.kind === 'capture').map((l) => [l.gatewayPaymentId, l.amount]));
  const gatewayRefunds = new Map(options.gateway.filter((l) => l.kind === 'refund').map((l) => [l.gatewayPaymentId, l.amount]));
  matched += compare('gateway', 'capture', gatewayCaptures, new Map(payments.filter((p) => p.channel === 'card').map((p) => [p.external_id, p.amount])), mismatches);
  matched += compare('gateway', 'refund', gatewayRefunds, new Map(refunds.filter((r) => r.channel === 'card').map((r) => [r.external_id, r.amount])), mismatches);

  // Every bank is compared: those in the files, and those we recorded SADAD payments from that
  // day. A bank that sent nothing for the day (no file, an empty one, another day's) is a
  // mismatch of its own, so a missing file can never pass as "nothing to compare".
  const sadad = payments.filter((p) => p.channel === 'sadad' && p.bank_code !== null);
  const lines = options.banks.flatMap((f) => f.lines);
  const banks = new Set([...lines.map((l) => l.bankCode), ...sadad.map((p) => p.bank_code!)]);
  for (const bank of [...banks].sort()) {
    const source = `bank:${bank}` as const;
    const ours = new Map(sadad.filter((p) => p.bank_code === bank).map((p) => [p.external_id, p.amount]));
    const theirs = new Map<string, number>();
    const seenAt = new Map<string, string[]>();
    for (const line of lines.filter((l) => l.bankCode === bank)) {
      const id = `${bank}:${line.transactionId}`;
      const paidOn = riyadhDate(line.paidAt);
      if (paidOn !== date) {
        mismatches.push({ source, kind: 'other_date', id, at: line.at ?? '', paidOn });
        continue;
      }
      seenAt.set(id, [...(seenAt.get(id) ?? []), line.at ?? '']);
      if (!theirs.has(id)) theirs.set(id, line.amount);
    }
    if (theirs.size === 0 && ours.size > 0) {
      mismatches.push({ source, kind: 'no_settlement', payments: ours.size, amount: [...ours.values()].reduce((a, b) => a + b, 0) });
    }
    for (const [id, at] of seenAt) if (at.length > 1) mismatches.push({ source, kind: 'duplicate', id, at });
    // A duplicated transaction is not "matched", whatever its amount.
    const single = new Map([...theirs].filter(([id]) => seenAt.get(id)!.length === 1));
    const duplicated = new Set([...seenAt].filter(([, at]) => at.length > 1).map(([id]) => id));
    matched += compare(source, 'payment', single, new Map([...ours].filter(([id]) => !duplicated.has(id))), mismatches);
  }
  const fileProblems = options.banks.flatMap((f) => f.problems.map((p) => ({ file: f.name, ...p })));
  return { date, matched, mismatches, fileProblems };
}
