import type { FastifyRequest } from 'fastify';
import { direction, negotiateLocale, type Locale, type Translator } from '../kernel/i18n/index.js';
import { pageTranslator } from './ui/ltr.js';

/** The person signed in to the portal through a web session (set by the session preHandler). */
export interface WebUser {
  sessionId: string;
  accountId: string;
  personId: string;
  status: 'registered' | 'active' | 'disabled';
  nameAr: string;
  nameEn: string;
  /** Echoed by every form the person posts (synchroniser token of the session). */
  csrfToken: string;
  /** The session's idle limit (SESSION_IDLE_MINUTES): pages warn a little before it runs out. */
  idleMinutes?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by src/web/session.ts when a live web session cookie came with the request. */
    user?: WebUser;
  }
}

/** What every page needs to render: the language, its translator (numbers kept in order: web/ui/ltr.tsx), and the request's situation. */
export interface PageContext {
  locale: Locale;
  dir: 'rtl' | 'ltr';
  t: Translator;
  /** Path and query of the current page, for the language switch to come back to. */
  path: string;
  demoMode: boolean;
  requestId: string;
  /** The signed-in person, or null: the header shows their name and a log-out button. */
  user: WebUser | null;
}

export const LANGUAGE_COOKIE = 'lang';

export function localeOf(request: FastifyRequest): Locale {
  return negotiateLocale(request.cookies?.[LANGUAGE_COOKIE], request.headers['accept-language']);
}

export function pageContext(request: FastifyRequest, options: { demoMode: boolean }): PageContext {
  const locale = localeOf(request);
  return {
    locale,
    dir: direction(locale),
    t: pageTranslator(locale),
    // Without a kept page's `_page` (web/replay.ts): links back here (the language switch) draw it afresh.
    path: request.url.replace(/([?&])_page=[^&]*(&|$)/, (_m, lead: string, tail: string) => (tail ? lead : '')),
    demoMode: options.demoMode,
    requestId: String(request.id),
    user: request.user ?? null,
  };
}
