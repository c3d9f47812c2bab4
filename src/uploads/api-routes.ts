import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UPLOAD_MAX_BYTES } from '../catalogue/fields.js';
import { apiSession, apiStaffSession } from '../identity/index.js';
import { AppError } from '../kernel/errors.js';
import type { RequestActor } from '../requests/index.js';
import { readOwnUpload, readRequestFile, sendStoredFile, storeUpload } from './index.js';

/**
 * Files over the API. A file field's file is uploaded first, on its own (multipart/form-data,
 * one part named `file`), for a service's field: the answer is the upload's id, which the
 * request's data then carries as that field's value (POST /api/v1/requests). Reading it back:
 * its owner (GET /api/v1/uploads/{id}), and the staff of the agency handling a request that
 * names it (GET /api/v1/officer/requests/{reference}/files/{field}, an audited view).
 */

const problem = z.object({ code: z.string(), detail: z.string() }).passthrough().describe('application/problem+json');
const uploadSchema = z.object({
  id: z.string().describe("The upload's id: send it as the file field's value in the request's data"),
  contentType: z.enum(['image/jpeg', 'image/png', 'application/pdf']).describe("Read from the file's first bytes, not from its name or declared type"),
  size: z.number().describe('bytes'),
  sha256: z.string(),
});
const fieldName = z.string().regex(/^[A-Za-z0-9_-]{1,40}\.[A-Za-z0-9_-]{1,40}$/).describe('<step id>.<field id> of a file field');
const binary = z.string().meta({ format: 'binary' });

export async function uploadApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const identityDeps = () => ({ db: app.deps.database.db, clock: app.deps.clock, config: app.deps.config });
  const account = (request: FastifyRequest) => apiSession(identityDeps(), request);

  api.post(
    '/api/v1/uploads',
    {
      schema: {
        tags: ['requests'],
        summary: `Upload a file for a service's file field (multipart/form-data, one part named "file", at most ${UPLOAD_MAX_BYTES} bytes); the answer's id goes in the request's data`,
        description: "Authorization: Bearer <token>. The type is read from the bytes (JPEG, PNG or PDF, as the field accepts); a file refused is a 422 naming the field. An upload is readable only by its owner, and by the staff handling a request that names it.",
        consumes: ['multipart/form-data'],
        querystring: z.object({ serviceId: z.string().max(120), field: fieldName }),
        body: z.object({ file: z.any().describe('The file (binary)') }).meta({ properties: { file: { type: 'string', format: 'binary' } } }),
        response: { 201: uploadSchema, 401: problem, 404: problem, 413: problem, 415: problem, 422: problem },
      },
    },
    async (request, reply) => {
      const session = await account(request);
      if (!request.isMultipart()) throw new AppError('http.unsupported_media_type');
      const service = app.catalogue.get(request.query.serviceId);
      const file = (request.body as Record<string, unknown> | undefined)?.file;
      if (!Buffer.isBuffer(file)) throw new AppError('requests.invalid_data', {}, [{ field: request.query.field, key: 'uploads.required' }]);
      const stored = await storeUpload({ db: app.deps.database.db, clock: app.deps.clock, accountId: session.accountId, service, field: request.query.field, bytes: file });
      reply.header('location', `/api/v1/uploads/${stored.id}`);
      return reply.status(201).send({ id: stored.id, contentType: stored.content_type as z.infer<typeof uploadSchema>['contentType'], size: stored.size_bytes, sha256: stored.sha256 });
    },
  );

  api.get(
    '/api/v1/uploads/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'One of your uploads, with the type read from its bytes (anyone else gets 404)',
        description: 'Authorization: Bearer <token>.',
        params: z.object({ id: z.string().max(60) }),
        response: { 200: binary, 401: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const session = await account(request);
      return sendStoredFile(reply, await readOwnUpload({ db: app.deps.database.db, accountId: session.accountId, id: request.params.id }));
    },
  );

  api.get(
    '/api/v1/officer/requests/:reference/files/:field',
    {
      schema: {
        tags: ['officer'],
        summary: "The file a request's file field names (the view is written to the audit log)",
        description: 'Authorization: Bearer <staff token>. Staff of the agency handling the request only.',
        params: z.object({ reference: z.string().min(6).max(20), field: fieldName }),
        response: { 200: binary, 401: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const session = await apiStaffSession(identityDeps(), request);
      const actor: RequestActor = { kind: 'staff', staffId: session.staffId, agency: session.agency, role: session.role };
      const file = await readRequestFile({ db: app.deps.database.db, clock: app.deps.clock, catalogue: app.catalogue, actor, reference: request.params.reference, field: request.params.field, ip: request.ip });
      return sendStoredFile(reply, file);
    },
  );
}
