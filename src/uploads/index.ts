import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { AnyService } from '../catalogue/define.js';
import { acceptedTypes, checkFileBytes, FILE_TYPES, sizeLimit, type FileField, type FileType } from '../catalogue/fields.js';
import type { Database } from '../db/tables.js';
import { HOUR_MS, type Clock } from '../kernel/clock.js';
import { AppError, type FieldError } from '../kernel/errors.js';
import { uuidv7 } from '../kernel/uuid.js';
import { getRequest, type Origin, type RequestActor, type RequestsDeps } from '../requests/index.js';
import { deleteUnattachedUploads, findOwnedUpload, findOwnedUploadMeta, insertUpload, type UploadMeta } from './repository.js';

/**
 * Files people send with a request (a passport scan): stored when they are sent (the page's
 * step, or POST /api/v1/uploads), each owned by the sending account and tied to the service and
 * field it was sent for; the request's data holds only the upload's id. The type is read from
 * the bytes. Read back only by the owner, and by the staff of the agency handling a request
 * that names it (the staff view audited as any view of the request).
 */

export type { UploadMeta } from './repository.js';

/** How long a file sent with a form that was never submitted is kept (the person may still be filling it in). */
export const KEEP_UNATTACHED_MS = 24 * HOUR_MS;

/**
 * Deletes the files of forms never submitted, once they are older than KEEP_UNATTACHED_MS: the
 * worker's round. A file a request names is never deleted. Returns how many went.
 */
export async function cleanUpUnattachedUploads(options: { db: Kysely<Database>; clock: Clock }): Promise<number> {
  const before = new Date(options.clock.now().getTime() - KEEP_UNATTACHED_MS);
  let deleted = 0;
  for (;;) {
    const batch = await deleteUnattachedUploads(options.db, before, 500);
    deleted += batch;
    if (batch < 500) return deleted;
  }
}

/** A file field of a service by its `<step>.<field>` name; undefined when there is none. */
export function fileFieldOf(service: AnyService, name: string): FileField | undefined {
  const [stepId, fieldId, ...rest] = name.split('.');
  if (rest.length > 0) return undefined;
  const spec = service.form.find((s) => s.id === stepId)?.fields.find((f) => f.id === fieldId);
  return spec?.kind === 'file' ? spec : undefined;
}

/** Whether a service's form has a file field (its step pages are then multipart). */
export function hasFileField(fields: readonly { kind: string }[]): boolean {
  return fields.some((f) => f.kind === 'file');
}

/**
 * Stores a file sent for a service's file field (`<step>.<field>`) once it passes the field's
 * checks (not empty, size, type by its bytes). A refusal is the request's field error.
 */
export async function storeUpload(options: { db: Kysely<Database>; clock: Clock; accountId: string; service: AnyService; field: string; bytes: Uint8Array }): Promise<UploadMeta> {
  const spec = fileFieldOf(options.service, options.field);
  if (!spec) throw new AppError('requests.invalid_data', {}, [{ field: options.field, key: 'uploads.no_such_field' }]);
  const checked = checkFileBytes(spec, options.bytes);
  if ('problem' in checked) throw new AppError('requests.invalid_data', {}, [{ field: options.field, ...checked.problem }]);
  const now = options.clock.now();
  const row = {
    id: uuidv7(now.getTime()),
    owner_account_id: options.accountId,
    service_id: options.service.id,
    field: options.field,
    content_type: FILE_TYPES[checked.type].contentType,
    size_bytes: options.bytes.length,
    sha256: createHash('sha256').update(options.bytes).digest('hex'),
    bytes: options.bytes,
    created_at: now,
  };
  await insertUpload(options.db, row);
  const { bytes: _bytes, ...meta } = row;
  return meta;
}

function typeOf(contentType: string): FileType | undefined {
  return (Object.keys(FILE_TYPES) as FileType[]).find((t) => FILE_TYPES[t].contentType === contentType);
}

