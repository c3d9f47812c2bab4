import { createPublicKey, randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { productionProblems, type SettingProblem } from './config-production.js';
import { unescapePem } from './kernel/pem.js';

/**
 * Every setting comes from the environment, is validated once, and is frozen.
 * A bad value stops start-up with one line naming the variable and what it expects; several
 * (and, in production, every missing or unsafe setting: config-production.ts) with one line each.
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
  // ---- audit checkpoints (ADR 0009) ----
  AUDIT_SIGNING_KEY: z.string().includes('PRIVATE KEY', { error: 'expected an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)' }).optional(),
  AUDIT_PREVIOUS_PUBLIC_KEYS: z.string().includes('PUBLIC KEY', { error: 'expected Ed25519 public keys in SPKI PEM (-----BEGIN PUBLIC KEY-----), one after the other' }).optional(),
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number({ error: 'expected a number of minutes' }).int('expected a whole number of minutes').min(1, 'expected at least 1').max(10_080, 'expected at most 10080 (a week)').default(60),
  // Proof key rotation (ADR 0011): public keys of retired signing keys, which verify and never sign.
  PROOF_VERIFY_KEYS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return [];
      const keys = publicKeyBlocks(text);
      if (keys === null) ctx.addIssue({ code: 'custom', message: 'expected one or more Ed25519 public keys in PEM (-----BEGIN PUBLIC KEY-----), never a private key' });
      return keys ?? [];
    }),
  PROOF_RETIRED_KEYS_DIR: z.string().min(1, 'expected a directory path').optional(),
  // /metrics in production: a bearer token, or a listen address of its own (or both).
  METRICS_TOKEN: z.string().min(32, 'expected a token of at least 32 characters').optional(),
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().min(1, 'expected a host name or address').default('127.0.0.1'),
});

/**
 * The Ed25519 public keys in a text of concatenated PEM blocks (line breaks may be written `\n`,
 * as .env files keep them), or null when there is none, a block is not one, or a private key hides there.
 */
function publicKeyBlocks(text: string): string[] | null {
  const pem = unescapePem(text);
  if (/PRIVATE KEY/.test(pem)) return null;
  const blocks = pem.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [];
  if (blocks.length === 0) return null;
  try {
    return blocks.every((block) => createPublicKey(block).asymmetricKeyType === 'ed25519') ? blocks : null;
  } catch {
    return null;
  }
}

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
  /**
   * The audit log's checkpoints (ADR 0009): the Ed25519 key that signs them (without it, a key
   * file under DATA_DIR/keys), the public keys of earlier audit keys, and how often the worker
   * signs one.
   */
  audit: Readonly<{ signingKey: string | undefined; previousPublicKeys: string | undefined; checkpointMinutes: number }>;
  /** Public keys (SPKI PEM) of retired proof signing keys, from PROOF_VERIFY_KEYS: they verify, never sign. */
  proofVerifyKeys: readonly string[];
  /** A directory of retired proof public keys (`*.pem`); by default DATA_DIR/keys/retired (not in tests). */
  proofRetiredKeysDir: string | undefined;
  /** /metrics: the bearer token it asks for (always, when set; production needs it or metricsPort). */
  metricsToken: string | undefined;
  /** /metrics on a listen address of its own (and then not on PORT). */
  metricsPort: number | undefined;
  metricsHost: string;
  /** Unsafe settings that demo mode forced on in production tolerates: the server logs each at start. */
  productionWarnings: readonly string[];
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

type RawConfig = z.infer<typeof rawSchema>;

/** Each setting parsed on its own, so every bad one is named, not only the first. */
function parseEach(env: NodeJS.ProcessEnv, problems: SettingProblem[]): Partial<RawConfig> {
  const raw: Record<string, unknown> = {};
  for (const [variable, schema] of Object.entries(rawSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse(env[variable]);
    if (parsed.success) raw[variable] = parsed.data;
    else problems.push({ variable, line: `Invalid setting ${variable}=${JSON.stringify(env[variable] ?? '')}: ${parsed.error.issues[0]?.message ?? 'invalid'}.` });
  }
  return raw as Partial<RawConfig>;
}

/** One line for one problem (as it always was); one block naming each for several. */
function refusal(problems: readonly SettingProblem[], production: boolean): ConfigError {
  if (problems.length === 1) return new ConfigError(problems[0]!.line);
  const where = production ? ' in production' : '';
  return new ConfigError(
    [`Tayseer will not start${where}: ${problems.length} settings are missing, invalid or unsafe (see docs/configuration.md).`, ...problems.map((p) => `  - ${p.line}`)].join('\n'),
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: SettingProblem[] = [];
  const partial = parseEach(env, problems);
  const production = partial.NODE_ENV === 'production';
  const demoRequested = partial.DEMO_MODE === undefined ? !production : ['on', 'true', '1'].includes(partial.DEMO_MODE);
  const add = (variable: string, line: string) => {
    if (!problems.some((p) => p.variable === variable)) problems.push({ variable, line });
  };
  if (production && demoRequested && !partial.DEMO_MODE_IN_PRODUCTION) {
    add('DEMO_MODE', 'Invalid setting DEMO_MODE=on: demo mode in production also needs DEMO_MODE_IN_PRODUCTION=I-UNDERSTAND-THIS-EXPOSES-DEMO-DATA.');
  }
  if (partial.SMS_PROVIDER === 'http' && !partial.SMS_HTTP_URL) {
    add('SMS_HTTP_URL', 'Invalid setting SMS_HTTP_URL="": SMS_PROVIDER=http needs the URL of the SMS gateway.');
  }
  if (partial.EMAIL_PROVIDER === 'smtp' && !partial.SMTP_URL) {
    add('SMTP_URL', 'Invalid setting SMTP_URL="": EMAIL_PROVIDER=smtp needs an smtp:// or smtps:// URL.');
  }
  if (partial.METRICS_PORT !== undefined && partial.METRICS_PORT !== 0 && partial.METRICS_PORT === partial.PORT) {
    add('METRICS_PORT', `Invalid setting METRICS_PORT="${partial.METRICS_PORT}": expected a port other than PORT, where the portal is served.`);
  }
  // Production: every missing or unsafe setting at once. Demo mode forced on in production keeps
  // starting as it always did, and logs what would be refused otherwise.
  const forcedDemo = production && demoRequested && partial.DEMO_MODE_IN_PRODUCTION !== undefined;
  const unsafeInProduction = production ? productionProblems(partial, { demo: forcedDemo, env }) : [];
  if (!forcedDemo) for (const problem of unsafeInProduction) add(problem.variable, problem.line);
  if (problems.length > 0) throw refusal(problems, production);
  const raw = partial as RawConfig;
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
    audit: Object.freeze({
      signingKey: raw.AUDIT_SIGNING_KEY,
      previousPublicKeys: raw.AUDIT_PREVIOUS_PUBLIC_KEYS,
      checkpointMinutes: raw.AUDIT_CHECKPOINT_MINUTES,
    }),
    proofVerifyKeys: Object.freeze([...raw.PROOF_VERIFY_KEYS]),
    proofRetiredKeysDir: raw.PROOF_RETIRED_KEYS_DIR !== undefined ? path.resolve(raw.PROOF_RETIRED_KEYS_DIR) : raw.NODE_ENV === 'test' ? undefined : path.join(path.resolve(raw.DATA_DIR), 'keys', 'retired'),
    metricsToken: raw.METRICS_TOKEN,
    metricsPort: raw.METRICS_PORT,
    metricsHost: raw.METRICS_HOST,
    productionWarnings: Object.freeze(forcedDemo ? unsafeInProduction.map((p) => p.line) : []),
  });
}
