import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';

/** CARD_GATEWAY and CARD_GATEWAY_SECRET (the rest of the configuration: test/config.test.ts). */
describe('card gateway configuration', () => {
  const realMessaging = { SMS_PROVIDER: 'http', SMS_HTTP_URL: 'https://sms.example/send', EMAIL_PROVIDER: 'smtp', SMTP_URL: 'smtps://mail.example' };
  // The rest of what production needs (test/config-production.test.ts).
  const productionRest = { EMAIL_FROM: 'no-reply@tayseer.gov.sa', PUBLIC_URL: 'https://tayseer.gov.sa', PROOF_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----', AUDIT_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----', BANK_PARTNER_SECRETS: 'alrajhi:0123456789abcdef0123', METRICS_TOKEN: 'm'.repeat(32) };
  const forcedDemo = { NODE_ENV: 'production', DEMO_MODE: 'on', DEMO_MODE_IN_PRODUCTION: 'I-UNDERSTAND-THIS-EXPOSES-DEMO-DATA' };

  it('uses the sandbox with a fixed development secret by default outside production', () => {
    const config = loadConfig({});
    assert.equal(config.cardGateway, 'sandbox');
    assert.ok(config.cardGatewaySecret.length >= 32);
    assert.equal(loadConfig({ NODE_ENV: 'test' }).cardGatewaySecret, config.cardGatewaySecret, 'the same everywhere in development');
    assert.equal(loadConfig({ CARD_GATEWAY_SECRET: 'x'.repeat(32) }).cardGatewaySecret, 'x'.repeat(32));
  });

  it('refuses an unknown gateway and a short secret, naming the variable', () => {
    assert.throws(() => loadConfig({ CARD_GATEWAY: 'stripe' }), (e: Error) => e instanceof ConfigError && /^Invalid setting CARD_GATEWAY="stripe": expected sandbox/.test(e.message));
    assert.throws(() => loadConfig({ CARD_GATEWAY_SECRET: 'short' }), (e: Error) => e instanceof ConfigError && /^Invalid setting CARD_GATEWAY_SECRET="short": expected a secret of at least 32 characters\.$/.test(e.message));
  });

  it('refuses the sandbox in production unless demo mode is on; production without a setting refuses to start', () => {
    const production = { NODE_ENV: 'production', ...realMessaging, ...productionRest };
    assert.throws(() => loadConfig({ ...production, CARD_GATEWAY: 'sandbox', CARD_GATEWAY_SECRET: 'z'.repeat(32) }), (e: Error) => e instanceof ConfigError && /^Invalid setting CARD_GATEWAY="sandbox": .*test cards only.*production needs a real card acquirer/.test(e.message));
    assert.throws(() => loadConfig(production), (e: Error) => e instanceof ConfigError && /^Missing setting CARD_GATEWAY: .*CARD_GATEWAY=none/.test(e.message), 'card payments are never off silently');
    assert.equal(loadConfig({ ...production, CARD_GATEWAY: 'none' }).cardGateway, 'none', 'SADAD only, said out loud');
    assert.equal(loadConfig({ CARD_GATEWAY: 'none' }).cardGateway, 'none');
    const demo = loadConfig({ ...forcedDemo });
    assert.equal(demo.cardGateway, 'sandbox');
  });

  it('in production never falls back to the published development secret', () => {
    const a = loadConfig({ ...forcedDemo });
    const b = loadConfig({ ...forcedDemo });
    assert.ok(a.cardGatewaySecret.length >= 32);
    assert.notEqual(a.cardGatewaySecret, loadConfig({}).cardGatewaySecret);
    assert.notEqual(a.cardGatewaySecret, b.cardGatewaySecret, 'random per process');
    assert.equal(loadConfig({ ...forcedDemo, CARD_GATEWAY_SECRET: 'y'.repeat(40) }).cardGatewaySecret, 'y'.repeat(40));
  });
});
