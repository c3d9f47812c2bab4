import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { translate } from '../../src/kernel/i18n/index.js';
import { normaliseArabic, searchWords } from '../../src/kernel/search-text.js';
import { createInquiryCatalogue, inquiryDefinitions } from '../../src/inquiries/index.js';
import { serviceDefinitions } from '../../src/services/index.js';
import { portalPages } from '../../src/web/portal-pages.js';
import { createPortalSearch } from '../../src/web/portal-search.js';
import { engineUnderTest } from '../support/database.js';
import { testApp } from '../support/app.js';

/**
 * The portal's search over the real e-services, inquiries and the person's pages, with the words
 * people type (issue 16: "مخالفات", "الإيقاف", "حج", "بياناتي" found nothing or the wrong thing).
 */

const search = createPortalSearch({ services: serviceDefinitions, inquiries: createInquiryCatalogue(inquiryDefinitions).all, pages: portalPages });
const first = (query: string): string | undefined => {
  const hit = search.search(query)[0];
  return hit && `${hit.kind}:${hit.id}`;
};

// [query, what must come first]: Arabic as typed on a phone (with and without hamza, article,
// taa marbuta, plural, possessive), and English.
const REAL_QUERIES: ReadonlyArray<readonly [string, string]> = [
  ['مخالفات', 'page:violations'],
  ['المخالفات', 'page:violations'],
  ['مخالفة', 'page:violations'],
  ['مخالفاتي', 'page:violations'],
  ['ومخالفاتي', 'page:violations'],
  ['سداد مخالفة', 'page:violations'],
  ['ساهر', 'page:violations'],
  ['اجمالي المخالفات', 'inquiry:traffic.violations-total'],
  ['الإيقاف', 'page:suspensions'],
  ['ايقاف', 'page:suspensions'],
  ['خدمات موقوفة', 'page:suspensions'],
  ['حج', 'inquiry:civil-affairs.hajj-eligibility'],
  ['الحج', 'inquiry:civil-affairs.hajj-eligibility'],
  ['تصريح حج', 'inquiry:civil-affairs.hajj-permit'],
  ['رخصة', 'inquiry:traffic.driving-licence'],
  ['رخصه القياده', 'inquiry:traffic.driving-licence'],
  ['إقامة', 'inquiry:passports.iqama-validity'],
  ['اقامه', 'inquiry:passports.iqama-validity'],
  ['تأشيرة', 'inquiry:passports.exit-reentry-status'],
  ['تاشيرات العمل', 'inquiry:passports.work-visas'],
  ['خروج وعودة', 'inquiry:passports.exit-reentry-status'],
  ['وثيقة مفقود', 'service:civil-affairs.national-id.replace-lost'],
  ['بدل فاقد', 'service:civil-affairs.national-id.replace-lost'],
  ['هويتي ضائعة', 'service:civil-affairs.national-id.replace-lost'],
  ['بياناتي', 'page:my-data'],
  ['معلوماتي الشخصية', 'page:my-data'],
  ['من اطلع على بياناتي', 'page:viewed'],
  ['جلساتي', 'page:sessions'],
  ['الإشعارات', 'page:inbox'],
  ['المدفوعات', 'page:payments'],
  ['ايصال', 'page:payments'],
  ['طلباتي', 'page:requests'],
  ['تغيير رقم الجوال', 'page:mobile'],
  ['نسيت كلمة المرور', 'page:forgot-password'],
  ['تجديد الجواز', 'service:passports.resident-id.update-passport'],
  ['تصريح سفر', 'service:passports.family.travel-permits'],
  ['نقل كفالة', 'service:passports.workers.transfer-services'],
  ['الكفالة', 'service:general.kafala.traffic-bail'],
  ['البصمة', 'inquiry:passports.biometrics'],
  ['حجز سيارة', 'inquiry:traffic.impounded-vehicles'],
  ['المكفولين', 'inquiry:passports.sponsored-persons'],
  ['الاستقدام', 'inquiry:recruitment.recruitment-requests'],
  ['١٩٩٩٩ مخالفات', ''],
  ['violations', 'page:violations'],
  ['Traffic fines', 'page:violations'],
  ['suspended services', 'page:suspensions'],
  ['my data', 'page:my-data'],
  ['sessions', 'page:sessions'],
  ['payments', 'page:payments'],
  ['receipts', 'page:payments'],
  ['hajj', 'inquiry:civil-affairs.hajj-eligibility'],
  ['IQAMA', 'inquiry:passports.iqama-validity'],
  ['driving licences', 'inquiry:traffic.driving-licence'],
  ['lost ID', 'service:civil-affairs.national-id.replace-lost'],
  ['lost document', 'service:civil-affairs.national-id.replace-lost'],
  ['travel permits', 'service:passports.family.travel-permits'],
  ['passport', 'service:passports.resident-id.update-passport'],
  ['visas', 'inquiry:passports.exit-reentry-status'],
  ['notifications', 'page:inbox'],
];

