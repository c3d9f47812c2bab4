import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSearchIndex, normaliseArabic, searchCatalogue, searchTokens, type SearchableEntry } from '../../src/catalogue/search.js';

// A slice of the real catalogue, worded as on Absher (see DOMAIN.md).
const services: SearchableEntry[] = [
  {
    id: 'civil-affairs.national-id.replace-lost',
    name: { ar: 'إصدار بطاقة هوية وطنية بدل مفقود', en: 'Replace a lost national ID card' },
    description: {
      ar: 'الإبلاغ عن فقدان بطاقة الهوية الوطنية وإصدار بطاقة بديلة تصل إلى العنوان الوطني.',
      en: 'Report a lost national ID card and have a replacement delivered to your national address.',
    },
    keywords: { ar: ['بدل فاقد', 'هوية ضائعة', 'فقدان الهوية'], en: ['lost ID', 'missing identity card'] },
  },
  {
    id: 'passports.family-travel-permits',
    name: { ar: 'تصاريح السفر لأفراد الأسرة', en: 'Travel permits for family members' },
    description: {
      ar: 'إصدار تصريح سفر أو إلغاؤه للأبناء غير المتزوجين دون الحادية والعشرين.',
      en: 'Issue or cancel a travel permit for unmarried children under 21.',
    },
    keywords: { ar: ['تصريح سفر', 'سفر الأبناء'], en: ['travel permit', 'children travel'] },
  },
  {
    id: 'passports.update-passport-information',
    name: { ar: 'تحديث معلومات الجواز', en: 'Update passport information' },
    description: {
      ar: 'تسجيل جواز السفر المجدد للمقيم في سجلات الجوازات.',
      en: "Record a resident's renewed passport in the passport records.",
    },
    keywords: { ar: ['جواز جديد', 'تجديد الجواز'], en: ['new passport', 'renewed passport'] },
  },
  {
    id: 'recruitment.transfer-of-services',
    name: { ar: 'نقل الخدمات', en: 'Transfer of services' },
    description: {
      ar: 'نقل خدمات عامل منزلي إلى صاحب عمل جديد يوافق خلال خمسة عشر يومًا.',
      en: "Transfer a domestic worker's services to a new employer who accepts within 15 days.",
    },
    keywords: { ar: ['نقل كفالة', 'عامل منزلي'], en: ['sponsorship transfer', 'domestic worker'] },
  },
  {
    id: 'traffic.kafala',
    name: { ar: 'الكفالة', en: 'Kafala (traffic bail)' },
    description: { ar: 'كفالة حضورية إلكترونية لشخص موقوف في قضية مرورية.', en: 'Stand as guarantor for a person held in a traffic case.' },
    keywords: { ar: ['كفالة جديدة', 'كفالة مرورية'], en: ['bail', 'guarantee'] },
  },
  {
    id: 'traffic.renew-driving-licence',
    name: { ar: 'تجديد رخصة القيادة', en: 'Renew a driving licence' },
    description: {
      ar: 'تجديد رخصة القيادة الخاصة لمدة سنتين أو خمس أو عشر سنوات مع التوصيل إلى العنوان الوطني.',
      en: 'Renew a private driving licence for 2, 5 or 10 years, delivered to your national address.',
    },
    keywords: { ar: ['رخصة سياقة', 'تجديد الرخصة'], en: ["driver's license", 'driving license renewal'] },
  },
  {
    id: 'passports.exit-re-entry-visa',
    name: { ar: 'تأشيرة خروج وعودة', en: 'Exit and re-entry visa' },
    description: {
      ar: 'إصدار تأشيرة خروج وعودة مفردة أو متعددة للمقيمين والتابعين، ويلزم جواز سفر ساري المفعول.',
      en: 'Issue a single or multiple exit and re-entry visa; needs a valid passport.',
    },
    keywords: { ar: ['خروج وعودة', 'تأشيرة سفر'], en: ['travel visa', 'reentry'] },
  },
  {
    id: 'traffic.violations-inquiry',
    name: { ar: 'الاستعلام عن المخالفات', en: 'Traffic violations inquiry' },
    description: { ar: 'عرض المخالفات المرورية المسجلة ومبالغها وطريقة سدادها.', en: 'See your recorded traffic violations, their amounts and how to pay them.' },
    keywords: { ar: ['مخالفات مرورية', 'ساهر'], en: ['traffic fines', 'speeding tickets'] },
  },
  {
    id: 'passports.renew-iqama',
    name: { ar: 'تجديد هوية مقيم', en: 'Renew a resident identity (iqama)' },
    description: { ar: 'تجديد إقامة التابعين والعمالة المنزلية بعد سداد الرسوم.', en: 'Renew the iqama of a dependant or a domestic worker once the fees are paid.' },
    keywords: { ar: ['تجديد الإقامة', 'إقامة'], en: ['iqama renewal', 'residence permit'] },
  },
  {
    id: 'general.suspended-services-inquiry',
    name: { ar: 'الاستعلام عن إيقاف الخدمات', en: 'Suspended services inquiry' },
    description: { ar: 'معرفة الخدمات الموقوفة والجهة التي طلبت الإيقاف.', en: 'See which services are suspended and which authority asked for it.' },
    keywords: { ar: ['الإيقاف المؤقت للخدمات', 'خدمات موقوفة'], en: ['service suspension', 'blocked services'] },
  },
];

