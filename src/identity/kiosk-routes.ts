import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, type AppError } from '../kernel/errors.js';
import { pageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import { anonymousCsrfToken } from '../web/session.js';
import { cancelKioskFlow, checkKioskFingerprint, completeKioskActivation, fingerprintReadingOf, kioskFlowPerson, kioskFlowStep, startKioskActivation, type KioskDevice } from './kiosk-activation.js';
import { formField, latinDigits } from './pages/form-input.js';
import { KioskPage, type KioskScreen } from './pages/kiosk.js';
import { sha256Hex } from './secrets.js';
import { installStaffSession } from './staff/pages/session.js';
import { staffForm, staffSignedIn } from './staff/web-routes.js';

/**
 * Demo mode only (app.ts): the self-service kiosk's screen. It lives under /staff because the
 * kiosk is a device signed in with its own staff account (role `kiosk`) and the staff session
 * cookie is sent to /staff only. Each step posts, then redirects to the screen of the next
 * step (a reload or Back never posts again); a refusal is drawn at once with its message.
 * The fingerprint sensor is simulated: demo mode shows the reading of the person's enrolled
 * finger (from the registry's biometrics record) and of someone else's.
 */

const DONE = ['activated', 'no_account', 'already_active', 'ended'] as const;
type Done = (typeof DONE)[number];
const isUuidLike = (value: string) => /^[0-9a-f-]{36}$/i.test(value);

export async function kioskRoutes(app: FastifyInstance): Promise<void> {
  const { config, clock } = app.deps;
  const deps = () => ({ db: app.deps.database.db, clock });
  installStaffSession(app);
  const signedIn = staffSignedIn(app, ['kiosk']);

  const device = (request: FastifyRequest): KioskDevice => {
    const viewer = request.staffViewer!;
    return { staffId: viewer.staffId, username: viewer.username, role: viewer.role, sessionId: viewer.sessionId };
  };
  const origin = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
  const draw = (request: FastifyRequest, reply: FastifyReply, screen: KioskScreen, options: { error?: unknown } = {}) => {
    if (options.error !== undefined && !isAppError(options.error)) throw options.error;
    const error = options.error as AppError | undefined;
    const ctx = pageContext(request, { demoMode: config.demoMode });
    const tokens = { formToken: anonymousCsrfToken(request, reply, config), staffToken: request.staffViewer!.csrfToken };
    reply.header('cache-control', 'no-store');
    const page = KioskPage({ ctx, tokens, kioskId: request.staffViewer!.username, screen, ...(error ? { error: ctx.t(error.messageKey, error.params) } : {}) });
    return sendPage(reply, page, error ? error.status : 200);
  };
  const flowOf = (request: FastifyRequest) => {
    const flow = formField(request.body, 'flow', { max: 40 });
    return isUuidLike(flow) ? flow : '';
  };

  /** The finger screen with the demo sensor's two readings. */
  const fingerScreen = async (request: FastifyRequest, flowId: string): Promise<KioskScreen> => {
    const { biometrics } = await kioskFlowPerson({ ...deps(), kiosk: device(request), flowId });
    const ownReading = biometrics && biometrics.status === 'registered' && biometrics.fingerprints_on ? fingerprintReadingOf(biometrics) : null;
    return { kind: 'finger', flowId, sensor: { ownReading, otherReading: sha256Hex(`fingerprint:other:${randomBytes(16).toString('hex')}`) } };
  };

  app.get('/kiosk', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/staff/kiosk', 303));

  app.get('/staff/kiosk', { schema: { hide: true }, preHandler: signedIn }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const done = DONE.find((outcome) => outcome === query.done);
    if (done) return draw(request, reply, { kind: 'done', outcome: done as Done });
    const flowId = query.flow && isUuidLike(query.flow) ? query.flow : '';
    if (!flowId) return draw(request, reply, { kind: 'start' });
    const step = await kioskFlowStep({ ...deps(), kiosk: device(request), flowId });
    if (!step) return draw(request, reply, { kind: 'done', outcome: 'ended' });
    if (step.step === 'code') return draw(request, reply, { kind: 'code', flowId, maskedMobile: step.maskedMobile ?? '' });
    return draw(request, reply, await fingerScreen(request, flowId));
  });

  app.post('/staff/kiosk/start', { schema: { hide: true }, config: staffForm, preHandler: signedIn }, async (request, reply) => {
    const nationalId = latinDigits(formField(request.body, 'nationalId', { max: 40 })).replace(/[\s-]/g, '');
    try {
      const { flowId } = await startKioskActivation({ ...deps(), ...origin(request), kiosk: device(request), nationalId, locale: pageContext(request, { demoMode: config.demoMode }).locale });
      return reply.redirect(`/staff/kiosk?flow=${flowId}`, 303);
    } catch (error) {
      return draw(request, reply, { kind: 'start', nationalId }, { error });
    }
  });

  app.post('/staff/kiosk/finger', { schema: { hide: true }, config: staffForm, preHandler: signedIn }, async (request, reply) => {
    const flowId = flowOf(request);
    try {
      const outcome = await checkKioskFingerprint({ ...deps(), ...origin(request), kiosk: device(request), flowId, reading: formField(request.body, 'reading', { max: 128 }) });
      return reply.redirect(outcome.next === 'code' ? `/staff/kiosk?flow=${flowId}` : `/staff/kiosk?done=${outcome.next}`, 303);
    } catch (error) {
      if (isAppError(error) && error.code === 'identity.kiosk_fingerprint_wrong') return draw(request, reply, await fingerScreen(request, flowId), { error });
      // Three wrong fingers, or a flow that ended: the screen says so and starts again.
      return draw(request, reply, { kind: 'start' }, { error });
    }
  });

  app.post('/staff/kiosk/code', { schema: { hide: true }, config: staffForm, preHandler: signedIn }, async (request, reply) => {
    const flowId = flowOf(request);
    const code = latinDigits(formField(request.body, 'code', { max: 20 })).replace(/\s/g, '');
    try {
      await completeKioskActivation({ ...deps(), ...origin(request), kiosk: device(request), flowId, code });
      return reply.redirect('/staff/kiosk?done=activated', 303);
    } catch (error) {
      const step = isAppError(error) ? await kioskFlowStep({ ...deps(), kiosk: device(request), flowId }) : undefined;
      if (step?.step === 'code') return draw(request, reply, { kind: 'code', flowId, maskedMobile: step.maskedMobile ?? '' }, { error });
      return draw(request, reply, { kind: 'start' }, { error });
    }
  });

  // "Start again", "Finish" and the idle reset (assets/kiosk.js submits this form).
  app.post('/staff/kiosk/reset', { schema: { hide: true }, config: staffForm, preHandler: signedIn }, async (request, reply) => {
    const flowId = flowOf(request);
    if (flowId) await cancelKioskFlow({ ...deps(), ...origin(request), kiosk: device(request), flowId });
    return reply.redirect('/staff/kiosk', 303);
  });
}
