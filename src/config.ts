import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting comes from the environment, is validated once, and is frozen.
 * A bad value stops start-up with one line naming the variable and what it expects.
 */

const bool = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'], { error: 'expected on/off, true/false, 1/0 or yes/no' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['1', 'true', 'on', 'yes'].includes(v)));

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole port number')
  .min(0, 'expected a port between 0 and 65535')
  .max(65535, 'expected a port between 0 and 65535');

const rawSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'expected development, production or test' }).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1, 'expected a host name or address').default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'expected a directory path').default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// connection URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_PREPARED_STATEMENTS: bool(true),
  DATABASE_POOL_SIZE: z.coerce.number({ error: 'expected a number' }).int().min(1, 'expected at least 1').max(200, 'expected at most 200').default(10),
  // Database outages (ADR 0010): how long the start waits for an unreachable PostgreSQL.
  DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number({ error: 'expected a number of seconds' }).int('expected whole seconds').min(0, 'expected 0 or more').max(3600, 'expected at most 3600').default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'expected fatal, error, warn, info, debug, trace or silent' }).default('info'),
  PUBLIC_URL: z.url({ error: 'expected an absolute URL such as https://tayseer.example.gov' }).optional(),
  DEMO_MODE: z.enum(['on', 'off', 'true', 'false', '1', '0'], { error: 'expected on or off' }).optional(),
  DEMO_MODE_IN_PRODUCTION: z.literal('I-UNDERSTAND-THIS-EXPOSES-DEMO-DATA', { error: 'expected exactly I-UNDERSTAND-THIS-EXPOSES-DEMO-DATA' }).optional(),
  SEED_PEOPLE: z.coerce.number({ error: 'expected a number of people' }).int().min(0, 'expected 0 or more').max(10_000_000, 'expected at most 10000000').default(300),
  SEED: z.coerce.number({ error: 'expected a whole number' }).int().min(0).default(1),
  TRUST_PROXY: bool(false),
  COOKIE_SECURE: bool(true),
  SESSION_IDLE_MINUTES: z.coerce.number({ error: 'expected a number of minutes' }).int().min(1, 'expected at least 1').max(1440, 'expected at most 1440').default(15),
  SESSION_ABSOLUTE_HOURS: z.coerce.number({ error: 'expected a number of hours' }).int().min(1, 'expected at least 1').max(72, 'expected at most 72').default(12),
  SMS_PROVIDER: z.enum(['demo', 'http'], { error: 'expected demo or http' }).default('demo'),
  SMS_HTTP_URL: z.url({ error: 'expected the URL of the SMS gateway' }).optional(),
  SMS_HTTP_USERNAME: z.string().optional(),
  SMS_HTTP_PASSWORD: z.string().optional(),
  SMS_HTTP_BODY_TEMPLATE: z.string().min(1, 'expected a body template').default('{"to":"{{to}}","text":"{{text}}","sender":"{{sender}}"}'),
  SMS_SENDER_NAME: z.string().min(1, 'expected a sender name').max(11, 'expected at most 11 characters').default('Tayseer'),
  EMAIL_PROVIDER: z.enum(['demo', 'smtp'], { error: 'expected demo or smtp' }).default('demo'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL').optional(),
  EMAIL_FROM: z.string().min(3, 'expected an e-mail address').default('Tayseer <no-reply@tayseer.localhost>'),
  PROOF_SIGNING_KEY: z.string().includes('PRIVATE KEY', { error: 'expected an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)' }).optional(),
  BANK_PARTNER_SECRETS: z
    .string()
    .regex(/^([a-z0-9_-]+:[^,]{16,})(,[a-z0-9_-]+:[^,]{16,})*$/i, 'expected bank:secret pairs separated by commas, each secret 16 characters or more')
    .optional(),
  CARD_GATEWAY: z.enum(['sandbox', 'none'], { error: 'expected sandbox (the built-in test acquirer) or none (no card payments; SADAD only)' }).optional(),
  SADAD_BILLER_CODE: z.string().regex(/^[0-9]{3,6}$/, 'expected the biller code SADAD assigned, 3 to 6 digits').default('090'),
  CARD_GATEWAY_SECRET: z.string().min(32, 'expected a secret of at least 32 characters').optional(),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** How long the start retries a PostgreSQL that cannot be reached before it gives up (0: one try). */
  databaseConnectTimeoutSeconds: number;
  /** PostgreSQL: keep query texts prepared per connection (off behind a transaction-mode pooler). */
  databasePreparedStatements: boolean;
  logLevel: string;
  publicUrl: string;
  demoMode: boolean;
  /** Set when demo mode was forced on in production: the server logs a warning at start. */
  demoModeForcedInProduction: boolean;
  seedPeople: number;
  seed: number;
  trustProxy: boolean;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  sms: Readonly<{ provider: 'demo' | 'http'; url?: string; username?: string; password?: string; bodyTemplate: string; senderName: string }>;
  email: Readonly<{ provider: 'demo' | 'smtp'; smtpUrl?: string; from: string }>;
  /** HMAC secrets of the partner banks, by bank code. */
  bankPartnerSecrets: Readonly<Record<string, string>>;
  /** Signs the QR codes of printed proofs; without it, a key file under DATA_DIR/keys. */
  proofSigningKey: string | undefined;
  /** The card acquirer behind the CardGateway port: only the built-in sandbox for now. */
  cardGateway: 'sandbox' | 'none';
  /** Our SADAD biller code, printed on every bill. */
  sadadBillerCode: string;
  /** HMAC-SHA256 key of the card acquirer's callbacks (at least 32 characters). */
  cardGatewaySecret: string;
}>;

