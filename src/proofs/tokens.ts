import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeProofPayload, encodeProofPayload, type ProofPayload } from './payload.js';
import { unescapePem } from '../kernel/pem.js';

/**
 * Proof tokens: `base64url(payload JSON) + '.' + base64url(Ed25519 signature)`, the signature
 * over the exact payload bytes. No header and no algorithm field: there is one algorithm, so
 * nothing in a token can talk a verifier into another (the JWT "alg" confusions). The payload
 * names the key that signed it (`k`, a fingerprint of the public key), so the signing key can
 * rotate while papers printed under the earlier keys keep verifying (ADR 0011).
 * See docs/proofs.md for the format, the key handling and offline verification.
 */

/** Longer than any token we make (about 450 characters); anything longer is refused unread. */
export const MAX_TOKEN_LENGTH = 2048;
const SIGNATURE_BYTES = 64;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * What a verifier says of a code: genuine (and which key signed it); signed, it says, by a key
 * this verifier does not hold (never issued here, or retired and then removed); or not genuine.
 */
export type ProofCheck =
  | { status: 'genuine'; payload: ProofPayload; keyId: string }
  | { status: 'unknown_key'; keyId: string }
  | { status: 'invalid' };

/** A public key a verifier holds, as published for offline checks (GET /.well-known/tayseer-keys.json). */
export interface PublishedProofKey {
  keyId: string;
  /** `current` signs new proofs; `retired` only verifies the proofs printed before a rotation. */
  status: 'current' | 'retired';
  publicKeyPem: string;
}

export interface ProofVerifier {
  /** The payload of a genuine token, or null for anything else. Never throws. */
  verify(code: string): ProofPayload | null;
  /** The verdict with its reason, for a verify page that says why. Never throws. */
  check(code: string): ProofCheck;
  /** Every public key this verifier accepts, the current one first. */
  readonly keys: readonly PublishedProofKey[];
}

export interface ProofSigner extends ProofVerifier {
  sign(payload: ProofPayload): string;
  /** The public key (SPKI PEM) that verifies this signer's tokens: publish it, keep it after a rotation. */
  readonly publicKeyPem: string;
  /** The id of the current key, written into every token it signs. */
  readonly keyId: string;
}

export interface ProofSignerOptions {
  /**
   * The private key, PKCS#8 PEM (e.g. from PROOF_SIGNING_KEY). Wins over keyFile. A PEM whose
   * line breaks were written as `\n` (as some secret stores and .env files keep them) is accepted.
   */
  privateKeyPem?: string | undefined;
  /** A PEM file holding the private key, created with a new key on first use. */
  keyFile?: string | undefined;
  /** Public keys (SPKI PEM) of earlier signing keys, so the QR codes they signed keep verifying. */
  previousPublicKeysPem?: readonly string[] | undefined;
}

/**
 * A key's id: the first 12 base64url characters of the SHA-256 of its public key (SPKI DER).
 * Derived, not chosen, so a setting can never label a key with another key's id.
 */
export function proofKeyId(key: KeyObject | string): string {
  const publicKey = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 12);
}

/** The file under DATA_DIR that holds the signing key when PROOF_SIGNING_KEY is not set. */
export function defaultProofKeyFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'proof-signing-key.pem');
}

function assertEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${what} is a ${key.asymmetricKeyType ?? key.type} key; proofs need an Ed25519 key`);
  }
  return key;
}

function privateKeyFromPem(pem: string, what: string): KeyObject {
  return assertEd25519(createPrivateKey({ key: unescapePem(pem), format: 'pem' }), what);
}

/**
 * The Ed25519 private key in `keyFile`; when there is no such file, a new key written there
 * (mode 600, directory created). Two processes starting at once end up with the same key: the
 * new key is written to a private temporary file and linked into place, which fails if the
 * other process got there first, and then its key is read.
 */
export function loadOrCreateSigningKey(keyFile: string): KeyObject {
  const existing = readKeyFile(keyFile);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const temporary = `${keyFile}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temporary, pem, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, keyFile);
    return privateKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readKeyFile(keyFile) ?? privateKey;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function readKeyFile(keyFile: string): KeyObject | null {
  let pem: string;
  try {
    pem = fs.readFileSync(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return privateKeyFromPem(pem, `The key file ${keyFile}`);
}

/** base64url bytes, or null unless `text` is exactly the canonical encoding of them (no other spelling verifies). */
function strictBase64url(text: string): Buffer | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/** The keys a verifier holds, by id; the first is the current one (or, for a bare verifier, simply the first). */
type Keyring = ReadonlyMap<string, KeyObject>;

function keyringOf(keys: readonly KeyObject[]): Keyring {
  const ring = new Map<string, KeyObject>();
  for (const key of keys) ring.set(proofKeyId(key), key);
  return ring;
}

function publishedKeys(ring: Keyring, hasCurrent: boolean): PublishedProofKey[] {
  return [...ring].map(([keyId, key], i) => ({
    keyId,
    status: hasCurrent && i === 0 ? 'current' : 'retired',
    publicKeyPem: key.export({ type: 'spki', format: 'pem' }) as string,
  }));
}

/** Verifies tokens with public keys only: what an independent checker needs. */
export function createProofVerifier(publicKeysPem: readonly string[]): ProofVerifier {
  const keys = publicKeysPem.map((pem, i) => assertEd25519(createPublicKey(pem), `Public key ${i + 1}`));
  if (keys.length === 0) throw new Error('createProofVerifier needs at least one public key');
  const ring = keyringOf(keys);
  const check = (code: string) => checkWith(ring, code);
  return { check, verify: (code) => payloadOf(check(code)), keys: publishedKeys(ring, false) };
}

function payloadOf(result: ProofCheck): ProofPayload | null {
  return result.status === 'genuine' ? result.payload : null;
}

/**
 * The key is looked up by the id the payload names; a format-1 token (made before key ids) is
 * tried with every key held, which is what "the key that signed it" means for those. The payload
 * is parsed (size-bounded, schema-checked) before its signature is checked, only to read that id.
 */
function checkWith(ring: Keyring, code: unknown): ProofCheck {
  const invalid: ProofCheck = { status: 'invalid' };
  if (typeof code !== 'string' || code.length === 0 || code.length > MAX_TOKEN_LENGTH) return invalid;
  const parts = code.split('.');
  if (parts.length !== 2) return invalid;
  const payloadBytes = strictBase64url(parts[0]!);
  const signature = strictBase64url(parts[1]!);
  if (!payloadBytes || !signature || signature.length !== SIGNATURE_BYTES) return invalid;
  const decoded = decodeProofPayload(payloadBytes);
  if (!decoded) return invalid;
  const signedBy = (key: KeyObject) => {
    try {
      return verify(null, payloadBytes, key, signature);
    } catch {
      return false;
    }
  };
  if (decoded.keyId !== null) {
    const key = ring.get(decoded.keyId);
    if (!key) return { status: 'unknown_key', keyId: decoded.keyId };
    return signedBy(key) ? { status: 'genuine', payload: decoded.payload, keyId: decoded.keyId } : invalid;
  }
  for (const [keyId, key] of ring) {
    if (signedBy(key)) return { status: 'genuine', payload: decoded.payload, keyId };
  }
  return invalid;
}

/**
 * The signer of proof tokens. Its key is `privateKeyPem` when given, else the one in `keyFile`
 * (created on first use). Throws at once on a key that is missing, unreadable or not Ed25519:
 * call it at start-up, so a bad key stops the server instead of the first print.
 */
export function createProofSigner(options: ProofSignerOptions): ProofSigner {
  const pem = options.privateKeyPem?.trim();
  let privateKey: KeyObject;
  if (pem) privateKey = privateKeyFromPem(pem, 'The proof signing key');
  else if (options.keyFile) privateKey = loadOrCreateSigningKey(options.keyFile);
  else throw new Error('createProofSigner needs privateKeyPem or keyFile');

  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const keyId = proofKeyId(publicKey);
  const previous = (options.previousPublicKeysPem ?? []).map((p, i) => assertEd25519(createPublicKey(p), `Previous public key ${i + 1}`));
  // The current key first: a retired copy of the current key (listed again by mistake) adds nothing.
  const ring = keyringOf([publicKey, ...previous]);
  const check = (code: string) => checkWith(ring, code);
  return {
    publicKeyPem,
    keyId,
    keys: publishedKeys(ring, true),
    sign(payload) {
      const bytes = encodeProofPayload(payload, keyId);
      return `${bytes.toString('base64url')}.${sign(null, bytes, privateKey).toString('base64url')}`;
    },
    check,
    verify: (code) => payloadOf(check(code)),
  };
}
