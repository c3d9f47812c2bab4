import PDFDocument from 'pdfkit';
import { formatDateTime, formatHijri } from '../kernel/dates.js';
import { formatReference, parseReference } from '../kernel/reference.js';
import { proofPdfLabels, type ProofPdfLabels } from './pdf-labels.js';
import { registerProofFonts, type Weight } from './pdf-fonts.js';
import { drawLine, layoutText, valueDirection, type Direction, type LaidLine } from './pdf-text.js';
import { qrMatrix } from './qr.js';

/**
 * The printable proof of a request or a receipt: one A4 page with the platform's name, the
 * title, the reference in large type, the facts as a label/value table, and a QR code of the
 * verify URL with the URL printed under it. Arabic is laid out by pdf-text.ts (bidi order,
 * per-script fonts); pdfkit only draws the pieces at the positions given.
 */

export interface ProofPdfInput {
  locale: 'ar' | 'en';
  title: string;
  subtitle?: string;
  /** Printed as given, or in its dashed form when it is a valid reference. */
  reference: string;
  issuedAt: Date;
  sections: Array<{ heading: string; rows: Array<{ label: string; value: string }> }>;
  /** The public verify URL, `${PUBLIC_URL}/verify/${token}`: encoded in the QR code and printed. */
  verifyUrl: string;
  footer: string;
  /** The fixed words (platform name, "Reference number"...); defaults in pdf-labels.ts. */
  labels?: Partial<ProofPdfLabels>;
}

const PAGE = { width: 595.28, height: 841.89, margin: 48 }; // A4 in points
const CONTENT = PAGE.width - 2 * PAGE.margin;
const COLOUR = { brand: '#14573d', brandDark: '#0b3d2a', tint: '#e6f2ec', ink: '#1d2521', muted: '#4d5a53', line: '#d6ddd9' };
const QR_SIZE = 118; // points, quiet zone included: 4.2 cm
const LINE = 1.55; // line height / font size: Arabic needs room above and below

type Doc = PDFKit.PDFDocument;
type Align = 'start' | 'end' | 'center';

interface Block {
  lines: LaidLine[];
  size: number;
  height: number;
}

class Page {
  readonly dir: Direction;
  constructor(
    readonly doc: Doc,
    locale: 'ar' | 'en',
  ) {
    this.dir = locale === 'ar' ? 'rtl' : 'ltr';
  }

  block(text: string, size: number, width: number, weight: Weight = 'regular', direction: Direction = this.dir): Block {
    const lines = text.trim() === '' ? [] : layoutText(this.doc, text, { size, weight, direction }, width);
    return { lines, size, height: lines.length * size * LINE };
  }

  /** Left edge of a box of `width` placed at `offset` from the start side of the content. */
  boxX(offset: number, width: number): number {
    return this.dir === 'rtl' ? PAGE.width - PAGE.margin - offset - width : PAGE.margin + offset;
  }

  /** Draws a block inside the box [x, x + width); returns the y under it. */
  draw(block: Block, x: number, width: number, y: number, colour: string, align: Align = 'start'): number {
    this.doc.fillColor(colour);
    for (const [i, line] of block.lines.entries()) {
      const free = width - line.width;
      const left = align === 'center' ? free / 2 : (align === 'start') === (this.dir === 'rtl') ? free : 0;
      drawLine(this.doc, line, x + left, y + i * block.size * LINE, block.size);
    }
    return y + block.height;
  }

  rule(y: number, colour = COLOUR.line, width = 0.75): void {
    this.doc.moveTo(PAGE.margin, y).lineTo(PAGE.width - PAGE.margin, y).lineWidth(width).strokeColor(colour).stroke();
  }
}

