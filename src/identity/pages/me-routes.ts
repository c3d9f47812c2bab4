import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../../kernel/uuid.js';
import { listAuditForSubject } from '../../audit/index.js';
import { AppError } from '../../kernel/errors.js';
import type { WebUser } from '../../web/context.js';
import { pageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import type { IdentityDepsWithConfig } from '../deps.js';
import { getMyData } from '../my-data.js';
import { listSessions, revokeOtherSession } from '../sessions.js';
import { MyDataPage } from './my-data.js';
import { SessionsPage, type SecurityEvent } from './sessions.js';
import { signedInOrToLogin } from '../../web/session.js';

/**
 * The signed-in pages: "my data" and "my sessions". Whose data is shown comes only from the
 * session, never from the request. Without a session: to the login page, and back afterwards.
 */


/** The audit actions a person sees as "recent security events", with their message keys. */
export function securityEventKey(action: string): string | null {
  switch (action) {
    case 'identity.login':
      return 'pages.security.login';
    case 'identity.login_failed':
      return 'pages.security.login_failed';
    case 'identity.account_locked':
      return 'pages.security.account_locked';
    case 'identity.logout':
      return 'pages.security.logout';
    case 'identity.account_registered':
    case 'identity.account_registered_active':
      return 'pages.security.registered';
    case 'identity.mobile_moved':
      return 'pages.security.mobile_moved';
    default:
      // Password changes and resets, and activations, whatever module records them.
      if (action.startsWith('identity.') && action.includes('password') && !action.includes('login')) return 'pages.security.password_changed';
      if (action.startsWith('identity.') && action.includes('activat')) return 'pages.security.activated';
      return null;
  }
}

const SHOWN_EVENTS = 10;

export async function meRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.deps;
  const deps = (): IdentityDepsWithConfig => ({ db: app.deps.database.db, clock: app.deps.clock, config });

  const signedIn = (request: FastifyRequest, reply: FastifyReply): WebUser | null => signedInOrToLogin(request, reply, '/me');

  app.get('/me', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const data = await getMyData({ ...deps(), accountId: user.accountId });
    return sendPage(reply, MyDataPage({ ctx: pageContext(request, { demoMode: config.demoMode }), data }));
  });

  app.get('/me/sessions', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const [sessions, audit] = await Promise.all([
      listSessions({ ...deps(), accountId: user.accountId }),
      listAuditForSubject(app.deps.database.db, user.personId, { limit: 100 }),
    ]);
    const events: SecurityEvent[] = audit
      .map((entry) => ({ at: entry.occurredAt, key: securityEventKey(entry.action) }))
      .filter((event): event is SecurityEvent => event.key !== null)
      .slice(0, SHOWN_EVENTS);
    const revoked = (request.query as Record<string, unknown>).revoked === '1';
    const ctx = pageContext(request, { demoMode: config.demoMode });
    return sendPage(reply, SessionsPage({ ctx, csrfToken: user.csrfToken, currentSessionId: user.sessionId, sessions, events, revoked }));
  });

  app.post('/me/sessions/:sessionId/revoke', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const { sessionId } = request.params as { sessionId: string };
    // This device's own session ends with "log out"; the page offers no revoke button for it.
    if (!isUuid(sessionId) || sessionId === user.sessionId) throw new AppError('identity.session_not_found');
    await revokeOtherSession({ ...deps(), ip: request.ip, userAgent: request.headers['user-agent'] ?? null, accountId: user.accountId, sessionId });
    return reply.redirect('/me/sessions?revoked=1', 303);
  });
}
