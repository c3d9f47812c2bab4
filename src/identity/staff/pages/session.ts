import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import type { StaffAgency, StaffRole } from '../../../db/tables.js';
import { tokensMatch } from '../../../web/session.js';
import { findStaffById } from '../repository.js';
import { resolveStaffSession } from '../sessions.js';

/**
 * The staff portal's own session cookie, apart from individuals' `tayseer_session`: a staff
 * web session (sessions.staff_id, kind 'web') with the same idle and absolute limits, enforced
 * by resolveStaffSession. The cookie is HttpOnly, SameSite=Strict and sent to /staff only.
 *
 * CSRF: every staff form is routed with `config: { csrf: 'anonymous' }`, so the portal-wide
 * hook checks the double-submit token (`_csrf`); signed-in forms also carry the staff
 * session's own token (`_staff_csrf`), checked here (synchroniser token).
 */

export const STAFF_SESSION_COOKIE = 'tayseer_staff_session';
export const STAFF_CSRF_FIELD = '_staff_csrf';
const COOKIE_PATH = '/staff';

/** The signed-in staff member, as the pages show them. */
export interface StaffViewer {
  sessionId: string;
  staffId: string;
  username: string;
  nameAr: string;
  nameEn: string;
  agency: StaffAgency;
  role: StaffRole;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the staff pages' onRequest hook when a live staff web session came with the request. */
    staffViewer?: StaffViewer;
  }
}

type CookieConfig = Pick<Config, 'cookieSecure'>;

const cookieOptions = (config: CookieConfig) => ({ path: COOKIE_PATH, httpOnly: true, sameSite: 'strict' as const, secure: config.cookieSecure });

export function setStaffSessionCookie(reply: FastifyReply, config: CookieConfig, token: string, expiresAt: Date): void {
  reply.setCookie(STAFF_SESSION_COOKIE, token, { ...cookieOptions(config), expires: expiresAt });
}

export function clearStaffSessionCookie(reply: FastifyReply, config: CookieConfig): void {
  reply.clearCookie(STAFF_SESSION_COOKIE, cookieOptions(config));
}

export function presentedStaffToken(request: FastifyRequest): string | undefined {
  const token = request.cookies[STAFF_SESSION_COOKIE];
  return token && token.length <= 200 ? token : undefined;
}

/** Installs the resolver on the (encapsulated) staff pages instance. */
export function installStaffSession(app: FastifyInstance): void {
  const { config, database, clock } = app.deps;
  app.addHook('onRequest', async (request, reply) => {
    const token = presentedStaffToken(request);
    if (!token) return;
    const session = await resolveStaffSession({ db: database.db, clock, config, token, kind: 'web' });
    const staff = session ? await findStaffById(database.db, session.staffId) : undefined;
    if (!session || !session.csrfToken || !staff || staff.disabled_at) {
      clearStaffSessionCookie(reply, config);
      return;
    }
    request.staffViewer = {
      sessionId: session.sessionId,
      staffId: staff.id,
      username: staff.username,
      nameAr: staff.name_ar,
      nameEn: staff.name_en,
      agency: staff.agency,
      role: staff.role,
      csrfToken: session.csrfToken,
    };
  });
}

/** The staff session's synchroniser token was echoed by the form. */
export function staffCsrfValid(request: FastifyRequest): boolean {
  const given = (request.body as Record<string, unknown> | undefined)?.[STAFF_CSRF_FIELD];
  return tokensMatch(request.staffViewer?.csrfToken, given);
}
