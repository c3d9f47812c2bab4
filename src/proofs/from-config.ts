import { generateKeyPairSync } from 'node:crypto';
import type { Config } from '../config.js';
import { createProofSigner, defaultProofKeyFile, type ProofSigner } from './tokens.js';

/**
 * The platform's signer: PROOF_SIGNING_KEY when set; in tests a key of the process (nothing
 * written); otherwise a key file under DATA_DIR, made on the first start and kept.
 */
export function proofSignerFor(config: Pick<Config, 'env' | 'dataDir' | 'proofSigningKey'>): ProofSigner {
  if (config.proofSigningKey) return createProofSigner({ privateKeyPem: config.proofSigningKey });
  if (config.env === 'test') {
    const { privateKey } = generateKeyPairSync('ed25519');
    return createProofSigner({ privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string });
  }
  return createProofSigner({ keyFile: defaultProofKeyFile(config.dataDir) });
}
