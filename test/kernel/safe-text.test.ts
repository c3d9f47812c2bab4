import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findInputProblem, safeText, textProblem, TEXT_MAX_LENGTH } from '../../src/kernel/safe-text.js';

/** The input rules as the schemas apply them (kernel/safe-text.ts), without HTTP. */

describe('safe text', () => {
  it('keeps Arabic with tashkeel and tatweel, the marks Arabic carries, emoji, and tabs and new lines where text has lines', () => {
    for (const text of ['مُحَمَّد', 'الرّيـــاض', 'می\u200Cخواهم', '\u200Fرقم 12\u200E', 'عربي\u061C123', 'ZWJ\u200D', '👨‍👩‍👧 family']) {
      assert.equal(textProblem(text), null, text);
      assert.equal(safeText().safeParse(text).success, true, text);
    }
    assert.equal(textProblem('line one\r\n\tline two', { multiline: true }), null);
    assert.equal(textProblem('line one\nline two'), 'control_character', 'a one-line field has no new line');
  });

  it('refuses NUL, C0 and C1 controls, DEL, lone surrogates, non-characters, U+FFFD and the bidi overrides and isolates', () => {
    const cases: Array<[string, string]> = [
      ['a\u0000', 'control_character'], ['\u0007', 'control_character'], ['\u007F', 'control_character'], ['\u0085', 'control_character'], ['\u009F', 'control_character'],
      ['\ud800', 'invalid_unicode'], ['x\udfff', 'invalid_unicode'], ['\uFDD0', 'invalid_unicode'], ['\uFFFE', 'invalid_unicode'], ['\u{2FFFF}', 'invalid_unicode'], ['bad \uFFFD byte', 'invalid_unicode'],
      ['\u202A', 'bidi_control'], ['\u202E', 'bidi_control'], ['\u2066', 'bidi_control'], ['\u2069', 'bidi_control'],
    ];
    for (const [text, problem] of cases) {
      assert.equal(textProblem(text, { multiline: true }), problem, JSON.stringify(text));
      const parsed = safeText({ multiline: true }).safeParse(text);
      assert.equal(parsed.success, false, JSON.stringify(text));
    }
  });

  it('refuses a string longer than its field allows, or than the default', () => {
    assert.equal(textProblem('x'.repeat(TEXT_MAX_LENGTH)), null);
    assert.equal(textProblem('x'.repeat(TEXT_MAX_LENGTH + 1)), 'too_long');
    assert.equal(safeText({ max: 5 }).safeParse('abcdef').success, false);
  });

  it('walks nested objects and arrays, keys included, to a depth limit, and refuses numbers no field can hold exactly', () => {
    const rules = { maxDepth: 3, maxLength: 100, multiline: true };
    assert.equal(findInputProblem({ a: [{ b: 'ok' }], n: 12.5, t: true, z: null }, 'body', rules), null);
    assert.deepEqual(findInputProblem({ a: [{ b: 'no\u0000' }] }, 'body', rules), { field: 'body.a.0.b', problem: 'control_character' });
    assert.deepEqual(findInputProblem({ 'k\u202E': 1 }, 'body', rules), { field: 'body.?', problem: 'bidi_control' });
    assert.deepEqual(findInputProblem({ a: [[['x']]] }, 'body', rules), { field: 'body.a.0.0', problem: 'too_deep' });
    assert.deepEqual(findInputProblem({ n: 2 ** 60 }, 'body', rules), { field: 'body.n', problem: 'number_out_of_range' });
    assert.deepEqual(findInputProblem({ n: Number.POSITIVE_INFINITY }, 'body', rules), { field: 'body.n', problem: 'number_out_of_range' });
    assert.equal(findInputProblem({ file: Buffer.from([0, 1, 2]) }, 'body', rules), null, 'the bytes of a file are not text');
  });
});
