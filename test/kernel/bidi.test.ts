import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import bidiModule from 'bidi-js';
import { isolate, isolateNumbers, ltr } from '../../src/kernel/bidi.js';

const bidiFactory = ((bidiModule as { default?: unknown }).default ?? bidiModule) as typeof bidiModule.default;
const bidi = bidiFactory();

/** A right-to-left paragraph as the eye reads it from the left, controls dropped (what a browser or the PDF draws). */
function seen(text: string): string {
  const levels = bidi.getEmbeddingLevels(text, 'rtl');
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels);
  return bidi
    .getReorderedIndices(text, levels)
    .map((i) => mirrored.get(i) ?? text[i]!)
    .join('')
    .replace(/[\u2066-\u2069]/g, '');
}

// Every kind of value the platform prints inside Arabic, as written.
const values = {
  'masked ID': '1******016',
  'masked ID (logs)': '1*******16',
  'ID with check': '1000000016-2',
  'date in digits': '2026-11-23',
  'masked mobile': '05******12',
  'mobile with country code': '+966 5 1234 5678',
  'card': '•••• 0007',
  'card number': '4406 4700 0000 0007',
  'IBAN': 'SA03 8000 0000 6080 1016 7519',
  'reference': 'TR-7K4M-9QXP-E',
  'amount': '2,000.00',
  'time': '19:08',
  'plain number': '1234567890',
};

describe('numbers inside right-to-left text', () => {
  it('turns some values around when nothing isolates them (why the rule exists)', () => {
    assert.equal(seen(`الهوية ${values['masked ID']} هنا`).includes(values['masked ID']), false);
    assert.equal(seen(`بتاريخ ${values['date in digits']} هنا`).includes('23-11-2026'), true);
  });

  it('keeps every kind of value in its order inside Arabic once isolated', () => {
    for (const [kind, value] of Object.entries(values)) {
      for (const sentence of [`رقم ${value} لدى`, `(${value})`, `${value}`, `فهد (${value})، الرياض`]) {
        assert.ok(seen(isolateNumbers(sentence)).includes(value), `${kind}: ${sentence} reads ${seen(isolateNumbers(sentence))}`);
        assert.ok(seen(`قبل ${ltr(value)} بعد`).includes(value), `${kind} in ltr()`);
      }
    }
  });

  it('wraps only the runs that need it, once', () => {
    assert.equal(isolateNumbers('مثل 2026-11-20.'), 'مثل \u20662026-11-20\u2069.');
    assert.equal(isolateNumbers('فهد (1******016)'), 'فهد (\u20661******016\u2069)');
    assert.equal(isolateNumbers('دفعت 2,000.00 ر.س. الساعة 19:08 عن 4 مخالفات'), 'دفعت 2,000.00 ر.س. الساعة 19:08 عن 4 مخالفات');
    assert.equal(isolateNumbers('م*** ا***'), 'م*** ا***', 'a masked name has no digit');
    assert.equal(isolateNumbers(isolateNumbers('رقم 1******016')), isolateNumbers('رقم 1******016'));
    assert.equal(isolateNumbers(`رقم ${ltr('1******016')}`), `رقم ${ltr('1******016')}`);
    assert.equal(isolate('فهد'), '\u2068فهد\u2069');
  });
});
