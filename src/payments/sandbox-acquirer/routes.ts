import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { defaultLocale, isLocale, translator, type Locale } from '../../kernel/i18n/index.js';
import { browserLocation } from '../../kernel/own-url.js';
import { LANGUAGE_COOKIE } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { anonymousCsrfToken, CSRF_COOKIE, CSRF_FIELD, tokensMatch } from '../../web/session.js';
import { cancelCheckout, loadCheckout, SANDBOX_3DS_CODE, stageOf, submitCard, submitCode, type FlowDeps } from './hosted-flow.js';
import { CardPage, CodePage, StatusPage, type CheckoutView, type PageError, type View } from './pages.js';
import type { PaymentWithRefund } from './repository.js';
import { paymentStatus } from './status.js';
import { stylesheet, STYLESHEET_PATH } from './stylesheet.js';

/**
 * The hosted pages under /sandbox-acquirer/: a separate system served by the same process, so
 * not portal pages (`portal: false`: no portal session, not the portal's CSRF hook). Their
 * forms are protected by a double-submit token (the portal's anonymous CSRF cookie and a
 * `_csrf` field) that the handlers check themselves. Language: `?lang=`, else the portal's language cookie, else the
 * language the merchant asked for in the checkout (Arabic by default).
 */

export interface RoutesDeps extends FlowDeps {
  cookieSecure: boolean;
  /**
   * The address these pages are served at (config.publicUrl). A merchant's return address on it
   * is the portal in this same app: the browser is sent back by path, so the person stays on the
   * address they opened (their session cookie is there, and `form-action 'self'` allows it).
   */
  publicUrl: string;
  /** Called when the app closes (stops waiting callback retries). */
  onClose: () => void;
}

const BASE = '/sandbox-acquirer/checkout';
const checkoutPath = (id: string) => `${BASE}/${id}`;
const codePath = (id: string) => `${BASE}/${id}/3ds`;
const cancelPath = (id: string) => `${BASE}/${id}/cancel`;
const withLang = (path: string, locale: Locale) => `${path}?lang=${locale}`;

function localeFor(request: FastifyRequest, row: PaymentWithRefund | undefined): Locale {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(asked)) return asked;
  const remembered = request.cookies?.[LANGUAGE_COOKIE];
  if (isLocale(remembered)) return remembered;
  return row?.locale ?? defaultLocale;
}

function viewOf(locale: Locale, path: string): View {
  return { locale, t: translator(locale), path };
}

function checkoutView(row: PaymentWithRefund, publicUrl: string): CheckoutView {
  return { id: row.id, amount: row.amount, description: { ar: row.description_ar, en: row.description_en }, returnUrl: browserLocation(row.return_url, publicUrl) };
}

function csrfValid(request: FastifyRequest): boolean {
  return tokensMatch(request.cookies?.[CSRF_COOKIE], (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD]);
}

