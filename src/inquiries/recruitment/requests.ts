import type { Bilingual } from '../../catalogue/define.js';
import type { RecruitmentRequestStatus, WorkVisa, WorkVisaStatus } from '../../db/tables.js';
import type { IsoDate } from '../../kernel/dates.js';
import { listRecruitmentRequests, listWorkVisasOfSponsor } from '../../registry/index.js';
import { defineInquiry, f, v, type InquiryContext, type InquiryItem, type StatusTone } from '../define.js';
import { LABELS, nameOf, nationalityOf, sponsorsOf } from '../parts.js';

/**
 * The inquiries of expatriate affairs and recruitment (شؤون الوافدين والاستقدام): the work visas
 * and the recruitment requests of the asker, personally and for each establishment they own.
 * They are about the asker only (a sponsor's own files).
 */

const NUMBER = { ar: 'رقم التأشيرة', en: 'Visa number' };
const OCCUPATION = { ar: 'المهنة', en: 'Occupation' };
const NATIONALITY = { ar: 'الجنسية', en: 'Nationality' };
const SPONSOR = { ar: 'صاحب الطلب', en: 'Requested by' };

export const WORK_VISA_STATUS: Record<WorkVisaStatus, { tone: StatusTone; words: Bilingual }> = {
  issued: { tone: 'ok', words: { ar: 'صادرة', en: 'Issued' } },
  used: { tone: 'neutral', words: { ar: 'مستخدمة', en: 'Used' } },
  cancelled: { tone: 'neutral', words: { ar: 'ملغاة', en: 'Cancelled' } },
  expired: { tone: 'bad', words: { ar: 'منتهية', en: 'Expired' } },
};

/** A visa's state today: an issued visa past its expiry date is expired, whatever the registry's status says yet. */
export function workVisaStatus(visa: Pick<WorkVisa, 'status' | 'expires_on'>, today: IsoDate): WorkVisaStatus {
  return visa.status === 'issued' && visa.expires_on < today ? 'expired' : visa.status;
}

type VisaContext = Pick<InquiryContext, 'db' | 'asker' | 'today'>;

/** The work visas of the asker and of each establishment they own, with the sponsor's name and the state today. */
async function visasOfAsker(ctx: VisaContext) {
  const visas = [];
  for (const sponsor of await sponsorsOf(ctx.db, ctx.asker)) {
    for (const { visa, worker } of await listWorkVisasOfSponsor(ctx.db, sponsor.ref)) visas.push({ visa, worker, sponsor: sponsor.name, status: workVisaStatus(visa, ctx.today) });
  }
  return visas;
}

function visaItem({ visa, worker, sponsor, status }: Awaited<ReturnType<typeof visasOfAsker>>[number]): InquiryItem {
  const tag = WORK_VISA_STATUS[status];
  return {
    title: v.words({ ar: `تأشيرة عمل: ${visa.occupation_ar}`, en: `Work visa: ${visa.occupation_en}` }),
    status: v.status(tag.tone, tag.words),
    fields: [
      f(NUMBER, v.code(visa.number)),
      f(OCCUPATION, v.words({ ar: visa.occupation_ar, en: visa.occupation_en })),
      f(NATIONALITY, nationalityOf(visa.nationality)),
      f(LABELS.issue, v.date(visa.issued_on)),
      f(LABELS.expiry, v.date(visa.expires_on)),
      ...(worker ? [f({ ar: 'العامل', en: 'Worker' }, nameOf(worker))] : []),
      ...(visa.used_on ? [f({ ar: 'تاريخ الاستخدام', en: 'Used on' }, v.date(visa.used_on))] : []),
      f({ ar: 'صادرة لـ', en: 'Issued to' }, sponsor),
    ],
  };
}

/**
 * The work visas issued to the asker and to each establishment they own, as items: each with its
 * sponsor ("You" or the establishment), the latest issued first per sponsor. The passports twin
 * of the inquiry reuses it.
 */
export async function workVisaItems(ctx: VisaContext): Promise<InquiryItem[]> {
  return (await visasOfAsker(ctx)).map(visaItem);
}

