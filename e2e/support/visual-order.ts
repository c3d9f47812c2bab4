import type { Page } from 'playwright-core';

/**
 * Reads the order in which a page SHOWS its numbers, not the order they sit in the HTML: the
 * x position of each character as the browser laid it out (Range.getClientRects), so a masked
 * ID drawn as "016******1" in an Arabic page is caught although its text is "1******016".
 */

/** A number-like value drawn in the wrong order: its text, and what the eye reads from left to right. */
export interface ReversedValue {
  text: string;
  seen: string;
}

/**
 * Every number-like run in the page's `main` (digits, with the stars, dashes, slashes, dots,
 * colons, commas, pluses and single spaces written between them: IDs, masked IDs, dates, times,
 * amounts, card and phone numbers) whose characters are not laid out from left to right, one
 * text node at a time, on one line.
 */
export async function reversedNumbers(page: Page, selector = 'main'): Promise<ReversedValue[]> {
  return page.evaluate((root: string) => {
    const found: Array<{ text: string; seen: string }> = [];
    const scope = document.querySelector(root);
    if (!scope) return found;
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    const value = /[+*0-9](?:[0-9*]|[-/.:,+](?=[0-9*])| (?=[0-9*]))*[0-9*]/g;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      for (const match of node.data.matchAll(value)) {
        if (!/[0-9]/.test(match[0]) || !/[^0-9]/.test(match[0])) continue; // digits alone cannot be reversed
        const boxes: Array<{ char: string; x: number; top: number }> = [];
        for (let i = 0; i < match[0].length; i++) {
          const char = match[0][i]!;
          if (char === ' ') continue;
          const range = document.createRange();
          range.setStart(node, match.index + i);
          range.setEnd(node, match.index + i + 1);
          const rect = range.getClientRects()[0];
          if (rect && rect.width > 0) boxes.push({ char, x: rect.left + rect.width / 2, top: Math.round(rect.top) });
        }
        if (boxes.length < 2 || boxes.some((b) => Math.abs(b.top - boxes[0]!.top) > 2)) continue; // hidden, or wrapped over lines
        const leftToRight = boxes.every((b, i) => i === 0 || b.x > boxes[i - 1]!.x);
        if (!leftToRight) found.push({ text: match[0], seen: [...boxes].sort((a, b) => a.x - b.x).map((b) => b.char).join('') });
      }
    }
    return found;
  }, selector);
}

/** What the eye reads from left to right where the page shows `text` (first occurrence in `selector`), or undefined when not shown. */
export async function seenAs(page: Page, text: string, selector = 'main'): Promise<string | undefined> {
  return page.evaluate(
    ({ root, wanted }: { root: string; wanted: string }) => {
      const scope = document.querySelector(root);
      if (!scope) return undefined;
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf(wanted);
        if (at < 0) continue;
        const boxes: Array<{ char: string; x: number }> = [];
        for (let i = 0; i < wanted.length; i++) {
          const range = document.createRange();
          range.setStart(node, at + i);
          range.setEnd(node, at + i + 1);
          const rect = range.getClientRects()[0];
          if (rect) boxes.push({ char: wanted[i]!, x: rect.left + rect.width / 2 });
        }
        return boxes.sort((a, b) => a.x - b.x).map((b) => b.char).join('');
      }
      return undefined;
    },
    { root: selector, wanted: text },
  );
}