/** The PDF of a proof, in memory (about 60 kB). */
export function renderProofPdf(input: ProofPdfInput): Promise<Buffer> {
  const labels: ProofPdfLabels = { ...proofPdfLabels(input.locale), ...input.labels };
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    lang: input.locale,
    displayTitle: true,
    info: { Title: input.title, Author: labels.platformName, Subject: input.reference, CreationDate: input.issuedAt },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerProofFonts(doc);
  const page = new Page(doc, input.locale);
  let y = drawHeader(page, input, labels);
  y = drawTitle(page, input, labels, y);
  const bottom = drawVerifyAndFooter(page, input, labels);
  drawSections(page, input.sections, y + 18, bottom - 16);
  doc.end();
  return done;
}

function drawHeader(page: Page, input: ProofPdfInput, labels: ProofPdfLabels): number {
  const { doc } = page;
  const top = PAGE.margin;
  const markX = page.boxX(0, 34);
  doc.circle(markX + 17, top + 17, 17).fillColor(COLOUR.brand).fill();
  const mark = page.block('ت', 17, 34, 'bold', 'rtl');
  page.draw(mark, markX, 34, top + 17 - mark.height / 2 + 1, '#ffffff', 'center');
  page.draw(page.block(labels.platformName, 19, 180, 'bold'), page.boxX(44, 180), 180, top - 3, COLOUR.brandDark);
  page.draw(page.block(labels.platformNameOther, 10, 180), page.boxX(44, 180), 180, top + 25, COLOUR.muted);

  const dateWidth = 230;
  const dateX = page.boxX(CONTENT - dateWidth, dateWidth);
  let y = page.draw(page.block(labels.issuedAt, 8.5, dateWidth), dateX, dateWidth, top - 2, COLOUR.muted, 'end');
  y = page.draw(page.block(formatDateTime(input.issuedAt, input.locale), 9.5, dateWidth), dateX, dateWidth, y, COLOUR.ink, 'end');
  y = page.draw(page.block(formatHijri(input.issuedAt, input.locale), 9.5, dateWidth), dateX, dateWidth, y, COLOUR.ink, 'end');
  const under = Math.max(y, top + 44) + 8;
  page.rule(under, COLOUR.brand, 1.5);
  return under;
}

function drawTitle(page: Page, input: ProofPdfInput, labels: ProofPdfLabels, top: number): number {
  const x = page.boxX(0, CONTENT);
  let y = page.draw(page.block(input.title, 19, CONTENT, 'bold'), x, CONTENT, top + 14, COLOUR.ink);
  if (input.subtitle) y = page.draw(page.block(input.subtitle, 11.5, CONTENT), x, CONTENT, y, COLOUR.muted);

  const reference = parseReference(input.reference) === null ? input.reference : formatReference(input.reference);
  const label = page.block(labels.reference, 9.5, CONTENT - 32);
  const value = page.block(reference, 24, CONTENT - 32, 'bold', valueDirection(reference, page.dir));
  const boxTop = y + 12;
  const boxHeight = label.height + value.height + 16;
  page.doc.roundedRect(PAGE.margin, boxTop, CONTENT, boxHeight, 8).fillColor(COLOUR.tint).fill();
  const after = page.draw(label, x + 16, CONTENT - 32, boxTop + 9, COLOUR.muted);
  page.draw(value, x + 16, CONTENT - 32, after, COLOUR.brandDark);
  return boxTop + boxHeight;
}

