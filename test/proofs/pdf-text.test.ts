import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { create as createFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { proofFonts, registerProofFonts } from '../../src/proofs/pdf-fonts.js';
import { isolateNumbers, layoutText, valueDirection, type TextStyle } from '../../src/proofs/pdf-text.js';
import { woffToSfnt } from '../../src/proofs/woff.js';

const doc = new PDFDocument({ size: 'A4', margin: 0 });
registerProofFonts(doc);
const arabic: TextStyle = { size: 11, weight: 'regular', direction: 'rtl' };
const english: TextStyle = { size: 11, weight: 'regular', direction: 'ltr' };

/** The strings handed to pdfkit, from the left of the line; '' is a space. */
function pieces(text: string, style: TextStyle, width = 1000): string[][] {
  return layoutText(doc, text, style, width).map((line) => line.pieces.map((p) => p.text));
}

describe('bidi layout for the PDF', () => {
  it('puts Arabic words right to left and keeps references, dates and Latin words left to right', () => {
    assert.deepEqual(pieces('تم إصدار الطلب TR-7K4M-9QXP-E عبر منصة Tayseer بتاريخ 2026-11-23 الساعة 19:08.', arabic), [
      ['.', '19:08', '', 'الساعة', '', '2026-11-23', '', 'بتاريخ', '', 'Tayseer', '', 'منصة', '', 'عبر', '', 'TR-7K4M-9QXP-E', '', 'الطلب', '', 'إصدار', '', 'تم'],
    ]);
  });

  it('hands an Arabic word over in logical order, which fontkit shapes into joined forms', () => {
    const [[word]] = pieces('عبدالله', arabic) as [[string]];
    assert.equal(word, 'عبدالله');
    const font = proofFonts().regular[0]!.font;
    const shaped = font.layout(word);
    assert.equal(shaped.direction, 'rtl');
    const isolated = Array.from(word, (letter) => font.layout(letter).glyphs[0]!.id).reverse();
    assert.notDeepEqual(
      shaped.glyphs.map((g) => g.id),
      isolated,
      'letters take their initial, medial and final forms',
    );
    assert.equal(shaped.glyphs.length, isolated.length);
  });

  it('mirrors brackets in right-to-left text', () => {
    assert.deepEqual(pieces('الرياض (حي النخيل)', arabic), [['(', 'النخيل', '', 'حي', ')', '', 'الرياض']]);
  });

  it('keeps Arabic right to left inside an English line', () => {
    assert.deepEqual(pieces('City: الرياض الجديدة, Riyadh', english), [['City:', '', 'الجديدة', '', 'الرياض', ',', '', 'Riyadh']]);
  });

  it('breaks lines at spaces, the first words on the right in Arabic, and cuts a URL between characters', () => {
    const lines = pieces('تم إصدار الطلب عبر منصة تيسير', arabic, 80);
    assert.ok(lines.length > 1);
    assert.equal(lines[0]!.at(-1), 'تم', 'the first word starts the first line, at its right');
    const url = `https://tayseer.example.gov/verify/${'eyJ2IjoxLCJ0IjoicmVxdWVzdCJ9'.repeat(12)}`;
    const laid = layoutText(doc, url, { ...english, size: 7 }, 200);
    assert.ok(laid.length > 3);
    for (const line of laid) assert.ok(line.width <= 200.01, `line of ${line.width}`);
    assert.equal(laid.flatMap((line) => line.pieces.map((p) => p.text)).join(''), url);
  });

  it('draws no glyph for invisible bidi controls', () => {
    assert.deepEqual(pieces('\u200Fمرحبا\u200F', arabic), [['مرحبا']]);
    assert.equal(isolateNumbers('في 2026-11-23 و 19:08 و 12'), 'في \u20662026-11-23\u2069 و 19:08 و 12', 'a time keeps its order by itself');
  });

  it('gives a value the page direction when it has letters of that direction, else the other, else left to right', () => {
    assert.equal(valueDirection('1******016', 'rtl'), 'ltr');
    assert.equal(valueDirection('+966 5X XXX 1234', 'rtl'), 'ltr');
    assert.equal(valueDirection('تم إصدار الطلب TR-7K4M-9QXP-E', 'rtl'), 'rtl');
    assert.equal(valueDirection('TR-7K4M-9QXP-E تم', 'rtl'), 'rtl');
    assert.equal(valueDirection('عبدالله م*** ا***', 'ltr'), 'rtl');
    assert.equal(valueDirection('Riyadh (الرياض)', 'ltr'), 'ltr');
    assert.equal(valueDirection('2026-11-20', 'ltr'), 'ltr');
  });
});

describe('WOFF unpacking', () => {
  it('gives the same font fontkit reads from the WOFF', () => {
    const file = createRequire(import.meta.url).resolve('@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-arabic-400-normal.woff');
    const woff = fs.readFileSync(file);
    const fromWoff = createFont(woff) as Font;
    const fromSfnt = createFont(woffToSfnt(woff)) as Font;
    assert.equal(fromSfnt.numGlyphs, fromWoff.numGlyphs);
    assert.equal(fromSfnt.postscriptName, fromWoff.postscriptName);
    const word = 'تيسير';
    assert.deepEqual(
      fromSfnt.layout(word).glyphs.map((g) => [g.id, g.advanceWidth]),
      fromWoff.layout(word).glyphs.map((g) => [g.id, g.advanceWidth]),
    );
    assert.throws(() => woffToSfnt(Buffer.from('not a font')), /WOFF/);
  });
});
