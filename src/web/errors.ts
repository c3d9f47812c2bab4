import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { describeOutage, isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError, fieldErrorMessage, isAppError, type FieldError } from '../kernel/errors.js';
import { translate } from '../kernel/i18n/index.js';
import { localeOf, pageContext } from './context.js';
import { ErrorPage } from './pages/error.js';
import { sendPage } from './render.js';
import { pageText } from './ui/ltr.js';

/**
 * Every failure leaves as a translated message: `application/problem+json` for the API
 * (RFC 9457), an error page for the portal. No stack trace ever reaches a user.
 */

/** Seconds a client is asked to wait after a database outage (PostgreSQL restarts in a few). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function toAppError(error: FastifyError | AppError | Error, request: FastifyRequest): AppError {
  if (isAppError(error)) return error;
  // The database went away under the request: its transaction did not commit (or its outcome is
  // unknown, and the Idempotency-Key recovers it), so the answer is "try again shortly".
  if (isDatabaseUnavailable(error)) return new AppError('database.unavailable', { count: DATABASE_RETRY_AFTER_SECONDS });
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: FieldError[] = error.validation.map((issue) => ({
      field: [error.validationContext, ...String(issue.instancePath).split('/').filter(Boolean)].filter(Boolean).join('.'),
      key: 'validation.invalid',
      params: { detail: issue.message ?? '' },
    }));
    return new AppError('validation.failed', {}, fields);
  }
  const status = (error as FastifyError).statusCode ?? 500;
  switch (status) {
    case 400:
      return new AppError('http.bad_request');
    case 404:
      return new AppError('http.not_found');
    case 405:
      return new AppError('http.method_not_allowed');
    case 413:
      return new AppError('http.payload_too_large');
    case 415:
      return new AppError('http.unsupported_media_type');
    case 429: {
      const retry = Number(request.headers['retry-after'] ?? 60);
      return new AppError('http.rate_limited', { count: Number.isFinite(retry) ? retry : 60 });
    }
    default:
      return new AppError(status === 503 ? 'http.unavailable' : 'http.internal');
  }
}

export function sendError(request: FastifyRequest, reply: FastifyReply, appError: AppError): FastifyReply {
  const locale = localeOf(request);
  const detail = translate(locale, appError.messageKey, appError.params);
  if (isApiRequest(request) || !request.headers.accept?.includes('text/html')) {
    return reply
      .status(appError.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .header('content-language', locale)
      .send(
        JSON.stringify({
          type: `https://tayseer.dev/problems/${appError.code}`,
          title: translate(locale, 'errors.title'),
          status: appError.status,
          code: appError.code,
          detail,
          instance: request.url.split('?')[0],
          requestId: request.id,
          ...(appError.fields.length > 0
            ? { errors: appError.fields.map((f) => ({ field: f.field, message: fieldErrorMessage(f, (key, params) => translate(locale, key, params), locale) })) }
            : {}),
        }),
      );
  }
  const ctx = pageContext(request, { demoMode: request.server.deps.config.demoMode });
  return sendPage(reply, ErrorPage({ ctx, message: pageText(detail, ctx.locale), status: appError.status }), appError.status);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.code === 'database.unavailable') {
      // An outage, not a defect: one line, no stack trace per request.
      request.log.warn({ error: describeOutage(error) }, 'request failed: database unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, 'request refused');
    // A use case's refusal that knows when to come back (a throttle, a code limit) says it.
    if (appError.status === 429 && typeof appError.params.retryAfter === 'number') reply.header('retry-after', String(appError.params.retryAfter));
    if (appError.status === 429 && reply.getHeader('retry-after')) {
      appError.params.count = Number(reply.getHeader('retry-after'));
    }
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('http.not_found')));
}
