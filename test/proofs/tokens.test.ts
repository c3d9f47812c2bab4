import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  MAX_TOKEN_LENGTH,
  createProofSigner,
  createProofVerifier,
  defaultProofKeyFile,
  loadOrCreateSigningKey,
  maskIdForProof,
  maskName,
  type ProofPayload,
} from '../../src/proofs/index.js';
import { aProofPayload, nationalId, newPem, tempDir } from './support.js';



const payload: ProofPayload = aProofPayload('2026-11-23T16:08:09.123Z');

/** One character of base64url text replaced by another, so the text stays well-formed. */
function changeCharAt(text: string, index: number): string {
  const c = text[index]!;
  return text.slice(0, index) + (c === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

describe('masking for proofs', () => {
  it('keeps the first name and the initials of the others', () => {
    assert.equal(maskName('عبدالله محمد العتيبي'), 'عبدالله م*** ا***');
    assert.equal(maskName('  Abdullah   Mohammed Alotaibi '), 'Abdullah M*** A***');
    assert.equal(maskName('Madonna'), 'Madonna');
    assert.equal(maskName(''), '');
  });

  it('keeps the first digit and the last three of an identity number', () => {
    assert.equal(maskIdForProof(nationalId), `1******${nationalId.slice(-3)}`);
    assert.throws(() => maskIdForProof('12345'), RangeError);
  });
});

describe('proof tokens', () => {
  const signer = createProofSigner({ privateKeyPem: newPem() });

  it('verify what was signed, with the masked facts and the time to the second', () => {
    const token = signer.sign(payload);
    assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    assert.ok(token.length < 420, `token of ${token.length} characters`);
    assert.deepEqual(signer.verify(token), {
      kind: 'request',
      reference: 'TR7K4M9QXPE',
      serviceId: 'civil-affairs.national-id.replace-lost',
      state: 'printing',
      maskedName: 'عبدالله م*** ا***',
      maskedId: `1******${nationalId.slice(-3)}`,
      issuedAt: new Date('2026-11-23T16:08:09Z'),
    });
    const json = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['v', 'k', 't', 'r', 's', 'st', 'n', 'id', 'at']);
    assert.equal(json.v, 2);
    assert.equal(json.k, signer.keyId);
    assert.equal(json.at, '2026-11-23T16:08:09Z');
  });

  it('refuse a token whose payload or signature was changed anywhere', () => {
    const token = signer.sign(payload);
    const dot = token.indexOf('.');
    for (let i = 0; i < token.length; i++) {
      if (i === dot) continue;
      assert.equal(signer.verify(changeCharAt(token, i)), null, `character ${i} changed`);
    }
  });

  it('refuse a payload that was re-encoded, re-signed by another key, or swapped with another token', () => {
    const token = signer.sign(payload);
    const [body, signature] = token.split('.') as [string, string];
    const json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forgedBody = Buffer.from(JSON.stringify({ ...json, st: 'completed' })).toString('base64url');
    assert.equal(signer.verify(`${forgedBody}.${signature}`), null);

    const other = createProofSigner({ privateKeyPem: newPem() });
    assert.equal(signer.verify(other.sign(payload)), null);
    assert.equal(other.verify(token), null);

    const second = signer.sign({ ...payload, state: 'completed' });
    assert.equal(signer.verify(`${second.split('.')[0]}.${signature}`), null);
  });

  it('refuse truncated, padded, garbage, empty and very long input without throwing', () => {
    const token = signer.sign(payload);
    const refused: unknown[] = [
      token.slice(0, -1),
      token.slice(1),
      token.slice(0, token.indexOf('.')),
      token.slice(0, token.indexOf('.') + 1),
      `${token}=`,
      `${token}.`,
      `${token}.${token.split('.')[1]}`,
      ` ${token}`,
      token.replace('.', '..'),
      '',
      '.',
      'garbage',
      'a.b',
      '%%%.%%%',
      'eyJ2IjoxfQ.' + 'A'.repeat(86),
      'x'.repeat(MAX_TOKEN_LENGTH + 1),
      `${token}${'A'.repeat(100_000)}`,
      undefined,
      null,
      42,
      {},
    ];
    for (const input of refused) {
      assert.equal(signer.verify(input as string), null, `accepted ${String(input).slice(0, 40)}`);
    }
  });

  it('will not sign what would leak an unmasked name or ID', () => {
    assert.throws(() => signer.sign({ ...payload, maskedId: nationalId }), RangeError);
    assert.throws(() => signer.sign({ ...payload, maskedName: 'عبدالله محمد' }), RangeError);
    assert.throws(() => signer.sign({ ...payload, reference: 'TR-7K4M-9QXP-F' }), RangeError);
    assert.throws(() => signer.sign({ ...payload, issuedAt: new Date(Number.NaN) }), RangeError);
  });

  it('verify offline with the public key alone, and with a previous key kept after a rotation', () => {
    const token = signer.sign(payload);
    assert.deepEqual(createProofVerifier([signer.publicKeyPem]).verify(token), signer.verify(token));
    const rotated = createProofSigner({ privateKeyPem: newPem(), previousPublicKeysPem: [signer.publicKeyPem] });
    assert.notEqual(signer.verify(token), null);
    assert.deepEqual(rotated.verify(token), signer.verify(token));
    assert.equal(createProofSigner({ privateKeyPem: newPem() }).verify(token), null, 'without the old key, old codes fail');
  });

  it('refuse keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    assert.throws(() => createProofSigner({ privateKeyPem: rsa }), /Ed25519/);
    assert.throws(() => createProofSigner({}), /privateKeyPem or keyFile/);
    assert.throws(() => createProofSigner({ privateKeyPem: 'not a key' }));
  });
});

