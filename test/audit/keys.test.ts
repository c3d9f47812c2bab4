import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { auditKeyringFor, auditSignerFor, createAuditSigner, defaultAuditKeyFile } from '../../src/audit/index.js';
import { ConfigError, loadConfig } from '../../src/config.js';

const pem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const message = Buffer.from('checkpoint');

describe('the audit signing key', () => {
  it('comes from AUDIT_SIGNING_KEY, and earlier public keys from AUDIT_PREVIOUS_PUBLIC_KEYS', () => {
    const old = createAuditSigner(generateKeyPairSync('ed25519').privateKey);
    const config = loadConfig({ NODE_ENV: 'test', AUDIT_SIGNING_KEY: pem(), AUDIT_PREVIOUS_PUBLIC_KEYS: old.publicKeyPem });
    assert.equal(config.audit.checkpointMinutes, 60);
    const signer = auditSignerFor(config);
    assert.equal(signer.keyId, auditSignerFor(config).keyId, 'the same key each time');
    assert.match(signer.keyId, /^[0-9a-f]{16}$/);
    const keyring = auditKeyringFor(config);
    assert.deepEqual(keyring.keyIds, [signer.keyId, old.keyId]);
    assert.equal(keyring.verify(old.keyId, message, old.sign(message)), true, "a rotated key's checkpoints keep verifying");
    assert.equal(keyring.verify(signer.keyId, message, old.sign(message)), false);
    assert.equal(keyring.verify('0123456789abcdef', message, signer.sign(message)), null);
  });

  it('outside tests and without the setting, is a key file under DATA_DIR/keys made on first use, apart from the proof key', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tayseer-audit-key-'));
    try {
      const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir });
      assert.deepEqual(auditKeyringFor(config).keyIds, [], 'verifying creates no key');
      assert.equal(fs.existsSync(defaultAuditKeyFile(dir)), false);
      const signer = auditSignerFor(config);
      assert.equal(defaultAuditKeyFile(dir), path.join(dir, 'keys', 'audit-signing-key.pem'));
      assert.equal(fs.statSync(defaultAuditKeyFile(dir)).mode & 0o777, 0o600);
      assert.equal(auditSignerFor(config).keyId, signer.keyId, 'kept across starts');
      assert.deepEqual(auditKeyringFor(config).keyIds, [signer.keyId]);
      assert.equal(fs.existsSync(path.join(dir, 'keys', 'proof-signing-key.pem')), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses settings that are not keys, naming the variable', () => {
    assert.throws(() => loadConfig({ AUDIT_SIGNING_KEY: 'secret' }), (e: Error) => e instanceof ConfigError && /^Invalid setting AUDIT_SIGNING_KEY=.*PKCS#8 PEM/.test(e.message));
    assert.throws(() => loadConfig({ AUDIT_CHECKPOINT_MINUTES: '0' }), /^ConfigError: Invalid setting AUDIT_CHECKPOINT_MINUTES="0": expected at least 1\.$/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    assert.throws(() => auditSignerFor(loadConfig({ NODE_ENV: 'test', AUDIT_SIGNING_KEY: rsa })), /The audit signing key is a rsa key; audit checkpoints need an Ed25519 key/);
  });
});
