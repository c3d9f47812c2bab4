import { z } from 'zod';
import { AppError } from '../kernel/errors.js';
import { verifyPartnerRequest, type SignedPartnerRequest } from '../kernel/partner-signature.js';
import { receivePayment } from './apply.js';
import { parseBillNumber } from './bill-number.js';
import type { PaymentsDeps, PaymentSettings } from './deps.js';
import { findBillByNumber } from './repository.js';

/**
 * A bank's SADAD payment notice: the person paid a bill at their bank or ATM ("government
 * payments", against the biller code and bill number) and the bank tells us. The notice is
 * signed by the bank (kernel/partner-signature.ts: HMAC-SHA256 over timestamp and body, 5
 * minutes); the bank's transaction id makes it idempotent (the same notice again: 200 and the
 * same answer; another notice with that id: 409); the amount must be the bill's exactly. A bill
 * already paid, expired or no longer payable is refused, so the bank does not take the money.
 */

export const sadadNoticeSchema = z.object({
  transactionId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  billerCode: z.string().min(1).max(10),
  billNumber: z.string().min(1).max(20),
  amount: z.number().int().positive().describe('halalas'),
  currency: z.literal('SAR'),
  paidAt: z.iso.datetime({ offset: true }),
  channel: z.enum(['atm', 'online', 'mobile', 'branch']).optional(),
});
export type SadadNotice = z.infer<typeof sadadNoticeSchema>;

export const sadadNoticeResultSchema = z.object({
  transactionId: z.string(),
  billNumber: z.string(),
  status: z.literal('accepted'),
  paymentId: z.string(),
  receivedAt: z.string().describe('ISO 8601 instant'),
});
export type SadadNoticeResult = z.infer<typeof sadadNoticeResultSchema>;

function parseNotice(rawBody: string): SadadNotice {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new AppError('http.bad_request');
  }
  const parsed = sadadNoticeSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'validation.failed',
      {},
      parsed.error.issues.map((issue) => ({ field: ['body', ...issue.path.map(String)].join('.'), key: 'validation.invalid', params: { detail: issue.message } })),
    );
  }
  return parsed.data;
}

export async function receiveSadadNotice(options: PaymentsDeps & { settings: PaymentSettings; request: SignedPartnerRequest; ip?: string | null }): Promise<{ replayed: boolean; result: SadadNoticeResult }> {
  const { db, clock, settings: sadad } = options;
  const bankCode = verifyPartnerRequest(options.request, sadad.bankSecrets, clock.now());
  if (!bankCode) throw new AppError('payments.bank_unauthorised');
  const notice = parseNotice(options.request.rawBody);
  const number = parseBillNumber(notice.billNumber);
  const bill = number && notice.billerCode === sadad.billerCode ? await findBillByNumber(db, number) : undefined;
  if (!bill) throw new AppError('payments.bill_not_found');
  if (!bill.channels.includes('sadad')) throw new AppError('payments.channel_not_offered');
  const outcome = await receivePayment({
    ...options,
    billId: bill.id,
    incoming: { channel: 'sadad', externalId: `${bankCode}:${notice.transactionId}`, bankCode, amount: notice.amount, currency: notice.currency, receivedAt: new Date(notice.paidAt) },
  });
  const result: SadadNoticeResult = { transactionId: notice.transactionId, billNumber: bill.number, status: 'accepted', paymentId: outcome.payment.id, receivedAt: outcome.payment.received_at.toISOString() };
  return { replayed: outcome.kind === 'duplicate', result };
}
