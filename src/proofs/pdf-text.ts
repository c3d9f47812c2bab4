import bidiModule from 'bidi-js';
import { isolateNumbers } from '../kernel/bidi.js';
import { fontFor, proofFonts, type FontFile, type TextCanvas, type Weight } from './pdf-fonts.js';

/**
 * Arabic and mixed-direction lines for pdfkit, which shapes but does not order text.
 *
 * What pdfkit does with a string (0.20, seen in its source): it cuts the string at spaces and
 * has fontkit lay out each word alone; fontkit shapes the word (joined letters, from the
 * font's GSUB) and, when the word's first letter of a real script is right-to-left, reverses
 * its glyphs. So one Arabic word comes out right, but the words of a sentence stay in logical
 * order from left to right, and a number inside Arabic is whatever the word around it does.
 *
 * So we order the line ourselves with the Unicode bidi algorithm (bidi-js, which passes the
 * Unicode conformance tests) and hand pdfkit pieces it cannot get wrong:
 * 1. levels for the paragraph, lines broken at spaces by measured width, then each line put
 *    into visual order (rule L2) with mirrored brackets (L4);
 * 2. the visual line cut into pieces at every space and at every change of level or font;
 * 3. each piece given to pdfkit so that fontkit's own reversal lands it in visual order: a
 *    piece fontkit will reverse (Arabic) is handed over reversed back, which is its logical
 *    order, the order shaping needs; any other piece is handed over as it will be seen;
 * 4. the pieces drawn one after another from the left, each at a measured x.
 *
 * Each character takes the first font file that has it (pdf-fonts.ts): the Arabic file has
 * no Latin letters, digits or ':'.
 */

// bidi-js is CommonJS with types that declare an ES default export: Node hands the factory
// itself to a default import, a bundler may hand over `{ default }`. Take whichever came.
const bidiFactory = ((bidiModule as { default?: unknown }).default ?? bidiModule) as typeof bidiModule.default;
const bidi = bidiFactory();

export type Direction = 'rtl' | 'ltr';

export interface TextStyle {
  size: number;
  weight: Weight;
  /** The paragraph direction: 'rtl' on an Arabic proof, even for a line of Latin text. */
  direction: Direction;
}

interface Piece {
  /** The string handed to pdfkit (see step 3). */
  text: string;
  font: string;
  width: number;
}

/** One line in visual order, ready to draw from the left. */
export interface LaidLine {
  pieces: Piece[];
  width: number;
}

// Invisible controls steer the bidi algorithm but have no glyph in these fonts: never drawn.
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

/** Code points of a string, as [start, end) index ranges, so surrogate pairs stay whole. */
function characters(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < text.length; ) {
    const next = i + (text.codePointAt(i)! > 0xffff ? 2 : 1);
    out.push([i, next]);
    i = next;
  }
  return out;
}

function widthOf(doc: TextCanvas, font: string, size: number, text: string): number {
  return doc.font(font).fontSize(size).widthOfString(text);
}

/** The width of logical text `text[start, end)`, one font run at a time. */
function logicalWidth(doc: TextCanvas, files: FontFile[], size: number, text: string, start: number, end: number): number {
  let width = 0;
  let run = '';
  let runFont: FontFile | undefined;
  for (const [from, to] of characters(text.slice(start, end))) {
    const char = text.slice(start + from, start + to);
    if (INVISIBLE.test(char)) continue;
    const font = fontFor(files, char);
    if (runFont && font !== runFont) {
      width += widthOf(doc, runFont.name, size, run);
      run = '';
    }
    runFont = font;
    run += char;
  }
  return runFont ? width + widthOf(doc, runFont.name, size, run) : width;
}

/**
 * Where a paragraph breaks into lines no wider than maxWidth, as [start, end) ranges of the
 * paragraph without the spaces they break at. Widths add up word by word, as pdfkit lays
 * words out one by one anyway. A word wider than a line (a URL) is cut between characters.
 */
