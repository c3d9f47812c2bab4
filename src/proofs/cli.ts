import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../cli/command.js';
import { defaultRetiredKeysDir, proofSignerFor } from './from-config.js';
import { defaultProofKeyFile, loadOrCreateSigningKey, proofKeyId } from './tokens.js';
import { unescapePem } from '../kernel/pem.js';

/**
 * `tayseer proofs keys` prints the keys the verify page accepts; `tayseer proofs rotate-key`
 * rotates the key file under DATA_DIR, keeping the old public key for verification (ADR 0011).
 */

export const proofsKeysCommand: Command = {
  name: 'proofs keys',
  summary: 'Print the proof signing key ids and public keys: the current one and the retired ones that still verify.',
  usage: 'tayseer proofs keys',
  options: {},
  run: async ({ config, terminal }) => {
    const signer = proofSignerFor(config());
    for (const key of signer.keys) terminal.out(`${key.keyId}  ${key.status}\n${key.publicKeyPem.trim()}`);
    return 0;
  },
};

export const proofsRotateKeyCommand: Command = {
  name: 'proofs rotate-key',
  summary: 'Make a new proof signing key file under DATA_DIR; the old public key is kept in DATA_DIR/keys/retired so printed QR codes stay valid.',
  usage: 'tayseer proofs rotate-key',
  options: {},
  run: async ({ config, terminal }) => {
    const cfg = config();
    if (cfg.proofSigningKey) {
      const old = createPublicKey(unescapePem(cfg.proofSigningKey));
      terminal.err(
        [
          'PROOF_SIGNING_KEY is set, so the key lives in your secret store; rotate it there:',
          '  1. make a new key: openssl genpkey -algorithm ed25519',
          `  2. keep the old public key (id ${proofKeyId(old)}, below) in PROOF_VERIFY_KEYS or as a .pem file in PROOF_RETIRED_KEYS_DIR`,
          '  3. set PROOF_SIGNING_KEY to the new key and restart every node',
          (old.export({ type: 'spki', format: 'pem' }) as string).trim(),
        ].join('\n'),
      );
      return 1;
    }
    const { retired, current } = rotateKeyFile(cfg.dataDir, cfg.proofRetiredKeysDir ?? defaultRetiredKeysDir(cfg.dataDir));
    terminal.out(`Retired key ${retired.keyId}: it verifies the proofs it signed (${retired.file}).`);
    terminal.out(`New signing key ${current}. Restart the server to sign with it.`);
    return 0;
  },
};

/**
 * Writes the public half of the key in DATA_DIR/keys/proof-signing-key.pem to `retiredDir` as
 * `<key id>.pem`, then replaces the key file with a new key (written aside and renamed, so a
 * reader sees the old key or the new one, never half of one).
 */
export function rotateKeyFile(dataDir: string, retiredDir: string): { retired: { keyId: string; file: string }; current: string } {
  const keyFile = defaultProofKeyFile(dataDir);
  const old = loadOrCreateSigningKey(keyFile);
  const oldId = proofKeyId(old);
  fs.mkdirSync(retiredDir, { recursive: true, mode: 0o700 });
  const retiredFile = path.join(retiredDir, `${oldId}.pem`);
  fs.writeFileSync(retiredFile, createPublicKey(old).export({ type: 'spki', format: 'pem' }) as string, { mode: 0o644 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const temporary = `${keyFile}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temporary, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600, flag: 'wx' });
  fs.renameSync(temporary, keyFile);
  return { retired: { keyId: oldId, file: retiredFile }, current: proofKeyId(privateKey) };
}
