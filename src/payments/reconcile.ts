import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { SettlementLine } from './gateway.js';
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
  amount: number;
  paidAt: Date;
}

export const BANK_FILE_HEADER = 'bank_code,transaction_id,bill_number,amount,currency,paid_at';

export type MismatchKind = 'missing_here' | 'missing_there' | 'amount_differs';

export interface Mismatch {
  source: 'gateway' | `bank:${string}`;
  kind: MismatchKind;
  /** capture / refund for the gateway, payment for a bank. */
  what: 'capture' | 'refund' | 'payment';
  id: string;
  theirs: number | null;
  ours: number | null;
}

export interface Reconciliation {
  date: string;
  matched: number;
  mismatches: Mismatch[];
}

/** Parses a bank settlement file; throws with the line number on anything malformed. */
export function parseBankFile(text: string): BankSettlementLine[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.trim() !== BANK_FILE_HEADER) throw new Error(`line 1: expected the header "${BANK_FILE_HEADER}"`);
  return lines.slice(1).map((line, i) => {
    const [bankCode, transactionId, billNumber, amount, currency, paidAt, ...extra] = line.split(',').map((c) => c.trim());
    const at = new Date(paidAt ?? '');
    if (extra.length > 0 || !bankCode || !transactionId || !billNumber || !/^[0-9]+$/.test(amount ?? '') || currency !== 'SAR' || Number.isNaN(at.getTime())) {
      throw new Error(`line ${i + 2}: expected ${BANK_FILE_HEADER}, got "${line}"`);
    }
    return { bankCode, transactionId, billNumber, amount: Number(amount), paidAt: at };
  });
}

function compare(source: Mismatch['source'], what: Mismatch['what'], theirs: Map<string, number>, ours: Map<string, number>, out: Mismatch[]): number {
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

export async function reconcile(options: { db: Kysely<Database>; date: string; gateway: SettlementLine[]; banks: BankSettlementLine[] }): Promise<Reconciliation> {
  const { db, date } = options;
  const payments = await paymentsReceivedOn(db, date);
  const refunds = await refundsCompletedOn(db, date);
  const mismatches: Mismatch[] = [];
  let matched = 0;

  const gatewayCaptures = new Map(options.gateway.filter((l) => l.kind === 'capture').map((l) => [l.gatewayPaymentId, l.amount]));
  const gatewayRefunds = new Map(options.gateway.filter((l) => l.kind === 'refund').map((l) => [l.gatewayPaymentId, l.amount]));
  matched += compare('gateway', 'capture', gatewayCaptures, new Map(payments.filter((p) => p.channel === 'card').map((p) => [p.external_id, p.amount])), mismatches);
  matched += compare('gateway', 'refund', gatewayRefunds, new Map(refunds.filter((r) => r.channel === 'card').map((r) => [r.external_id, r.amount])), mismatches);

  // Each bank's file covers that bank's payments only; a bank with no file is not compared.
  const banks = new Set(options.banks.map((l) => l.bankCode));
  for (const bank of [...banks].sort()) {
    const theirs = new Map(options.banks.filter((l) => l.bankCode === bank).map((l) => [`${bank}:${l.transactionId}`, l.amount]));
    const ours = new Map(payments.filter((p) => p.channel === 'sadad' && p.bank_code === bank).map((p) => [p.external_id, p.amount]));
    matched += compare(`bank:${bank}`, 'payment', theirs, ours, mismatches);
  }
  return { date, matched, mismatches };
}
