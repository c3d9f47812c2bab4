import fs from 'node:fs';
import { createRequire } from 'node:module';
import { create as createFont, type Font } from 'fontkit';
import { woffToSfnt } from './woff.js';

/**
 * The proof's typeface: IBM Plex Sans Arabic, the portal's own web font, from @fontsource.
 * Fontsource ships the family split by script into WOFF files: the Arabic file has Arabic
 * letters (with the GSUB tables that join them) but no Latin letters, digits or ':', the Latin
 * file the reverse. A character takes the first file that has it: Arabic, Latin, Latin Extended.
 * The files are unpacked to plain OpenType once per process (woff.ts), so that neither fontkit
 * nor pdfkit inflates them again on every glyph. Licence: SIL Open Font License 1.1.
 */

const require = createRequire(import.meta.url);

export type Weight = 'regular' | 'bold';
const FONT_FILES = ['arabic', 'latin', 'latin-ext'] as const;
const WEIGHTS: Record<Weight, number> = { regular: 400, bold: 600 };

export interface FontFile {
  /** The name the file is registered under in a pdfkit document. */
  name: string;
  data: Buffer;
  font: Font;
}

let fontCache: Record<Weight, FontFile[]> | undefined;

/** The font files, read and unpacked once per process (about 400 kB in memory). */
export function proofFonts(): Record<Weight, FontFile[]> {
  fontCache ??= {
    regular: loadWeight('regular'),
    bold: loadWeight('bold'),
  };
  return fontCache;
}

function loadWeight(weight: Weight): FontFile[] {
  return FONT_FILES.map((subset) => {
    const file = require.resolve(`@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-${subset}-${WEIGHTS[weight]}-normal.woff`);
    const data = woffToSfnt(fs.readFileSync(file));
    return { name: `plex-${subset}-${weight}`, data, font: createFont(data) as Font };
  });
}

/** What pdfkit needs from a document here (PDFKit.PDFDocument fits). */
export interface TextCanvas {
  registerFont(name: string, src: Buffer): unknown;
  font(name: string): this;
  fontSize(size: number): this;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options: { lineBreak: false }): this;
}

export function registerProofFonts(doc: TextCanvas): void {
  for (const files of Object.values(proofFonts())) for (const file of files) doc.registerFont(file.name, file.data);
}

/** The file that draws a character: the first that has a glyph for it, else Latin (a box). */
export function fontFor(files: FontFile[], char: string): FontFile {
  const code = char.codePointAt(0)!;
  return files.find((f) => f.font.hasGlyphForCodePoint(code)) ?? files[1]!;
}
