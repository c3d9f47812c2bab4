import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createProofSigner, defaultProofKeyFile, proofKeyId, proofSignerFor, rotateKeyFile, type ProofPayload } from '../../src/proofs/index.js';
import { testApp } from '../support/app.js';
import { aProofPayload, newPem, tempDir } from './support.js';

/** Signing keys rotate; the papers the old keys signed keep verifying (issue 15, item 7; ADR 0011). */


const publicOf = (privatePem: string) => createPublicKey(privatePem).export({ type: 'spki', format: 'pem' }) as string;

const payload: ProofPayload = aProofPayload('2026-11-23T16:08:09Z');

/** A token as the platform made them before key ids (format 1): the same payload without `k`. */
function legacyToken(privatePem: string): string {
  const bytes = Buffer.from(
    JSON.stringify({ v: 1, t: 'request', r: 'TR7K4M9QXPE', s: payload.serviceId, st: 'printing', n: payload.maskedName, id: payload.maskedId, at: '2026-11-23T16:08:09Z' }),
  );
  return `${bytes.toString('base64url')}.${sign(null, bytes, createPrivateKey(privatePem)).toString('base64url')}`;
}

const keyA = newPem();
const keyB = newPem();
const keyC = newPem();

describe('proof key rotation', () => {
  it('signs with the current key and names it; after a rotation the old token verifies and new ones are signed by the new key', () => {
    const a = createProofSigner({ privateKeyPem: keyA });
    const oldToken = a.sign(payload);
    assert.equal(a.check(oldToken).status, 'genuine');

    const b = createProofSigner({ privateKeyPem: keyB, previousPublicKeysPem: [publicOf(keyA)] });
    assert.deepEqual(b.check(oldToken), { status: 'genuine', payload: a.verify(oldToken), keyId: proofKeyId(keyA) });
    const newToken = b.sign(payload);
    assert.deepEqual(b.check(newToken), { status: 'genuine', payload: b.verify(newToken), keyId: proofKeyId(keyB) });
    assert.equal(b.keyId, proofKeyId(keyB));
    assert.equal(a.check(newToken).status, 'unknown_key', 'the old key does not verify what the new one signs');
    assert.deepEqual(
      b.keys.map((k) => [k.keyId, k.status]),
      [
        [proofKeyId(keyB), 'current'],
        [proofKeyId(keyA), 'retired'],
      ],
    );
  });

  it('verifies a token made before key ids with the key that signed it, and with no other', () => {
    const token = legacyToken(keyA);
    const rotated = createProofSigner({ privateKeyPem: keyB, previousPublicKeysPem: [publicOf(keyA)] });
    assert.deepEqual(rotated.check(token), { status: 'genuine', payload: createProofSigner({ privateKeyPem: keyA }).verify(token), keyId: proofKeyId(keyA) });
    assert.equal(createProofSigner({ privateKeyPem: keyB }).check(token).status, 'invalid');
  });

  it('answers "unknown key" for a token of a key it does not hold, and stops verifying a retired key once it is removed', () => {
    const stranger = createProofSigner({ privateKeyPem: keyC }).sign(payload);
    const b = createProofSigner({ privateKeyPem: keyB, previousPublicKeysPem: [publicOf(keyA)] });
    assert.deepEqual(b.check(stranger), { status: 'unknown_key', keyId: proofKeyId(keyC) });
    assert.equal(b.verify(stranger), null);

    const oldToken = createProofSigner({ privateKeyPem: keyA }).sign(payload);
    const withoutA = createProofSigner({ privateKeyPem: keyB });
    assert.deepEqual(withoutA.check(oldToken), { status: 'unknown_key', keyId: proofKeyId(keyA) });
    assert.equal(withoutA.check(legacyToken(keyA)).status, 'invalid');
  });

  it('refuses a token that names one key and carries the signature of another', () => {
    const a = createProofSigner({ privateKeyPem: keyA });
    const b = createProofSigner({ privateKeyPem: keyB, previousPublicKeysPem: [publicOf(keyA)] });
    const [bodyOfA] = a.sign(payload).split('.') as [string, string];
    const signedByB = sign(null, Buffer.from(bodyOfA, 'base64url'), createPrivateKey(keyB)).toString('base64url');
    assert.equal(b.check(`${bodyOfA}.${signedByB}`).status, 'invalid');
  });
});