const LOST_ID = 'civil-affairs.national-id.replace-lost';
const TRAVEL_PERMITS = 'passports.family-travel-permits';
const PASSPORT = 'passports.update-passport-information';
const TRANSFER = 'recruitment.transfer-of-services';
const KAFALA = 'traffic.kafala';
const LICENCE = 'traffic.renew-driving-licence';
const VISA = 'passports.exit-re-entry-visa';
const VIOLATIONS = 'traffic.violations-inquiry';
const IQAMA = 'passports.renew-iqama';
const SUSPENSIONS = 'general.suspended-services-inquiry';

const index = buildSearchIndex(services);
const search = (query: string, options?: { limit?: number }): string[] => searchCatalogue(index, query, options);

function entry(id: string, fields: { name?: string; description?: string; keywords?: string[] }): SearchableEntry {
  return {
    id,
    name: { ar: fields.name ?? 'خدمة', en: fields.name ?? 'service' },
    description: { ar: fields.description ?? '', en: '' },
    keywords: { ar: fields.keywords ?? [] },
  };
}

describe('Arabic normalisation', () => {
  it('folds each spelling variant by itself', () => {
    assert.equal(normaliseArabic('أ إ آ ٱ ا'), 'ا ا ا ا ا', 'alef forms');
    assert.equal(normaliseArabic('مسؤول'), 'مسوول', 'hamza on waw');
    assert.equal(normaliseArabic('هيئة'), 'هييه', 'hamza on yaa, taa marbuta');
    assert.equal(normaliseArabic('هوية'), 'هويه', 'taa marbuta');
    assert.equal(normaliseArabic('مستشفى'), 'مستشفي', 'alef maqsura');
    assert.equal(normaliseArabic('بَدَلٌ مُّؤَقَّتٌ'), 'بدل موقت', 'harakat and shadda');
    assert.equal(normaliseArabic('هٰذا'), 'هذا', 'dagger alef');
    assert.equal(normaliseArabic('جـــواز'), 'جواز', 'tatweel');
    assert.equal(normaliseArabic('١٤٤٦ ۱۴۴۶ 1446'), '1446 1446 1446', 'Arabic-Indic and Persian digits');
    assert.equal(normaliseArabic('ＩＤ Card PASSPORT'), 'id card passport', 'NFKC and lower case');
    assert.equal(normaliseArabic('ﻫﻮﻳﺔ'), 'هويه', 'presentation forms from old PDFs');
    assert.equal(normaliseArabic('\u200Fالهوية\u200F'), 'الهويه', 'bidi marks');
  });

  it('keeps the article: that is searchTokens’ job', () => {
    assert.equal(normaliseArabic('الهوية الوطنية'), 'الهويه الوطنيه');
  });

  it('tokenises on whitespace and punctuation, Arabic comma and question mark included', () => {
    assert.deepEqual(searchTokens('الهوية،الجواز؟ رخصة؛ (إقامة) - visa/permit'), ['هويه', 'جواز', 'رخصه', 'اقامه', 'visa', 'permit']);
    assert.deepEqual(searchTokens('  \n '), []);
    assert.deepEqual(searchTokens("driver's licence"), ['drivers', 'licence']);
  });

  it('strips the article and its prefixed forms, but not from short words', () => {
    assert.deepEqual(searchTokens('الهوية للخدمات بالجواز والمخالفات'), ['هويه', 'خدمات', 'جواز', 'مخالفات']);
    assert.deepEqual(searchTokens('ال الم الأم'), ['ال', 'الم', 'ام']);
    assert.deepEqual(searchTokens('والد بالغ'), ['والد', 'بالغ'], 'a father and an adult are not و/ب + article');
  });
});

