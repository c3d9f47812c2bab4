import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../../kernel/uuid.js';
import type { VNode } from 'preact';
import type { StaffRole } from '../../db/tables.js';
import { AppError, isAppError } from '../../kernel/errors.js';
import { pageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { anonymousCsrfToken } from '../../web/session.js';
import { CODE_MAX_ATTEMPTS, RESEND_AFTER_MS } from '../challenges.js';
import type { IdentityDepsWithConfig } from '../deps.js';
import { maskMobile } from '../my-data.js';
import { issueActivationCode } from '../office-activation.js';
import { formField, latinDigits } from '../pages/form-input.js';
import type { FormError } from '../pages/form-parts.js';
import { appendAudit } from '../ports.js';
import { authRateLimits } from '../rate-limits.js';
import { findChallengeForUpdate, revokeSessionById } from '../repository/index.js';
import { resendCode } from '../verify.js';
import { createStaffAccount, disableStaffAccount, listAgencyStaff, STAFF_ROLES, staffProfile } from './accounts.js';
import { startStaffLogin, verifyStaffChallenge } from './login.js';
import { findStaffById } from './repository.js';
import { createStaffBodySchema, issueActivationCodeBodySchema } from './schemas.js';
import { DisableStaffPage, emptyStaffForm, StaffAccountsPage, StaffCreatedPage, type NewStaffForm } from './pages/accounts.js';
import { ACTIVATION_PURPOSES, ActivationCodeFormPage, ActivationCodeIssuedPage, type ActivationPurposeChoice } from './pages/activation.js';
import { ADMIN_ROLES, ISSUING_ROLES, StaffHomePage } from './pages/home.js';
import { StaffMessagePage, type StaffPageContext } from './pages/layout.js';
import { StaffCodePage, StaffLoginPage, type StaffCodePageProps } from './pages/login.js';
import { clearStaffSessionCookie, installStaffSession, setStaffSessionCookie, staffCsrfValid } from './pages/session.js';

/**
 * The staff portal under /staff (server-rendered, no JavaScript needed): sign-in with a code,
 * the staff home, activation codes for people checked in person (officer, supervisor, kiosk),
 * and staff accounts of the admin's agency. Every handler calls the use cases of the staff API.
 * Its own session cookie (pages/session.ts); every form is double-submit checked by the
 * portal-wide hook (`config: { csrf: 'anonymous' }`) and, signed in, by the staff session's token.
 */

/** Route config of every staff form: the portal-wide hook checks its double-submit token. */
export const staffForm = { csrf: 'anonymous' as const };

/** What a staff page renders with: the portal context, the signed-in staff member, the form token. */
export function staffPageContext(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): StaffPageContext {
  const { config } = app.deps;
  return {
    ...pageContext(request, { demoMode: config.demoMode }),
    staff: request.staffViewer ?? null,
    formToken: anonymousCsrfToken(request, reply, config),
  };
}

/**
 * The preHandler of signed-in staff pages: signed out goes to the login page; a role not
 * among `roles` gets a 403 page; a form without the staff session's CSRF token gets a 403
 * page. The instance must have the staff session installed (installStaffSession).
 */
export function staffSignedIn(app: FastifyInstance, roles?: readonly StaffRole[]) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const staff = request.staffViewer;
    if (!staff) return reply.redirect('/staff/login', 303);
    const ctx = staffPageContext(app, request, reply);
    if (request.method === 'POST' && !staffCsrfValid(request)) {
      request.log.info({ route: request.routeOptions.url }, 'staff form refused: CSRF token missing or wrong');
      return sendPage(reply, StaffMessagePage({ ctx, message: ctx.t('pages.csrf_failed'), status: 403 }), 403);
    }
    if (roles && !roles.includes(staff.role)) return sendPage(reply, StaffMessagePage({ ctx, message: ctx.t('errors.staff.forbidden'), status: 403 }), 403);
  };
}

