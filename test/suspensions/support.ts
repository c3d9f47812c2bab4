import type { FastifyInstance } from 'fastify';
import type { StaffAgency, StaffRole } from '../../src/db/tables.js';
import { lastCodeSentTo, post, type IdentityHarness } from '../identity/support.js';
import { aStaffMember, STAFF_PASSWORD, staffSignIn } from '../identity/staff-support.js';
import { aMobile } from '../identity/support.js';
import { Visitor } from '../support/visitor.js';

/** Staff for the suspension tests, and the body of a valid suspension. */

export async function staffWith(h: IdentityHarness, agency: StaffAgency, role: StaffRole) {
  const staff = await aStaffMember(h, { agency, role, mobile: aMobile() });
  const token = await staffSignIn(h, staff);
  return { staff, token };
}

export function courtOrder(nationalId: string, overrides: Record<string, unknown> = {}) {
  return {
    nationalId,
    authority: 'enforcement_court',
    legalBasis: 'Enforcement Court order 1447/55501',
    reasonAr: 'عدم سداد دين بموجب سند تنفيذي',
    reasonEn: 'Unpaid debt under an enforcement deed',
    blockedServices: ['civil-affairs.*'],
    liftedBy: 'settle_debt',
    ...overrides,
  };
}

export async function place(h: IdentityHarness, token: string, body: object, idempotencyKey?: string) {
  return h.app.inject({ method: 'POST', url: '/api/v1/staff/suspensions', payload: body, headers: { 'accept-language': 'en', authorization: `Bearer ${token}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) } });
}

export async function lift(h: IdentityHarness, token: string, reference: string, note = 'Enforcement Court order 1447/55502: debt settled') {
  return post(h.app, `/api/v1/staff/suspensions/${reference}/lift`, { note }, { token });
}

/** Staff pages are visited from a desktop browser. */
export class StaffVisitor extends Visitor {
  constructor(app: FastifyInstance, language: 'ar' | 'en' = 'en') {
    super(app, language, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0');
  }
}

export async function staffWebSignIn(h: IdentityHarness, staff: { username: string; mobile: string }, language: 'ar' | 'en' = 'en'): Promise<StaffVisitor> {
  const v = new StaffVisitor(h.app, language);
  await v.get('/staff/login');
  h.clock.advance(1000);
  const started = await v.post('/staff/login', { username: staff.username, password: STAFF_PASSWORD });
  if (started.statusCode !== 303) throw new Error(`staff web login: ${started.statusCode}`);
  const codeUrl = started.headers.location as string;
  await v.get(codeUrl);
  const done = await v.post(codeUrl, { code: (await lastCodeSentTo(h.database, staff.mobile))! });
  if (done.statusCode !== 303) throw new Error(`staff web code: ${done.statusCode}`);
  return v;
}