/**
 * The file fields of a request's data name uploads of this account, sent for that service and
 * field, of a type and size the field takes. Every problem at once, as field errors.
 */
export async function checkSubmittedUploads(options: { db: Kysely<Database>; service: AnyService; accountId: string; data: Record<string, unknown> }): Promise<void> {
  const errors: FieldError[] = [];
  for (const step of options.service.form) {
    const raw = options.data[step.id];
    const values = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    for (const spec of step.fields) {
      const value = values[spec.id];
      if (spec.kind !== 'file' || typeof value !== 'string' || value.trim() === '') continue;
      const name = `${step.id}.${spec.id}`;
      const id = value.trim().toLowerCase();
      const meta = /^[0-9a-f-]{36}$/.test(id) ? await findOwnedUploadMeta(options.db, id, options.accountId) : undefined;
      const type = meta ? typeOf(meta.content_type) : undefined;
      if (!meta || meta.service_id !== options.service.id || meta.field !== name || !type) errors.push({ field: name, key: 'uploads.not_found' });
      else if (!spec.accept.includes(type)) errors.push({ field: name, key: 'uploads.type_not_accepted', params: acceptedTypes(spec.accept) });
      else if (meta.size_bytes > spec.maxBytes) errors.push({ field: name, key: 'uploads.too_large', params: sizeLimit(spec.maxBytes) });
    }
  }
  if (errors.length > 0) throw new AppError('requests.invalid_data', {}, errors);
}

export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
  /** A name made by the platform (never the sender's): `<reference>-<field>.<ext>` or `<id>.<ext>`. */
  filename: string;
}

function storedFile(row: { bytes: Uint8Array; content_type: string }, name: string): StoredFile {
  const type = typeOf(row.content_type);
  if (!type) throw new Error(`upload with an unknown type ${row.content_type}`);
  return { bytes: row.bytes, contentType: FILE_TYPES[type].contentType, filename: `${name}.${FILE_TYPES[type].extension}` };
}

/** One's own upload (the API's owner); not found for anyone else's. */
export async function readOwnUpload(options: { db: Kysely<Database>; accountId: string; id: string }): Promise<StoredFile> {
  const id = options.id.toLowerCase();
  const row = /^[0-9a-f-]{36}$/.test(id) ? await findOwnedUpload(options.db, id, options.accountId) : undefined;
  if (!row) throw new AppError('http.not_found');
  return storedFile(row, row.id);
}

/**
 * The file a request's file field names: for its applicant, and for the staff of the agency
 * handling it (getRequest decides, and writes a staff view to the audit log). The upload must
 * be the applicant's own: a request cannot point staff at someone else's file.
 */
export async function readRequestFile(options: RequestsDeps & Origin & { actor: RequestActor; reference: string; field: string }): Promise<StoredFile> {
  const detail = await getRequest(options);
  const { request, service } = detail;
  if (options.actor.kind === 'account' && options.actor.accountId !== request.applicant_account_id) throw new AppError('http.not_found');
  const spec = fileFieldOf(service, options.field);
  const [stepId, fieldId] = options.field.split('.');
  const value = spec ? (request.data[stepId!] as Record<string, unknown> | undefined)?.[fieldId!] : undefined;
  const row = typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value) ? await findOwnedUpload(options.db, value.toLowerCase(), request.applicant_account_id) : undefined;
  if (!row) throw new AppError('http.not_found');
  return storedFile(row, `${request.reference}-${fieldId}`);
}

/**
 * Sends a stored file: its type the one read from its bytes, never one a person sent; images
 * shown in the browser, PDFs downloaded; nothing in it may run (a sandboxing CSP, nosniff), and
 * nothing keeps a copy.
 */
export function sendStoredFile(reply: FastifyReply, file: StoredFile): FastifyReply {
  const inline = file.contentType.startsWith('image/');
  return reply
    .header('content-type', file.contentType)
    .header('content-length', String(file.bytes.length))
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox")
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('cross-origin-resource-policy', 'same-origin')
    .send(Buffer.from(file.bytes));
}
