/**
 * Numbers keep their left-to-right order inside right-to-left text: the one rule pages and
 * PDFs follow (docs/ARCHITECTURE.md, "Direction of numbers").
 *
 * Why it is needed: after an Arabic letter, the bidi algorithm treats digits as Arabic numbers
 * (UAX #9 rule W2), and it joins two of them only across one comma, dot, colon or slash (W4).
 * Anything else between digit groups (a hyphen, an asterisk, a bullet, a plus, a space) takes
 * the direction of the Arabic around it, so the groups come out in reverse: `1******016` shows
 * as `016******1`, `2026-11-23` as `23-11-2026`, `4406 4700 0000 0007` as `0007 0000 4700 4406`.
 * A value wrapped in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE is laid out as one
 * left-to-right unit, whatever surrounds it; so is the content of `<bdi dir="ltr">` (web/ui).
 *
 * The input guard refuses these controls in what people type (web/input-guard.ts); only
 * output carries them.
 */

export const LRI = '\u2066';
export const FSI = '\u2068';
export const PDI = '\u2069';

/** A value written left to right (an ID, a masked ID, a reference, a date in digits) as one left-to-right unit inside any text. */
export function ltr(value: string | number): string {
  return `${LRI}${value}${PDI}`;
}

/** A value of unknown direction (a name, an address) inside a sentence: it takes the direction of its first letter and disturbs nothing around it. */
export function isolate(value: string | number): string {
  return `${FSI}${value}${PDI}`;
}

const DIGIT = '0-9\u0660-\u0669\u06F0-\u06F9';
const WORD = `[A-Za-z${DIGIT}*•]+`;
// Digit groups (with the masking asterisks and bullets, and the Latin letters of a word like
// `7K4M`) joined by separators, or by single spaces before a digit; never starting inside a word.
const NUMBER_LIKE = new RegExp(`(?<![A-Za-z${DIGIT}*•])\\+?${WORD}(?:[-+/.:,]+${WORD}| (?=[${DIGIT}*•])${WORD})*`, 'g');
const HAS_DIGIT = new RegExp(`[${DIGIT}]`);
// What the bidi algorithm would turn around: anything but one comma, dot, colon or slash between digits.
const REORDERED = /[-+*• ]|[/.:,]{2}/;

/**
 * The text with each number-like run that right-to-left text would turn around (digit groups
 * joined by a hyphen, asterisks, bullets, a plus or spaces) wrapped as a left-to-right isolate.
 * Plain numbers, amounts (`2,000.00`) and times (`19:08`) already keep their order and are left
 * as they are; a run already isolated is not wrapped twice.
 */
export function isolateNumbers(text: string): string {
  return text.replace(NUMBER_LIKE, (run: string, at: number) => {
    // A run that starts with a Latin letter (TR-7K4M-9QXP-E, SA03 8000 ...) is left to right already.
    if (!HAS_DIGIT.test(run) || /^[A-Za-z]/.test(run) || !REORDERED.test(run)) return run;
    if ((text[at - 1] === LRI || text[at - 1] === FSI) && text[at + run.length] === PDI) return run;
    return ltr(run);
  });
}
