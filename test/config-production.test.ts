import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';
import { safeProduction } from './support/production.js';

/** What production refuses: every missing or unsafe setting, named at once (issue 15, item 7). */

function without(...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(safeProduction).filter(([name]) => !names.includes(name)));
}

/** The message of the ConfigError loadConfig throws. */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail('loadConfig accepted the configuration');
}

/** The variables a refusal names, one per line. */
function named(message: string): string[] {
  return [...message.matchAll(/^(?: {2}- )?(?:Missing|Invalid) setting ([A-Z_]+)/gm)].map((m) => m[1]!);
}

describe('production configuration', () => {
  it('starts with every setting production needs', () => {
    const config = loadConfig(safeProduction);
    assert.equal(config.env, 'production');
    assert.equal(config.publicUrl, 'https://tayseer.gov.sa');
    assert.equal(config.cardGateway, 'none');
    assert.deepEqual(config.productionWarnings, []);
  });

  it('names every missing or unsafe setting in one block, not the first only', () => {
    const message = refusal({ NODE_ENV: 'production', COOKIE_SECURE: 'off', PORT: 'http' });
    assert.match(message, /^Tayseer will not start in production: 11 settings are missing, invalid or unsafe \(see docs\/configuration\.md\)\.\n/);
    assert.deepEqual(named(message).sort(), [
      'AUDIT_SIGNING_KEY',
      'BANK_PARTNER_SECRETS',
      'CARD_GATEWAY',
      'COOKIE_SECURE',
      'EMAIL_FROM',
      'EMAIL_PROVIDER',
      'METRICS_TOKEN',
      'PORT',
      'PROOF_SIGNING_KEY',
      'PUBLIC_URL',
      'SMS_PROVIDER',
    ]);
    assert.equal(message.split('\n').length, 12, 'a header and one line per setting');
  });

  it('says what each one needs', () => {
    const message = refusal({ NODE_ENV: 'production' });
    assert.match(message, /Missing setting PUBLIC_URL: production needs the https:\/\/ address .*QR codes.*OpenAPI servers/);
    assert.match(message, /Missing setting PROOF_SIGNING_KEY: .*Ed25519 private key.*does not create a key file/);
    assert.match(message, /Missing setting CARD_GATEWAY: production does not turn card payments off silently: set CARD_GATEWAY=none/);
    assert.match(message, /Missing setting BANK_PARTNER_SECRETS: /);
    assert.match(message, /Missing setting METRICS_TOKEN: \/metrics would be public: set METRICS_TOKEN .* or .* METRICS_PORT/);
    assert.match(message, /Invalid setting SMS_PROVIDER="demo" \(the default\)/);
    assert.match(message, /Invalid setting EMAIL_PROVIDER="demo" \(the default\)/);
  });

  it('refuses a public address on this machine, on a private network, or over plain http', () => {
    for (const url of [
      'http://localhost:3000',
      'https://localhost',
      'https://127.0.0.1',
      'https://127.8.9.1:8443',
      'https://[::1]',
      'https://[::ffff:127.0.0.1]',
      'https://10.1.2.3',
      'https://172.20.0.5',
      'https://192.168.1.10',
      'https://169.254.169.254',
      'https://0.0.0.0',
      'https://[fd12:3456::1]',
      'https://[fe80::1]',
      'https://tayseer.localhost',
      'https://tayseer.internal',
      'https://tayseer',
    ]) {
      assert.match(refusal({ ...safeProduction, PUBLIC_URL: url }), /^Invalid setting PUBLIC_URL=".*": .* is a local or private address/, url);
    }
    assert.match(refusal({ ...safeProduction, PUBLIC_URL: 'http://tayseer.gov.sa' }), /^Invalid setting PUBLIC_URL="http:\/\/tayseer\.gov\.sa": production needs an https:\/\/ address/);
    assert.equal(loadConfig({ ...safeProduction, PUBLIC_URL: 'https://172.32.0.1/' }).publicUrl, 'https://172.32.0.1', 'a public address outside 172.16/12');
    assert.equal(loadConfig({ ...safeProduction, PUBLIC_URL: 'https://[2001:db8::1]' }).publicUrl, 'https://[2001:db8::1]');
  });

  it('needs a signing key, an explicit card choice, the card secret where a gateway is used, and the bank secrets', () => {
    assert.deepEqual(named(refusal(without('PROOF_SIGNING_KEY'))), ['PROOF_SIGNING_KEY']);
    assert.deepEqual(named(refusal(without('CARD_GATEWAY'))), ['CARD_GATEWAY']);
    assert.deepEqual(named(refusal(without('BANK_PARTNER_SECRETS'))), ['BANK_PARTNER_SECRETS']);
    assert.deepEqual(named(refusal({ ...safeProduction, CARD_GATEWAY: 'sandbox' })), ['CARD_GATEWAY', 'CARD_GATEWAY_SECRET']);
  });

  it('refuses insecure cookies, demo providers, a plain-http SMS gateway and a sender on a local domain', () => {
    assert.deepEqual(named(refusal({ ...safeProduction, COOKIE_SECURE: 'off' })), ['COOKIE_SECURE']);
    assert.deepEqual(named(refusal({ ...safeProduction, SMS_PROVIDER: 'demo' })), ['SMS_PROVIDER']);
    assert.deepEqual(named(refusal({ ...safeProduction, EMAIL_PROVIDER: 'demo' })), ['EMAIL_PROVIDER']);
    assert.deepEqual(named(refusal({ ...safeProduction, SMS_HTTP_URL: 'http://sms.example.gov/send' })), ['SMS_HTTP_URL']);
    assert.deepEqual(named(refusal(without('EMAIL_FROM'))), ['EMAIL_FROM']);
  });

  it('needs a metrics token or a metrics address of its own', () => {
    assert.deepEqual(named(refusal(without('METRICS_TOKEN'))), ['METRICS_TOKEN']);
    const separate = loadConfig({ ...without('METRICS_TOKEN'), METRICS_PORT: '9091' });
    assert.equal(separate.metricsPort, 9091);
    assert.equal(separate.metricsHost, '127.0.0.1');
    assert.equal(separate.metricsToken, undefined);
    assert.match(refusal({ ...safeProduction, METRICS_TOKEN: 'short' }), /^Invalid setting METRICS_TOKEN="short": expected a token of at least 32 characters\.$/);
    assert.match(refusal({ ...safeProduction, METRICS_PORT: '3000' }), /^Invalid setting METRICS_PORT="3000": expected a port other than PORT/);
  });

  it('keeps demo mode forced on in production starting as before, with the unsafe settings as warnings', () => {
    const forced = loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'on', DEMO_MODE_IN_PRODUCTION: 'I-UNDERSTAND-THIS-EXPOSES-DEMO-DATA' });
    assert.equal(forced.demoModeForcedInProduction, true);
    assert.equal(forced.cardGateway, 'sandbox');
    assert.deepEqual(forced.productionWarnings.map((line) => /setting ([A-Z_]+)/.exec(line)?.[1]), ['PUBLIC_URL', 'PROOF_SIGNING_KEY', 'AUDIT_SIGNING_KEY', 'METRICS_TOKEN']);
    // Without the second setting, demo mode is refused together with everything else.
    assert.ok(named(refusal({ NODE_ENV: 'production', DEMO_MODE: 'on' })).includes('DEMO_MODE'));
  });

  it('leaves development and tests as they were', () => {
    const development = loadConfig({});
    assert.equal(development.publicUrl, 'http://localhost:3000');
    assert.equal(development.metricsToken, undefined);
    assert.deepEqual(development.productionWarnings, []);
    assert.equal(loadConfig({ NODE_ENV: 'test', COOKIE_SECURE: 'off' }).cookieSecure, false);
  });

  it('names several bad formats at once outside production too', () => {
    const message = refusal({ PORT: 'http', LOG_LEVEL: 'loud' });
    assert.match(message, /^Tayseer will not start: 2 settings are missing, invalid or unsafe/);
    assert.deepEqual(named(message), ['PORT', 'LOG_LEVEL']);
  });
});
