import type { Bilingual } from '../../catalogue/define.js';
import type { ViolationStatus } from '../../db/tables.js';
import { latestViolationsOf } from '../../registry/index.js';
import { defineInquiry, f, v } from '../define.js';

/** Traffic violations with their details (المخالفات المرورية وتفاصيلها), newest first. */

/** At most this many violations are listed (the summary counts them all). */
export const VIOLATIONS_LISTED = 100;

export const VIOLATION_STATUS: Record<ViolationStatus, { tone: 'ok' | 'warning' | 'bad' | 'neutral'; words: Bilingual }> = {
  unpaid: { tone: 'bad', words: { ar: 'غير مسددة', en: 'Unpaid' } },
  paid: { tone: 'ok', words: { ar: 'مسددة', en: 'Paid' } },
  objected: { tone: 'warning', words: { ar: 'معترض عليها', en: 'Under objection' } },
  cancelled: { tone: 'neutral', words: { ar: 'ملغاة', en: 'Cancelled' } },
};

export default defineInquiry({
  id: 'traffic.violations',
  agency: 'traffic',
  name: { ar: 'المخالفات المرورية وتفاصيلها', en: 'Traffic violations and their details' },
  description: {
    ar: 'كل المخالفات المرورية المسجلة عليك: رقمها ونوعها وتاريخها ومكانها ومبلغها وحالتها، والمبلغ المستحق.',
    en: 'Every traffic violation recorded against you: its number, type, date, place, amount and status, and what is due.',
  },
  keywords: { ar: ['مخالفات', 'المخالفات المرورية', 'ساهر', 'استعلام عن المخالفات'], en: ['violations', 'traffic fines', 'fines', 'saher'] },
  empty: { ar: 'لا توجد مخالفات مرورية مسجلة عليك.', en: 'You have no traffic violations on record.' },
  async run({ db, subject }) {
    const violations = await latestViolationsOf(db, subject.id, VIOLATIONS_LISTED);
    if (violations.length === 0) return { items: [] };
    const unpaid = violations.filter((x) => x.status === 'unpaid');
    return {
      summary: [
        f({ ar: 'المخالفات غير المسددة', en: 'Unpaid violations' }, v.count(unpaid.length)),
        f({ ar: 'المبلغ المستحق', en: 'Amount due' }, v.money(unpaid.reduce((sum, x) => sum + x.amount, 0))),
      ],
      items: violations.map((x) => ({
        title: v.words({ ar: x.type_name_ar, en: x.type_name_en }),
        status: v.status(VIOLATION_STATUS[x.status].tone, VIOLATION_STATUS[x.status].words),
        fields: [
          f({ ar: 'رقم المخالفة', en: 'Violation number' }, v.code(x.number)),
          f({ ar: 'تاريخ المخالفة ووقتها', en: 'Date and time' }, v.datetime(x.committed_at)),
          f({ ar: 'المدينة', en: 'City' }, v.text(x.city)),
          f({ ar: 'المبلغ', en: 'Amount' }, v.money(x.amount)),
          ...(x.settled_at ? [f({ ar: 'تاريخ السداد', en: 'Paid on' }, v.datetime(x.settled_at))] : []),
        ],
      })),
    };
  },
});
