import { z } from 'zod';
import { isValidNationalId } from '../kernel/national-id.js';
import { parseReference } from '../kernel/reference.js';

/**
 * What a proof token says. A token is printed as a QR code, so what it carries is public to
 * anyone holding the paper: only what the verify page needs to confirm the paper is genuine,
 * and the person's name and ID masked.
 *
 * In TypeScript the fields have readable names; in the token's JSON they have short keys
 * (every byte makes the QR code denser), mapped one to one:
 *
 * | field         | JSON key | example                                   |
 * | ------------- | -------- | ----------------------------------------- |
 * | (format)      | `v`      | `2` (`1`: tokens made before key ids)     |
 * | (key id)      | `k`      | `'hG3c9Qm2xT0a'` (which key signed it)    |
 * | `kind`        | `t`      | `'request'` or `'receipt'`                |
 * | `reference`   | `r`      | `'TR7K4M9QXPE'` (canonical, no dashes)    |
 * | `serviceId`   | `s`      | `'civil-affairs.national-id.replace-lost'`|
 * | `state`       | `st`     | `'printing'`                              |
 * | `maskedName`  | `n`      | `'عبدالله م*** ا***'`                      |
 * | `maskedId`    | `id`     | `'1******016'`                            |
 * | `issuedAt`    | `at`     | `'2026-11-23T16:08:00Z'` (UTC, seconds)   |
 */
export interface ProofPayload {
  /** A request (its state when the proof was issued) or a payment receipt. */
  kind: ProofKind;
  /** The request's or receipt's reference, canonical (`TR7K4M9QXPE`); show it with formatReference. */
  reference: string;
  /** The service definition's id. */
  serviceId: string;
  /** The request's state when the proof was issued (a receipt: the bill's state). */
  state: string;
  /** The person's name through maskName: first name in full, the others as initials. */
  maskedName: string;
  /** The person's identity number through maskIdForProof: `1******016`. */
  maskedId: string;
  /** When the proof was issued; kept to the second. */
  issuedAt: Date;
}

export const proofKinds = ['request', 'receipt'] as const;
export type ProofKind = (typeof proofKinds)[number];

/**
 * The version of the token format; a new format gets a new number, and old tokens keep verifying.
 * 2 added `k`, the id of the signing key (so keys can rotate); 1 (no key id) still verifies.
 */
export const PROOF_FORMAT_VERSION = 2;
const LEGACY_FORMAT_VERSION = 1;

/** A key id: the first 12 base64url characters of the SHA-256 of the public key (SPKI DER). */
export const PROOF_KEY_ID = /^[A-Za-z0-9_-]{12}$/;

const MASKED_ID = /^[0-9]\*{6}[0-9]{3}$/;
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MASKED_LATER_NAME = /^\P{White_Space}\*\*\*$/u;

/**
 * For the paper and the verify page: the first name in full, every later name as its first
 * letter and `***`. `'عبدالله محمد العتيبي'` -> `'عبدالله م*** ا***'`,
 * `'Abdullah Mohammed Alotaibi'` -> `'Abdullah M*** A***'`.
 * Names are split at white space only, so `'عبد الله'` counts as two names: it leaks less.
 */
export function maskName(fullName: string): string {
  const [first, ...later] = fullName.normalize('NFC').trim().split(/\s+/u).filter(Boolean);
  if (first === undefined) return '';
  return [first, ...later.map((name) => `${Array.from(name)[0]}***`)].join(' ');
}

/**
 * For the paper and the verify page: the first digit (what kind of number it is) and the last
 * three (what a person checks against their own card). `1234567016` -> `1******016`.
 * Note the kernel's maskNationalId for logs keeps the last two only.
 */
export function maskIdForProof(nationalId: string): string {
  if (!isValidNationalId(nationalId)) throw new RangeError('maskIdForProof expects a valid 10-digit identity number');
  return `${nationalId[0]}${'*'.repeat(6)}${nationalId.slice(-3)}`;
}

