import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { agencies } from '../../src/catalogue/agencies.js';
import { ErrorSummary } from '../../src/identity/pages/form-parts.js';
import { checkStepAnswers } from '../../src/requests/submit.js';
import { pageTranslator } from '../../src/web/ui/ltr.js';
import type { PageContext } from '../../src/web/context.js';
import { validity } from '../../src/inquiries/parts.js';
import { liftNoteText, patternLabel } from '../../src/suspensions/view.js';
import { DOCUMENT_GENDER, vehicleName } from '../../src/registry/index.js';
import { aVehicle } from '../registry/builders.js';
import { identityApp } from '../identity/support.js';
import { aSignedInCitizen, webSignIn } from '../requests/support.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';

/**
 * Arabic that reads right (issue 16): words about a known person take that person's gender,
 * a document's state agrees with the document's name, lists and addresses are joined with the
 * Arabic comma.
 */

/** The text of a page without its tags, to read as a person would. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe(`Arabic wording on pages (${engineUnderTest})`, async () => {
  const h = await identityApp();

  it('says the marital status of a known man and a known woman in their own form, never "x/y"', async () => {
    const man = await aSignedInCitizen(h);
    const v = new Visitor(h.app, 'ar');
    await webSignIn(h, v, man);
    const me = text((await v.get('/me')).body);
    assert.match(me, /الحالة الاجتماعية متزوج /);
    assert.doesNotMatch(me, /متزوج\/متزوجة|متزوجة/);
  });

  it('makes a document’s state agree with its name: جواز السفر ساري / ملغى, الهوية سارية', async () => {
    const citizen = await aSignedInCitizen(h, {
      extra: (person) => [
        { kind: 'document', nationalId: person.nationalId, documentKind: 'passport', number: 'A1000001', issueDate: '2020-01-01', expiryDate: '2025-01-01', status: 'cancelled', issuingCountry: 'SAU' },
        { kind: 'document', nationalId: person.nationalId, documentKind: 'passport', number: 'A1000002', issueDate: '2025-01-01', expiryDate: '2035-01-01', status: 'valid', issuingCountry: 'SAU' },
      ],
    });
    const v = new Visitor(h.app, 'ar');
    await webSignIn(h, v, citizen);
    const me = text((await v.get('/me')).body);
    assert.match(me, /جواز السفر ملغى الرقم A1000001/);
    assert.match(me, /جواز السفر ساري الرقم A1000002/);
    assert.match(me, /بطاقة الهوية الوطنية سارية/);
    assert.doesNotMatch(me, /جواز السفر (سارية|ملغاة|منتهية)/);
  });

  it('names a car in Arabic on Arabic pages (تويوتا كامري), a model that is a code in Latin', async () => {
    assert.equal(vehicleName({ make: 'Toyota', model: 'Land Cruiser', year: 2023 }, 'ar'), 'تويوتا لاند كروزر 2023');
    assert.equal(vehicleName({ make: 'Lexus', model: 'LX 600', year: 2023 }, 'ar'), 'لكزس LX 600 2023');
    assert.equal(vehicleName({ make: 'Toyota', model: 'Land Cruiser', year: 2023 }, 'en'), 'Toyota Land Cruiser 2023');
    assert.equal(vehicleName({ make: 'Unknown', model: 'X1', year: 2020 }, 'ar'), 'Unknown X1 2020');
    const citizen = await aSignedInCitizen(h, { extra: (person) => [aVehicle(person)] });
    const v = new Visitor(h.app, 'ar');
    await webSignIn(h, v, citizen);
    const me = text((await v.get('/me')).body);
    assert.match(me, /تويوتا كامري/);
    assert.doesNotMatch(me, /Toyota|Camry/);
    const inquiry = text((await v.get('/inquiries/traffic.vehicle-registrations')).body);
    assert.match(inquiry, /تويوتا كامري/);
    assert.doesNotMatch(inquiry, /Toyota|Camry/);
  });

  it('says an inquiry’s document states in the document’s gender', () => {
    const today = '2026-11-01';
    const words = (gender: 'masculine' | 'feminine', expiry: string | null, status?: 'lost' | 'cancelled') => validity(expiry, today, gender, status).ar;
    assert.deepEqual(
      [words(DOCUMENT_GENDER.passport, '2030-01-01'), words(DOCUMENT_GENDER.passport, '2020-01-01'), words(DOCUMENT_GENDER.passport, '2030-01-01', 'cancelled'), words(DOCUMENT_GENDER.passport, '2026-11-20')],
      ['ساري', 'منتهي', 'ملغى', 'ينتهي قريبًا'],
    );
    assert.deepEqual(
      [words(DOCUMENT_GENDER.iqama, '2030-01-01'), words(DOCUMENT_GENDER.iqama, '2020-01-01'), words(DOCUMENT_GENDER.national_id_card, '2030-01-01', 'cancelled'), words(DOCUMENT_GENDER.driving_licence, '2026-11-20'), words('feminine', null)],
      ['سارية', 'منتهية', 'ملغاة', 'تنتهي قريبًا', 'لا توجد'],
    );
  });

  it('names "all the services" of every agency without doubling a word (جميع الخدمات العامة)', () => {
    for (const agency of agencies) {
      const label = patternLabel(`${agency}.*`, () => undefined);
      for (const text of [label.ar, label.en]) assert.doesNotMatch(text, /(\S{3,}).*\b\1\b|(الخدمات|خدمات) .*الخدمات/iu, `${agency}: ${text}`);
      assert.ok(label.ar.startsWith('جميع '), label.ar);
    }
    assert.equal(patternLabel('general.*', () => undefined).ar, 'جميع الخدمات العامة');
    assert.equal(patternLabel('general.*', () => undefined).en, 'All General Services');
  });

  it('joins the parts of an address with the Arabic comma on Arabic pages', async () => {
    const citizen = await aSignedInCitizen(h);
    const v = new Visitor(h.app, 'ar');
    await webSignIn(h, v, citizen);
    const me = (await v.get('/me')).body;
    assert.match(me, /1234، /);
    assert.doesNotMatch(text(me), /[\u0600-\u06FF], |, [\u0600-\u06FF]/);
  });

  it('shows a lift note on an Arabic page only in Arabic', () => {
    assert.deepEqual(liftNoteText('سُددت المخالفات (الفاتورة رقم 123) / Violations paid (bill 123)'), { ar: 'سُددت المخالفات (الفاتورة رقم 123)', en: 'Violations paid (bill 123)' });
    assert.deepEqual(liftNoteText('Debt settled'), { ar: null, en: 'Debt settled' });
    assert.deepEqual(liftNoteText('رفع بأمر المحكمة'), { ar: 'رفع بأمر المحكمة', en: 'رفع بأمر المحكمة' });
    assert.equal(liftNoteText(null), null);
  });

  it('heads eligibility refusals "لا يمكن تقديم الطلب", not "a mistake in what you entered"', async () => {
    const ctx = { t: pageTranslator('ar'), locale: 'ar' } as unknown as PageContext;
    const refused = render(ErrorSummary({ ctx, errors: [{ field: 'member.idNumber', message: 'سبق لها الزواج', refusal: true }] })!);
    assert.match(refused, /<h2 id="error-summary-title">لا يمكن تقديم الطلب<\/h2>/);
    const mistyped = render(ErrorSummary({ ctx, errors: [{ field: 'a', message: 'x' }, { field: 'b', message: 'y', refusal: true }] })!);
    assert.match(mistyped, /يوجد خطأ في البيانات المدخلة/);
    // A step's check marks its refusals; they reach the page's errors as such.
    const step = { id: 'case', title: { ar: '', en: '' }, fields: [{ id: 'caseNumber' }], check: async () => [{ field: 'caseNumber', message: { ar: 'مغلقة', en: 'closed' }, refusal: true }, { field: 'caseNumber', message: { ar: 'خطأ', en: 'wrong' } }] };
    const errors = await checkStepAnswers(step as never, {}, {} as never);
    assert.deepEqual(errors.map((e) => e.refusal ?? false), [true, false]);
  });

  it('joins lists on pages with the language’s separator, never a fixed comma', () => {
    // A page joins a list with joinList(locale, …) (or listSeparator): "، " in Arabic, ", " in English.
    const root = path.resolve(import.meta.dirname, '../../src');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx'));
    const fixed: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(path.join(root, file), 'utf8');
      for (const match of source.matchAll(/\.join\((['"`])(, |، )\1\)|\.join\(locale === 'ar' \? '، '/g)) fixed.push(`${file}: ${match[0]}`);
    }
    assert.deepEqual(fixed, []);
  });
});
