import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { withCheckDigit } from '../../src/kernel/national-id.js';
import { proofPayloadFor, type ProofPayload } from '../../src/proofs/index.js';

/** What the proofs' tests share: key files in temporary folders, fresh keys, a proof's payload. */

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A folder of its own, removed when the test file ends. */
export function tempDir(prefix = 'tayseer-proofs-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A new Ed25519 private key, as PEM. */
export function newPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

export const nationalId = withCheckDigit('123456701');

/** A lost-ID request's proof, issued at `issuedAt`. */
export function aProofPayload(issuedAt: string): ProofPayload {
  return proofPayloadFor({
    kind: 'request',
    reference: 'TR-7K4M-9QXP-E',
    serviceId: 'civil-affairs.national-id.replace-lost',
    state: 'printing',
    name: 'عبدالله محمد العتيبي',
    nationalId,
    issuedAt: new Date(issuedAt),
  });
}
