/**
 * The numbers of a rendered page that nothing keeps in order: a static reading of the HTML
 * with the rule of UAX #9 that turns them around (see src/kernel/bidi.ts). A number-like run
 * (digit groups joined by a hyphen, asterisks, bullets, a plus or a space: 1******016,
 * 2026-11-23, •••• 0007, 4406 4700 0000 0007) is at risk when its nearest `dir` is not `ltr`
 * (`<bdi>` without `dir`, and `dir="auto"`, count as not ltr: say `dir="ltr"`), unless the text
 * wraps it in LRI/FSI ... PDI. The browser check that reads the drawn order is e2e/bidi.test.ts.
 */

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const SKIPPED = new Set(['script', 'style', 'textarea', 'title', 'head']);
const RUN = /(?<![A-Za-z0-9*•])\+?[0-9*•]+(?:[-+/.:,]+[A-Za-z0-9*•]+|\s(?=[0-9*•])[A-Za-z0-9*•]+)*/g;

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, (_, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' } as Record<string, string>)[lower]!;
  });
}

export interface UnorderedNumber {
  run: string;
  /** The tags open around it, innermost last, with their dir. */
  path: string;
}

/** Every number-like run of the page's body that right-to-left text around it would turn around. */
export function unorderedNumbers(html: string): UnorderedNumber[] {
  const found: UnorderedNumber[] = [];
  const open: Array<{ tag: string; dir: string | undefined }> = [];
  const pageDir = /<html[^>]*\sdir="(\w+)"/.exec(html)?.[1] ?? 'ltr';
  for (const [, closing, tag, attributes, text] of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>|([^<]+)/g)) {
    if (tag) {
      const name = tag.toLowerCase();
      if (closing) {
        const at = open.map((o) => o.tag).lastIndexOf(name);
        if (at >= 0) open.length = at;
      } else if (!VOID.has(name) && !attributes!.trimEnd().endsWith('/')) {
        const dir = /\sdir="(\w+)"/.exec(attributes!)?.[1] ?? (name === 'bdi' ? 'auto' : undefined);
        open.push({ tag: name, dir });
      }
      continue;
    }
    if (open.some((o) => SKIPPED.has(o.tag)) || !open.some((o) => o.tag === 'body')) continue;
    const dir = [...open].reverse().find((o) => o.dir)?.dir ?? pageDir;
    if (dir === 'ltr') continue;
    const value = decode(text!);
    for (const match of value.matchAll(RUN)) {
      const run = match[0].trimEnd();
      if (!/[0-9]/.test(run) || !/[-+*•\s]|[/.:,]{2}/.test(run)) continue;
      const before = value[match.index - 1];
      const after = value[match.index + run.length];
      if ((before === '\u2066' || before === '\u2068') && after === '\u2069') continue;
      found.push({ run, path: open.map((o) => (o.dir ? `${o.tag}[dir=${o.dir}]` : o.tag)).join(' > ') });
    }
  }
  return found;
}
