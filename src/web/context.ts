import type { FastifyRequest } from 'fastify';
import { direction, negotiateLocale, translator, type Locale, type Translator } from '../kernel/i18n/index.js';

/** What every page needs to render: the language, its translator, and the request's situation. */
export interface PageContext {
  locale: Locale;
  dir: 'rtl' | 'ltr';
  t: Translator;
  /** Path and query of the current page, for the language switch to come back to. */
  path: string;
  demoMode: boolean;
  requestId: string;
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
    t: translator(locale),
    path: request.url,
    demoMode: options.demoMode,
    requestId: String(request.id),
  };
}
