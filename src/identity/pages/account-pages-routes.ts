import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../../kernel/uuid.js';
import { AppError, isAppError } from '../../kernel/errors.js';
import type { WebUser } from '../../web/context.js';
import { pageContext, type PageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { anonymousCsrfToken, clearSessionCookie, signedInOrToLogin } from '../../web/session.js';
import { getPerson } from '../../registry/index.js';
import { CODE_MAX_ATTEMPTS, RESEND_AFTER_MS } from '../challenges.js';
import { confirmMobileChange, startMobileChange, type MobileChangeProof } from '../change-mobile.js';
import type { IdentityDepsWithConfig } from '../deps.js';
import { maskMobile } from '../my-data.js';
import { activateWithOfficeCode } from '../office-activation.js';
import { authRateLimits } from '../rate-limits.js';
import { completePasswordReset, startPasswordReset } from '../recovery.js';
import { findAccountById, findChallengeForUpdate } from '../repository/index.js';
import { resendCode } from '../verify.js';
import { mobileSchema, nationalIdSchema } from '../schemas.js';
import { ActivatedPage, ActivatePage } from './activate.js';
import { ChangeMobilePage, ConfirmMobilePage, MobileChangedPage, type ConfirmMobilePageProps } from './change-mobile.js';
import { ForgotPasswordPage, PasswordResetDonePage, ResetPasswordPage } from './forgot-password.js';
import { formField, latinDigits, translateFieldErrors } from './form-input.js';
import type { FormError } from './form-parts.js';

/**
 * Recovering and changing access, as pages: forgotten password (signed out), activation with
 * an office code and change of mobile (signed in). The same use cases as the JSON API
 * (account-routes.ts); signed-out forms use the double-submit CSRF token, the others the
 * session's (see web/session.ts).
 */

const anonymousForm = { csrf: 'anonymous' as const };

const digitsOf = (body: unknown, name: string) => latinDigits(formField(body, name, { max: 40 })).replace(/[\s-]/g, '');
const sixDigits = (body: unknown, name: string) => latinDigits(formField(body, name, { max: 20 })).replace(/\s/g, '');
const officeCode = (body: unknown, name: string) => latinDigits(formField(body, name, { max: 40 })).trim();

export async function accountPagesRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.deps;
  const deps = (): IdentityDepsWithConfig => ({ db: app.deps.database.db, clock: app.deps.clock, config });
  const ctxOf = (request: FastifyRequest): PageContext => pageContext(request, { demoMode: config.demoMode });
  const csrf = (request: FastifyRequest, reply: FastifyReply) => anonymousCsrfToken(request, reply, config);
  const origin = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

  const signedIn = (request: FastifyRequest, reply: FastifyReply): WebUser | null => signedInOrToLogin(request, reply, request.routeOptions.url ?? '/me');

  // ---- Forgotten password -------------------------------------------------------------------
  app.get('/forgot-password', { schema: { hide: true } }, async (request, reply) => sendPage(reply, ForgotPasswordPage({ ctx: ctxOf(request), csrfToken: csrf(request, reply) })));

  app.post(
    '/forgot-password',
    {
      schema: { hide: true },
      config: anonymousForm,
      preHandler: authRateLimits(app, 'reset', 'web'),
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const values = { nationalId: digitsOf(request.body, 'nationalId'), mobile: digitsOf(request.body, 'mobile') };
      const again = (errors: FormError[], status: number, message?: string) => sendPage(reply, ForgotPasswordPage({ ctx, csrfToken: csrf(request, reply), values, errors, message }), status);
      const errors: FormError[] = [];
      if (!values.nationalId) errors.push({ field: 'nationalId', message: ctx.t('pages.register.national_id.missing') });
      else if (!nationalIdSchema.safeParse(values.nationalId).success) errors.push({ field: 'nationalId', message: ctx.t('identity.national_id.invalid') });
      if (!values.mobile) errors.push({ field: 'mobile', message: ctx.t('pages.register.mobile.missing') });
      else if (!mobileSchema.safeParse(values.mobile).success) errors.push({ field: 'mobile', message: ctx.t('identity.mobile.invalid') });
      if (errors.length > 0) return again(errors, 422);
      try {
        const { challengeId } = await startPasswordReset({ ...deps(), ...origin(request), ...values });
        return reply.redirect(`/forgot-password/${challengeId}`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return again([], error.status, ctx.t(error.messageKey, error.params));
      }
    },
  );

  /** The code-and-new-password page of a reset challenge (decoys look the same), or a 404. */
  async function resetPage(request: FastifyRequest, reply: FastifyReply, extra: { errors?: FormError[]; message?: string; resent?: boolean } = {}, status = 200) {
    const { challengeId } = request.params as { challengeId: string };
    const challenge = isUuid(challengeId) ? await findChallengeForUpdate(app.deps.database.db, challengeId) : undefined;
    if (!challenge || challenge.purpose !== 'reset_password') throw new AppError('identity.challenge_not_found');
    const dead = challenge.consumed_at !== null || challenge.attempts >= CODE_MAX_ATTEMPTS;
    return sendPage(
      reply,
      ResetPasswordPage({
        ctx: ctxOf(request),
        csrfToken: csrf(request, reply),
        challengeId,
        maskedMobile: maskMobile(challenge.mobile),
        resendAt: dead ? null : new Date(challenge.last_sent_at.getTime() + RESEND_AFTER_MS),
        now: app.deps.clock.now(),
        ...extra,
      }),
      status,
    );
  }

  app.get('/forgot-password/:challengeId', { schema: { hide: true } }, async (request, reply) =>
    resetPage(request, reply, { resent: (request.query as Record<string, unknown>).resent === '1' }),
  );

  app.post(
    '/forgot-password/:challengeId/resend',
    { schema: { hide: true }, config: anonymousForm, preHandler: authRateLimits(app, 'reset-resend', 'web') },
    async (request, reply) => {
      const { challengeId } = request.params as { challengeId: string };
      if (!isUuid(challengeId)) throw new AppError('identity.challenge_not_found');
      try {
        // A decoy (an ID and mobile that did not match) is "resent" the same way, to nobody.
        await resendCode({ ...deps(), challengeId });
      } catch (error) {
        if (!isAppError(error) || error.code === 'identity.challenge_not_found') throw error;
        return resetPage(request, reply, { message: ctxOf(request).t(error.messageKey, error.params) }, error.status);
      }
      return reply.redirect(`/forgot-password/${challengeId}?resent=1`, 303);
    },
  );

  app.post(
    '/forgot-password/:challengeId',
    {
      schema: { hide: true },
      config: anonymousForm,
      preHandler: authRateLimits(app, 'reset-challenge', 'web'),
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const { challengeId } = request.params as { challengeId: string };
      const code = sixDigits(request.body, 'code');
      const newPassword = formField(request.body, 'newPassword');
      const errors: FormError[] = [];
      if (!/^[0-9]{6}$/.test(code)) errors.push({ field: 'code', message: ctx.t('pages.code.invalid') });
      if (!newPassword) errors.push({ field: 'newPassword', message: ctx.t('pages.register.password.missing') });
      else if (formField(request.body, 'newPasswordConfirm') !== newPassword) errors.push({ field: 'newPasswordConfirm', message: ctx.t('pages.register.password_confirm.mismatch') });
      if (errors.length > 0) return resetPage(request, reply, { errors }, 422);
      if (!isUuid(challengeId)) throw new AppError('identity.challenge_not_found');
      try {
        await completePasswordReset({ ...deps(), ...origin(request), challengeId, code, newPassword });
      } catch (error) {
        if (!isAppError(error) || error.code === 'identity.challenge_not_found') throw error;
        if (error.code === 'identity.code_wrong') return resetPage(request, reply, { errors: [{ field: 'code', message: ctx.t(error.messageKey, error.params) }] }, error.status);
        if (error.code === 'identity.password_weak') return resetPage(request, reply, { errors: translateFieldErrors(error.fields, ctx.t) }, error.status);
        return resetPage(request, reply, { message: ctx.t(error.messageKey, error.params) }, error.status);
      }
      // Every session of the account has ended, this browser's too if it was signed in.
      clearSessionCookie(reply, config);
      return sendPage(reply, PasswordResetDonePage({ ctx: { ...ctx, user: null } }));
    },
  );

  // ---- Activation with an office code -------------------------------------------------------
  app.get('/me/activate', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const ctx = ctxOf(request);
    if (user.status === 'active') return sendPage(reply, ActivatedPage({ ctx, already: true }));
    return sendPage(reply, ActivatePage({ ctx, csrfToken: user.csrfToken }));
  });

  app.post('/me/activate', { schema: { hide: true }, preHandler: authRateLimits(app, 'activate', 'web') }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const ctx = ctxOf(request);
    const again = (errors: FormError[], status: number, message?: string) => sendPage(reply, ActivatePage({ ctx, csrfToken: user.csrfToken, errors, message }), status);
    const code = officeCode(request.body, 'code');
    if (!code) return again([{ field: 'code', message: ctx.t('pages.activate.code.missing') }], 422);
    // The code was issued to this person: their own ID number, from the registry.
    const person = await getPerson(app.deps.database.db, user.personId);
    if (!person) throw new AppError('identity.unauthenticated');
    try {
      await activateWithOfficeCode({ ...deps(), ...origin(request), accountId: user.accountId, nationalId: person.national_id, code });
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'identity.already_active') return sendPage(reply, ActivatedPage({ ctx, already: true }));
      if (error.code === 'identity.activation_code_wrong' || error.code === 'identity.activation_code_invalid') {
        return again([{ field: 'code', message: ctx.t(error.messageKey, error.params) }], error.status);
      }
      return again([], error.status, ctx.t(error.messageKey, error.params));
    }
    return sendPage(reply, ActivatedPage({ ctx }));
  });

  // ---- Change of mobile ---------------------------------------------------------------------
  async function currentMobile(accountId: string): Promise<string | null> {
    const account = await findAccountById(app.deps.database.db, accountId);
    return account?.mobile ?? null;
  }

  app.get('/me/mobile', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const lost = (request.query as Record<string, unknown>).lost === '1';
    return sendPage(reply, ChangeMobilePage({ ctx: ctxOf(request), csrfToken: user.csrfToken, lost, currentMobile: await currentMobile(user.accountId) }));
  });

  /** The two-code page, for challenges of this account only (anything else: not found). */
  async function confirmPage(user: WebUser, ids: { newChallengeId: string; oldChallengeId: string | null }, rest: Omit<ConfirmMobilePageProps, 'newChallengeId' | 'oldChallengeId' | 'maskedOld' | 'maskedNew'>) {
    const db = app.deps.database.db;
    const mine = async (id: string | null) => {
      if (id === null) return null;
      const challenge = isUuid(id) ? await findChallengeForUpdate(db, id) : undefined;
      if (!challenge || challenge.purpose !== 'change_mobile' || challenge.account_id !== user.accountId) throw new AppError('identity.challenge_not_found');
      return challenge;
    };
    const fresh = await mine(ids.newChallengeId);
    const old = await mine(ids.oldChallengeId);
    if (!fresh || fresh.payload.side !== 'new' || (old && (old.payload.side !== 'old' || old.payload.changeId !== fresh.payload.changeId))) throw new AppError('identity.challenge_not_found');
    return ConfirmMobilePage({ ...rest, ...ids, maskedNew: maskMobile(fresh.mobile), maskedOld: old ? maskMobile(old.mobile) : null });
  }

  app.post('/me/mobile', { schema: { hide: true }, preHandler: authRateLimits(app, 'mobile', 'web') }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const ctx = ctxOf(request);
    const newMobile = digitsOf(request.body, 'newMobile');
    // The lost-number form has the office code field; the ordinary one does not.
    const lost = typeof (request.body as Record<string, unknown> | undefined)?.activationCode === 'string';
    const activationCode = lost ? officeCode(request.body, 'activationCode') : undefined;
    const again = async (errors: FormError[], status: number, message?: string) =>
      sendPage(reply, ChangeMobilePage({ ctx, csrfToken: user.csrfToken, lost, currentMobile: await currentMobile(user.accountId), values: { newMobile }, errors, message }), status);
    const errors: FormError[] = [];
    if (!newMobile) errors.push({ field: 'newMobile', message: ctx.t('pages.register.mobile.missing') });
    else if (!mobileSchema.safeParse(newMobile).success) errors.push({ field: 'newMobile', message: ctx.t('identity.mobile.invalid') });
    if (lost && !activationCode) errors.push({ field: 'activationCode', message: ctx.t('pages.activate.code.missing') });
    if (errors.length > 0) return again(errors, 422);
    try {
      const started = await startMobileChange({ ...deps(), ...origin(request), accountId: user.accountId, newMobile, ...(activationCode ? { activationCode } : {}) });
      if (started.oldChallengeId) return reply.redirect(`/me/mobile/confirm?old=${started.oldChallengeId}&new=${started.newChallengeId}`, 303);
      // Lost number: the office code typed here is shown again on the next step (no redirect,
      // so it never travels in a URL).
      return sendPage(reply, await confirmPage(user, { newChallengeId: started.newChallengeId, oldChallengeId: null }, { ctx, csrfToken: user.csrfToken, activationCode }));
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'identity.mobile_unchanged') return again([{ field: 'newMobile', message: ctx.t(error.messageKey) }], error.status);
      if (error.code === 'identity.activation_code_wrong' || error.code === 'identity.activation_code_invalid') {
        return again([{ field: 'activationCode', message: ctx.t(error.messageKey, error.params) }], error.status);
      }
      return again([], error.status, ctx.t(error.messageKey, error.params));
    }
  });

  app.get('/me/mobile/confirm', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const query = request.query as Record<string, unknown>;
    const id = (name: string) => (typeof query[name] === 'string' ? query[name] : '');
    const old = id('old');
    return sendPage(reply, await confirmPage(user, { newChallengeId: id('new'), oldChallengeId: old || null }, { ctx: ctxOf(request), csrfToken: user.csrfToken }));
  });

  app.post('/me/mobile/confirm', { schema: { hide: true }, preHandler: authRateLimits(app, 'mobile-confirm', 'web') }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const ctx = ctxOf(request);
    const body = request.body;
    const newChallengeId = formField(body, 'newChallengeId', { max: 40 });
    const oldChallengeId = formField(body, 'oldChallengeId', { max: 40 }) || null;
    const newCode = sixDigits(body, 'newCode');
    const oldCode = sixDigits(body, 'oldCode');
    const activationCode = officeCode(body, 'activationCode');
    const again = async (errors: FormError[], status: number, message?: string) =>
      sendPage(reply, await confirmPage(user, { newChallengeId, oldChallengeId }, { ctx, csrfToken: user.csrfToken, activationCode, errors, message }), status);
    const errors: FormError[] = [];
    if (oldChallengeId && !/^[0-9]{6}$/.test(oldCode)) errors.push({ field: 'oldCode', message: ctx.t('pages.code.invalid') });
    if (!oldChallengeId && !activationCode) errors.push({ field: 'activationCode', message: ctx.t('pages.activate.code.missing') });
    if (!/^[0-9]{6}$/.test(newCode)) errors.push({ field: 'newCode', message: ctx.t('pages.code.invalid') });
    if (errors.length > 0) return again(errors, 422);
    if (!isUuid(newChallengeId) || (oldChallengeId && !isUuid(oldChallengeId))) throw new AppError('identity.challenge_not_found');
    const proof: MobileChangeProof = oldChallengeId ? { oldChallengeId, oldCode } : { activationCode };
    try {
      const { mobile } = await confirmMobileChange({ ...deps(), ...origin(request), accountId: user.accountId, newChallengeId, newCode, proof });
      return sendPage(reply, MobileChangedPage({ ctx, mobile }));
    } catch (error) {
      if (!isAppError(error) || error.code === 'identity.challenge_not_found') throw error;
      // Which code was wrong: the use case checks the new-number code and the proof together.
      const field = error.code.startsWith('identity.activation_code') ? 'activationCode' : null;
      if (field) return again([{ field, message: ctx.t(error.messageKey, error.params) }], error.status);
      return again([], error.status, ctx.t(error.messageKey, error.params));
    }
  });
}
