import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../config.js';
import { createProofSigner, defaultProofKeyFile, type ProofSigner } from './tokens.js';

type ProofConfig = Pick<Config, 'env' | 'dataDir' | 'proofSigningKey' | 'proofVerifyKeys' | 'proofRetiredKeysDir' | 'demoModeForcedInProduction'>;

/**
 * The platform's signer: PROOF_SIGNING_KEY when set; in tests a key of the process (nothing
 * written); otherwise a key file under DATA_DIR, made on the first start and kept (never in
 * production, unless demo mode was forced on there). It also verifies with the retired keys:
 * PROOF_VERIFY_KEYS and every `*.pem` public key in the retired-keys directory (ADR 0011).
 */
export function proofSignerFor(config: ProofConfig): ProofSigner {
  const previousPublicKeysPem = [...config.proofVerifyKeys, ...retiredPublicKeys(config.proofRetiredKeysDir)];
  if (config.proofSigningKey) return createProofSigner({ privateKeyPem: config.proofSigningKey, previousPublicKeysPem });
  if (config.env === 'test') {
    const { privateKey } = generateKeyPairSync('ed25519');
    return createProofSigner({ privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, previousPublicKeysPem });
  }
  if (config.env === 'production' && !config.demoModeForcedInProduction) {
    // loadConfig refuses this already; kept so no other caller can make a key file in production.
    throw new ConfigError('Missing setting PROOF_SIGNING_KEY: production does not create a proof signing key file');
  }
  return createProofSigner({ keyFile: defaultProofKeyFile(config.dataDir), previousPublicKeysPem });
}

/** The directory of retired public keys under DATA_DIR, where `tayseer proofs rotate-key` puts them. */
export function defaultRetiredKeysDir(dataDir: string): string {
  return path.join(dataDir, 'keys', 'retired');
}

/**
 * The public keys (SPKI PEM) in `dir`, one per `*.pem` file, in name order; none when there is
 * no such directory. A private key there is refused: a retired key only verifies.
 */
export function retiredPublicKeys(dir: string | undefined): string[] {
  if (!dir) return [];
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith('.pem')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.map((name) => {
    const file = path.join(dir, name);
    const pem = fs.readFileSync(file, 'utf8');
    if (pem.includes('PRIVATE KEY')) throw new ConfigError(`Invalid retired proof key ${file}: it holds a private key; the retired keys directory takes public keys only (openssl pkey -pubout)`);
    let key;
    try {
      key = createPublicKey(pem);
    } catch {
      throw new ConfigError(`Invalid retired proof key ${file}: expected an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----)`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`Invalid retired proof key ${file}: it is a ${key.asymmetricKeyType ?? 'unknown'} key; proofs need Ed25519 keys`);
    return pem;
  });
}