export function sandboxAcquirerRoutes(deps: RoutesDeps): FastifyPluginAsync {
  const { db, clock } = deps;
  const csrfCookie = { cookieSecure: deps.cookieSecure };
  // Not portal pages: no portal session is looked up for them, and their forms are checked here.
  const page = { schema: { hide: true }, config: { portal: false as const } };

  function statusPage(reply: FastifyReply, view: View, row: PaymentWithRefund | undefined, now: Date) {
    if (!row) return sendPage(reply, StatusPage({ view, status: 'not_found' }), 404);
    const { status, declineCode } = paymentStatus(row, now);
    return sendPage(reply, StatusPage({ view, status, checkout: checkoutView(row, deps.publicUrl), declineCode }));
  }

  function cardPage(request: FastifyRequest, reply: FastifyReply, view: View, row: PaymentWithRefund, extra: { errors?: PageError[]; kept?: { name: string; expiry: string } } = {}, status = 200) {
    const csrfToken = anonymousCsrfToken(request, reply, csrfCookie);
    return sendPage(reply, CardPage({ view, checkout: checkoutView(row, deps.publicUrl), csrfToken, action: withLang(checkoutPath(row.id), view.locale), cancelAction: withLang(cancelPath(row.id), view.locale), ...extra }), status);
  }

  function codePage(request: FastifyRequest, reply: FastifyReply, view: View, row: PaymentWithRefund, errors: PageError[] = [], status = 200) {
    const csrfToken = anonymousCsrfToken(request, reply, csrfCookie);
    return sendPage(
      reply,
      CodePage({
        view,
        checkout: checkoutView(row, deps.publicUrl),
        scheme: row.scheme ?? '',
        last4: row.last4 ?? '',
        csrfToken,
        action: withLang(codePath(row.id), view.locale),
        cancelAction: withLang(cancelPath(row.id), view.locale),
        testCode: SANDBOX_3DS_CODE,
        errors,
      }),
      status,
    );
  }

  return async (app) => {
    app.addHook('onClose', async () => deps.onClose());

    app.get(STYLESHEET_PATH, page, async (_request, reply) =>
      reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(stylesheet),
    );

    app.get(`${BASE}/:id`, page, async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = await loadCheckout(db, id);
      const view = viewOf(localeFor(request, row), checkoutPath(id));
      const now = clock.now();
      if (!row) return statusPage(reply, view, row, now);
      switch (stageOf(row, now)) {
        case 'card':
          return cardPage(request, reply, view, row);
        case 'three_ds':
          return reply.redirect(withLang(codePath(id), view.locale), 303);
        case 'finished':
          return statusPage(reply, view, row, now);
      }
    });

    app.post(`${BASE}/:id`, page, async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = await loadCheckout(db, id);
      const view = viewOf(localeFor(request, row), checkoutPath(id));
      if (!csrfValid(request)) return sendPage(reply, StatusPage({ view, status: 'forbidden' }), 403);
      if (!row) return statusPage(reply, view, row, clock.now());
      const result = await submitCard(deps, row, request.body);
      switch (result.kind) {
        case 'accepted':
          return reply.redirect(withLang(codePath(id), view.locale), 303);
        case 'moved':
          return reply.redirect(withLang(checkoutPath(id), view.locale), 303);
        case 'invalid': {
          const errors = result.errors.map((e) => ({ field: e.field, message: view.t(e.key) }));
          return cardPage(request, reply, view, row, { errors, kept: result.kept }, 422);
        }
      }
    });

    app.get(`${BASE}/:id/3ds`, page, async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = await loadCheckout(db, id);
      const view = viewOf(localeFor(request, row), codePath(id));
      const now = clock.now();
      if (!row) return statusPage(reply, view, row, now);
      switch (stageOf(row, now)) {
        case 'card':
          return reply.redirect(withLang(checkoutPath(id), view.locale), 303);
        case 'three_ds':
          return codePage(request, reply, view, row);
        case 'finished':
          return statusPage(reply, view, row, now);
      }
    });

    app.post(`${BASE}/:id/3ds`, page, async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = await loadCheckout(db, id);
      const view = viewOf(localeFor(request, row), codePath(id));
      if (!csrfValid(request)) return sendPage(reply, StatusPage({ view, status: 'forbidden' }), 403);
      if (!row) return statusPage(reply, view, row, clock.now());
      const result = await submitCode(deps, row, request.body);
      switch (result.kind) {
        case 'finished':
          // Back to the merchant; the signed callback (if any) follows in the background.
          return reply.redirect(browserLocation(row.return_url, deps.publicUrl), 303);
        case 'moved':
          return reply.redirect(withLang(checkoutPath(id), view.locale), 303);
        case 'invalid':
          return codePage(request, reply, view, row, [{ field: 'code', message: view.t(result.error, result.params) }], 422);
      }
    });

    // "Cancel and return": a form on the card and 3-D Secure pages, so a link followed by a
    // crawler or a prefetch cannot cancel a payment; checked like the other forms.
    app.post(`${BASE}/:id/cancel`, page, async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = await loadCheckout(db, id);
      const view = viewOf(localeFor(request, row), checkoutPath(id));
      if (!csrfValid(request)) return sendPage(reply, StatusPage({ view, status: 'forbidden' }), 403);
      if (!row) return statusPage(reply, view, row, clock.now());
      const result = await cancelCheckout(deps, row);
      switch (result.kind) {
        case 'cancelled':
          // Back to the merchant, whose page asks us where the payment stands; the callback follows.
          return reply.redirect(browserLocation(row.return_url, deps.publicUrl), 303);
        case 'moved':
          return reply.redirect(withLang(checkoutPath(id), view.locale), 303);
      }
    });

    // The cancel address opened as a page (a reload): where the checkout stands.
    app.get(`${BASE}/:id/cancel`, page, async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = await loadCheckout(db, id);
      return reply.redirect(withLang(checkoutPath(id), localeFor(request, row)), 303);
    });
  };
}
