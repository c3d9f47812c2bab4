import type { Insertable, Kysely } from 'kysely';
import type { AnyService } from '../catalogue/define.js';
import type { BillLine, BillRow, BillsTable, Database, PaymentChannel, ServiceRequestRow } from '../db/tables.js';
import { DAY_MS } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { formatReference } from '../kernel/reference.js';
import { uuidv7 } from '../kernel/uuid.js';
import { getRequest, payerOf } from '../requests/index.js';
import { newBillNumber, parseBillNumber } from './bill-number.js';
import type { PaymentsDeps, PaymentSettings } from './deps.js';
import { billsOfRequest, expireBill, findBillByNumber, insertBill, unpaidBillOfRequest, unpaidBillsExpiredBy } from './repository.js';

/**
 * Bills: what a person owes, with a SADAD biller code and bill number. A request waiting for
 * its fee gets a bill the first time anyone needs it (its page, the API); the bill expires
 * with the request's time to pay. An expired bill is re-issued as a new bill (a new number)
 * while the request can still be paid.
 */

/** How long a bill stays payable when nothing else limits it. */
export const BILL_VALIDITY_MS = 3 * DAY_MS;

export const ALL_CHANNELS: readonly PaymentChannel[] = ['sadad', 'card'];

export function channelsOf(service: AnyService): PaymentChannel[] {
  const declared = (service as { payment?: { channels?: readonly PaymentChannel[] } }).payment?.channels;
  return [...(declared && declared.length > 0 ? declared : ALL_CHANNELS)];
}

/** The request's bills (newest first), issuing its bill if it waits for payment and has none payable. */
export async function billsForRequest(options: PaymentsDeps & { settings: Pick<PaymentSettings, 'billerCode' | 'cardsEnabled'>; accountId: string; personId: string; reference: string }): Promise<{ request: ServiceRequestRow; service: AnyService; bills: BillRow[] }> {
  const { db, clock } = options;
  const { request, service, roles } = await getRequest({ ...options, actor: { kind: 'account', accountId: options.accountId, personId: options.personId }, reference: options.reference });
  const now = clock.now();
  // The bill is the payer's (the applicant, or the other party where the service says so): only
  // they see it and have it issued; the other side of the request sees none.
  const payer = { accountId: options.accountId, personId: options.personId };
  if (!roles.includes(payerOf(service))) return { request, service, bills: (await billsOfRequest(db, request.id)).filter((b) => b.account_id === options.accountId) };
  let bills = await billsOfRequest(db, request.id);
  const waiting = request.state === service.workflow.awaitingPayment && request.fee_total > 0;
  const payable = bills.find((b) => b.status === 'unpaid' && b.expires_at > now);
  if (waiting && !payable && (request.due_at === null || request.due_at > now)) {
    const issued = await issueRequestBill(db, { request, service, payer, now, settings: options.settings, replaces: bills.find((b) => b.status === 'unpaid') });
    // Issued here: the list is known without reading it again. A twin issued it: read it.
    bills = issued ? [issued, ...bills.map((b) => (b.id === issued.replaces_bill_id ? { ...b, status: 'expired' as const, updated_at: now } : b))] : await billsOfRequest(db, request.id);
  }
  return { request, service, bills };
}

async function issueRequestBill(
  db: Kysely<Database>,
  options: { request: ServiceRequestRow; service: AnyService; payer: { accountId: string; personId: string }; now: Date; settings: Pick<PaymentSettings, 'billerCode' | 'cardsEnabled'>; replaces: BillRow | undefined },
): Promise<BillRow | undefined> {
  const { request, service, now } = options;
  const issue = async (trx: Kysely<Database>) => {
    const lines = request.fee_breakdown as unknown as BillLine[];
    const expiresAt = request.due_at && request.due_at.getTime() < now.getTime() + BILL_VALIDITY_MS ? request.due_at : new Date(now.getTime() + BILL_VALIDITY_MS);
    return insertBillNumbered(trx, {
      id: uuidv7(now.getTime()),
      biller_code: options.settings.billerCode,
      account_id: options.payer.accountId,
      person_id: options.payer.personId,
      subject: 'request',
      request_id: request.id,
      description: JSON.stringify({ ar: `${service.name.ar} - ${formatReference(request.reference)}`, en: `${service.name.en} - ${formatReference(request.reference)}` }),
      amount: request.fee_total,
      vat: lines.filter((l) => l.code === 'vat').reduce((sum, l) => sum + l.amount, 0),
      breakdown: JSON.stringify(lines),
      channels: channelsOf(service).filter((c) => c !== 'card' || options.settings.cardsEnabled),
      status: 'unpaid',
      expires_at: expiresAt,
      replaces_bill_id: options.replaces?.id ?? null,
      created_at: now,
      updated_at: now,
    });
  };
  // An unpaid bill past its time is expired first, so the new one can take its place.
  if (!options.replaces) return issue(db);
  const replaces = options.replaces;
  return db.transaction().execute(async (trx) => {
    await expireBill(trx, replaces.id, now);
    return issue(trx);
  });
}

/**
 * Inserts a bill with a fresh SADAD number, relying on the unique index rather than a look
 * first: a number drawn twice (about one in 10^11) inserts nothing and another is drawn. A
 * request's bill that a racing twin issued first inserts nothing either: undefined.
 */
export async function insertBillNumbered(db: Kysely<Database>, row: Omit<Insertable<BillsTable>, 'number'>): Promise<BillRow | undefined> {
  for (;;) {
    const inserted = await insertBill(db, { ...row, number: newBillNumber() });
    if (inserted) return inserted;
    if (row.request_id && (await unpaidBillOfRequest(db, row.request_id))) return undefined;
  }
}

/** A bill by the number someone typed, only if it is theirs (anything else: not found). */
export async function billOfAccount(db: Kysely<Database>, accountId: string, input: string): Promise<BillRow> {
  const number = parseBillNumber(input);
  const bill = number ? await findBillByNumber(db, number) : undefined;
  if (!bill || bill.account_id !== accountId) throw new AppError('payments.bill_not_found');
  return bill;
}

/** Why a bill cannot be paid now, or null if it can. */
export function unpayableBecause(bill: BillRow, now: Date): 'payments.bill_paid' | 'payments.bill_expired' | 'payments.bill_not_payable' | null {
  if (bill.status === 'paid' || bill.status === 'refunded') return 'payments.bill_paid';
  if (bill.status === 'expired' || (bill.status === 'unpaid' && bill.expires_at <= now)) return 'payments.bill_expired';
  if (bill.status !== 'unpaid') return 'payments.bill_not_payable';
  return null;
}

/** The worker: unpaid bills whose time ran out become expired. */
export async function expireBills(options: Pick<PaymentsDeps, 'db' | 'clock'>, limit = 200): Promise<number> {
  const now = options.clock.now();
  const due = await unpaidBillsExpiredBy(options.db, now, limit);
  let expired = 0;
  for (const bill of due) if (await expireBill(options.db, bill.id, now)) expired++;
  return expired;
}
