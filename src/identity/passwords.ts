import fs from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import type { FieldError } from '../kernel/errors.js';

/**
 * Passwords: argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), and the
 * policy a new password must meet. The library's default algorithm is argon2id; the stored
 * PHC string carries its parameters, so they can be raised later without breaking old hashes.
 */

const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 8;
// argon2 is happy with long inputs, but an unbounded one is a cheap way to burn CPU.
export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

// A real hash of a random password: verifying against it for an unknown login costs the same
// time as for a known one, so response times do not tell whether a login exists.
let dummyHash: Promise<string> | undefined;
export async function verifyDummyPassword(password: string): Promise<void> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-${process.pid}`);
  await verifyPassword(await dummyHash, password);
}

// The list is a text file next to this module (src/identity); the bundled CLI runs from dist/,
// so look in both places.
let commonPasswords: Set<string> | undefined;
function loadCommonPasswords(): Set<string> {
  if (commonPasswords) return commonPasswords;
  const candidates = [
    path.join(import.meta.dirname, 'common-passwords.txt'),
    path.resolve(import.meta.dirname, '../src/identity/common-passwords.txt'),
  ];
  const file = candidates.find((candidate) => fs.existsSync(candidate));
  if (!file) throw new Error(`common-passwords.txt not found (looked in ${candidates.join(', ')})`);
  commonPasswords = new Set(
    fs.readFileSync(file, 'utf8').split('\n').map((line) => line.trim()).filter(Boolean),
  );
  return commonPasswords;
}

/** Lower case, Arabic-Indic digits as ASCII: "١٢٣٤٥٦٧٨" is as weak as "12345678". */
function canonical(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

export function isCommonPassword(password: string): boolean {
  return loadCommonPasswords().has(canonical(password));
}

/** Every rule the password breaks, as field errors on `field`; empty when it is acceptable. */
export function passwordProblems(
  password: string,
  context: { username?: string; nationalId?: string },
  field = 'password',
): FieldError[] {
  const problems: FieldError[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push({ field, key: 'identity.password.too_short', params: { count: PASSWORD_MIN_LENGTH } });
  if (length > PASSWORD_MAX_LENGTH) problems.push({ field, key: 'identity.password.too_long', params: { count: PASSWORD_MAX_LENGTH } });
  const value = canonical(password);
  if (context.username && value.includes(canonical(context.username))) {
    problems.push({ field, key: 'identity.password.contains_username' });
  }
  if (context.nationalId && value.includes(context.nationalId)) {
    problems.push({ field, key: 'identity.password.contains_national_id' });
  }
  if (isCommonPassword(password)) problems.push({ field, key: 'identity.password.common' });
  return problems;
}
