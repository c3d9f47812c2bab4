import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MINUTE_MS } from '../kernel/clock.js';
import { deleteExpiredPageReplays, findPageReplay, insertPageReplay } from './replay-repository.js';
import { SESSION_COOKIE } from './session.js';

/**
 * Post/redirect/get for every page form, whatever route answers it.
 *
 * A route that answers a form's POST with a page (the form again with its mistakes, a refusal, a
 * result such as "your account is registered") does not send it: the page is kept for the
 * browser that sent the form, and the browser is redirected (303) to fetch it with GET at the
 * form's own address with `_page=<id>`. So Back, reload and history never meet the answer to a
 * POST, which a browser cannot show again without sending the form twice (ERR_CACHE_MISS). The
 * routes stay as they are; a route that redirects by itself (most successes) is left alone.
 *
 * A kept page is bound to the browser by a hash of its session or form-token cookie, read only
 * by it, and removed after REPLAY_TTL_MS (Back and reload within that time show it again, as a
 * browser's own cache would). Not for the API (its clients want the answer itself), for pages of
 * other systems served here (`portal: false`), or for a browser with none of those cookies
 * (a form refused before any cookie was set, which carries nothing to keep).
 */

/** How long a page drawn for a POST stays fetchable by Back and reload. */
export const REPLAY_TTL_MS = 30 * MINUTE_MS;
export const REPLAY_PARAM = '_page';

/** The platform's own cookies share this prefix (web/session.ts, identity/staff/pages/session.ts). */
const PLATFORM_COOKIE_PREFIX = SESSION_COOKIE.slice(0, SESSION_COOKIE.indexOf('_') + 1);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whose browser: a hash of the platform's cookies that tie it to a session or to its signed-out
 * forms (`tayseer_session`, the staff portal's `tayseer_staff_session`, `tayseer_csrf`), by name.
 */
function ownerOf(request: FastifyRequest): string | undefined {
  const ties = Object.entries(request.cookies ?? {})
    .filter((entry): entry is [string, string] => entry[0].startsWith(PLATFORM_COOKIE_PREFIX) && typeof entry[1] === 'string' && entry[1] !== '')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  if (ties.length === 0) return undefined;
  return createHash('sha256').update(ties.map(([name, value]) => `${name}=${value}`).join('\n')).digest('hex');
}

function isPortalPage(request: FastifyRequest): boolean {
  return !request.url.startsWith('/api/') && request.routeOptions.config?.portal !== false;
}

export function installPostRedirectGet(app: FastifyInstance): void {
  const { database, clock } = app.deps;

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.method !== 'POST' || !isPortalPage(request)) return payload;
    if (reply.statusCode >= 300 && reply.statusCode < 400) return payload;
    if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    const owner = ownerOf(request);
    if (!owner) return payload;
    const url = new URL(request.url, 'http://portal.invalid');
    const id = randomUUID();
    const now = clock.now();
    try {
      await deleteExpiredPageReplays(database.db, now);
      await insertPageReplay(database.db, { id, owner_hash: owner, path: url.pathname, status: reply.statusCode, html: payload, created_at: now, expires_at: new Date(now.getTime() + REPLAY_TTL_MS) });
    } catch (error) {
      // The page cannot be kept (the database is unavailable, as the page itself may be saying):
      // it is sent as it is, with its status, rather than lost.
      request.log.warn({ err: error }, 'page not kept for post/redirect/get; sent as the POST answer');
      return payload;
    }
    url.searchParams.delete(REPLAY_PARAM);
    url.searchParams.set(REPLAY_PARAM, id);
    reply.code(303).header('location', `${url.pathname}${url.search}`).header('content-type', 'text/plain; charset=utf-8');
    return '';
  });

  // Before any route (and for an address with no page of its own): the kept page, when it is this browser's.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET') return;
    const id = (request.query as Record<string, unknown> | undefined)?.[REPLAY_PARAM];
    if (typeof id !== 'string' || !UUID.test(id) || !isPortalPage(request)) return;
    const owner = ownerOf(request);
    const kept = owner ? await findPageReplay(database.db, id, owner, new URL(request.url, 'http://portal.invalid').pathname, clock.now()) : undefined;
    if (!kept) return;
    return reply.code(kept.status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(kept.html);
  });
}
