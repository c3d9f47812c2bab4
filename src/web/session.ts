import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { loadSession } from '../identity/index.js';
import { translate } from '../kernel/i18n/index.js';
import { personName } from '../registry/index.js';
import { localeOf, pageContext, type WebUser } from './context.js';
import { ErrorPage } from './pages/error.js';
import { sendPage } from './render.js';

/**
 * The portal's session cookie and CSRF protection.
 *
 * - The cookie holds an opaque token; the server keeps the session (identity resolves it and
 *   enforces the idle and absolute limits). Not `__Host-` prefixed: that prefix demands Secure,
 *   and tests and demos run over plain http with COOKIE_SECURE=off.
 * - CSRF, signed in: the session's own token (sessions.csrf_token) in a hidden field of every
 *   form (synchroniser token). Signed out (login, register, code entry): a double-submit token,
 *   a random HttpOnly SameSite=Strict cookie compared with the hidden field.
 * - Every state-changing request outside /api without a valid token gets a 403 page. Routes
 *   of signed-out forms opt in to the double-submit check with `config: { csrf: 'anonymous' }`.
 */

export const SESSION_COOKIE = 'tayseer_session';
export const CSRF_COOKIE = 'tayseer_csrf';
export const CSRF_FIELD = '_csrf';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'anonymous': a signed-out form, checked with the double-submit cookie. */
    csrf?: 'anonymous';
    /**
     * false: not a portal page (a separate system served by the same process, such as the
     * sandbox card acquirer's hosted pages): no portal session is resolved for it and the
     * portal's CSRF check does not apply; it checks its own forms.
     */
    portal?: false;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** A session cookie came with the request but its session has ended (idle, expired, revoked). */
    sessionEnded?: boolean;
  }
}

type CookieConfig = Pick<Config, 'cookieSecure'>;

export function setSessionCookie(reply: FastifyReply, config: CookieConfig, token: string, expiresAt: Date): void {
  // Expires with the session's absolute limit; the idle limit is enforced on the server.
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, config: CookieConfig): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure });
}

/** The session token the browser presented, if any (for logout and rotation). */
export function presentedSessionToken(request: FastifyRequest): string | undefined {
  const token = request.cookies[SESSION_COOKIE];
  return token && token.length <= 200 ? token : undefined;
}

/**
 * The double-submit token for a signed-out form: the one already in the browser's cookie, or a
 * new one (set on the reply). The same value goes into the form's hidden field.
 */
export function anonymousCsrfToken(request: FastifyRequest, reply: FastifyReply, config: CookieConfig): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: config.cookieSecure });
  return token;
}

/** Constant-time comparison (of digests, so lengths never leak through timing). */
export function tokensMatch(expected: string | undefined | null, given: unknown): boolean {
  if (!expected || typeof given !== 'string' || given.length === 0) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/**
 * Requests the portal's session and CSRF hooks apply to: not the API (bearer tokens), the
 * assets, or a route that says it is not a portal page (`config: { portal: false }`).
 */
function isPortalRequest(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.portal === false) return false;
  return !request.url.startsWith('/api/') && !request.url.startsWith('/assets/');
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function csrfValid(request: FastifyRequest): boolean {
  const given = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  if (request.routeOptions.config?.csrf === 'anonymous') return tokensMatch(request.cookies[CSRF_COOKIE], given);
  // Without a session nothing of a person's can change: the handler sends them to log in.
  if (!request.user) return true;
  return tokensMatch(request.user.csrfToken, given);
}

/**
 * Installs the hooks on the root instance. Register it before the page routes: Fastify gives a
 * route the hooks its instance has when the route's plugin has finished loading.
 */
export function installWebSession(app: FastifyInstance): void {
  const { config, database, clock } = app.deps;

  app.addHook('onRequest', async (request, reply) => {
    if (!isPortalRequest(request)) return;
    const token = presentedSessionToken(request);
    if (!token) return;
    const loaded = await loadSession({ db: database.db, clock, config, token, kind: 'web' });
    if (loaded && 'ended' in loaded) {
      // The registry ended the account's use (its holder died): the session ended; say why, once.
      clearSessionCookie(reply, config);
      const ctx = pageContext(request, { demoMode: config.demoMode });
      return sendPage(reply, ErrorPage({ ctx, message: translate(localeOf(request), `errors.${loaded.ended}`), status: 403 }), 403);
    }
    const session = loaded?.session;
    if (!session || !session.csrfToken) {
      // Expired, idle, revoked or unknown: forget it, so later requests skip the lookup.
      clearSessionCookie(reply, config);
      request.sessionEnded = true;
      return;
    }
    const user: WebUser = {
      sessionId: session.sessionId,
      accountId: session.accountId,
      personId: session.personId,
      status: session.accountStatus,
      nameAr: personName(session.names, 'ar', 'short'),
      nameEn: personName(session.names, 'en', 'short'),
      csrfToken: session.csrfToken,
      idleMinutes: config.sessionIdleMinutes,
    };
    request.user = user;
  });

  app.addHook('preHandler', async (request, reply) => {
    if (!isPortalRequest(request) || !UNSAFE_METHODS.has(request.method)) return;
    if (csrfValid(request)) return;
    request.log.info({ route: request.routeOptions.url }, 'form refused: CSRF token missing or wrong');
    const ctx = pageContext(request, { demoMode: config.demoMode });
    return sendPage(reply, ErrorPage({ ctx, message: translate(localeOf(request), 'pages.csrf_failed'), status: 403 }), 403);
  });
}

/**
 * The signed-in person, or null after answering with a redirect to log in and come back: to
 * this page for a GET, to `afterPost` for a form (its data cannot be carried through a login).
 */
export function signedInOrToLogin(request: FastifyRequest, reply: FastifyReply, afterPost = '/me'): WebUser | null {
  if (request.user) return request.user;
  void reply.redirect(loginPathAfterSessionEnd(request, request.method === 'GET' ? request.url : afterPost), 303);
  return null;
}

/**
 * Why the login page is shown, when a session ended: `ended` (it says so, for the person's
 * protection), `kept` (and that what they typed was kept). Nothing when no session was there.
 */
export type SessionEndReason = 'ended' | 'kept';

/** The login page's address, coming back to `next`, saying the session ended when it did. */
export function loginPathAfterSessionEnd(request: FastifyRequest, next: string, reason: SessionEndReason = 'ended'): string {
  const ended = reason === 'kept' || request.sessionEnded ? `&ended=${reason}` : '';
  return `/login?next=${encodeURIComponent(next)}${ended}`;
}
