import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { catalogueKeys, direction, negotiateLocale, translate } from '../../src/kernel/i18n/index.js';
import { errorStatus } from '../../src/kernel/errors.js';

describe('i18n', () => {
  it('has every key in both Arabic and English', () => {
    const ar = new Set(catalogueKeys('ar'));
    const en = new Set(catalogueKeys('en'));
    assert.deepEqual([...ar].filter((k) => !en.has(k)), [], 'keys missing from en.json');
    assert.deepEqual([...en].filter((k) => !ar.has(k)), [], 'keys missing from ar.json');
  });

  it('has a translated message for every error code', () => {
    const keys = new Set(catalogueKeys('ar'));
    for (const code of Object.keys(errorStatus)) assert.ok(keys.has(`errors.${code}`), `errors.${code} missing`);
  });

  it('has every key used in the source', () => {
    // Literal keys passed to t('...') in pages and modules.
    const root = path.resolve(import.meta.dirname, '../../src');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    const keys = new Set(catalogueKeys('en'));
    const missing: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-z0-9_.-]+)'/g)) if (!keys.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
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
    assert.equal(translate('en', 'errors.http.rate_limited', { seconds: 30 }), 'Too many attempts. Please wait 30 seconds and try again.');
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
