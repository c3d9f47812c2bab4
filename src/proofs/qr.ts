import QRCode from 'qrcode';

/**
 * QR codes for proof URLs, as data (for the PDF, drawn as vector squares) and as inline SVG
 * (for the HTML print view). Both come from the same matrix, so the paper and the page show
 * the same code.
 *
 * Error correction M (15 % of the code may be damaged): a printed proof gets folded and
 * stamped. At M a proof URL (about 360 characters) is a version-14 code, 73 modules a side;
 * printed 4.2 cm wide with its quiet zone, a module is 0.5 mm, which phone cameras read.
 */

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export interface QrMatrix {
  /** Modules per side (21 for version 1, +4 per version). */
  size: number;
  version: number;
  /** `dark[row][column]`: true for a dark module. */
  dark: boolean[][];
}

/** The QR code of `text` as a matrix of modules, without the quiet zone. */
export function qrMatrix(text: string, errorCorrection: QrErrorCorrection = 'M'): QrMatrix {
  const code = QRCode.create(text, { errorCorrectionLevel: errorCorrection });
  const { size, data } = code.modules;
  const dark = Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, column) => data[row * size + column] === 1));
  return { size, version: code.version, dark };
}

export interface QrSvgOptions {
  /** What a screen reader says for the image, e.g. "QR code to verify this document". */
  label: string;
  /** Light modules around the code; the standard asks for 4. */
  quietZone?: number;
  /** The rendered size of one module in CSS pixels (width = height = modules x this). */
  pixelsPerModule?: number;
  errorCorrection?: QrErrorCorrection;
  className?: string;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/**
 * The QR code as an inline SVG string: one path of dark modules (each horizontal run of them
 * one rectangle) on a white square, in module units, with `shape-rendering="crispEdges"` so no
 * anti-aliasing greys the edges between modules. The white square is part of the image so the
 * code still reads on a dark page.
 */
export function qrSvg(text: string, options: QrSvgOptions): string {
  const quiet = options.quietZone ?? 4;
  const { size, dark } = qrMatrix(text, options.errorCorrection);
  const side = size + 2 * quiet;
  const pixels = side * (options.pixelsPerModule ?? 4);
  let d = '';
  for (const [row, modules] of dark.entries()) {
    let column = 0;
    while (column < size) {
      if (!modules[column]) {
        column++;
        continue;
      }
      const start = column;
      while (column < size && modules[column]) column++;
      d += `M${start + quiet} ${row + quiet}h${column - start}v1h-${column - start}z`;
    }
  }
  const label = escapeXml(options.label);
  const className = options.className ? ` class="${escapeXml(options.className)}"` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${pixels}" height="${pixels}"` +
    ` role="img" aria-label="${label}" shape-rendering="crispEdges"${className}>` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}
