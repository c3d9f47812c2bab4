import { parse as parseQueryString } from 'node:querystring';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../kernel/errors.js';
import { findInputProblem, textProblem, TEXT_MAX_LENGTH, type InputProblem } from '../kernel/safe-text.js';
import { sendError } from './errors.js';
import { translate } from '../kernel/i18n/index.js';

/**
 * The one boundary check of every request (docs/ARCHITECTURE.md, "Input rules"): the query, the
 * path's parameters and the headers the app reads when the request arrives, the body (JSON,
 * urlencoded or multipart form, or the raw JSON a signed partner route keeps) once it is parsed,
 * before any schema, hook or handler sees it. A string that breaks the rules of
 * kernel/safe-text.ts is refused with a translated 422 naming the field; an invalid
 * percent-escape or a body nested too deeply with a 400. So no input reaches PostgreSQL as
 * something it refuses ("invalid byte sequence"), and no input can produce a 5xx.
 */

/** Objects and arrays in a body may nest this deep; no form or API body of Tayseer needs 10. */
export const INPUT_MAX_DEPTH = 32;
/** Query values and path parameters (a proof's verify code is the longest: about 2,100). */
const URL_VALUE_MAX_LENGTH = 2_200;
const HEADER_MAX_LENGTH = 1_024;
/** The headers the app reads (cookies are only compared with what the server issued, never stored). */
const CHECKED_HEADERS = ['accept-language', 'authorization', 'idempotency-key', 'user-agent', 'x-bank-code', 'x-timestamp', 'x-signature'] as const;

const problemCodes: Record<InputProblem['problem'], ErrorCode> = {
  control_character: 'input.control_character',
  invalid_unicode: 'input.invalid_unicode',
  bidi_control: 'input.bidi_control',
  too_long: 'input.too_long',
  too_deep: 'input.too_deep',
  number_out_of_range: 'input.number_out_of_range',
};

function refusal(found: InputProblem, max: number): AppError {
  const code = problemCodes[found.problem];
  const params = { field: found.field, count: max };
  return new AppError(code, params, [{ field: found.field, key: `errors.${code}`, params }]);
}

function badEncoding(field: string): AppError {
  return new AppError('input.bad_encoding', { field }, [{ field, key: 'errors.input.bad_encoding', params: { field } }]);
}

/** The first pair of a query or urlencoded form (`a=1&b=2`) whose name or value is not valid percent-encoded UTF-8. */
function badlyEncodedField(pairs: string, part: 'query' | 'body'): string | null {
  const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
  for (const pair of pairs.split('&')) {
    const [name = '', value = ''] = pair.split('=', 2);
    try {
      decode(name);
    } catch {
      return part;
    }
    try {
      decode(value);
    } catch {
      return `${part}.${decode(name)}`;
    }
  }
  return null;
}

/**
 * The urlencoded form parser (@fastify/formbody's `parser`): an invalid percent-escape is refused
 * here, where the raw text still is (a decoder would turn it into U+FFFD or keep it as it is).
 */
export function parseFormBody(text: string): Record<string, string | string[]> {
  const badField = badlyEncodedField(text, 'body');
  if (badField) throw badEncoding(badField);
  return { ...parseQueryString(text) } as Record<string, string | string[]>;
}

function isJson(request: FastifyRequest): boolean {
  return /^application\/([\w.+-]+\+)?json\b/i.test(String(request.headers['content-type'] ?? ''));
}

function checkUrlAndHeaders(request: FastifyRequest): AppError | null {
  const queryStart = request.url.indexOf('?');
  const badField = queryStart < 0 ? null : badlyEncodedField(request.url.slice(queryStart + 1), 'query');
  if (badField) return badEncoding(badField);
  const rules = { maxDepth: 4, maxLength: URL_VALUE_MAX_LENGTH, multiline: false };
  for (const [part, value] of [['query', request.query], ['params', request.params]] as const) {
    const found = findInputProblem(value, part, rules);
    if (found) return refusal(found, URL_VALUE_MAX_LENGTH);
  }
  for (const name of CHECKED_HEADERS) {
    const value = request.headers[name];
    for (const text of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      const problem = textProblem(text, { max: HEADER_MAX_LENGTH });
      if (problem) return refusal({ field: `headers.${name}`, problem }, HEADER_MAX_LENGTH);
    }
  }
  return null;
}

function checkBody(request: FastifyRequest): AppError | null {
  let body: unknown = request.body;
  // A signed partner route keeps its JSON as the raw string: check what it will parse.
  if (typeof body === 'string' && isJson(request)) {
    try {
      body = JSON.parse(body);
    } catch {
      // Not JSON: the route refuses it as such; its text is still checked below.
    }
  }
  const rules = { maxDepth: INPUT_MAX_DEPTH, maxLength: TEXT_MAX_LENGTH, multiline: true };
  const found = typeof body === 'string' ? findInputProblem(body, 'body', { ...rules, maxLength: Number.POSITIVE_INFINITY }) : findInputProblem(body, 'body', rules);
  return found ? refusal(found, TEXT_MAX_LENGTH) : null;
}

/**
 * Installs the checks on the root instance, before every route (install it before them, after
 * the multipart plugin, whose own preValidation hook puts a multipart form's fields in the body).
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const refused = checkUrlAndHeaders(request);
    if (refused) throw refused;
  });
  app.addHook('preValidation', async (request) => {
    const refused = checkBody(request);
    if (refused) throw refused;
  });
}

/**
 * Fastify's own refusals before any route runs (`frameworkErrors`): a path with an invalid
 * percent-escape, a path parameter longer than the router takes. Answered like every other error.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const appError =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? refusal({ field: 'params', problem: 'too_long' }, URL_VALUE_MAX_LENGTH)
      : error.code === 'FST_ERR_BAD_URL'
        ? badEncoding('path')
        : new AppError('http.bad_request');
  void sendError(request, reply, appError);
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (raw non-ASCII bytes in the
 * query, a malformed request line or header): answered as problem+json too, in Arabic (no
 * header of such a request can be trusted to choose the language), and the connection closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const code = tooLarge ? 'http.headers_too_large' : 'http.bad_request';
  const body = JSON.stringify({
    type: `https://tayseer.dev/problems/${code}`,
    title: translate('ar', 'errors.title'),
    status,
    code,
    detail: translate('ar', tooLarge ? 'errors.http.headers_too_large' : 'errors.http.bad_request'),
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\nContent-Language: ar\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

