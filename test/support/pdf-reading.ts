import zlib from 'node:zlib';

/**
 * The text of a PDF as the eye reads it: each line's glyphs from left to right, the way a
 * person sees the printed page (and `pdftotext -raw` would give it). Enough of PDF for what
 * pdfkit writes (objects, Flate streams, Type0 fonts with a ToUnicode map and /W widths,
 * BT/Tm/Tf/TJ text), so tests need no tool outside node_modules.
 *
 * Arabic comes back in visual order too, so its letters read backwards; what tests look at is
 * the order of left-to-right values: a masked ID printed as `016******1` reads so here.
 */

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const match of text.matchAll(/(\d+) 0 obj\b/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body });
      continue;
    }
    const dataStart = start + streamAt + (body[streamAt + 6] === '\r' ? 8 : 7);
    const length = Number(/\/Length (\d+)/.exec(body)?.[1]);
    const raw = pdf.subarray(dataStart, dataStart + length);
    objects.set(Number(match[1]), { dict: body.slice(0, streamAt), stream: /\/FlateDecode/.test(body.slice(0, streamAt)) ? zlib.inflateSync(raw) : raw });
  }
  return objects;
}

const ref = (dict: string, key: string): number | undefined => {
  const found = new RegExp(`/${key} \\[?(\\d+) 0 R`).exec(dict);
  return found ? Number(found[1]) : undefined;
};

const hexText = (hex: string): string => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));

/** A font's glyph code -> text (ToUnicode) and code -> width in thousandths (/W). */
function fontOf(objects: Map<number, PdfObject>, id: number): { text: Map<number, string>; width: Map<number, number> } {
  const font = objects.get(id)!.dict;
  const text = new Map<number, string>();
  const cmap = objects.get(ref(font, 'ToUnicode')!)?.stream?.toString('latin1') ?? '';
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, target] of block!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f ]+>)/gi)) {
      const first = parseInt(from!, 16);
      if (target!.startsWith('[')) {
        [...target!.matchAll(/<([0-9a-f ]+)>/gi)].forEach((m, i) => text.set(first + i, hexText(m[1]!.replace(/ /g, ''))));
      } else {
        const base = hexText(target!.slice(1, -1).replace(/ /g, ''));
        for (let code = first; code <= parseInt(to!, 16); code++) text.set(code, String.fromCodePoint(base.codePointAt(0)! + code - first));
      }
    }
  }
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, target] of block!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f ]+)>/gi)) text.set(parseInt(code!, 16), hexText(target!.replace(/ /g, '')));
  }
  const width = new Map<number, number>();
  const descendant = objects.get(ref(font, 'DescendantFonts')!)?.dict ?? '';
  const w = /\/W \[([\s\S]*)\]/.exec(descendant)?.[1] ?? '';
  for (const [, first, list] of w.matchAll(/(\d+) \[([^\]]*)\]/g)) {
    list!.trim().split(/\s+/).forEach((value, i) => width.set(Number(first) + i, Number(value)));
  }
  return { text, width };
}

interface Run {
  x: number;
  y: number;
  end: number;
  size: number;
  text: string;
}

/** The lines of each page, top to bottom, each read from left to right (a space where the gap between two runs is one). */
export function pdfLines(pdf: Buffer): string[][] {
  const objects = objectsOf(pdf);
  const pages = [...objects.values()].filter((o) => /\/Type \/Page\b(?!s)/.test(o.dict));
  return pages.map((page) => {
    const resources = objects.get(ref(page.dict, 'Resources')!)!.dict;
    const fontIds = new Map([...(/\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\S+) (\d+) 0 R/g)].map((m) => [m[1]!, Number(m[2])]));
    const content = objects.get(ref(page.dict, 'Contents')!)!.stream!.toString('latin1');
    const runs: Run[] = [];
    let x = 0;
    let y = 0;
    let size = 0;
    let font: ReturnType<typeof fontOf> | undefined;
    const fonts = new Map<string, ReturnType<typeof fontOf>>();
    for (const [op] of content.matchAll(/[-0-9.]+(?: [-0-9.]+){5} Tm|\/\S+ [0-9.]+ Tf|\[[^\]]*\] TJ/g)) {
      if (op.endsWith('Tm')) [x, y] = op.split(' ').slice(4, 6).map(Number) as [number, number];
      else if (op.endsWith('Tf')) {
        const [name, points] = op.slice(1).split(' ') as [string, string];
        if (!fonts.has(name)) fonts.set(name, fontOf(objects, fontIds.get(name)!));
        [font, size] = [fonts.get(name), Number(points)];
      } else if (font) {
        let text = '';
        let advance = 0;
        for (const [, hex, shift] of op.matchAll(/<([0-9a-f]*)>|(-?[0-9.]+)/gi)) {
          if (shift !== undefined) advance -= Number(shift);
          for (const code of (hex ?? '').match(/.{4}/g) ?? []) {
            text += font.text.get(parseInt(code, 16)) ?? '\uFFFD';
            advance += font.width.get(parseInt(code, 16)) ?? 0;
          }
        }
        runs.push({ x, y, end: x + (advance / 1000) * size, size, text });
      }
    }
    const lines = new Map<number, Run[]>();
    for (const run of runs) {
      const key = Math.round(run.y * 2) / 2;
      lines.set(key, [...(lines.get(key) ?? []), run]);
    }
    return [...lines.entries()]
      .sort(([a], [b]) => b - a) // PDF y grows upwards
      .map(([, line]) => {
        line.sort((a, b) => a.x - b.x);
        return line.map((run, i) => (i > 0 && run.x - line[i - 1]!.end > run.size * 0.15 ? ' ' : '') + run.text).join('');
      });
  });
}