describe('the portal search, with the words people type', () => {
  for (const [query, expected] of REAL_QUERIES.filter(([, e]) => e !== '')) {
    it(`«${query}» finds ${expected} first`, () => {
      assert.equal(first(query), expected, `${query}: ${search.search(query).slice(0, 4).map((h) => `${h.kind}:${h.id}`).join(', ')}`);
    });
  }

  it('finds nothing for words of no service, inquiry or page', () => {
    for (const query of ['مستشفى', 'طقس الرياض', 'pizza', 'weather', '١٩٩٩٩ مخالفات', 'ال', 'the', 'في', '،؟', '']) {
      assert.deepEqual(search.search(query), [], query);
    }
  });

  it('puts the page of My data first for بياناتي, before services that only mention data', () => {
    const hits = search.search('بياناتي');
    assert.equal(`${hits[0]!.kind}:${hits[0]!.id}`, 'page:my-data');
    assert.equal(hits[0]!.href, '/me');
  });

  it('gives each hit its address and its words in both languages', () => {
    const [violations] = search.search('مخالفات');
    assert.deepEqual(violations, {
      kind: 'page',
      id: 'violations',
      href: '/violations',
      name: { ar: translate('ar', 'search.page.violations.name'), en: translate('en', 'search.page.violations.name') },
      description: { ar: translate('ar', 'search.page.violations.description'), en: translate('en', 'search.page.violations.description') },
    });
    const inquiry = search.search('حج')[0]!;
    assert.equal(inquiry.href, '/inquiries/civil-affairs.hajj-eligibility');
    assert.equal(search.search('بدل فاقد')[0]!.href, '/services/civil-affairs.national-id.replace-lost');
  });

  it('names and describes every page in Arabic and English', () => {
    for (const page of portalPages) {
      for (const part of ['name', 'description']) {
        const key = `search.page.${page.id}.${part}`;
        for (const locale of ['ar', 'en'] as const) assert.notEqual(translate(locale, key), key, `${key} in ${locale}`);
      }
      assert.ok(page.keywords.ar.length > 0 && page.keywords.en.length > 0, page.id);
    }
  });
});

describe('Arabic words for the search (kernel)', () => {
  it('folds hamza on waw and yaa, a lone hamza, alef forms, taa marbuta, alef maqsura, tashkeel, tatweel and digits', () => {
    assert.equal(normaliseArabic('مسؤول هيئة إجراء آمنة أُسرة مستشفى جـواز ١٢٣'), 'مسوول هييه اجرا امنه اسره مستشفي جواز 123');
  });

  it('stems the plurals, possessives and joined prefixes people type to one word', () => {
    const stem = (word: string) => searchWords(word)[0]!.stem;
    assert.equal(stem('مخالفات'), stem('مخالفة'));
    assert.equal(stem('المخالفات'), stem('مخالفة'));
    assert.equal(stem('بياناتي'), stem('بيانات'));
    assert.equal(stem('المكفولين'), stem('مكفول'));
    assert.equal(stem('الموظفون'), stem('موظف'));
    assert.equal(stem('للخدمات'), stem('خدمة'));
    assert.equal(stem('violations'), stem('violation'));
    assert.equal(stem('licences'), stem('licence'));
    assert.equal(stem('حج'), 'حج', 'a two-letter word keeps its letters');
    assert.equal(stem('بياناتي'), 'بيان');
    assert.equal(stem('هويتي'), stem('هوية'), 'a possessive on a taa marbuta noun');
    assert.equal(stem('بيان'), 'بيان', 'three letters always stay');
  });
});

describe(`the search on the portal and in the API (${engineUnderTest})`, async () => {
  const { app } = await testApp();

  it('shows pages and inquiries among the results of /services?q=', async () => {
    const page = await app.inject({ url: `/services?q=${encodeURIComponent('مخالفات')}`, headers: { 'accept-language': 'ar' } });
    assert.equal(page.statusCode, 200);
    const links = [...page.body.matchAll(/<li data-kind="(\w+)">.*?<a href="([^"]+)"/gs)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(links.slice(0, 2), ['page /violations', 'inquiry /inquiries/traffic.violations']);
    assert.match(page.body, new RegExp(translate('ar', 'search.kind.page')));
  });

  it('answers GET /api/v1/search with the same ranked list', async () => {
    const found = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('الإيقاف')}` });
    assert.equal(found.statusCode, 200);
    assert.deepEqual(found.json().results[0], { kind: 'page', id: 'suspensions', href: '/suspensions', name: { ar: translate('ar', 'search.page.suspensions.name'), en: translate('en', 'search.page.suspensions.name') }, description: { ar: translate('ar', 'search.page.suspensions.description'), en: translate('en', 'search.page.suspensions.description') } });
    assert.deepEqual((await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('مستشفى')}` })).json(), { results: [] });
    assert.equal((await app.inject({ url: `/api/v1/search?q=${'x'.repeat(201)}` })).statusCode, 422);
  });
});

describe('dependency direction', () => {
  it('keeps the catalogue free of the inquiries and of the web layer', () => {
    const dir = path.resolve(import.meta.dirname, '../../src/catalogue');
    for (const file of fs.readdirSync(dir)) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.doesNotMatch(source, /from '\.\.\/(inquiries|web)\//, file);
    }
  });
});