function breakLines(doc: TextCanvas, files: FontFile[], size: number, text: string, maxWidth: number): Array<[number, number]> {
  const space = logicalWidth(doc, files, size, ' ', 0, 1);
  const lines: Array<[number, number]> = [];
  let line: [number, number] | undefined;
  let lineWidth = 0;
  for (const match of text.matchAll(/[^ ]+/g)) {
    const [start, end] = [match.index, match.index + match[0].length];
    const width = logicalWidth(doc, files, size, text, start, end);
    if (line && lineWidth + space + width <= maxWidth) {
      line[1] = end;
      lineWidth += space + width;
      continue;
    }
    if (line) lines.push(line);
    [line, lineWidth] = [[start, end], width];
    if (width <= maxWidth) continue;
    // Too wide alone: cut where the line is full (at least one character a line).
    lineWidth = 0;
    for (const [from, to] of characters(match[0])) {
      const charWidth = logicalWidth(doc, files, size, text, start + from, start + to);
      if (lineWidth + charWidth > maxWidth && start + from > line[0]) {
        lines.push([line[0], start + from]);
        [line, lineWidth] = [[start + from, end], 0];
      }
      lineWidth += charWidth;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// Whether fontkit lays a string out right to left, by font and string. Asking fontkit itself
// (rather than guessing its script rules) keeps the two in step; the answers are cached, and
// the cache is emptied now and then so a long-running server does not grow it without end.
const reversedByFontkit = new Map<string, boolean>();

/** Glyph order -> the string pdfkit must get so that fontkit's reversal (if any) gives that order. */
function handOver(files: FontFile[], visual: string, fontName: string): string {
  const logical = Array.from(visual).reverse().join('');
  const key = `${fontName}\u0000${logical}`;
  let reversed = reversedByFontkit.get(key);
  if (reversed === undefined) {
    if (reversedByFontkit.size >= 10_000) reversedByFontkit.clear();
    reversed = files.find((f) => f.name === fontName)!.font.layout(logical).direction === 'rtl';
    reversedByFontkit.set(key, reversed);
  }
  return reversed ? logical : visual;
}

/**
 * Numbers written with separators (2026-11-23, 1******016, •••• 0007, +966 5...) become
 * left-to-right isolates before the bidi algorithm runs (kernel/bidi.ts, the rule pages follow
 * too). Without this the bidi algorithm, right as it is, shows `بتاريخ 2026-11-23` as
 * `23-11-2026`: digits after Arabic letters are Arabic numbers (rule W2), and a hyphen or an
 * asterisk between Arabic numbers is a neutral (W4 joins only across one comma, dot, colon or
 * slash), which takes the direction of the text around it. Browsers do the same. We take the
 * higher-level protocol UAX #9 allows (HL3): such a number is one left-to-right unit.
 */
export { isolateNumbers };

/**
 * The paragraph direction of a value (a name, a number, an address) on a page written in
 * `page` direction: the page's when the value has a letter of the page's direction, else the
 * other when it has a letter of that one, else left-to-right. So an ID like `1******016` or a
 * phone number stays in the order it is written on an Arabic page (the bidi algorithm alone
 * would read the stars between two numbers as right-to-left), an Arabic name on an English
 * page reads right to left, and a value that mixes both follows the page.
 */
export function valueDirection(text: string, page: Direction): Direction {
  let hasLtr = false;
  let hasRtl = false;
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === 'L') hasLtr = true;
    else if (type === 'R' || type === 'AL') hasRtl = true;
  }
  if (page === 'rtl' ? hasRtl : hasLtr) return page;
  if (hasRtl) return 'rtl';
  return 'ltr';
}

/** Lays out text (one or more paragraphs, split at '\n') into lines in visual order. */
export function layoutText(doc: TextCanvas, text: string, style: TextStyle, maxWidth: number): LaidLine[] {
  const files = proofFonts()[style.weight];
  const out: LaidLine[] = [];
  const clean = text.normalize('NFC').replace(/[\t\r\f\v ]+/g, ' ');
  for (const paragraph of isolateNumbers(clean).split('\n').map((p) => p.trim())) {
    const levels = bidi.getEmbeddingLevels(paragraph, style.direction);
    for (const [start, end] of breakLines(doc, files, style.size, paragraph, maxWidth)) {
      out.push(layoutLine(doc, files, style, paragraph, levels, start, end));
    }
  }
  return out;
}

function layoutLine(
  doc: TextCanvas,
  files: FontFile[],
  style: TextStyle,
  paragraph: string,
  levels: ReturnType<typeof bidi.getEmbeddingLevels>,
  start: number,
  end: number,
): LaidLine {
  // bidi-js returns the indices of the whole paragraph, reordered within the line only.
  const order = bidi.getReorderedIndices(paragraph, levels, start, end - 1).slice(start, end);
  const mirrored = bidi.getMirroredCharactersMap(paragraph, levels.levels, start, end - 1);
  const pieces: Piece[] = [];
  let width = 0;
  let visual = '';
  let key = '';
  let fontName = '';
  const flush = () => {
    if (visual === '') return;
    const handed = handOver(files, visual, fontName);
    const pieceWidth = widthOf(doc, fontName, style.size, handed);
    pieces.push({ text: handed, font: fontName, width: pieceWidth });
    width += pieceWidth;
    visual = '';
  };
  for (const index of order) {
    const unit = paragraph[index]!;
    // A surrogate pair is drawn whole from its high half, whichever half comes first.
    if (/[\uDC00-\uDFFF]/.test(unit)) continue;
    const char = /[\uD800-\uDBFF]/.test(unit) ? paragraph.slice(index, index + 2) : (mirrored.get(index) ?? unit);
    if (INVISIBLE.test(char)) continue;
    const font = fontFor(files, char);
    if (char === ' ') {
      flush();
      const space = widthOf(doc, font.name, style.size, ' ');
      pieces.push({ text: '', font: font.name, width: space });
      width += space;
      key = '';
      continue;
    }
    const pieceKey = `${font.name}/${levels.levels[index]}`;
    if (pieceKey !== key) flush();
    key = pieceKey;
    fontName = font.name;
    visual += char;
  }
  flush();
  return { pieces, width };
}

/** Draws a laid line with its left edge at x and its top at y. */
export function drawLine(doc: TextCanvas, line: LaidLine, x: number, y: number, size: number): void {
  let at = x;
  for (const piece of line.pieces) {
    if (piece.text !== '') doc.font(piece.font).fontSize(size).text(piece.text, at, y, { lineBreak: false });
    at += piece.width;
  }
}
