import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fp from 'fastify-plugin';
import client from 'prom-client';
import type { Config } from '../config.js';
import { AppError } from '../kernel/errors.js';

/**
 * Prometheus metrics: process defaults plus request counts and durations by route. Served at
 * /metrics on the portal's port, or, with METRICS_PORT, only on an address of its own
 * (startMetricsServer). A METRICS_TOKEN, when set, is asked for on either as a bearer token;
 * production serves /metrics on the portal's port only with one (loadConfig insists on a token
 * or a port; demo mode forced on in production without either gets 401 on every call).
 */

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's metrics, for a metrics server on its own address. */
    metricsRegistry: client.Registry;
  }
}

type MetricsConfig = Pick<Config, 'env' | 'metricsToken' | 'metricsPort'>;

export const metricsPlugin = fp(async (app) => {
  const config: MetricsConfig = app.deps.config;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'tayseer_' });
  const duration = new client.Histogram({
    name: 'tayseer_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.decorate('metricsRegistry', registry);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  // On an address of its own, and only there.
  if (config.metricsPort !== undefined) return;

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!mayReadMetricsOnPortal(config, request.headers.authorization)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError('ops.metrics_unauthorized');
    }
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
});

/** On the portal's port: the token when one is set; else open in development and tests, closed in production. */
export function mayReadMetricsOnPortal(config: MetricsConfig, authorization: string | undefined): boolean {
  if (config.metricsToken !== undefined) return bearerMatches(authorization, config.metricsToken);
  return config.env !== 'production';
}

/**
 * Whether `Authorization: Bearer <token>` carries the token. Both sides are hashed first, so the
 * comparison is in constant time whatever the lengths and never tells how much of a guess was right.
 */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(authorization ?? '');
  const given = createHash('sha256').update(match?.[1] ?? '').digest();
  const wanted = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, wanted) && match !== null;
}

export interface MetricsServer {
  /** `http://host:port`, with the port actually bound (METRICS_PORT=0 picks one). */
  url: string;
  close(): Promise<void>;
}

/**
 * /metrics alone on its own address (METRICS_HOST:METRICS_PORT, e.g. 127.0.0.1:9091), for a
 * scraper inside the private network; the portal's port then has none. Every other path is 404.
 */
export async function startMetricsServer(options: { registry: client.Registry; host: string; port: number; token: string | undefined }): Promise<MetricsServer> {
  const { registry, token } = options;
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: this address serves GET /metrics only.\n');
      return;
    }
    if (token !== undefined && !bearerMatches(request.headers.authorization, token)) {
      response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' }).end('A valid bearer token is needed.\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics could not be collected.\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
