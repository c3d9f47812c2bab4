import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LANGUAGE_COOKIE, pageContext } from './context.js';
import { HomePage } from './pages/home.js';
import { sendPage } from './render.js';

/** Only a local path may follow a language switch (no open redirect). */
export function safeNextPath(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

export async function webRoutes(app: FastifyInstance): Promise<void> {
  const demoMode = app.deps.config.demoMode;

  app.get('/', { schema: { hide: true } }, async (request, reply) => sendPage(reply, HomePage({ ctx: pageContext(request, { demoMode }) })));

  // An agency's page (its services) belongs to the service engine: src/requests/web-routes.ts.

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
