import type { SuspensionAuthority, SuspensionLiftedBy, TrafficCaseRole } from '../../db/tables.js';
import type { Builder, PersonRef } from './builder.js';
import { ACCIDENTS } from './data/catalogue.js';
import { hijriYear, timestampText } from './dates.js';
import { personScopedNumber, rowId, TABLE_CODE } from './identifiers.js';
import { parsePairs } from './names.js';
import { Weighted } from './random.js';

const ACCIDENT_TEXTS = parsePairs(ACCIDENTS);

/** An accident case between two drivers of the batch; open ones may hold the driver at fault. */
export function addTrafficCase(b: Builder, atFault: PersonRef, other: PersonRef, open: boolean): void {
  if (atFault.slots.case > 4) return;
  const r = b.random;
  const slot = atFault.slots.case++;
  const id = rowId(atFault.time, atFault.nid9, TABLE_CODE.trafficCase, slot);
  const day = open ? b.asOf - r.int(0, 20) : b.asOf - r.int(30, 700);
  const text = r.pick(ACCIDENT_TEXTS);
  b.rows.traffic_cases.push({
    id,
    number: personScopedNumber('traffic_case', atFault.nid9, slot),
    kind: 'accident',
    occurred_at: timestampText(day, r.int(0, 1439)),
    city: atFault.city.nameAr,
    description_ar: text.ar,
    description_en: text.en,
    status: open ? 'open' : 'closed',
    bail_allowed: r.chance(0.9),
    closed_at: open ? null : timestampText(Math.min(b.asOf, day + r.int(1, 25)), r.int(0, 1439)),
  });
  const otherRole: TrafficCaseRole = r.chance(0.7) ? 'driver' : 'injured';
  b.rows.traffic_case_parties.push(
    { case_id: id, person_id: atFault.id, role: 'driver_at_fault', in_custody: open && r.chance(0.5) },
    { case_id: id, person_id: other.id, role: otherRole, in_custody: false },
  );
}

interface AuthorityRule {
  basis: string;
  reasonAr: string;
  reasonEn: string;
  blocked: string[];
  liftedBy: SuspensionLiftedBy;
  liftNote: string;
}

/**
 * What each authority's suspension looks like. Treatment, education, work, commercial
 * registration and documentation stay open by law, so civil-affairs services are never blocked.
 */
export const AUTHORITY_RULES: Record<SuspensionAuthority, AuthorityRule> = {
  traffic: {
    basis: 'قرار الإدارة العامة للمرور رقم',
    reasonAr: 'مخالفات مرورية غير مسددة تجاوزت الحد النظامي',
    reasonEn: 'Unpaid traffic violations above the statutory limit',
    blocked: ['traffic.*'],
    liftedBy: 'pay_violations',
    liftNote: 'سددت المخالفات / Violations paid',
  },
  enforcement_court: {
    basis: 'أمر محكمة التنفيذ رقم',
    reasonAr: 'عدم سداد دين بموجب سند تنفيذي',
    reasonEn: 'Unpaid debt under an enforcement deed',
    blocked: ['passports.*', 'traffic.*'],
    liftedBy: 'settle_debt',
    liftNote: 'سدد الدين / Debt settled',
  },
  court: {
    basis: 'حكم المحكمة العامة رقم',
    reasonAr: 'حكم قضائي بالمنع من السفر',
    reasonEn: 'Court ruling imposing a travel ban',
    blocked: ['passports.*'],
    liftedBy: 'authority_order',
    liftNote: 'رفع بأمر المحكمة / Lifted by court order',
  },
  public_prosecution: {
    basis: 'أمر النيابة العامة رقم',
    reasonAr: 'قضية قيد التحقيق',
    reasonEn: 'Case under investigation',
    blocked: ['passports.*', 'traffic.*'],
    liftedBy: 'authority_order',
    liftNote: 'رفع بأمر النيابة / Lifted by prosecution order',
  },
  zakat_tax_customs: {
    basis: 'قرار هيئة الزكاة والضريبة والجمارك رقم',
    reasonAr: 'مستحقات زكوية وضريبية غير مسددة',
    reasonEn: 'Unpaid zakat and tax dues',
    blocked: ['passports.*'],
    liftedBy: 'settle_debt',
    liftNote: 'سددت المستحقات / Dues paid',
  },
  ministry_of_interior: {
    basis: 'قرار وزارة الداخلية رقم',
    reasonAr: 'إجراء نظامي من وزارة الداخلية',
    reasonEn: 'Statutory measure by the Ministry of Interior',
    blocked: ['passports.*'],
    liftedBy: 'authority_order',
    liftNote: 'رفع بقرار الوزارة / Lifted by ministry decision',
  },
};

const OTHER_AUTHORITIES = new Weighted<SuspensionAuthority>([
  ['enforcement_court', 55],
  ['court', 15],
  ['public_prosecution', 10],
  ['zakat_tax_customs', 15],
  ['ministry_of_interior', 5],
]);

export function pickOtherAuthority(b: Builder): SuspensionAuthority {
  return OTHER_AUTHORITIES.pick(b.random);
}

/**
 * A suspension of services: active (phase 1-3 of 15 days) or, with `lifted`, one that was
 * lifted after its cause was settled.
 */
export function addSuspension(b: Builder, p: PersonRef, authority: SuspensionAuthority, lifted = false): void {
  if (p.slots.suspension > 4) return;
  const r = b.random;
  const rule = AUTHORITY_RULES[authority];
  const slot = p.slots.suspension++;
  const phase = lifted ? 1 : r.int(1, 3);
  const startDay = lifted ? b.asOf - r.int(90, 700) : b.asOf - (phase - 1) * 15 - r.int(0, 14);
  b.rows.service_suspensions.push({
    id: rowId(p.time, p.nid9, TABLE_CODE.suspension, slot),
    reference: `SS${personScopedNumber('suspension', p.nid9, slot)}`,
    person_id: p.id,
    authority,
    legal_basis: `${rule.basis} ${hijriYear(startDay)}/${r.int(10_000, 9_999_999)}`,
    reason_ar: rule.reasonAr,
    reason_en: rule.reasonEn,
    blocked_services: rule.blocked,
    lifted_by: rule.liftedBy,
    phase,
    starts_at: timestampText(startDay, r.int(360, 900)),
    lifted_at: lifted ? timestampText(startDay + r.int(2, 60), r.int(360, 900)) : null,
    lift_note: lifted ? rule.liftNote : null,
  });
}