/**
 * The card acquirer's callback key when CARD_GATEWAY_SECRET is not set outside production: a
 * known value, fine for a sandbox on a developer's machine. In production (reachable only in
 * forced demo mode) an unset secret is random per process instead, so it is never a published one.
 */
const DEVELOPMENT_CARD_GATEWAY_SECRET = 'tayseer-sandbox-acquirer-development-secret';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = rawSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid setting ${variable}=${JSON.stringify(env[variable] ?? '')}: ${issue.message}.`);
  }
  const raw = parsed.data;
  const production = raw.NODE_ENV === 'production';
  const demoRequested = raw.DEMO_MODE === undefined ? !production : ['on', 'true', '1'].includes(raw.DEMO_MODE);
  if (production && demoRequested && !raw.DEMO_MODE_IN_PRODUCTION) {
    throw new ConfigError(
      'Invalid setting DEMO_MODE=on: demo mode in production also needs DEMO_MODE_IN_PRODUCTION=I-UNDERSTAND-THIS-EXPOSES-DEMO-DATA.',
    );
  }
  if (raw.SMS_PROVIDER === 'http' && !raw.SMS_HTTP_URL) {
    throw new ConfigError('Invalid setting SMS_HTTP_URL="": SMS_PROVIDER=http needs the URL of the SMS gateway.');
  }
  if (raw.EMAIL_PROVIDER === 'smtp' && !raw.SMTP_URL) {
    throw new ConfigError('Invalid setting SMTP_URL="": EMAIL_PROVIDER=smtp needs an smtp:// or smtps:// URL.');
  }
  if (production && !demoRequested && (raw.SMS_PROVIDER === 'demo' || raw.EMAIL_PROVIDER === 'demo')) {
    const variable = raw.SMS_PROVIDER === 'demo' ? 'SMS_PROVIDER' : 'EMAIL_PROVIDER';
    throw new ConfigError(`Invalid setting ${variable}=demo: production needs a real provider (SMS_PROVIDER=http, EMAIL_PROVIDER=smtp).`);
  }
  if (production && !demoRequested && raw.CARD_GATEWAY === 'sandbox') {
    throw new ConfigError(
      'Invalid setting CARD_GATEWAY=sandbox: the sandbox acquirer accepts test cards only; production needs a real card acquirer, or CARD_GATEWAY=none for SADAD only (or demo mode, DEMO_MODE=on with DEMO_MODE_IN_PRODUCTION).',
    );
  }
  // Without a setting: the sandbox wherever test cards are fine; no card payments in production.
  const cardGateway = raw.CARD_GATEWAY ?? (production && !demoRequested ? 'none' : 'sandbox');
  const bankPartnerSecrets = Object.fromEntries(
    (raw.BANK_PARTNER_SECRETS ?? (demoRequested ? 'demo-bank:demo-bank-secret-not-for-production' : ''))
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf(':');
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
  );
  return Object.freeze({
    env: raw.NODE_ENV,
    port: raw.PORT,
    host: raw.HOST,
    dataDir: path.resolve(raw.DATA_DIR),
    databaseUrl: raw.DATABASE_URL,
    databasePoolSize: raw.DATABASE_POOL_SIZE,
    databaseConnectTimeoutSeconds: raw.DATABASE_CONNECT_TIMEOUT_SECONDS,
    databasePreparedStatements: raw.DATABASE_PREPARED_STATEMENTS,
    logLevel: raw.LOG_LEVEL,
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    demoMode: demoRequested,
    demoModeForcedInProduction: production && demoRequested,
    seedPeople: raw.SEED_PEOPLE,
    seed: raw.SEED,
    trustProxy: raw.TRUST_PROXY,
    cookieSecure: raw.COOKIE_SECURE,
    sessionIdleMinutes: raw.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: raw.SESSION_ABSOLUTE_HOURS,
    sms: Object.freeze({
      provider: raw.SMS_PROVIDER,
      url: raw.SMS_HTTP_URL,
      username: raw.SMS_HTTP_USERNAME,
      password: raw.SMS_HTTP_PASSWORD,
      bodyTemplate: raw.SMS_HTTP_BODY_TEMPLATE,
      senderName: raw.SMS_SENDER_NAME,
    }),
    email: Object.freeze({ provider: raw.EMAIL_PROVIDER, smtpUrl: raw.SMTP_URL, from: raw.EMAIL_FROM }),
    bankPartnerSecrets: Object.freeze(bankPartnerSecrets),
    proofSigningKey: raw.PROOF_SIGNING_KEY,
    cardGateway: cardGateway,
    sadadBillerCode: raw.SADAD_BILLER_CODE,
    cardGatewaySecret: raw.CARD_GATEWAY_SECRET ?? (production ? randomBytes(32).toString('base64url') : DEVELOPMENT_CARD_GATEWAY_SECRET),
  });
}
