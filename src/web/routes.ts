import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LANGUAGE_COOKIE } from './context.js';

/** Only a local path may follow a language switch (no open redirect). */
export function safeNextPath(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

export async function webRoutes(app: FastifyInstance): Promise<void> {
  // The home page (`/`, the dashboard when signed in) belongs to src/dashboard.
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
