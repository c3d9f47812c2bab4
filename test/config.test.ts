import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.demoMode, true);
    assert.equal(config.databaseUrl, undefined);
    assert.ok(Object.isFrozen(config));
  });

  it('stops on a bad value with one line naming the variable and what it expects', () => {
    assert.throws(() => loadConfig({ PORT: 'http' }), (e: Error) => e instanceof ConfigError && /^Invalid setting PORT="http": expected a port number\.$/.test(e.message));
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL.*postgres:\/\//);
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL.*expected fatal/);
    assert.throws(() => loadConfig({ PORT: '70000' }), /PORT.*between 0 and 65535/);
  });

  it('turns demo mode off in production', () => {
    // Everything production needs (test/config-production.test.ts checks each of these).
    const real = {
      SMS_PROVIDER: 'http', SMS_HTTP_URL: 'https://sms.example.gov/send', EMAIL_PROVIDER: 'smtp', SMTP_URL: 'smtps://mail.example.gov', EMAIL_FROM: 'Tayseer <no-reply@tayseer.gov.sa>',
      PUBLIC_URL: 'https://tayseer.gov.sa', PROOF_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----', AUDIT_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----', CARD_GATEWAY: 'none', BANK_PARTNER_SECRETS: 'alrajhi:0123456789abcdef0123', METRICS_TOKEN: 'm'.repeat(32),
    };
    assert.equal(loadConfig({ NODE_ENV: 'production', ...real }).demoMode, false);
  });

  it('refuses demo message providers in production, and real ones without their address', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /^ {2}- Invalid setting SMS_PROVIDER="demo" \(the default\): production needs a real SMS gateway/m);
    assert.throws(() => loadConfig({ SMS_PROVIDER: 'http' }), /SMS_HTTP_URL/);
    assert.throws(() => loadConfig({ EMAIL_PROVIDER: 'smtp' }), /SMTP_URL/);
    assert.throws(() => loadConfig({ BANK_PARTNER_SECRETS: 'bank:short' }), /BANK_PARTNER_SECRETS.*16 characters/);
    assert.deepEqual(loadConfig({ BANK_PARTNER_SECRETS: 'alrajhi:0123456789abcdef0123' }).bankPartnerSecrets, { alrajhi: '0123456789abcdef0123' });
  });

  it('needs a second, explicit setting to run demo mode in production', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'on' }), /DEMO_MODE_IN_PRODUCTION/);
    const forced = loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'on', DEMO_MODE_IN_PRODUCTION: 'I-UNDERSTAND-THIS-EXPOSES-DEMO-DATA' });
    assert.equal(forced.demoMode, true);
    assert.equal(forced.demoModeForcedInProduction, true);
  });
});