describe('retired keys from the configuration', () => {
  it('takes PROOF_VERIFY_KEYS (PEMs, line breaks as \\n accepted) and refuses a private key there', () => {
    const flattened = [publicOf(keyA), publicOf(keyC)].join('').replace(/\n/g, '\\n');
    const config = loadConfig({ NODE_ENV: 'test', PROOF_SIGNING_KEY: keyB, PROOF_VERIFY_KEYS: flattened });
    const signer = proofSignerFor(config);
    assert.deepEqual(
      signer.keys.map((k) => k.keyId),
      [keyB, keyA, keyC].map((k) => proofKeyId(k)),
    );
    assert.ok(signer.verify(createProofSigner({ privateKeyPem: keyC }).sign(payload)));
    assert.throws(() => loadConfig({ PROOF_VERIFY_KEYS: keyA }), (e: Error) => e instanceof ConfigError && /^Invalid setting PROOF_VERIFY_KEYS=.*never a private key\.$/s.test(e.message));
    assert.throws(() => loadConfig({ PROOF_VERIFY_KEYS: 'not a key' }), /PROOF_VERIFY_KEYS/);
  });

  it('rotates the development key file, keeping its public key under DATA_DIR/keys/retired', () => {
    const dataDir = tempDir('tayseer-rotation-');
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
    assert.equal(config.proofRetiredKeysDir, path.join(dataDir, 'keys', 'retired'));
    const before = proofSignerFor(config);
    const oldToken = before.sign(payload);

    const { retired, current } = rotateKeyFile(dataDir, config.proofRetiredKeysDir!);
    assert.equal(retired.keyId, before.keyId);
    assert.ok(!fs.readFileSync(retired.file, 'utf8').includes('PRIVATE'), 'only the public key is kept');

    const afterRotation = proofSignerFor(config);
    assert.equal(afterRotation.keyId, current);
    assert.notEqual(current, before.keyId);
    assert.deepEqual(afterRotation.check(oldToken), { status: 'genuine', payload: before.verify(oldToken), keyId: before.keyId });
    assert.equal(JSON.parse(Buffer.from(afterRotation.sign(payload).split('.')[0]!, 'base64url').toString()).k, current);

    fs.rmSync(retired.file);
    assert.equal(proofSignerFor(config).check(oldToken).status, 'unknown_key', 'a retired key removed stops verifying');
  });

  it('refuses a private key in the retired directory, and never makes a key file in production', () => {
    const dataDir = tempDir('tayseer-rotation-');
    const retiredDir = path.join(dataDir, 'keys', 'retired');
    fs.mkdirSync(retiredDir, { recursive: true });
    fs.writeFileSync(path.join(retiredDir, 'leaked.pem'), keyA);
    assert.throws(() => proofSignerFor(loadConfig({ DATA_DIR: dataDir })), (e: Error) => e instanceof ConfigError && /leaked\.pem: it holds a private key/.test(e.message));

    const production = { ...loadConfig({ NODE_ENV: 'test', DATA_DIR: tempDir('tayseer-rotation-') }), env: 'production' as const };
    assert.throws(() => proofSignerFor(production), /PROOF_SIGNING_KEY/);
    assert.equal(fs.existsSync(defaultProofKeyFile(production.dataDir)), false);
  });
});

describe('published keys and the verify page', () => {
  it('publishes the current and retired public keys, enough to verify a paper offline', async () => {
    const { app } = await testApp({ env: { PROOF_SIGNING_KEY: keyB, PROOF_VERIFY_KEYS: publicOf(keyA) } });
    for (const url of ['/.well-known/tayseer-keys.json', '/api/v1/proofs/keys']) {
      const response = await app.inject({ url });
      assert.equal(response.statusCode, 200, url);
      const body = response.json() as { keys: { kid: string; status: string; publicKeyPem: string; jwk: { x: string; kty: string; crv: string } }[] };
      assert.deepEqual(
        body.keys.map((k) => [k.kid, k.status]),
        [
          [proofKeyId(keyB), 'current'],
          [proofKeyId(keyA), 'retired'],
        ],
      );
      // Offline: the token's `k` finds the key; the JWK alone checks the signature.
      const token = createProofSigner({ privateKeyPem: keyA }).sign(payload);
      const [body64, signature] = token.split('.') as [string, string];
      const kid = (JSON.parse(Buffer.from(body64, 'base64url').toString()) as { k: string }).k;
      const jwk = body.keys.find((k) => k.kid === kid)!.jwk;
      assert.ok(verify(null, Buffer.from(body64, 'base64url'), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(signature, 'base64url')));
    }
    const openapi = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    assert.ok(openapi.paths['/api/v1/proofs/keys']);
  });

  it('verifies an old paper after a rotation, and says plainly when a key is unknown', async () => {
    const { app } = await testApp({ env: { PROOF_SIGNING_KEY: keyB, PROOF_VERIFY_KEYS: publicOf(keyA) } });
    const old = await app.inject({ url: `/verify/${createProofSigner({ privateKeyPem: keyA }).sign(payload)}`, headers: { 'accept-language': 'en' } });
    assert.equal(old.statusCode, 200);
    assert.match(old.body, /The document is genuine/);

    const stranger = await app.inject({ url: `/verify/${createProofSigner({ privateKeyPem: keyC }).sign(payload)}`, headers: { 'accept-language': 'en' } });
    assert.equal(stranger.statusCode, 404);
    assert.match(stranger.body, /signed with a key the Tayseer platform does not accept/);
    assert.ok(stranger.body.includes(proofKeyId(keyC)));
    const arabic = await app.inject({ url: `/verify/${createProofSigner({ privateKeyPem: keyC }).sign(payload)}`, headers: { 'accept-language': 'ar' } });
    assert.match(arabic.body, /وُقّعت بمفتاح لا تعتمده منصة تيسير/);
  });
});