describe('the signing key', () => {
  it('is created once in the key file, mode 600, and reused', () => {
    const keyFile = defaultProofKeyFile(path.join(tempDir(), 'data'));
    const first = createProofSigner({ keyFile });
    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
    const pem = fs.readFileSync(keyFile, 'utf8');
    assert.match(pem, /^-----BEGIN PRIVATE KEY-----/);
    const second = createProofSigner({ keyFile });
    assert.equal(second.publicKeyPem, first.publicKeyPem);
    assert.equal(fs.readFileSync(keyFile, 'utf8'), pem);
    assert.notEqual(second.verify(first.sign(payload)), null);
    assert.deepEqual(fs.readdirSync(path.dirname(keyFile)), ['proof-signing-key.pem'], 'no temporary file left');
    assert.equal(
      loadOrCreateSigningKey(keyFile).export({ type: 'pkcs8', format: 'pem' }),
      pem,
    );
  });

  it('comes from the PEM string when there is one, and then no file is written', () => {
    const keyFile = path.join(tempDir(), 'keys', 'proof.pem');
    const fromFile = createProofSigner({ keyFile });
    const pem = newPem();
    const fromPem = createProofSigner({ privateKeyPem: pem, keyFile });
    assert.notEqual(fromPem.publicKeyPem, fromFile.publicKeyPem);
    assert.equal(fromPem.publicKeyPem, createProofSigner({ privateKeyPem: pem }).publicKeyPem);

    const unused = path.join(tempDir(), 'never', 'proof.pem');
    createProofSigner({ privateKeyPem: pem, keyFile: unused });
    assert.equal(fs.existsSync(unused), false);
  });

  it('accepts a PEM whose line breaks were written as \\n, as .env files keep them', () => {
    const pem = newPem();
    const flattened = pem.trim().replace(/\n/g, '\\n');
    assert.equal(createProofSigner({ privateKeyPem: flattened }).publicKeyPem, createProofSigner({ privateKeyPem: pem }).publicKeyPem);
  });

  it('stops start-up on a key file that holds no usable key', () => {
    const keyFile = path.join(tempDir(), 'proof.pem');
    fs.writeFileSync(keyFile, 'oops', { mode: 0o600 });
    assert.throws(() => createProofSigner({ keyFile }));
  });
});