/** The facts of a proof before masking: what a use case has in hand. */
export interface ProofFacts {
  kind: ProofKind;
  reference: string;
  serviceId: string;
  state: string;
  /** The full name (Arabic on an Arabic proof, English on an English one). */
  name: string;
  nationalId: string;
  issuedAt: Date;
}

/** The payload for a proof: masks the name and the ID, and takes the reference's canonical form. */
export function proofPayloadFor(facts: ProofFacts): ProofPayload {
  return {
    kind: facts.kind,
    reference: facts.reference,
    serviceId: facts.serviceId,
    state: facts.state,
    maskedName: maskName(facts.name),
    maskedId: maskIdForProof(facts.nationalId),
    issuedAt: facts.issuedAt,
  };
}

const legacyWireSchema = z.strictObject({
  v: z.literal(LEGACY_FORMAT_VERSION),
  t: z.enum(proofKinds),
  r: z.string().max(32),
  s: z.string().min(1).max(120),
  st: z.string().min(1).max(64),
  n: z.string().max(200),
  id: z.string().regex(MASKED_ID),
  at: z.string().regex(ISO_SECONDS),
});
const wireSchema = legacyWireSchema.extend({ v: z.literal(PROOF_FORMAT_VERSION), k: z.string().regex(PROOF_KEY_ID) });
type WirePayload = z.infer<typeof wireSchema>;

function isMaskedName(name: string): boolean {
  const [, ...later] = name.split(' ');
  return later.every((part) => MASKED_LATER_NAME.test(part));
}

/**
 * The exact bytes that get signed, naming the key that signs them. Throws on a payload that would
 * leak what must stay masked (a full ID, a full later name) or that is not what it claims: a
 * programming mistake.
 */
export function encodeProofPayload(payload: ProofPayload, keyId: string): Buffer {
  const reference = parseReference(payload.reference);
  if (reference === null) throw new RangeError(`Not a valid reference: '${payload.reference}'`);
  if (!MASKED_ID.test(payload.maskedId)) throw new RangeError('maskedId must be masked with maskIdForProof');
  if (!isMaskedName(payload.maskedName)) throw new RangeError('maskedName must be masked with maskName');
  if (Number.isNaN(payload.issuedAt.getTime())) throw new RangeError('issuedAt is an invalid Date');
  const wire: WirePayload = {
    v: PROOF_FORMAT_VERSION,
    k: keyId,
    t: payload.kind,
    r: reference,
    s: payload.serviceId,
    st: payload.state,
    n: payload.maskedName,
    id: payload.maskedId,
    at: payload.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  const checked = wireSchema.safeParse(wire);
  if (!checked.success) throw new RangeError(`Invalid proof payload: ${checked.error.issues[0]?.path.join('.') ?? ''}`);
  return Buffer.from(JSON.stringify(wire), 'utf8');
}

/** A payload read from a token, and the id of the key it says signed it (null: a format-1 token, made before key ids). */
export interface DecodedProof {
  payload: ProofPayload;
  keyId: string | null;
}

/** The payload in signed bytes, or null when they are not a payload of this format (or of format 1). Never throws. */
export function decodeProofPayload(bytes: Buffer): DecodedProof | null {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  const current = wireSchema.safeParse(json);
  const legacy = current.success ? null : legacyWireSchema.safeParse(json);
  const wire = current.success ? current.data : legacy?.success ? legacy.data : null;
  if (!wire) return null;
  const issuedAt = new Date(wire.at);
  if (Number.isNaN(issuedAt.getTime()) || parseReference(wire.r) !== wire.r) return null;
  return {
    payload: { kind: wire.t, reference: wire.r, serviceId: wire.s, state: wire.st, maskedName: wire.n, maskedId: wire.id, issuedAt },
    keyId: 'k' in wire ? wire.k : null,
  };
}
