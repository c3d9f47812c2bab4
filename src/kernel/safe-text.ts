import { z } from 'zod';

/**
 * What text may enter Tayseer (docs/ARCHITECTURE.md, "Input rules"). Every string of every
 * request is checked once at the boundary (web/input-guard.ts) and again by the schemas that use
 * `safeText()`, so no string that PostgreSQL or a reader cannot take safely reaches a use case:
 *
 * - refused everywhere: NUL and the other C0 controls (tab, line feed and carriage return only
 *   where text may have several lines), DEL and the C1 controls (U+0080-U+009F);
 * - refused as broken Unicode: lone UTF-16 surrogates, the non-characters (U+FDD0-U+FDEF and
 *   U+xFFFE/U+xFFFF of every plane), and U+FFFD, which is what a decoder leaves of invalid UTF-8
 *   in a body or of an invalid percent-escape in a form: nobody types it;
 * - refused as spoofing: the bidi embeddings, overrides and isolates (U+202A-U+202E,
 *   U+2066-U+2069), which can make a name or a reference read differently from what it is
 *   ("Trojan Source");
 * - kept: Arabic with its diacritics (tashkeel) and tatweel, and the marks Arabic text legitimately
 *   carries: ZWNJ, ZWJ, LRM, RLM and ALM (U+200C, U+200D, U+200E, U+200F, U+061C);
 * - a length limit per field: the field's own, else TEXT_MAX_LENGTH.
 */

export type TextProblem = 'control_character' | 'invalid_unicode' | 'bidi_control' | 'too_long';

/** The longest a string may be when its field says nothing shorter (UTF-16 code units). */
export const TEXT_MAX_LENGTH = 10_000;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// A surrogate not paired with its other half (in 'u' mode a proper pair is one code point).
const LONE_SURROGATE = /\p{Surrogate}/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const NON_CHARACTER = new RegExp(
  `[\\uFDD0-\\uFDEF\\uFFFD\\uFFFE\\uFFFF${Array.from({ length: 16 }, (_, i) => `\\u{${(i + 1).toString(16)}FFFE}\\u{${(i + 1).toString(16)}FFFF}`).join('')}]`,
  'u',
);

export interface TextRules {
  /** At most this many characters (default TEXT_MAX_LENGTH). */
  max?: number;
  /** Tab, line feed and carriage return are allowed (a textarea, a whole JSON document). */
  multiline?: boolean;
}

/** What is wrong with a string by the input rules, or null when it may enter. */
export function textProblem(value: string, rules: TextRules = {}): TextProblem | null {
  if (value.length > (rules.max ?? TEXT_MAX_LENGTH)) return 'too_long';
  if ((rules.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(value)) return 'control_character';
  if (LONE_SURROGATE.test(value) || NON_CHARACTER.test(value)) return 'invalid_unicode';
  if (BIDI_CONTROL.test(value)) return 'bidi_control';
  return null;
}

const problemMessages: Record<TextProblem, string> = {
  too_long: 'too long',
  control_character: 'contains a control character',
  invalid_unicode: 'contains an invalid or unassigned character (or invalid UTF-8)',
  bidi_control: 'contains a bidirectional embedding, override or isolate control',
};

/**
 * A zod string that obeys the input rules: the schema of every free-text field uses it, so the
 * rules hold wherever a schema checks input (API, pages, CLI), not only behind the HTTP guard.
 */
export function safeText(rules: TextRules = {}): z.ZodString {
  return z
    .string()
    .max(rules.max ?? TEXT_MAX_LENGTH)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, { ...rules, max: Number.POSITIVE_INFINITY });
      if (problem) ctx.addIssue({ code: 'custom', message: problemMessages[problem] });
    });
}

/** What the boundary found wrong in a request, and where (`body.loss.circumstances`). */
export interface InputProblem {
  field: string;
  problem: TextProblem | 'too_deep' | 'number_out_of_range';
}

export interface WalkRules {
  /** Objects and arrays nested deeper than this are refused. */
  maxDepth: number;
  maxLength: number;
  multiline: boolean;
}

/**
 * The first string, key or number of a parsed input (query, params, JSON or form body) that
 * breaks the input rules, walking nested objects and arrays down to `maxDepth`. Buffers (the
 * bytes of an uploaded file) are not text and are left to the upload's own checks. Numbers must
 * be finite and exact (within ±2^53): no field of Tayseer needs more, and beyond it a value is
 * not the one the client sent.
 */
export function findInputProblem(value: unknown, path: string, rules: WalkRules, depth = 0): InputProblem | null {
  if (typeof value === 'string') {
    const problem = textProblem(value, { max: rules.maxLength, multiline: rules.multiline });
    return problem ? { field: path, problem } : null;
  }
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? null : { field: path, problem: 'number_out_of_range' };
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || value instanceof Uint8Array) return null;
  if (depth >= rules.maxDepth) return { field: path, problem: 'too_deep' };
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const keyProblem = textProblem(key, { max: 200 });
    const field = path ? `${path}.${keyProblem ? '?' : key}` : keyProblem ? '?' : key;
    if (keyProblem) return { field, problem: keyProblem };
    const found = findInputProblem(item, field, rules, depth + 1);
    if (found) return found;
  }
  return null;
}
