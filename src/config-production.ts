import { isIP } from 'node:net';

/**
 * What production needs beyond well-formed values: settings whose development defaults are
 * unsafe or wrong on a public server. loadConfig lists every one of them at once (so an operator
 * fixes them in one round, not one per start); in demo mode forced on in production they are
 * logged as warnings instead, since that mode already exposes demo data on purpose.
 */

/** The settings these checks read, as parsed (undefined: not set, or set and already refused). */
export interface ProductionSettings {
  PUBLIC_URL?: string | undefined;
  PROOF_SIGNING_KEY?: string | undefined;
  CARD_GATEWAY?: string | undefined;
  CARD_GATEWAY_SECRET?: string | undefined;
  BANK_PARTNER_SECRETS?: string | undefined;
  COOKIE_SECURE?: boolean | undefined;
  SMS_PROVIDER?: string | undefined;
  SMS_HTTP_URL?: string | undefined;
  EMAIL_PROVIDER?: string | undefined;
  EMAIL_FROM?: string | undefined;
  METRICS_TOKEN?: string | undefined;
  METRICS_PORT?: number | undefined;
}

export interface SettingProblem {
  variable: string;
  /** One line: `Missing setting X: ...` or `Invalid setting X="value": ...`. */
  line: string;
}

const missing = (variable: string, why: string): SettingProblem => ({ variable, line: `Missing setting ${variable}: ${why}.` });
const unsafe = (variable: string, value: string, why: string, isDefault = false): SettingProblem => ({
  variable,
  line: `Invalid setting ${variable}=${JSON.stringify(value)}${isDefault ? ' (the default)' : ''}: ${why}.`,
});

/**
 * The problems of a production configuration that the demo mode does not excuse (the address,
 * the keys, the cookies, /metrics), and, unless `demo`, the ones it does (message providers,
 * card acquirer, bank secrets), which demo mode replaces with its own.
 */
export function productionProblems(raw: ProductionSettings, options: { demo: boolean; env: Readonly<Record<string, string | undefined>> }): SettingProblem[] {
  const { env } = options;
  const problems: SettingProblem[] = [];
  const set = (name: string) => env[name] !== undefined && env[name] !== '';

  if (!set('PUBLIC_URL')) {
    problems.push(missing('PUBLIC_URL', 'production needs the https:// address people use; QR codes on printed proofs, links in messages and the OpenAPI servers point there'));
  } else if (raw.PUBLIC_URL) {
    const url = new URL(raw.PUBLIC_URL);
    if (isLocalOrPrivateHost(url.hostname)) {
      problems.push(unsafe('PUBLIC_URL', raw.PUBLIC_URL, `${url.hostname} is a local or private address; production needs the public https:// address people use (QR codes and the OpenAPI servers point there)`));
    } else if (url.protocol !== 'https:') {
      problems.push(unsafe('PUBLIC_URL', raw.PUBLIC_URL, 'production needs an https:// address; QR codes and links would send people to plain http'));
    }
  }
  if (!set('PROOF_SIGNING_KEY')) {
    problems.push(missing('PROOF_SIGNING_KEY', 'production needs the Ed25519 private key that signs printed proofs (make one with `openssl genpkey -algorithm ed25519`); it does not create a key file of its own in production'));
  }
  if (!set('AUDIT_SIGNING_KEY')) {
    problems.push(missing('AUDIT_SIGNING_KEY', 'production needs the Ed25519 private key that signs the audit log\'s checkpoints, kept apart from DATA_DIR (a key file beside the data would let whoever rewrites the log sign again; ADR 0009)'));
  }
  if (raw.COOKIE_SECURE === false) {
    problems.push(unsafe('COOKIE_SECURE', env.COOKIE_SECURE ?? '', 'production needs secure session cookies (COOKIE_SECURE=on), sent over https only'));
  }
  if (!set('METRICS_TOKEN') && !set('METRICS_PORT')) {
    problems.push(
      missing('METRICS_TOKEN', '/metrics would be public: set METRICS_TOKEN (32 characters or more, sent as `Authorization: Bearer <token>`) or serve it on a separate address with METRICS_PORT (and METRICS_HOST, 127.0.0.1 by default)'),
    );
  }
  if (options.demo) return problems;

  if (raw.SMS_PROVIDER === 'demo') {
    problems.push(unsafe('SMS_PROVIDER', 'demo', 'production needs a real SMS gateway (SMS_PROVIDER=http with SMS_HTTP_URL)', !set('SMS_PROVIDER')));
  } else if (raw.SMS_HTTP_URL && !raw.SMS_HTTP_URL.startsWith('https://')) {
    problems.push(unsafe('SMS_HTTP_URL', raw.SMS_HTTP_URL, 'production needs an https:// SMS gateway; one-time codes and the gateway password would travel in clear'));
  }
  if (raw.EMAIL_PROVIDER === 'demo') {
    problems.push(unsafe('EMAIL_PROVIDER', 'demo', 'production needs a real mail server (EMAIL_PROVIDER=smtp with SMTP_URL)', !set('EMAIL_PROVIDER')));
  }
  if (raw.EMAIL_FROM !== undefined && /\.(localhost|local|test|example|invalid)>?\s*$/i.test(raw.EMAIL_FROM)) {
    problems.push(unsafe('EMAIL_FROM', raw.EMAIL_FROM, 'production needs a sender address on the platform\'s own mail domain; mail from this one is refused or lost as spam', !set('EMAIL_FROM')));
  }
  if (!set('CARD_GATEWAY')) {
    problems.push(
      missing('CARD_GATEWAY', 'production does not turn card payments off silently: set CARD_GATEWAY=none to take SADAD payments only, or name a real card acquirer (the built-in sandbox takes test cards only)'),
    );
  } else if (raw.CARD_GATEWAY === 'sandbox') {
    problems.push(
      unsafe('CARD_GATEWAY', 'sandbox', 'the sandbox acquirer accepts test cards only; production needs a real card acquirer, or CARD_GATEWAY=none for SADAD only (or demo mode, DEMO_MODE=on with DEMO_MODE_IN_PRODUCTION)'),
    );
  }
  if (raw.CARD_GATEWAY !== undefined && raw.CARD_GATEWAY !== 'none' && !set('CARD_GATEWAY_SECRET')) {
    problems.push(missing('CARD_GATEWAY_SECRET', `CARD_GATEWAY=${raw.CARD_GATEWAY} needs the HMAC-SHA256 key (32 characters or more) the acquirer signs its callbacks with, the same on every node`));
  }
  if (!set('BANK_PARTNER_SECRETS')) {
    problems.push(missing('BANK_PARTNER_SECRETS', 'production needs the bank:secret pairs (each secret 16 characters or more) with which partner banks sign account activations and SADAD notifications'));
  }
  return problems;
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|home\.arpa|localdomain)$/i;

/** A name or address that only resolves or routes inside a machine or a private network. */
export function isLocalOrPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOCAL_NAMES.test(host) || !host.includes('.') && isIP(host) === 0) return true;
  if (isIP(host) === 4) return isPrivateIPv4(host);
  if (isIP(host) === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return isPrivateIPv4(mapped[1]!);
    // The URL parser writes a mapped IPv4 address in hex: [::ffff:127.0.0.1] -> [::ffff:7f00:1].
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
    if (hex) {
      const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
      return isPrivateIPv4(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
    }
    return host === '::1' || host === '::' || /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
  }
  return false;
}

function isPrivateIPv4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return (
    a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)
  );
}
