import { createPublicKey } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatDateTime } from '../kernel/dates.js';
import { maskIdForProof, proofPayloadFor, qrSvg, renderProofPdf, type ProofSigner, type PublishedProofKey } from '../proofs/index.js';
import { pageContext, type PageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import { signedInOrToLogin } from '../web/session.js';
import type { RequestsDeps } from './deps.js';
import { getRequest, type RequestDetail } from './index.js';
import { requestDetailRows } from './views.js';
import { PrintPage, VerifyPage } from './pages/proof.js';
import { authRateLimits, getPerson } from './ports.js';
import { findRequestByReference } from './repository.js';
import { personName } from '../registry/index.js';

/**
 * A request's proof: a print view and a PDF, both with a QR code of a signed token that the
 * public page /verify/{code} checks. The token carries the reference, the service, the state
 * when printed, and the holder's name and ID masked; the page adds the request's state now.
 */

declare module 'fastify' {
  interface FastifyInstance {
    proofSigner: ProofSigner;
    /** A receipt's bill state now (paid, refunded), from payments; the verify page shows it. */
    receiptStateNow: (receiptNumber: string) => Promise<string | null>;
  }
}

export async function proofRoutes(app: FastifyInstance): Promise<void> {
  const deps = (): RequestsDeps => ({ db: app.deps.database.db, clock: app.deps.clock, catalogue: app.catalogue });
  const ctxOf = (request: FastifyRequest): PageContext => pageContext(request, { demoMode: app.deps.config.demoMode });

  /** The signed-in person's request, its holder, and a freshly signed verify URL. */
  async function proofOf(request: FastifyRequest, reply: FastifyReply, ctx: PageContext) {
    const user = signedInOrToLogin(request, reply);
    if (!user) return null;
    const { reference } = request.params as { reference: string };
    const detail: RequestDetail = await getRequest({ ...deps(), actor: { kind: 'account', accountId: user.accountId, personId: user.personId }, reference });
    const holder = (await getPerson(app.deps.database.db, detail.request.beneficiary_person_id))!;
    const issuedAt = app.deps.clock.now();
    const code = app.proofSigner.sign(
      proofPayloadFor({ kind: 'request', reference: detail.request.reference, serviceId: detail.service.id, state: detail.request.state, name: personName(holder, ctx.locale), nationalId: holder.national_id, issuedAt }),
    );
    return { detail, holder, issuedAt, verifyPath: `/verify/${code}`, verifyUrl: `${app.deps.config.publicUrl}/verify/${code}` };
  }

  app.get('/requests/:reference/print', { schema: { hide: true } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const proof = await proofOf(request, reply, ctx);
    if (!proof) return reply;
    const { detail, holder } = proof;
    return sendPage(
      reply,
      PrintPage({ ctx, service: detail.service, row: detail.request, holderName: personName(holder, ctx.locale), maskedId: maskIdForProof(holder.national_id), qrSvg: qrSvg(proof.verifyUrl, { label: ctx.t('proofs.verify_heading') }), verifyPath: proof.verifyPath, issuedAt: proof.issuedAt }),
    );
  });

  app.get('/requests/:reference/proof.pdf', { schema: { hide: true } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const proof = await proofOf(request, reply, ctx);
    if (!proof) return reply;
    const { detail, holder } = proof;
    const { service, request: row } = detail;
    const { t, locale } = ctx;
    const pdf = await renderProofPdf({
      locale,
      title: service.name[locale],
      reference: row.reference,
      issuedAt: proof.issuedAt,
      sections: [
        {
          heading: t('service_pages.request'),
          rows: [
            { label: t('service_pages.holder'), value: `${personName(holder, locale)} (${maskIdForProof(holder.national_id)})` },
            { label: t('service_pages.state'), value: service.workflow.states[row.state]?.label[locale] ?? row.state },
            { label: t('service_pages.submitted'), value: formatDateTime(row.created_at, locale) },
          ],
        },
        { heading: t('service_pages.details'), rows: requestDetailRows(service, row, locale, t).map(({ label, value }) => ({ label, value })) },
      ],
      verifyUrl: proof.verifyUrl,
      footer: t('service_pages.proof_footer'),
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${row.reference}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.get('/verify/:code', { schema: { hide: true }, preHandler: authRateLimits(app, 'verify', 'web') }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const check = app.proofSigner.check(code);
    const payload = check.status === 'genuine' ? check.payload : null;
    const unknownKeyId = check.status === 'unknown_key' ? check.keyId : null;
    const service = payload ? app.catalogue.find(payload.serviceId) : undefined;
    const db = app.deps.database.db;
    const currentState = !payload ? null : payload.kind === 'receipt' ? await app.receiptStateNow(payload.reference) : ((await findRequestByReference(db, payload.reference))?.state ?? null);
    return sendPage(reply, VerifyPage({ ctx: ctxOf(request), payload, service, currentState, unknownKeyId }), payload ? 200 : 404);
  });

  // The public keys that verify proofs, current and retired, for checking a paper offline (ADR 0011).
  const keysBody = () => publishedKeysDocument(app.proofSigner.keys);
  const keysSchema = {
    tags: ['proofs'],
    summary: 'The public keys that verify printed proofs: the current signing key and the retired ones still accepted',
    response: { 200: publishedKeysSchema },
  };
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/v1/proofs/keys', { schema: keysSchema }, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(keysBody()));
  api.get('/.well-known/tayseer-keys.json', { schema: { ...keysSchema, hide: true } }, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(keysBody()));
}

const publishedKeysSchema = z.object({
  algorithm: z.literal('Ed25519'),
  format: z.string(),
  keys: z.array(
    z.object({
      kid: z.string(),
      status: z.enum(['current', 'retired']),
      publicKeyPem: z.string(),
      jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string(), use: z.literal('sig') }),
    }),
  ),
});

/** The keys as JSON: each as SPKI PEM and as a JWK (RFC 8037), with the id tokens carry in `k`. */
function publishedKeysDocument(keys: readonly PublishedProofKey[]): z.infer<typeof publishedKeysSchema> {
  return {
    algorithm: 'Ed25519',
    format: 'base64url(payload JSON) "." base64url(Ed25519 signature over those bytes); the payload names its key in "k" (docs/proofs.md)',
    keys: keys.map((key) => ({
      kid: key.keyId,
      status: key.status,
      publicKeyPem: key.publicKeyPem,
      jwk: { kty: 'OKP', crv: 'Ed25519', x: String(createPublicKey(key.publicKeyPem).export({ format: 'jwk' }).x), kid: key.keyId, use: 'sig' },
    })),
  };
}
