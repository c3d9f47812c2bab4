import type { Kysely } from 'kysely';
import type { BillRow, Database, PaymentRow, RefundRow } from '../db/tables.js';
import { AppError } from '../kernel/errors.js';
import { parseReference } from '../kernel/reference.js';
import { RECEIPT_PREFIX } from './apply.js';
import { findBillById, findPaymentByReceipt, paymentsOfAccount, refundOfPayment, requestOfBill, type PaymentHistoryRow } from './repository.js';

/** Receipts: the proof of a payment that paid a bill, and a person's payment history. */

/** The subject a receipt for traffic violations names in its proof (there is no service). */
export const VIOLATIONS_SUBJECT = 'traffic.violations';

export interface Receipt {
  payment: PaymentRow & { receipt_number: string };
  bill: BillRow;
  requestReference: string | null;
  /** What the proof names: the request's service, or the traffic violations. */
  serviceId: string;
  refund: RefundRow | undefined;
}

/** The receipt of one of the person's payments (anyone else's, or a made-up number: not found). */
export async function receiptOfAccount(db: Kysely<Database>, accountId: string, input: string): Promise<Receipt> {
  const number = parseReference(input, RECEIPT_PREFIX);
  const payment = number ? await findPaymentByReceipt(db, number) : undefined;
  const bill = payment ? await findBillById(db, payment.bill_id) : undefined;
  if (!payment?.receipt_number || !bill || bill.account_id !== accountId) throw new AppError('payments.bill_not_found');
  const request = bill.request_id ? await requestOfBill(db, bill.request_id) : null;
  return {
    payment: { ...payment, receipt_number: payment.receipt_number },
    bill,
    requestReference: request?.reference ?? null,
    serviceId: request?.service_id ?? VIOLATIONS_SUBJECT,
    refund: await refundOfPayment(db, payment.id),
  };
}

/** For the public verify page: the bill's state now (paid, or refunded since). */
export async function receiptStateNow(db: Kysely<Database>, receiptNumber: string): Promise<string | null> {
  const payment = await findPaymentByReceipt(db, receiptNumber);
  const bill = payment ? await findBillById(db, payment.bill_id) : undefined;
  return bill?.status ?? null;
}

export async function paymentHistory(db: Kysely<Database>, accountId: string): Promise<PaymentHistoryRow[]> {
  return paymentsOfAccount(db, accountId, 200);
}
