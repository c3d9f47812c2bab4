import { defineInquiry } from '../define.js';
import { workVisas } from '../recruitment/requests.js';

/**
 * Work visa requests, as the passports directorate lists them (seed document 003 names the
 * inquiry under both the passports and recruitment): the same answer as the recruitment one.
 */
export const passportsWorkVisas = defineInquiry({
  ...workVisas,
  id: 'passports.work-visas',
  agency: 'passports',
  description: {
    ar: 'تأشيرات العمل الصادرة لك ولمنشآتك وحالة كل منها، ومن قدم عليها من العمال.',
    en: 'The work visas issued to you and your establishments, the status of each, and the workers who came on them.',
  },
});