export const workVisas = defineInquiry({
  id: 'recruitment.work-visas',
  agency: 'recruitment',
  name: { ar: 'طلبات تأشيرات العمل', en: 'Work visa requests' },
  description: {
    ar: 'تأشيرات العمل الصادرة لك ولمنشآتك: رقمها وحالتها والمهنة والجنسية وتاريخ الإصدار والانتهاء، والعامل الذي قدم عليها.',
    en: 'The work visas issued to you and your establishments: number, status, occupation, nationality, issue and expiry dates, and the worker who came on it.',
  },
  keywords: { ar: ['تأشيرة عمل', 'تأشيرات العمل', 'التأشيرات', 'تأشيرة'], en: ['work visa', 'visas', 'visa requests', 'work visa status'] },
  empty: { ar: 'لا توجد تأشيرات عمل صادرة لك أو لمنشآتك.', en: 'No work visa has been issued to you or your establishments.' },
  async run(ctx) {
    const visas = await visasOfAsker(ctx);
    if (visas.length === 0) return { items: [] };
    return {
      summary: [
        f({ ar: 'عدد التأشيرات', en: 'Visas' }, v.count(visas.length)),
        f({ ar: 'تأشيرات سارية لم تُستخدم بعد', en: 'Valid, not used yet' }, v.count(visas.filter((x) => x.status === 'issued').length)),
      ],
      items: visas.map(visaItem),
    };
  },
});

export const RECRUITMENT_STATUS: Record<RecruitmentRequestStatus, { tone: StatusTone; words: Bilingual }> = {
  submitted: { tone: 'neutral', words: { ar: 'مقدم', en: 'Submitted' } },
  in_progress: { tone: 'warning', words: { ar: 'قيد التنفيذ', en: 'In progress' } },
  completed: { tone: 'ok', words: { ar: 'مكتمل', en: 'Completed' } },
  cancelled: { tone: 'neutral', words: { ar: 'ملغى', en: 'Cancelled' } },
};

export const recruitmentRequests = defineInquiry({
  id: 'recruitment.recruitment-requests',
  agency: 'recruitment',
  name: { ar: 'طلبات الاستقدام', en: 'Recruitment requests' },
  description: {
    ar: 'طلبات الاستقدام المقدمة منك أو من منشآتك: رقم الطلب ومكتب الاستقدام والجنسية والمهنة والحالة، ورقم التأشيرة عند صدورها.',
    en: 'The recruitment requests made by you or your establishments: number, recruitment office, nationality, occupation and status, and the visa number once issued.',
  },
  keywords: { ar: ['الاستقدام', 'طلب استقدام', 'مكتب الاستقدام', 'مساند'], en: ['recruitment', 'recruitment request', 'recruitment office', 'musaned'] },
  empty: { ar: 'لا توجد طلبات استقدام مقدمة منك أو من منشآتك.', en: 'Neither you nor your establishments have made a recruitment request.' },
  async run({ db, asker }) {
    const items: InquiryItem[] = [];
    for (const sponsor of await sponsorsOf(db, asker)) {
      for (const r of await listRecruitmentRequests(db, sponsor.ref)) {
        const status = RECRUITMENT_STATUS[r.status];
        items.push({
          title: v.words({ ar: `استقدام ${r.occupation_ar}`, en: `Recruitment: ${r.occupation_en}` }),
          status: v.status(status.tone, status.words),
          fields: [
            f({ ar: 'رقم الطلب', en: 'Request number' }, v.code(r.number)),
            f({ ar: 'مكتب الاستقدام', en: 'Recruitment office' }, v.words({ ar: r.office_ar, en: r.office_en })),
            f(NATIONALITY, nationalityOf(r.nationality)),
            f(OCCUPATION, v.words({ ar: r.occupation_ar, en: r.occupation_en })),
            f({ ar: 'تاريخ التقديم', en: 'Submitted on' }, v.date(r.submitted_on)),
            ...(r.closed_on ? [f({ ar: 'تاريخ الإغلاق', en: 'Closed on' }, v.date(r.closed_on))] : []),
            ...(r.work_visa_number ? [f(NUMBER, v.code(r.work_visa_number))] : []),
            f(SPONSOR, sponsor.name),
          ],
        });
      }
    }
    return { items };
  },
});
