import type { Kysely } from 'kysely';
import type { BillLine, BillRow, Database, PaymentChannel } from '../db/tables.js';
import { AppError } from '../kernel/errors.js';
import { formatGregorian } from '../kernel/dates.js';
import { formatMoney, sumMoney } from '../kernel/money.js';
import { pluralBoth, translateBoth } from '../kernel/i18n/index.js';
import { uuidv7 } from '../kernel/uuid.js';
import { appendAudit } from '../audit/index.js';
import { notifyLiftedByPayment, tellPerson } from '../suspensions/index.js';
import { getPerson, liftSuspensionsSettledByPayment, listViolationsOfPerson, lockUnpaidViolations, markViolationsPaid, type ViolationWithType } from '../registry/index.js';
import { BILL_VALIDITY_MS, insertBillNumbered } from './bills.js';
import type { PaymentsDeps, PaymentSettings } from './deps.js';
import { insertBillViolations, setBillStatus, unpaidBillsOfViolations, violationIdsOfBill } from './repository.js';

/**
 * Paying traffic violations: one, or all of them, by SADAD or card. A bill lists the violations
 * it pays; a newer bill for any of them replaces (cancels) an older unpaid one, so no violation
 * is ever paid twice. Paying the bill marks them paid in the registry and, once the person owes
 * none, lifts the suspensions that paying them lifts: those services are free at once.
 */

export async function unpaidViolations(db: Kysely<Database>, personId: string): Promise<ViolationWithType[]> {
  return listViolationsOfPerson(db, { personId, status: 'unpaid' });
}

/** A bill for some (or all) of the person's unpaid violations; the same unpaid bill again for the same set. */
export async function billViolations(options: PaymentsDeps & { settings: Pick<PaymentSettings, 'billerCode' | 'cardsEnabled'>; accountId: string; personId: string; violationIds: readonly string[] | 'all' }): Promise<BillRow> {
  const { db, clock, settings } = options;
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const violations = await lockUnpaidViolations(trx, options.personId, options.violationIds === 'all' ? undefined : options.violationIds);
    if (violations.length === 0 || (options.violationIds !== 'all' && violations.length !== new Set(options.violationIds).size)) throw new AppError('payments.nothing_to_pay');
    const ids = violations.map((v) => v.id).sort();
    const earlier = await unpaidBillsOfViolations(trx, ids);
    for (const bill of earlier) {
      // The same violations, still payable: that is the bill (a second click, a reload).
      if (bill.account_id === options.accountId && bill.expires_at > now && (await violationIdsOfBill(trx, bill.id)).join() === ids.join()) return bill;
    }
    for (const bill of earlier) await setBillStatus(trx, bill.id, 'cancelled', now);
    const lines: BillLine[] = violations.map((v) => ({
      code: `violation:${v.number}`,
      label: { ar: `مخالفة رقم ${v.number} بتاريخ ${formatGregorian(v.committed_at, 'ar')}`, en: `Violation ${v.number} of ${formatGregorian(v.committed_at, 'en')}` },
      amount: v.amount,
    }));
    const id = uuidv7(now.getTime());
    const bill = await insertBillNumbered(trx, {
      id,
      biller_code: settings.billerCode,
      account_id: options.accountId,
      person_id: options.personId,
      subject: 'violations',
      request_id: null,
      description: JSON.stringify(
        violations.length === 1
          ? { ar: `مخالفة مرورية رقم ${violations[0]!.number}`, en: `Traffic violation ${violations[0]!.number}` }
          : pluralBoth(violations.length, {
              ar: { one: 'مخالفة مرورية واحدة', two: 'مخالفتان مروريتان', few: '{count} مخالفات مرورية', many: '{count} مخالفة مرورية', other: '{count} مخالفة مرورية' },
              en: { one: '1 traffic violation', other: '{count} traffic violations' },
            }),
      ),
      amount: sumMoney(violations.map((v) => v.amount)),
      breakdown: JSON.stringify(lines),
      channels: (settings.cardsEnabled ? ['sadad', 'card'] : ['sadad']) satisfies PaymentChannel[] as PaymentChannel[],
      status: 'unpaid',
      expires_at: new Date(now.getTime() + BILL_VALIDITY_MS),
      replaces_bill_id: earlier[0]?.id ?? null,
      created_at: now,
      updated_at: now,
    });
    await insertBillViolations(trx, violations.map((v) => ({ bill_id: id, violation_id: v.id, amount: v.amount })));
    return bill!; // a bill for no request is always inserted (another number is drawn if need be)
  });
}

/** In the payment's transaction: the bill's violations become paid; suspensions lift when none are left. */
export async function settleViolations(trx: Kysely<Database>, deps: Pick<PaymentsDeps, 'clock'>, bill: BillRow): Promise<'payments.bill_not_payable' | null> {
  const ids = await violationIdsOfBill(trx, bill.id);
  const still = await lockUnpaidViolations(trx, bill.person_id, ids);
  // Paid meanwhile in another way (or cancelled by traffic): this bill cannot pay them again.
  if (still.length !== ids.length) return 'payments.bill_not_payable';
  const now = deps.clock.now();
  await markViolationsPaid(trx, ids, now);
  // The note is kept in both languages, "Arabic / English", as the registry's notes are.
  const note = translateBoth('payments.violations.lift_note', { bill: bill.number });
  const lifted = await liftSuspensionsSettledByPayment(trx, bill.person_id, now, `${note.ar} / ${note.en}`);
  await appendAudit(trx, { actorKind: 'system', actorId: null, action: 'registry.violations_paid', subjectPersonId: bill.person_id, details: { bill: bill.number, violations: ids.length, suspensionsLifted: lifted } }, deps.clock);
  await tellViolationsPaid(trx, deps, bill, lifted);
  return null;
}

/**
 * The person is told, in the payment's transaction (sent after the commit): that their
 * violations are paid, and of each suspension the payment lifted. A payment is never silent.
 */
async function tellViolationsPaid(trx: Kysely<Database>, deps: Pick<PaymentsDeps, 'clock'>, bill: BillRow, lifted: readonly string[]): Promise<void> {
  const person = await getPerson(trx, bill.person_id);
  if (!person) return;
  // The bill's number keeps its own direction inside an Arabic sentence (FSI ... PDI).
  const texts = translateBoth('payments.notice.violations_paid', (locale) => ({ bill: locale === 'ar' ? `\u2068${bill.number}\u2069` : bill.number, amount: formatMoney(bill.amount, locale) }));
  await tellPerson(trx, deps.clock, { person, template: 'violations.paid', texts });
  await notifyLiftedByPayment(trx, deps.clock, { personId: bill.person_id, references: lifted });
}