describe('catalogue search', () => {
  it('forgives each spelling variant', () => {
    assert.deepEqual(search('اصدار'), [LOST_ID, TRAVEL_PERMITS, VISA], 'alef with hamza: name, then descriptions');
    assert.equal(search('هويه')[0], LOST_ID, 'taa marbuta');
    assert.deepEqual(search('الهويه الوطنيه'), [LOST_ID], 'article and taa marbuta');
    assert.equal(search('بَدَل')[0], LOST_ID, 'harakat');
    assert.equal(search('تاشيره')[0], VISA, 'hamza and taa marbuta');
    assert.equal(search('تـأشـيـرة')[0], VISA, 'tatweel');
    assert.equal(search('كفالة')[0], KAFALA, 'name written with the article');
    assert.equal(search('ضايعه')[0], LOST_ID, 'hamza on yaa in a keyword');
  });

  it('reads a possessive on a taa marbuta noun as the noun: هويتي is هوية', () => {
    assert.deepEqual(searchTokens('هويتي بطاقتنا'), ['هويه', 'بطاقه']);
    assert.equal(searchCatalogue(index, 'هويتي ضائعة')[0], 'civil-affairs.national-id.replace-lost');
  });

  it('finds the lost ID service first for the words people use', () => {
    assert.equal(search('بدل فاقد')[0], LOST_ID);
    assert.equal(search('هوية ضائعة')[0], LOST_ID);
    assert.equal(search('lost id')[0], LOST_ID);
    assert.equal(search('Lost ID card')[0], LOST_ID);
  });

  it('forgives one typo in a word of four letters or more', () => {
    assert.equal(search('جوزا')[0], PASSPORT, 'two letters swapped');
    assert.equal(search('الجواذ')[0], PASSPORT, 'one letter replaced');
    assert.equal(search('معلوات الجواز')[0], PASSPORT, 'one letter left out');
    assert.equal(search('pasport')[0], PASSPORT);
    assert.equal(search('driving license')[0], LICENCE, 'license for licence');
  });

  it('does not forgive typos in short words, which are often other words', () => {
    assert.deepEqual(search('نقد'), [], 'نقد (cash) is not نقل (transfer)');
    assert.deepEqual(search('نقل'), [TRANSFER]);
  });

  it('matches prefixes of two letters or more, also through the article', () => {
    assert.equal(search('مخال')[0], VIOLATIONS);
    assert.equal(search('pass')[0], PASSPORT);
    assert.equal(search('اله')[0], LOST_ID, 'someone typing الهوية');
    assert.deepEqual(search('ر'), [], 'one letter is not a prefix');
  });

  it('finds English queries', () => {
    assert.equal(search('passport')[0], PASSPORT);
    assert.ok(search('passport').includes(VISA), 'its description needs a valid passport');
    assert.equal(search('reentry visa')[0], VISA);
    assert.equal(search('how do I renew my driving licence')[0], LICENCE, 'stop words are left out');
  });

  it('needs every query word to match (AND)', () => {
    // Names first, then the passport service's keyword "تجديد الجواز"; the transfer trails on a
    // typo match: "جديد" (new) in its description is one letter from "تجديد" (renewal).
    assert.deepEqual(search('تجديد'), [LICENCE, IQAMA, PASSPORT, TRANSFER]);
    assert.deepEqual(search('تجديد رخصة'), [LICENCE]);
    assert.equal(search('تصريح سفر')[0], TRAVEL_PERMITS, 'تصريح is one letter from تصاريح');
    assert.deepEqual(search('تجديد هوية'), [IQAMA]);
  });

  it('finds nothing for a query that matches nothing, or for a blank query', () => {
    assert.deepEqual(search('مستشفى'), []);
    assert.deepEqual(search('passport مستشفى'), []);
    assert.deepEqual(search(''), []);
    assert.deepEqual(search('   \t\n'), []);
    assert.deepEqual(search('،؟!'), []);
  });

  it('does not let the article or stop words alone match everything', () => {
    for (const query of ['ال', 'الـ', 'وال', 'لل', 'ا', 'a', 'the', 'في', 'عن']) assert.deepEqual(search(query), [], query);
    assert.deepEqual(search('ال هوية'), search('هوية'), 'an article typed apart');
  });

  it('ranks an exact name first, then the catalogue order among equals', () => {
    assert.deepEqual(search('نقل الخدمات').slice(0, 1), [TRANSFER]);
    assert.deepEqual(search('الخدمات'), [TRANSFER, SUSPENSIONS], 'both in the name: catalogue order');
    assert.deepEqual(search('الاستعلام عن المخالفات'), [VIOLATIONS]);
    assert.deepEqual(search('الاستعلام'), [VIOLATIONS, SUSPENSIONS]);
    assert.deepEqual(search('هوية'), [LOST_ID, IQAMA]);
  });

  it('ranks name over keyword over description matches', () => {
    const small = buildSearchIndex([
      entry('in-description', { description: 'تصدر رخصة بعد الفحص' }),
      entry('in-keywords', { keywords: ['رخصة'] }),
      entry('in-name', { name: 'رخصة بناء' }),
      entry('exact-name', { name: 'الرخصة' }),
      entry('in-name-too', { name: 'تجديد رخصة' }),
      entry('elsewhere', { name: 'جواز' }),
    ]);
    assert.deepEqual(searchCatalogue(small, 'رخصه'), ['exact-name', 'in-name', 'in-name-too', 'in-keywords', 'in-description']);
  });

  it('counts query words by the best field each matches, then prefers exact over prefix over typo', () => {
    const small = buildSearchIndex([
      entry('both-in-keywords', { name: 'خدمة', keywords: ['بدل فاقد'] }),
      entry('one-in-name', { name: 'بدل', keywords: ['فاقد'] }),
      entry('typo-in-name', { name: 'visa permt' }),
      entry('prefix-in-name', { name: 'visa permits' }),
      entry('exact-in-name', { name: 'visa permit' }),
    ]);
    assert.deepEqual(searchCatalogue(small, 'بدل فاقد'), ['one-in-name', 'both-in-keywords']);
    assert.deepEqual(searchCatalogue(small, 'permit'), ['exact-in-name', 'prefix-in-name', 'typo-in-name']);
  });

  it('honours a limit', () => {
    assert.deepEqual(search('تجديد', { limit: 2 }), [LICENCE, IQAMA]);
    assert.equal(search('تجديد', { limit: 100 }).length, 4);
    assert.deepEqual(search('تجديد', { limit: 0 }), []);
    assert.throws(() => search('تجديد', { limit: -1 }), RangeError);
    assert.throws(() => search('تجديد', { limit: 1.5 }), RangeError);
  });

  it('refuses a catalogue with a duplicate id', () => {
    assert.throws(() => buildSearchIndex([services[0]!, services[0]!]), /civil-affairs\.national-id\.replace-lost/);
  });

  it('searches a catalogue of 500 entries (speed is for a benchmark, not a test)', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ ...services[i % services.length]!, id: `service-${i}` }));
    const big = buildSearchIndex(many);
    assert.equal(searchCatalogue(big, 'بدل فاقد')[0], 'service-0');
    assert.equal(searchCatalogue(big, 'passport', { limit: 3 }).length, 3);
  });
});
