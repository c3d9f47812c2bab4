import { listOpenRequestsAbout } from '../../requests/index.js';
import { defineInquiry, f, v } from '../define.js';

/**
 * Ongoing transactions (المعاملات الجارية): the requests about the person (they are the
 * beneficiary, whoever applied) that are not final yet, the newest first, each with its service,
 * where it stands and by when that step is due.
 */

/** At most this many open requests are listed. */
export const ONGOING_LISTED = 50;

export default defineInquiry({
  id: 'civil-affairs.ongoing-transactions',
  agency: 'civil-affairs',
  name: { ar: 'المعاملات الجارية', en: 'Ongoing transactions' },
  description: {
    ar: 'الطلبات المقدمة لك أو لأحد أفراد أسرتك ولم تنتهِ بعد: رقم الطلب والخدمة والحالة وتاريخ التقديم وموعد إنجاز المرحلة.',
    en: 'The requests for you or a family member that are not finished yet: the reference, the service, where it stands, when it was submitted and when the current step is due.',
  },
  keywords: { ar: ['المعاملات', 'معاملاتي', 'الطلبات الجارية', 'متابعة الطلب'], en: ['transactions', 'ongoing requests', 'open requests', 'track request'] },
  subjects: ['self', 'family'],
  empty: { ar: 'لا توجد معاملات جارية.', en: 'There are no ongoing transactions.' },
  async run({ db, subject, services }) {
    const requests = await listOpenRequestsAbout(db, subject.id, ONGOING_LISTED);
    return {
      items: requests.map((r) => {
        const service = services.find(r.service_id);
        const state = service?.workflow.states[r.state];
        const waiting = state?.waitingFor === 'applicant' || state?.waitingFor === 'counterparty';
        return {
          title: service ? v.words(service.name) : v.code(r.service_id),
          status: v.status(waiting ? 'warning' : 'neutral', state?.label ?? { ar: r.state, en: r.state }),
          fields: [
            f({ ar: 'رقم الطلب', en: 'Reference' }, v.code(r.reference)),
            f({ ar: 'تاريخ التقديم', en: 'Submitted on' }, v.datetime(r.created_at)),
            ...(r.due_at ? [f({ ar: 'موعد إنجاز المرحلة', en: 'Current step due by' }, v.datetime(r.due_at))] : []),
          ],
        };
      }),
    };
  },
});
