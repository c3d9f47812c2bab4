import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LANGUAGE_COOKIE } from './context.js';
import { loginPathAfterSessionEnd } from './session.js';

/**
 * Only a path of this site may follow a language switch or a sign-in (no open redirect): the
 * path, query and fragment of `next` read as a browser would read it here, or `/`. Refused:
 * another origin (`https://…`, `//host`, `/\host`), another scheme (`javascript:`), and any
 * whitespace, control character or backslash, which browsers drop or turn into `/` (`/<tab>/host`
 * would open `//host`).
 */
export function safeNextPath(next: string | undefined): string {
  const unsafe = (c: string) => c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '\\' || /\s/.test(c);
  if (!next || next.length > 2000 || !next.startsWith('/') || [...next].some(unsafe)) return '/';
  const base = 'http://portal.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  if (url.origin !== base || next.startsWith('//')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

export async function webRoutes(app: FastifyInstance): Promise<void> {
  // The home page (`/`, the dashboard when signed in) belongs to src/dashboard.
  // An agency's page (its services) belongs to the service engine: src/requests/web-routes.ts.

  // The portal's one search (e-services, inquiries, the person's pages), for apps as the
  // /services?q= page shows it. Public: it lists what exists, not what anyone has.
  const bilingual = z.object({ ar: z.string(), en: z.string() });
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/search',
    {
      schema: {
        tags: ['services'],
        summary: 'Searches the e-services, the inquiries and the pages of a person’s account together, best first, in Arabic or English',
        querystring: z.object({ q: z.string().max(200), limit: z.coerce.number().int().min(1).max(50).optional() }),
        response: {
          200: z.object({
            results: z.array(z.object({ kind: z.enum(['service', 'inquiry', 'page']), id: z.string(), href: z.string(), name: bilingual, description: bilingual })),
          }),
        },
      },
    },
    async (request) => ({ results: app.portalSearch.search(request.query.q, { limit: request.query.limit ?? 20 }) }),
  );

  // "Stay signed in" on the notice before the session ends (session-warning.tsx): the session
  // hooks have already counted this request as activity. The page's script asks for JSON; the
  // plain form (no script) comes back to the page it was on.
  app.post('/session/keep-alive', { schema: { hide: true } }, async (request, reply) => {
    const wantsJson = String(request.headers.accept ?? '').includes('application/json');
    const raw = (request.body as Record<string, unknown> | undefined)?.next;
    const next = safeNextPath(typeof raw === 'string' ? raw : undefined);
    if (!request.user) return wantsJson ? reply.code(401).send({ signedIn: false }) : reply.redirect(loginPathAfterSessionEnd(request, next), 303);
    return wantsJson ? reply.send({ signedIn: true }) : reply.redirect(next, 303);
  });

  // The language switch is a plain link (works without JavaScript); the choice is remembered for a year.
  app.get(
    '/language',
    { schema: { hide: true, querystring: z.object({ to: z.enum(['ar', 'en']), next: z.string().max(2000).optional() }) } },
    async (request, reply) => {
      const { to, next } = request.query as { to: 'ar' | 'en'; next?: string };
      reply.setCookie(LANGUAGE_COOKIE, to, {
        path: '/',
        maxAge: 365 * 24 * 3600,
        sameSite: 'lax',
        httpOnly: true,
        secure: app.deps.config.env === 'production',
      });
      return reply.redirect(safeNextPath(next), 303);
    },
  );
}
