import { listViolationsOfPerson } from '../../registry/index.js';
import { defineInquiry, f, v } from '../define.js';
import { VIOLATION_STATUS } from './violations.js';

/** The total of traffic violations (إجمالي المخالفات المرورية): how many and how much, by status. */
export default defineInquiry({
  id: 'traffic.violations-total',
  agency: 'traffic',
  name: { ar: 'إجمالي المخالفات المرورية', en: 'Total of traffic violations' },
  description: {
    ar: 'عدد مخالفاتك المرورية ومجموع مبالغها، المسددة منها وغير المسددة.',
    en: 'How many traffic violations you have and their total amount, paid and unpaid.',
  },
  keywords: { ar: ['مجموع المخالفات', 'اجمالي المخالفات', 'مبلغ المخالفات'], en: ['total violations', 'total fines', 'amount due'] },
  empty: { ar: 'لا توجد مخالفات مرورية مسجلة عليك، فلا يوجد عليك مبلغ مستحق.', en: 'You have no traffic violations on record, so nothing is due.' },
  async run({ db, subject }) {
    const violations = await listViolationsOfPerson(db, { personId: subject.id });
    if (violations.length === 0) return { items: [] };
    const of = (status: keyof typeof VIOLATION_STATUS) => violations.filter((x) => x.status === status);
    const due = of('unpaid').reduce((sum, x) => sum + x.amount, 0);
    return {
      summary: [
        f({ ar: 'المبلغ المستحق', en: 'Amount due' }, v.money(due)),
        f({ ar: 'عدد المخالفات', en: 'Violations' }, v.count(violations.length)),
      ],
      items: (Object.keys(VIOLATION_STATUS) as Array<keyof typeof VIOLATION_STATUS>).flatMap((status) => {
        const list = of(status);
        if (list.length === 0) return [];
        return [
          {
            title: v.words(VIOLATION_STATUS[status].words),
            fields: [
              f({ ar: 'العدد', en: 'Number' }, v.count(list.length)),
              f({ ar: 'المجموع', en: 'Total' }, v.money(list.reduce((sum, x) => sum + x.amount, 0))),
            ],
          },
        ];
      }),
    };
  },
});
