import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { loadOrCreateSigningKey } from '../proofs/index.js';
import { unescapePem } from '../kernel/pem.js';

/**
 * The audit log's own Ed25519 key, which signs its checkpoints (ADR 0009). It is not the proof
 * key: a leaked proof key must not let anyone vouch for a rewritten audit log, and the two are
 * rotated on their own schedules. A key is named by its id: the first 16 hex digits of the
 * SHA-256 of its public key (SPKI DER), printed in every checkpoint.
 */

export interface AuditKeyring {
  /** True when `signature` (base64url) over `message` verifies with the public key named `keyId`; null when no such key is known. */
  verify(keyId: string, message: Buffer, signature: string): boolean | null;
  readonly keyIds: readonly string[];
}

export interface AuditSigner extends AuditKeyring {
  readonly keyId: string;
  readonly publicKeyPem: string;
  /** base64url Ed25519 signature of `message`. */
  sign(message: Buffer): string;
}

/** The file under DATA_DIR that holds the audit key when AUDIT_SIGNING_KEY is not set. */
export function defaultAuditKeyFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'audit-signing-key.pem');
}

export function auditKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

function assertEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${what} is a ${key.asymmetricKeyType ?? key.type} key; audit checkpoints need an Ed25519 key`);
  return key;
}


/** Every `-----BEGIN PUBLIC KEY-----` block in `text` (AUDIT_PREVIOUS_PUBLIC_KEYS). */
export function publicKeysFromPem(text: string | undefined): KeyObject[] {
  const blocks = unescapePem(text ?? '').match(/-----BEGIN PUBLIC KEY-----[^-]+-----END PUBLIC KEY-----/g) ?? [];
  return blocks.map((pem, i) => assertEd25519(createPublicKey(pem), `Previous audit public key ${i + 1}`));
}

function keyringOf(publicKeys: readonly KeyObject[]): AuditKeyring {
  const byId = new Map(publicKeys.map((key) => [auditKeyId(key), key]));
  return {
    keyIds: [...byId.keys()],
    verify(keyId, message, signature) {
      const key = byId.get(keyId);
      if (!key) return null;
      const bytes = Buffer.from(signature, 'base64url');
      if (bytes.length !== 64 || bytes.toString('base64url') !== signature) return false;
      try {
        return verify(null, message, key, bytes);
      } catch {
        return false;
      }
    },
  };
}

export function createAuditSigner(privateKey: KeyObject, previousPublicKeys: readonly KeyObject[] = []): AuditSigner {
  assertEd25519(privateKey, 'The audit signing key');
  const publicKey = createPublicKey(privateKey);
  const keyring = keyringOf([publicKey, ...previousPublicKeys]);
  return {
    ...keyring,
    keyId: auditKeyId(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    sign: (message) => sign(null, message, privateKey).toString('base64url'),
  };
}

type AuditKeyConfig = Pick<Config, 'env' | 'dataDir' | 'audit'>;

/**
 * The signer of checkpoints, as the proof signer is chosen: AUDIT_SIGNING_KEY when set; in
 * tests a key of the process (nothing written); otherwise a key file under DATA_DIR/keys, made
 * on first use and kept. Throws on a key that is unreadable or not Ed25519: call it at start-up.
 */
export function auditSignerFor(config: AuditKeyConfig): AuditSigner {
  const previous = publicKeysFromPem(config.audit.previousPublicKeys);
  if (config.audit.signingKey) return createAuditSigner(createPrivateKey(unescapePem(config.audit.signingKey.trim())), previous);
  if (config.env === 'test') return createAuditSigner(generateKeyPairSync('ed25519').privateKey, previous);
  return createAuditSigner(loadOrCreateSigningKey(defaultAuditKeyFile(config.dataDir)), previous);
}

/**
 * The public keys `audit verify` trusts: those of AUDIT_SIGNING_KEY or of the key file (never
 * created here: verifying writes nothing) and AUDIT_PREVIOUS_PUBLIC_KEYS. Never the keys of the
 * checkpoints table: whoever can write the table could put a key of their own there.
 */
export function auditKeyringFor(config: AuditKeyConfig): AuditKeyring {
  const previous = publicKeysFromPem(config.audit.previousPublicKeys);
  if (config.audit.signingKey) return auditSignerFor(config);
  const keyFile = defaultAuditKeyFile(config.dataDir);
  if (fs.existsSync(keyFile)) return createAuditSigner(loadOrCreateSigningKey(keyFile), previous);
  return keyringOf(previous);
}
