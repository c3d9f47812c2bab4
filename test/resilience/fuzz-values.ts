/**
 * The fuzzer's material: a seeded PRNG (the same run every time), hostile values of every kind,
 * and a well-formed value for a JSON schema of the served OpenAPI document, so that one field at
 * a time can be made hostile while the rest of the request stays valid and reaches the handler.
 */

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return chosen;
}

function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Strings a client could send in any text: controls, broken Unicode, spoofing, injections, sizes. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001b[31m',
  '\u0085\u009f',
  '\ud800',
  'x\udfffy',
  '\ufffe\uffff',
  '\ufdd0',
  'ab\u202ecba',
  '\u2066اسم\u2069',
  'مُحَمَّد عبدالله الـــقحطاني\u200f\u200e\u061c\u200c\u200d',
  '١٢٣٤٥٦٧٨٩٠',
  '',
  ' ',
  'x'.repeat(20_000),
  'ب'.repeat(3_000),
  '%00%zz%E0%A4',
  "' OR 1=1 --",
  '"; DROP TABLE persons; --',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '1e400',
  '-1',
  '9'.repeat(400),
  '2026-02-30',
  'null',
  '😀👨‍👩‍👧',
];

/** Values of the wrong type for a field, or out of every range. */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 63,
  -(2 ** 63),
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  ['a', 1, null],
  {},
  { $ne: null, __proto__: { admin: true } },
  nested(60),
  Array.from({ length: 2_000 }, (_, i) => i),
];

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
}

/** Good values for the names this API uses, where the schema alone cannot say (a bill's check digit). */
export type KnownValues = Record<string, unknown>;

/** A well-formed value of a schema: enough to get past validation to the handler. */
export function validValue(schema: JsonSchema | undefined, name: string, known: KnownValues): unknown {
  if (name in known) return known[name];
  if (!schema) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const variant = schema.anyOf?.find((s) => s.type !== 'null') ?? schema.oneOf?.[0];
  if (variant) return validValue(variant, name, known);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || key in known) out[key] = validValue(property, key, known);
      }
      return out;
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      if (schema.format === 'uuid') return '0195a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
      if (schema.format === 'email') return 'someone@example.test';
      if (schema.pattern === '^[0-9]{6}$') return '123456';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  }
}
