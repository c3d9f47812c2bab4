import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jsQRModule from 'jsqr';
import { qrMatrix, qrSvg } from '../../src/proofs/index.js';

// jsqr is CommonJS whose types declare an ES default export: Node gives the function itself.
const jsQR = ((jsQRModule as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

const url200 = `https://tayseer.example.gov/verify/${'eyJ2IjoxLCJ0IjoicmVxdWVzdCJ9'.repeat(6)}`.slice(0, 200);

/** Reads the dark modules back out of the SVG's path (`M x y h n v1 h-n z` per run). */
function gridFromSvg(svg: string): { side: number; dark: boolean[][] } {
  const side = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const dark = Array.from({ length: side }, () => Array<boolean>(side).fill(false));
  const d = /<path fill="#000" d="([^"]*)"/.exec(svg)?.[1] ?? '';
  for (const [, x, y, n] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(n); i++) dark[Number(y)]![Number(x) + i] = true;
  }
  return { side, dark };
}

/** A black-on-white RGBA picture of a module grid, `scale` pixels a module, for jsQR. */
function decode(dark: boolean[][], quietZone: number, scale = 4): string | undefined {
  const side = (dark.length + 2 * quietZone) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [row, modules] of dark.entries()) {
    for (const [column, on] of modules.entries()) {
      if (!on) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((row + quietZone) * scale + dy) * side + (column + quietZone) * scale + dx) * 4;
          pixels.fill(0, at, at + 3);
        }
      }
    }
  }
  return jsQR(pixels, side, side)?.data;
}

describe('QR codes', () => {
  it('have 17 + 4 x version modules a side, and decode back to the text', () => {
    assert.equal(url200.length, 200);
    const matrix = qrMatrix(url200);
    assert.equal(matrix.size, 17 + 4 * matrix.version);
    assert.equal(matrix.dark.length, matrix.size);
    assert.ok(matrix.dark.every((row) => row.length === matrix.size));
    assert.equal(decode(matrix.dark, 4), url200);
    // A proof URL (about 360 characters) stays a version the PDF prints with 0.5 mm modules.
    const proofUrl = qrMatrix(`https://tayseer.example.gov/verify/${'x'.repeat(326)}`);
    assert.ok(proofUrl.version <= 14, `version ${proofUrl.version}`);
  });

  it('make the same SVG every time, with the quiet zone, and it decodes to the text', () => {
    const svg = qrSvg(url200, { label: 'رمز التحقق' });
    assert.equal(qrSvg(url200, { label: 'رمز التحقق' }), svg);
    const { size, dark } = qrMatrix(url200);
    const grid = gridFromSvg(svg);
    assert.equal(grid.side, size + 8);
    assert.deepEqual(
      grid.dark.slice(4, -4).map((row) => row.slice(4, -4)),
      dark,
    );
    assert.ok(grid.dark.slice(0, 4).flat().every((on) => !on), 'quiet zone is empty');
    assert.equal(decode(grid.dark, 0), url200);
  });

  it('are accessible, crisp and well-formed SVG', () => {
    const svg = qrSvg('https://tayseer.example.gov/verify/abc', { label: 'Scan "to" <verify> & more', pixelsPerModule: 3, className: 'qr' });
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /);
    assert.match(svg, / role="img" /);
    assert.match(svg, / aria-label="Scan &quot;to&quot; &lt;verify&gt; &amp; more" /);
    assert.match(svg, / shape-rendering="crispEdges"/);
    assert.match(svg, / class="qr"/);
    const side = gridFromSvg(svg).side;
    assert.match(svg, new RegExp(`width="${side * 3}" height="${side * 3}"`));
    assert.match(svg, /<\/svg>$/);
    // Every element is closed: the tags balance.
    const opened = svg.match(/<(svg|rect|path)\b[^>]*[^/]>/g)?.length ?? 0;
    const closed = svg.match(/<\/(svg|rect|path)>/g)?.length ?? 0;
    assert.equal(opened, closed);
    assert.equal(svg.includes('<verify>'), false);
  });
});