/** The verify block and the footer, laid out from the bottom of the page up; returns their top. */
function drawVerifyAndFooter(page: Page, input: ProofPdfInput, labels: ProofPdfLabels): number {
  const footer = page.block(input.footer, 8.5, CONTENT);
  const footerTop = PAGE.height - PAGE.margin - footer.height;
  page.draw(footer, PAGE.margin, CONTENT, footerTop, COLOUR.muted, 'center');

  // The URL is left-to-right whatever the page's language: it is drawn as an LTR paragraph.
  const url = page.block(input.verifyUrl, 7, CONTENT, 'regular', 'ltr');
  const urlTop = footerTop - 12 - url.height;
  page.rule(footerTop - 6);
  page.draw(url, PAGE.margin, CONTENT, urlTop, COLOUR.muted, 'start');

  const qrTop = urlTop - 6 - QR_SIZE;
  drawQr(page.doc, input.verifyUrl, page.boxX(CONTENT - QR_SIZE, QR_SIZE), qrTop);
  const textWidth = CONTENT - QR_SIZE - 20;
  const heading = page.block(labels.verifyHeading, 12, textWidth, 'bold');
  const hint = page.block(labels.verifyHint, 9.5, textWidth);
  const textTop = qrTop + (QR_SIZE - heading.height - 4 - hint.height) / 2;
  const x = page.boxX(0, textWidth);
  page.draw(hint, x, textWidth, page.draw(heading, x, textWidth, textTop, COLOUR.brandDark) + 4, COLOUR.ink);
  page.rule(qrTop - 8);
  return qrTop - 8;
}

/** The QR code as vector squares (sharp at any zoom and print resolution), quiet zone white. */
function drawQr(doc: Doc, text: string, x: number, y: number): void {
  const { size, dark } = qrMatrix(text);
  const module = QR_SIZE / (size + 8);
  doc.rect(x, y, QR_SIZE, QR_SIZE).fillColor('#ffffff').fill();
  for (const [row, modules] of dark.entries()) {
    for (let column = 0; column < size; column++) {
      if (!modules[column]) continue;
      let end = column;
      while (end + 1 < size && modules[end + 1]) end++;
      doc.rect(x + (column + 4) * module, y + (row + 4) * module, (end - column + 1) * module, module);
      column = end;
    }
  }
  doc.fillColor('#000000').fill();
}

interface PlannedRow {
  label: Block;
  value: Block;
  height: number;
}

/**
 * The sections between `top` and `bottom`: at the largest type size from 11 down to 8 that
 * fits them all; if even 8 does not, the rows that fit and a last row "…" (the verify page
 * shows everything; the paper must stay one page).
 */
function drawSections(page: Page, sections: ProofPdfInput['sections'], top: number, bottom: number): void {
  const labelWidth = CONTENT * 0.36;
  const valueWidth = CONTENT - labelWidth - 16;
  const plan = (size: number) =>
    sections.map((section) => ({
      heading: page.block(section.heading, size + 1.5, CONTENT, 'bold'),
      rows: section.rows.map((row): PlannedRow => {
        const label = page.block(row.label, size, labelWidth);
        const value = page.block(row.value, size, valueWidth, 'regular', valueDirection(row.value, page.dir));
        return { label, value, height: Math.max(label.height, value.height) + 9 };
      }),
    }));
  const heightOf = (planned: ReturnType<typeof plan>) => planned.reduce((sum, s) => sum + s.heading.height + 8 + s.rows.reduce((h, r) => h + r.height, 0) + 12, 0);
  let planned = plan(11);
  for (const size of [10, 9, 8]) {
    if (heightOf(planned) <= bottom - top) break;
    planned = plan(size);
  }

  let y = top;
  for (const section of planned) {
    if (y + section.heading.height + 8 > bottom) break;
    y = page.draw(section.heading, page.boxX(0, CONTENT), CONTENT, y, COLOUR.brand) + 4;
    page.rule(y, COLOUR.brand, 0.75);
    y += 4;
    for (const row of section.rows) {
      if (y + row.height > bottom) {
        page.draw(page.block('…', 11, CONTENT), page.boxX(0, CONTENT), CONTENT, Math.min(y, bottom - 17), COLOUR.muted);
        return;
      }
      page.draw(row.label, page.boxX(0, labelWidth), labelWidth, y + 4.5, COLOUR.muted);
      page.draw(row.value, page.boxX(labelWidth + 16, valueWidth), valueWidth, y + 4.5, COLOUR.ink);
      y += row.height;
      page.rule(y);
    }
    y += 12;
  }
}
