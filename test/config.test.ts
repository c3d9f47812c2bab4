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
    assert.equal(loadConfig({ NODE_ENV: 'production' }).demoMode, false);
  });

  it('needs a second, explicit setting to run demo mode in production', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'on' }), /DEMO_MODE_IN_PRODUCTION/);
    const forced = loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'on', DEMO_MODE_IN_PRODUCTION: 'I-UNDERSTAND-THIS-EXPOSES-DEMO-DATA' });
    assert.equal(forced.demoMode, true);
    assert.equal(forced.demoModeForcedInProduction, true);
  });
});