async function staffPages(app: FastifyInstance): Promise<void> {
  const { config } = app.deps;
  const db = () => app.deps.database.db;
  const deps = (): IdentityDepsWithConfig => ({ db: db(), clock: app.deps.clock, config });
  app.addHook('onResponse', async () => app.outbox.nudge());
  installStaffSession(app);

  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => staffPageContext(app, request, reply);
  const render = (reply: FastifyReply, page: VNode, status = 200) => sendPage(reply, page, status);
  const origin = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
  const messageOf = (ctx: StaffPageContext, error: AppError) => ctx.t(error.messageKey, error.params);

  const signedIn = (roles?: readonly StaffRole[]) => staffSignedIn(app, roles);

  // ---- Sign in ----------------------------------------------------------------------------
  app.get('/staff/login', { schema: { hide: true } }, async (request, reply) => {
    if (request.staffViewer) return reply.redirect('/staff', 303);
    return render(reply, StaffLoginPage({ ctx: ctxOf(request, reply) }));
  });

  app.post(
    '/staff/login',
    {
      schema: { hide: true },
      config: staffForm,
      preHandler: authRateLimits(app, 'staff-login', 'web'),
    },
    async (request, reply) => {
      const ctx = ctxOf(request, reply);
      const username = formField(request.body, 'username', { max: 64 }).trim();
      const password = formField(request.body, 'password');
      const again = (errors: FormError[], status: number, message?: string) => render(reply, StaffLoginPage({ ctx, username, errors, message }), status);
      const missing: FormError[] = [];
      if (!username) missing.push({ field: 'username', message: ctx.t('staff_pages.login.username.missing') });
      if (!password) missing.push({ field: 'password', message: ctx.t('staff_pages.login.password.missing') });
      if (missing.length > 0) return again(missing, 422);
      try {
        const { challengeId } = await startStaffLogin({ ...deps(), ...origin(request), username, password });
        return reply.redirect(`/staff/codes/${challengeId}`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return again([], error.status, messageOf(ctx, error));
      }
    },
  );

  async function codePage(request: FastifyRequest, reply: FastifyReply, extra: Partial<StaffCodePageProps> = {}) {
    const { challengeId } = request.params as { challengeId: string };
    if (!isUuid(challengeId)) return null;
    const challenge = await findChallengeForUpdate(db(), challengeId);
    if (!challenge || challenge.purpose !== 'staff_login') return null;
    const dead = challenge.consumed_at !== null || challenge.attempts >= CODE_MAX_ATTEMPTS;
    const canResend = !dead && challenge.last_sent_at.getTime() + RESEND_AFTER_MS <= app.deps.clock.now().getTime();
    return StaffCodePage({ ctx: ctxOf(request, reply), challengeId, maskedMobile: maskMobile(challenge.mobile), canResend, ...extra });
  }

  const challengeLimits = authRateLimits(app, 'staff-challenge', 'web');

  app.get('/staff/codes/:challengeId', { schema: { hide: true } }, async (request, reply) => {
    const page = await codePage(request, reply, { resent: (request.query as Record<string, unknown>).resent === '1' });
    if (!page) throw new AppError('identity.challenge_not_found');
    return render(reply, page);
  });

  app.post('/staff/codes/:challengeId', { schema: { hide: true }, config: staffForm, preHandler: challengeLimits }, async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const { challengeId } = request.params as { challengeId: string };
    const again = async (extra: Partial<StaffCodePageProps>, status: number) => {
      const page = await codePage(request, reply, extra);
      if (!page) throw new AppError('identity.challenge_not_found');
      return render(reply, page, status);
    };
    const code = latinDigits(formField(request.body, 'code', { max: 20 })).replace(/\s/g, '');
    if (!/^[0-9]{6}$/.test(code)) return again({ errors: [{ field: 'code', message: ctx.t('staff_pages.code.invalid') }] }, 422);
    if (!isUuid(challengeId)) throw new AppError('identity.challenge_not_found');
    try {
      const outcome = await verifyStaffChallenge({ ...deps(), ...origin(request), challengeId, code, sessionKind: 'web' });
      // Rotation: the new staff session replaces the one this browser had.
      if (request.staffViewer) await revokeSessionById(db(), request.staffViewer.sessionId, app.deps.clock.now());
      setStaffSessionCookie(reply, config, outcome.session.token, outcome.session.expiresAt);
      return reply.redirect('/staff', 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'identity.challenge_not_found') throw error;
      if (error.code === 'identity.code_wrong') return again({ errors: [{ field: 'code', message: messageOf(ctx, error) }] }, error.status);
      return again({ message: messageOf(ctx, error) }, error.status);
    }
  });

  app.post(
    '/staff/codes/:challengeId/resend',
    { schema: { hide: true }, config: staffForm, preHandler: authRateLimits(app, 'staff-resend', 'web') },
    async (request, reply) => {
      const { challengeId } = request.params as { challengeId: string };
      const challenge = isUuid(challengeId) ? await findChallengeForUpdate(db(), challengeId) : undefined;
      if (!challenge || challenge.purpose !== 'staff_login') throw new AppError('identity.challenge_not_found');
      try {
        await resendCode({ ...deps(), challengeId });
      } catch (error) {
        if (!isAppError(error) || error.code === 'identity.challenge_not_found') throw error;
        const page = await codePage(request, reply, { message: messageOf(ctxOf(request, reply), error) });
        if (!page) throw error;
        return render(reply, page, error.status);
      }
      return reply.redirect(`/staff/codes/${challengeId}?resent=1`, 303);
    },
  );

  app.post('/staff/logout', { schema: { hide: true }, config: staffForm, preHandler: signedIn() }, async (request, reply) => {
    const staff = request.staffViewer!;
    const now = app.deps.clock.now();
    await revokeSessionById(db(), staff.sessionId, now);
    await appendAudit(db(), { actorKind: 'staff', actorId: staff.staffId, action: 'staff.logout', ip: request.ip, details: { sessionId: staff.sessionId } }, app.deps.clock);
    clearStaffSessionCookie(reply, config);
    return reply.redirect('/staff/login', 303);
  });

  // ---- Home -------------------------------------------------------------------------------
  app.get('/staff', { schema: { hide: true }, preHandler: signedIn() }, async (request, reply) => render(reply, StaffHomePage({ ctx: ctxOf(request, reply) })));

  // ---- Activation codes -------------------------------------------------------------------
  app.get('/staff/activation-codes', { schema: { hide: true }, preHandler: signedIn(ISSUING_ROLES) }, async (request, reply) =>
    render(reply, ActivationCodeFormPage({ ctx: ctxOf(request, reply) })),
  );

  app.post('/staff/activation-codes', { schema: { hide: true }, config: staffForm, preHandler: signedIn(ISSUING_ROLES) }, async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const nationalId = latinDigits(formField(request.body, 'nationalId', { max: 40 })).replace(/[\s-]/g, '');
    const purposeField = formField(request.body, 'purpose');
    const purpose = (ACTIVATION_PURPOSES as readonly string[]).includes(purposeField) ? (purposeField as ActivationPurposeChoice) : undefined;
    const verified = formField(request.body, 'verified') === 'yes';
    const errors: FormError[] = [];
    if (!nationalId) errors.push({ field: 'nationalId', message: ctx.t('staff_pages.codes.national_id.missing') });
    else if (!issueActivationCodeBodySchema.shape.nationalId.safeParse(nationalId).success) errors.push({ field: 'nationalId', message: ctx.t('identity.national_id.invalid') });
    if (!purpose) errors.push({ field: 'purpose', message: ctx.t('staff_pages.codes.purpose.missing') });
    if (!verified) errors.push({ field: 'verified', message: ctx.t('staff_pages.codes.verified.missing') });
    const again = (list: FormError[], status: number, message?: string) => render(reply, ActivationCodeFormPage({ ctx, values: { nationalId, purpose }, errors: list, message }), status);
    if (errors.length > 0 || !purpose) return again(errors, 422);
    try {
      const issued = await issueActivationCode({ ...deps(), ...origin(request), staff: request.staffViewer!, nationalId, purpose });
      return render(reply, ActivationCodeIssuedPage({ ctx, code: issued.code, expiresAt: issued.expiresAt, nationalId, purpose }), 201);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'registry.person_not_found') return again([{ field: 'nationalId', message: messageOf(ctx, error) }], error.status);
      return again([], error.status, messageOf(ctx, error));
    }
  });

  // ---- Staff accounts (admins, own agency) ------------------------------------------------
  async function accountsPage(request: FastifyRequest, reply: FastifyReply, extra: { values?: NewStaffForm; errors?: FormError[]; message?: string; notice?: string } = {}, status = 200) {
    const ctx = ctxOf(request, reply);
    const viewer = request.staffViewer!;
    const staff = await listAgencyStaff({ ...deps(), actor: { kind: 'staff', session: viewer }, agency: viewer.agency });
    return render(reply, StaffAccountsPage({ ctx, staff, ...extra }), status);
  }

  app.get('/staff/accounts', { schema: { hide: true }, preHandler: signedIn(ADMIN_ROLES) }, async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const disabled = (request.query as Record<string, unknown>).disabled === '1';
    return accountsPage(request, reply, disabled ? { notice: ctx.t('staff_pages.accounts.disabled_notice') } : {});
  });

  app.post('/staff/accounts', { schema: { hide: true }, config: staffForm, preHandler: signedIn(ADMIN_ROLES) }, async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const admin = request.staffViewer!;
    const role = formField(request.body, 'role');
    const values: NewStaffForm = {
      username: formField(request.body, 'username', { max: 60 }).trim(),
      nameAr: formField(request.body, 'nameAr', { max: 300 }).trim(),
      nameEn: formField(request.body, 'nameEn', { max: 300 }).trim(),
      mobile: latinDigits(formField(request.body, 'mobile', { max: 40 })).replace(/[\s-]/g, ''),
      role: (STAFF_ROLES as readonly string[]).includes(role) ? (role as StaffRole) : '',
    };
    const parsed = createStaffBodySchema.safeParse({ ...values, role: values.role || undefined, agency: admin.agency, language: ctx.locale });
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))].filter((f) => f in emptyStaffForm);
      const errors = fields.map((field) => ({ field, message: ctx.t(`staff_pages.accounts.${field}.invalid`) }));
      return accountsPage(request, reply, { values, errors }, 422);
    }
    try {
      const { staff, generatedPassword } = await createStaffAccount({ ...deps(), ...origin(request), actor: { kind: 'staff', session: admin }, input: { ...parsed.data, password: undefined } });
      return render(reply, StaffCreatedPage({ ctx, created: staff, password: generatedPassword! }), 201);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'identity.username_taken') return accountsPage(request, reply, { values, errors: [{ field: 'username', message: messageOf(ctx, error) }] }, error.status);
      return accountsPage(request, reply, { values, message: messageOf(ctx, error) }, error.status);
    }
  });

  /** The target of a disable: a staff member of the admin's own agency (others do not exist here). */
  async function targetOf(request: FastifyRequest) {
    const { staffId } = request.params as { staffId: string };
    const target = isUuid(staffId) ? await findStaffById(db(), staffId) : undefined;
    if (!target || target.agency !== request.staffViewer!.agency) throw new AppError('staff.not_found');
    return staffProfile(target);
  }

  app.get('/staff/accounts/:staffId/disable', { schema: { hide: true }, preHandler: signedIn(ADMIN_ROLES) }, async (request, reply) => {
    const target = await targetOf(request);
    if (target.disabled) return reply.redirect('/staff/accounts', 303);
    return render(reply, DisableStaffPage({ ctx: ctxOf(request, reply), target }));
  });

  app.post('/staff/accounts/:staffId/disable', { schema: { hide: true }, config: staffForm, preHandler: signedIn(ADMIN_ROLES) }, async (request, reply) => {
    const target = await targetOf(request);
    try {
      await disableStaffAccount({ ...deps(), ...origin(request), actor: { kind: 'staff', session: request.staffViewer! }, staffId: target.id });
      return reply.redirect('/staff/accounts?disabled=1', 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return accountsPage(request, reply, { message: messageOf(ctxOf(request, reply), error) }, error.status);
    }
  });
}

/** Registered by app.ts after identityWebRoutes (whose portal-wide hooks check `_csrf`). */
export async function staffWebRoutes(app: FastifyInstance): Promise<void> {
  await app.register(staffPages);
}
