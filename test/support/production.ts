import { generateKeyPairSync } from 'node:crypto';

const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const auditKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

/** A production environment with nothing missing or unsafe (test/config-production.test.ts takes each away). */
export const safeProduction: Readonly<Record<string, string>> = Object.freeze({
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://tayseer.gov.sa',
  PROOF_SIGNING_KEY: signingKey,
  AUDIT_SIGNING_KEY: auditKey,
  CARD_GATEWAY: 'none',
  BANK_PARTNER_SECRETS: 'alrajhi:0123456789abcdef0123',
  SMS_PROVIDER: 'http',
  SMS_HTTP_URL: 'https://sms.example.gov/send',
  EMAIL_PROVIDER: 'smtp',
  SMTP_URL: 'smtps://mail.tayseer.gov.sa',
  EMAIL_FROM: 'Tayseer <no-reply@tayseer.gov.sa>',
  METRICS_TOKEN: 'metrics-token-of-at-least-32-characters',
});
