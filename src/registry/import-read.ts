import fs from 'node:fs';
import readline from 'node:readline';
import type { z } from 'zod';
import { REQUIRED } from './import-fields.js';
import { RECORD_KINDS, recordSchemas, type RecordKind, type RegistryRecord } from './import-schema.js';

/** A line the import refuses, and why (`field: message`). */
export interface InvalidLine {
  line: number;
  reason: string;
}

export interface ParsedRecord {
  line: number;
  record: RegistryRecord;
}

export interface ReadResult {
  /** Lines in the file, blank ones included. */
  lines: number;
  /** Records that passed validation, in file order. */
  records: ParsedRecord[];
  invalid: InvalidLine[];
}

/** A record is a few hundred bytes; a line this long is not one (and is not parsed). */
const MAX_LINE_CHARS = 1_000_000;
/** Issues listed per line; the rest are counted. */
const MAX_ISSUES_PER_LINE = 5;
const PROGRESS_EVERY_LINES = 10_000;

/**
 * Read a JSONL file line by line (streamed: the file is never held as one string) and
 * validate each line on its own. Blank lines are skipped; a UTF-8 byte order mark is ignored.
 */
export async function readRegistryFile(options: {
  file: string;
  now: Date;
  onLines?: (lines: number) => void;
}): Promise<ReadResult> {
  const schemas: Record<RecordKind, z.ZodType<RegistryRecord>> = recordSchemas(options.now);
  const records: ParsedRecord[] = [];
  const invalid: InvalidLine[] = [];
  let lines = 0;
  const input = fs.createReadStream(options.file, { encoding: 'utf8' });
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const raw of reader) {
      lines++;
      if (lines % PROGRESS_EVERY_LINES === 0) options.onLines?.(lines);
      const text = lines === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '') continue;
      const result = parseLine(text, schemas);
      if (typeof result === 'string') invalid.push({ line: lines, reason: result });
      else records.push({ line: lines, record: result });
    }
  } finally {
    reader.close();
    input.destroy();
  }
  options.onLines?.(lines);
  return { lines, records, invalid };
}

/** The record on one line, or the reason it is refused. */
export function parseLine(text: string, schemas: Record<RecordKind, z.ZodType<RegistryRecord>>): RegistryRecord | string {
  if (text.length > MAX_LINE_CHARS) return `line is longer than ${MAX_LINE_CHARS} characters; not a record`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8's message may quote the line ('"1045…" is not valid JSON'); keep only the position.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    return position === undefined ? 'not valid JSON' : `not valid JSON (at character ${Number(position) + 1})`;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'expected a JSON object with a "kind" field';
  const kind = (json as { kind?: unknown }).kind;
  if (kind === undefined) return `missing field kind (one of ${RECORD_KINDS.join(', ')})`;
  if (typeof kind !== 'string' || !(RECORD_KINDS as readonly string[]).includes(kind)) {
    return `kind: unknown kind; expected one of ${RECORD_KINDS.join(', ')}`;
  }
  const parsed = schemas[kind as RecordKind].safeParse(json, { error: genericMessage });
  return parsed.success ? parsed.data : describeIssues(parsed.error.issues);
}

/** Messages for the issues no field spelled out itself. */
function genericMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? REQUIRED : `expected ${issue.expected}, got ${jsonType(issue.input)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => String(v)).join(', ')}`;
    default:
      return undefined;
  }
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * One line's problems: unknown fields first (a misspelt name is often why another is
 * "missing"), then missing fields together, then each other problem as "field: message".
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const unknown: string[] = [];
  const missing: string[] = [];
  const other: string[] = [];
  for (const issue of issues) {
    const at = fieldPath(issue.path);
    if (issue.code === 'unrecognized_keys') unknown.push(...issue.keys.map((k) => (at ? `${at}.${k}` : k)));
    else if (issue.message === REQUIRED && at) missing.push(at);
    else other.push(at ? `${at}: ${issue.message}` : issue.message);
  }
  const parts = [
    ...(unknown.length > 0 ? [`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`] : []),
    ...(missing.length > 0 ? [`missing field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`] : []),
    ...other,
  ];
  const shown = parts.slice(0, MAX_ISSUES_PER_LINE).join('; ');
  return parts.length > MAX_ISSUES_PER_LINE ? `${shown}; and ${parts.length - MAX_ISSUES_PER_LINE} more problems` : shown;
}

/** ['parties', 0, 'nationalId'] -> 'parties[0].nationalId' */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out;
}
