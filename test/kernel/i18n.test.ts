import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { catalogueKeys, direction, hasKey, locales, negotiateLocale, plural, pluralCategories, pluralKeys, textKeys, translate } from '../../src/kernel/i18n/index.js';
import { errorStatus } from '../../src/kernel/errors.js';

describe('i18n', () => {
  it('has every key in both Arabic and English', () => {
    // A text with plural forms counts once, by its own key: the two languages have different forms.
    const ar = new Set(textKeys('ar'));
    const en = new Set(textKeys('en'));
    assert.deepEqual([...ar].filter((k) => !en.has(k)), [], 'keys missing from en.json');
    assert.deepEqual([...en].filter((k) => !ar.has(k)), [], 'keys missing from ar.json');
  });

  it('has a translated message for every error code', () => {
    for (const code of Object.keys(errorStatus)) assert.ok(hasKey(`errors.${code}`), `errors.${code} missing`);
  });

  it('has every key used in the source', () => {
    // Literal keys passed to t('...') in pages and modules.
    const root = path.resolve(import.meta.dirname, '../../src');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    const missing: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-z0-9_.-]+)'/g)) if (!hasKey(match[1]!)) missing.push(`${file}: ${match[1]}`);
    }
    assert.deepEqual(missing, []);
  });

  it('names no keyboard shortcut: people print and share from a phone too, which has no Ctrl+P', () => {
    for (const locale of ['ar', 'en'] as const) {
      const shortcuts = catalogueKeys(locale).filter((key) => /\b(ctrl|cmd|alt|shift)\s*\+|⌘|keyboard shortcut|اختصار لوحة المفاتيح|مفتاحي/i.test(translate(locale, key)));
      assert.deepEqual(shortcuts, [], locale);
    }
  });

  it('fills placeholders', () => {
    assert.equal(translate('en', 'errors.http.rate_limited', { count: 30 }), 'Too many attempts. Please wait 30 seconds and try again.');
    assert.equal(translate('en', 'uploads.too_large', { sizeEn: '2 MB' }), 'The file is larger than the limit (2 MB). Choose a smaller file.');
  });

  it('picks the plural form of a count in Arabic: 0 none, 1 and 2 without the digit, 3–10 plural, 11–99 singular accusative, 100 singular', () => {
    const total = (count: number) => translate('ar', 'payments.violations.total', { count, amount: 'X' });
    assert.equal(total(0), 'لا توجد عليك مخالفات غير مسددة');
    assert.equal(total(1), 'عليك مخالفة واحدة غير مسددة، مبلغها X');
    assert.equal(total(2), 'عليك مخالفتان غير مسددتين، مجموعهما X');
    assert.equal(total(3), 'عليك 3 مخالفات غير مسددة، مجموعها X');
    assert.equal(total(11), 'عليك 11 مخالفة غير مسددة، مجموعها X');
    assert.equal(total(100), 'عليك 100 مخالفة غير مسددة، مجموعها X');
    const results = (count: number) => translate('ar', 'service_pages.results', { count, query: 'q' });
    assert.deepEqual([0, 1, 2, 3, 11, 100].map(results), [
      'لا توجد نتائج للبحث عن «q»',
      'نتيجة واحدة للبحث عن «q»',
      'نتيجتان للبحث عن «q»',
      '3 نتائج للبحث عن «q»',
      '11 نتيجة للبحث عن «q»',
      '100 نتيجة للبحث عن «q»',
    ]);
  });

  it('picks the plural form of a count in English: one, other, and a text of its own for none where given', () => {
    const total = (count: number) => translate('en', 'payments.violations.total', { count, amount: 'X' });
    assert.equal(total(0), 'You have no unpaid violations');
    assert.equal(total(1), 'You have 1 unpaid violation, X');
    assert.deepEqual([2, 3, 11, 100].map(total), [2, 3, 11, 100].map((n) => `You have ${n} unpaid violations, X in all`));
    // Without a form of its own for none, 0 takes "other".
    assert.equal(translate('en', 'officer_pages.queue.limited', { count: 0 }), 'Only the oldest 0 requests are shown. Use the filters to narrow the list.');
    assert.equal(translate('en', 'officer_pages.queue.limited', { count: 1 }), 'Only the oldest request is shown. Use the filters to narrow the list.');
  });

  it('falls back to <key>.other, then to <key>, and ignores a count that is not a number', () => {
    assert.equal(plural('ar', 7, { other: '{count} x' }), '7 x');
    assert.equal(plural('ar', 2, { two: 'اثنان', other: '{count}' }), 'اثنان');
    assert.equal(plural('en', 0, { zero: 'none', one: 'one', other: '{count}' }), 'none');
    assert.equal(translate('en', 'errors.title', { count: 3 }), translate('en', 'errors.title'));
    assert.equal(translate('en', 'payments.violations.total', { count: '3', amount: 'X' }), 'payments.violations.total');
    assert.ok(hasKey('payments.violations.total'));
    assert.ok(hasKey('payments.violations.total.one'));
    assert.ok(!hasKey('payments.violations.nope'));
  });

  it('gives every text with a count all the plural forms of each language', () => {
    // Count-like placeholders are written {count} so that the plural form is chosen by it.
    const countLike = /\{(count|seconds|minutes|hours|days|months|years|remaining|left|limit|min|max|steps_left|attempts)\}/;
    const problems: string[] = [];
    for (const locale of locales) {
      const groups = pluralKeys(locale);
      const catalogue = new Map(catalogueKeys(locale).map((key) => [key, translate(locale, key)]));
      for (const [key, text] of catalogue) {
        const match = countLike.exec(text);
        if (!match) continue;
        const base = key.replace(/\.(zero|one|two|few|many|other)$/, '');
        if (match[1] !== 'count') problems.push(`${locale} ${key}: {${match[1]}} should be {count}, with plural forms`);
        else if (!groups.has(base)) problems.push(`${locale} ${key}: {count} without plural forms`);
      }
      for (const [base, forms] of groups) {
        const lacking = pluralCategories[locale].filter((category) => !forms.includes(category));
        if (lacking.length > 0) problems.push(`${locale} ${base}: no ${lacking.join(', ')} form`);
        if (catalogue.has(base)) problems.push(`${locale} ${base}: both a text and plural forms`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('chooses the remembered language, then Accept-Language, then Arabic', () => {
    assert.equal(negotiateLocale('en', 'ar'), 'en');
    assert.equal(negotiateLocale(undefined, 'fr-FR,en;q=0.8,ar;q=0.5'), 'en');
    assert.equal(negotiateLocale(undefined, 'fr-FR'), 'ar');
    assert.equal(negotiateLocale('xx', undefined), 'ar');
    assert.equal(direction('ar'), 'rtl');
    assert.equal(direction('en'), 'ltr');
  });
});
