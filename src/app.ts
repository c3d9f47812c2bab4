import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { installPostRedirectGet } from './web/replay.js';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { UPLOAD_MAX_BYTES } from './catalogue/fields.js';
import type { DatabaseHandle } from './db/database.js';
import type { Clock } from './kernel/clock.js';
import { maskNationalIdsIn } from './kernel/logging.js';
import { registerErrorHandling } from './web/errors.js';
import { answerClientError, answerFrameworkError, installInputGuard, parseFormBody } from './web/input-guard.js';
import { webRoutes } from './web/routes.js';
import { createPortalSearch, type PortalSearch } from './web/portal-search.js';
import { portalPages } from './web/portal-pages.js';
import { dashboardRoutes } from './dashboard/index.js';
import { opsRoutes } from './ops/routes.js';
import { metricsPlugin } from './ops/metrics.js';
import { demoBankActivationRoutes } from './dev/bank-activation.js';
import { devRoutes } from './dev/routes.js';
import { accountRoutes, bankPartnerRoutes, identityRoutes, kioskRoutes } from './identity/index.js';
import { notificationsDevRoutes, OutboxDoorbell } from './notifications/index.js';
import { identityWebRoutes } from './identity/web-routes.js';
import { staffWebRoutes } from './identity/staff/web-routes.js';
import { createCatalogue, type ServiceCatalogue } from './catalogue/catalogue.js';
import { serviceDefinitions } from './services/index.js';
import { requestRoutes } from './requests/routes.js';
import { officerWebRoutes } from './requests/staff-web-routes.js';
import { serviceWebRoutes } from './requests/web-routes.js';
import { proofRoutes } from './requests/proof-routes.js';
import { proofSignerFor } from './proofs/index.js';
import type { CardGateway } from './payments/gateway.js';
import { suspensionRoutes, suspensionStaffWebRoutes, suspensionWebRoutes } from './suspensions/index.js';
import { createInquiryCatalogue, inquiryDefinitions, inquiryRoutes, inquiryWebRoutes, type InquiryCatalogue } from './inquiries/index.js';
import { cardGatewayFromConfig, demoBankRoutes, formActionSources, paymentApiRoutes, paymentPartnerRoutes, paymentWebRoutes, receiptStateNow } from './payments/index.js';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  /** The services offered; by default every definition in src/services (tests pass fixtures). */
  catalogue?: ServiceCatalogue;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    catalogue: ServiceCatalogue;
    /** The inquiries offered (src/inquiries), checked at start-up. */
    inquiries: InquiryCatalogue;
    /** One search over the e-services, the inquiries and the person's pages (src/web/portal-search.ts). */
    portalSearch: PortalSearch;
    /** The card acquirer (config.cardGateway): today always the built-in sandbox. */
    cardGateway: CardGateway;
  }
}

const root = path.resolve(import.meta.dirname, '..');

/** Builds the Fastify app from each module's routes. Listening is the caller's business. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: maskNationalIdsIn(req.url), id: req.id }),
      },
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // A proof's verify code (/verify/{code}) is a signed token of a few hundred characters.
    routerOptions: { maxParamLength: 2100 },
    // An invalid percent-escape in the path is refused like any other bad input (problem+json).
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('deps', deps);
  // Validated here: a broken service definition stops the start with its name and field.
  app.decorate('catalogue', deps.catalogue ?? createCatalogue(serviceDefinitions));
  app.decorate('inquiries', createInquiryCatalogue(inquiryDefinitions));
  app.decorate('portalSearch', createPortalSearch({ services: app.catalogue.all, inquiries: app.inquiries.all, pages: portalPages }));
  app.decorate('proofSigner', proofSignerFor(config));
  // server.ts connects the outbox worker; routes call app.outbox.nudge() after a commit.
  app.decorate('outbox', new OutboxDoorbell());
  // The card acquirer. The sandbox is a separate system in the same process: its own tables and
  // hosted pages (registered below, after the session hooks), reached only through the port.
  const { gateway, sandbox: acquirer } = cardGatewayFromConfig({ config, db: deps.database.db, clock: deps.clock, warn: (event, message) => app.log.warn(event, message) });
  app.decorate('cardGateway', gateway);
  app.decorate('receiptStateNow', (receiptNumber: string) => receiptStateNow(deps.database.db, receiptNumber));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(cookie);
  // Every page form answers with a redirect (POST/redirect/GET), whatever its route draws.
  installPostRedirectGet(app);
  await app.register(formbody, { parser: parseFormBody });
  // Forms with a file (a passport scan) are multipart: every part is read into the body as the
  // urlencoded forms are (a file as its bytes), so the CSRF check and the handlers see one shape.
  // A file is cut one byte past the largest any field takes, so "too large" is known without
  // holding more; one file and a few hundred small fields per form.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: UPLOAD_MAX_BYTES + 1, files: 1, fields: 200, fieldSize: 16 * 1024, parts: 201, headerPairs: 100 },
  });
  // Before every route: each string of a request is checked once at the boundary.
  installInputGuard(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        // 'self', and an external card acquirer's hosted pages (the "pay by card" form redirects there).
        'form-action': formActionSources(gateway),
        'frame-ancestors': ["'none'"],
        'base-uri': ["'self'"],
        'object-src': ["'none'"],
      },
    },
    // The portal is served over HTTPS in production; HSTS there, not on a developer's http://localhost.
    hsts: config.env === 'production' ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  // Rate limits are counted in the database by each route's preHandler (identity/rate-limits.ts), shared by every node.
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tayseer API',
        description: 'The JSON API of Tayseer, an e-government services platform. Errors are application/problem+json.',
        version: '1',
      },
      servers: [{ url: config.publicUrl }],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(fastifyStatic, {
    root: path.join(root, 'src/web/assets'),
    prefix: '/assets/',
    maxAge: config.env === 'production' ? '1d' : 0,
    index: false,
  });
  await app.register(fastifyStatic, {
    root: path.join(root, 'node_modules/@fontsource/ibm-plex-sans-arabic/files'),
    prefix: '/assets/fonts/',
    decorateReply: false,
    maxAge: '30d',
    immutable: true,
    index: false,
  });

  registerErrorHandling(app);
  await app.register(metricsPlugin);
  await app.register(opsRoutes);
  await app.register(identityWebRoutes); // before the other pages: installs the session hooks
  await app.register(staffWebRoutes);
  await app.register(officerWebRoutes);
  await app.register(suspensionStaffWebRoutes);
  await app.register(webRoutes);
  await app.register(dashboardRoutes);
  await app.register(serviceWebRoutes);
  await app.register(suspensionWebRoutes);
  await app.register(inquiryWebRoutes);
  await app.register(proofRoutes);
  if (acquirer) await app.register(acquirer.routes);
  await app.register(paymentWebRoutes);
  await app.register(paymentPartnerRoutes);
  await app.register(paymentApiRoutes);
  await app.register(identityRoutes);
  await app.register(bankPartnerRoutes);
  await app.register(accountRoutes);
  await app.register(requestRoutes);
  await app.register(suspensionRoutes);
  await app.register(inquiryRoutes);
  if (config.demoMode) {
    await app.register(demoBankRoutes);
    await app.register(kioskRoutes);
    await app.register(demoBankActivationRoutes);
    await app.register(devRoutes);
    await app.register(notificationsDevRoutes);
  }

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
