import type { FastifyRequest } from 'fastify';
import { AppError } from '../kernel/errors.js';
import type { IdentityDepsWithConfig } from './deps.js';
import { loadSession, type ResolvedSession } from './sessions.js';
import { resolveStaffSession, type StaffSession } from './staff/sessions.js';

/**
 * Who calls the API: the session named by the `Authorization: Bearer <token>` header, or a 401
 * (identity.unauthenticated, translated like every problem). One place for every API module.
 */

/** The bearer token of a request, when it has one of a plausible shape. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
  return match?.[1];
}

/** The person's API session, or 401 (403 with the reason when the registry ended the account's use). */
export async function apiSession(deps: IdentityDepsWithConfig, request: FastifyRequest): Promise<ResolvedSession> {
  const token = bearerToken(request);
  const loaded = token ? await loadSession({ ...deps, token, kind: 'api' }) : undefined;
  if (loaded && 'ended' in loaded) throw new AppError(loaded.ended);
  if (!loaded) throw new AppError('identity.unauthenticated');
  return loaded.session;
}

/** A staff member's API session, or 401. */
export async function apiStaffSession(deps: IdentityDepsWithConfig, request: FastifyRequest): Promise<StaffSession> {
  const token = bearerToken(request);
  const session = token ? await resolveStaffSession({ ...deps, token, kind: 'api' }) : undefined;
  if (!session) throw new AppError('identity.unauthenticated');
  return session;
}
