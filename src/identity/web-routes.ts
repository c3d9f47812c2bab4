import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../kernel/uuid.js';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import { AppError, isAppError } from '../kernel/errors.js';
import { pageContext, type PageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import { safeNextPath } from '../web/routes.js';
import { anonymousCsrfToken, clearSessionCookie, installWebSession, presentedSessionToken, setSessionCookie } from '../web/session.js';
import type { IdentityDepsWithConfig } from './deps.js';
import { startLogin } from './login.js';
import { maskMobile } from './my-data.js';
import { CodePage, RegisteredPage, type CodePageProps } from './pages/code.js';
import { checkRegisterForm, formField, latinDigits, readRegisterForm, translateFieldErrors } from './pages/form-input.js';
import type { FormError } from './pages/form-parts.js';
import { LoginPage } from './pages/login.js';
import { accountPagesRoutes } from './pages/account-pages-routes.js';
import { meRoutes } from './pages/me-routes.js';
import { RegisterPage } from './pages/register.js';
import { authRateLimits } from './rate-limits.js';
import { startRegistration } from './registration.js';
import { findChallengeForUpdate } from './repository/index.js';
import { RESEND_AFTER_MS, CODE_MAX_ATTEMPTS } from './challenges.js';
import { revokeSession } from './sessions.js';
import { resendCode, verifyChallenge } from './verify.js';

/**
 * The portal's account pages (server-rendered, no JavaScript needed): register, the one-time
 * code, log in, log out, and (in pages/me-routes.ts) "my data" and "my sessions". Each handler
 * calls the same use cases as the JSON API. Signed-out forms carry the double-submit CSRF token
 * (`config: { csrf: 'anonymous' }`), the others the session's token (see web/session.ts).
 */

const anonymousForm = { csrf: 'anonymous' as const };

/** Where to go after logging in: a local path only (no open redirect), the person's home (dashboard) by default. */
export function afterLoginPath(next: string | undefined): string {
  const path = safeNextPath(next);
  return path.startsWith('/login') || path.startsWith('/codes/') ? '/' : path;
}

function nextParam(request: FastifyRequest): string | undefined {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.next;
  const value = typeof fromQuery === 'string' ? fromQuery : formField(request.body, 'next', { max: 2000 });
  return value ? afterLoginPath(value) : undefined;
}

async function identityPages(app: FastifyInstance): Promise<void> {
  const { config } = app.deps;
  const deps = (): IdentityDepsWithConfig => ({ db: app.deps.database.db, clock: app.deps.clock, config });
  // Codes and notices are queued in the use cases' transactions: wake the outbox after each answer.
  app.addHook('onResponse', async () => app.outbox.nudge());

  const ctxOf = (request: FastifyRequest): PageContext => pageContext(request, { demoMode: config.demoMode });
  const render = (reply: FastifyReply, page: VNode, status = 200) => sendPage(reply, page, status);
  // These forms are answered signed out (or while switching accounts): always the double-submit token.
  const csrf = (request: FastifyRequest, reply: FastifyReply) => anonymousCsrfToken(request, reply, config);
  const origin = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

  // ---- Register -------------------------------------------------------------------------
  app.get('/register', { schema: { hide: true } }, async (request, reply) => {
    if (request.user) return reply.redirect('/', 303);
    return render(reply, RegisterPage({ ctx: ctxOf(request), csrfToken: csrf(request, reply) }));
  });

  app.post(
    '/register',
    {
      schema: { hide: true },
      config: anonymousForm,
      preHandler: authRateLimits(app, 'register', 'web'),
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const form = readRegisterForm(request.body, ctx.locale);
      const again = (errors: FormError[], status: number, message?: string) =>
        render(reply, RegisterPage({ ctx, csrfToken: csrf(request, reply), values: { ...form, password: '', passwordConfirm: '' }, errors, message }), status);
      const checked = checkRegisterForm(form, ctx.t, ctx.locale);
      if (!checked.input) return again(checked.errors, 422);
      try {
        const { challengeId } = await startRegistration({ ...deps(), ...origin(request), input: checked.input });
        return reply.redirect(`/codes/${challengeId}`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === 'identity.username_taken') return again([{ field: 'username', message: ctx.t(error.messageKey) }], error.status);
        if (error.code === 'identity.password_weak') return again(translateFieldErrors(error.fields, ctx.t), error.status);
        return again([], error.status, ctx.t(error.messageKey, error.params));
      }
    },
  );

  // ---- One-time code ----------------------------------------------------------------------
  /** The code page for a challenge, or null when there is no such (portal) challenge. */
  async function codePage(request: FastifyRequest, reply: FastifyReply, extra: Partial<CodePageProps> = {}) {
    const { challengeId } = request.params as { challengeId: string };
    if (!isUuid(challengeId)) return null;
    const challenge = await findChallengeForUpdate(app.deps.database.db, challengeId);
    if (!challenge || (challenge.purpose !== 'register' && challenge.purpose !== 'login')) return null;
    // Decoy registrations look exactly like real ones here: same purpose, mobile and timing.
    const dead = challenge.consumed_at !== null || challenge.attempts >= CODE_MAX_ATTEMPTS;
    return CodePage({
      ctx: ctxOf(request),
      csrfToken: csrf(request, reply),
      challengeId,
      purpose: challenge.purpose,
      maskedMobile: maskMobile(challenge.mobile),
      resendAt: dead ? null : new Date(challenge.last_sent_at.getTime() + RESEND_AFTER_MS),
      now: app.deps.clock.now(),
      next: nextParam(request),
      ...extra,
    });
  }

  const challengeLimits = authRateLimits(app, 'challenge', 'web');

  app.get('/codes/:challengeId', { schema: { hide: true } }, async (request, reply) => {
    const resent = (request.query as Record<string, unknown>).resent === '1';
    const page = await codePage(request, reply, { resent });
    if (!page) throw new AppError('identity.challenge_not_found');
    return render(reply, page);
  });

  app.post('/codes/:challengeId', { schema: { hide: true }, config: anonymousForm, preHandler: challengeLimits }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { challengeId } = request.params as { challengeId: string };
    const again = async (extra: Partial<CodePageProps>, status: number) => {
      const page = await codePage(request, reply, extra);
      if (!page) throw new AppError('identity.challenge_not_found');
      return render(reply, page, status);
    };
    const code = latinDigits(formField(request.body, 'code', { max: 20 })).replace(/\s/g, '');
    if (!/^[0-9]{6}$/.test(code)) return again({ errors: [{ field: 'code', message: ctx.t('pages.code.invalid') }] }, 422);
    if (!isUuid(challengeId)) throw new AppError('identity.challenge_not_found');
    try {
      const outcome = await verifyChallenge({ ...deps(), ...origin(request), challengeId, code, sessionKind: 'web' });
      if (outcome.purpose === 'register') {
        return render(reply, RegisteredPage({ ctx, status: outcome.status, message: ctx.t(outcome.messageKey) }));
      }
      // Rotation: the new session replaces whatever session this browser had before.
      const previous = presentedSessionToken(request);
      if (previous) await revokeSession({ ...deps(), ...origin(request), token: previous });
      setSessionCookie(reply, config, outcome.session.token, outcome.session.expiresAt);
      return reply.redirect(afterLoginPath(nextParam(request)), 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'identity.challenge_not_found') throw error;
      if (error.code === 'identity.code_wrong') return again({ errors: [{ field: 'code', message: ctx.t(error.messageKey, error.params) }] }, error.status);
      return again({ message: ctx.t(error.messageKey, error.params) }, error.status);
    }
  });

  app.post(
    '/codes/:challengeId/resend',
    { schema: { hide: true }, config: anonymousForm, preHandler: authRateLimits(app, 'resend', 'web') },
    async (request, reply) => {
      const { challengeId } = request.params as { challengeId: string };
      if (!isUuid(challengeId)) throw new AppError('identity.challenge_not_found');
      try {
        await resendCode({ ...deps(), challengeId });
      } catch (error) {
        if (!isAppError(error) || error.code === 'identity.challenge_not_found') throw error;
        const page = await codePage(request, reply, { message: ctxOf(request).t(error.messageKey, error.params) });
        if (!page) throw error;
        return render(reply, page, error.status);
      }
      const next = nextParam(request);
      return reply.redirect(`/codes/${challengeId}?resent=1${next ? `&next=${encodeURIComponent(next)}` : ''}`, 303);
    },
  );

  // ---- Log in and out ---------------------------------------------------------------------
  app.get('/login', { schema: { hide: true } }, async (request, reply) => {
    if (request.user) return reply.redirect(afterLoginPath(nextParam(request)), 303);
    // Sent here because a session ended (web/session.ts): the page says so, plainly.
    const ended = (request.query as Record<string, unknown>).ended;
    return render(reply, LoginPage({ ctx: ctxOf(request), csrfToken: csrf(request, reply), next: nextParam(request), ended: ended === 'kept' || ended === 'ended' ? ended : undefined }));
  });

  app.post(
    '/login',
    {
      schema: { hide: true },
      config: anonymousForm,
      preHandler: authRateLimits(app, 'login', 'web'),
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const login = latinDigits(formField(request.body, 'login', { max: 64 }).trim());
      const password = formField(request.body, 'password');
      const next = nextParam(request);
      const again = (errors: FormError[], status: number, message?: string) =>
        render(reply, LoginPage({ ctx, csrfToken: csrf(request, reply), login, next, errors, message }), status);
      const missing: FormError[] = [];
      if (!login) missing.push({ field: 'login', message: ctx.t('pages.login.login.missing') });
      if (!password) missing.push({ field: 'password', message: ctx.t('pages.login.password.missing') });
      if (missing.length > 0) return again(missing, 422);
      try {
        const { challengeId } = await startLogin({ ...deps(), ...origin(request), login, password });
        return reply.redirect(`/codes/${challengeId}${next ? `?next=${encodeURIComponent(next)}` : ''}`, 303);
      } catch (error) {
        // The use case's messages never say whether the login exists; show them as they are.
        if (!isAppError(error)) throw error;
        return again([], error.status, ctx.t(error.messageKey, error.params));
      }
    },
  );

  app.post('/logout', { schema: { hide: true } }, async (request, reply) => {
    const token = presentedSessionToken(request);
    if (token && request.user) await revokeSession({ ...deps(), ...origin(request), token });
    clearSessionCookie(reply, config);
    return reply.redirect('/', 303);
  });

  await app.register(meRoutes);
  await app.register(accountPagesRoutes);
}

/**
 * Registered by app.ts before the other page routes: the session hooks go on the root
 * instance (every page's header knows who is signed in), the pages stay encapsulated.
 */
export const identityWebRoutes = fp(
  async (app: FastifyInstance) => {
    installWebSession(app);
    await app.register(identityPages);
  },
  { name: 'identity-web-routes' },
);
