import { z } from 'zod';
import { isIsoDate } from '../kernel/dates.js';
import { nationalIdProblem } from '../kernel/national-id.js';
import { safeText } from '../kernel/safe-text.js';

/** The auth API's request and response shapes (validation and OpenAPI from one source). */

export const nationalIdSchema = z
  .string()
  .refine((value) => nationalIdProblem(value) === null, 'expected a valid 10-digit ID, iqama or border number')
  .describe('National ID, iqama or border number (10 digits)');
export const mobileSchema = z.string().regex(/^05[0-9]{8}$/, 'expected 05XXXXXXXX').describe('05XXXXXXXX');
export const usernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{4,30}$/, 'expected 4 to 30 Latin letters, digits or . _ -')
  .describe('4-30 characters: Latin letters, digits, . _ -');

export const registerBodySchema = z.object({
  nationalId: nationalIdSchema,
  dateOfBirth: z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD').describe('YYYY-MM-DD, Gregorian'),
  mobile: mobileSchema,
  email: z.email('expected an e-mail address').max(254),
  username: usernameSchema,
  password: safeText({ max: 1024 }).min(1).describe('At least 8 characters; not the username or ID; not a common password'),
  language: z.enum(['ar', 'en']),
});

export const challengeAcceptedSchema = z.object({
  challengeId: z.uuid().describe('Answer it with POST /api/v1/auth/challenges/{challengeId}'),
});

export const challengeParamsSchema = z.object({ challengeId: z.uuid() });
export const codeBodySchema = z.object({ code: z.string().regex(/^[0-9]{6}$/, 'expected 6 digits') });

export const registeredSchema = z.object({
  purpose: z.literal('register'),
  status: z.enum(['active', 'registered']),
  message: z.string().describe('What comes next: activated, or how to activate'),
});

export const tokenSchema = z.object({
  purpose: z.literal('login'),
  token: z.string().describe('Opaque bearer token: Authorization: Bearer <token>'),
  expiresAt: z.string().describe('ISO 8601 instant'),
  accountStatus: z.enum(['registered', 'active', 'disabled']),
});

export const loginBodySchema = z.object({
  login: safeText({ max: 64 }).min(1).describe('Username or ID number'),
  password: safeText({ max: 1024 }).min(1),
});

export const sessionSchema = z.object({
  sessionId: z.uuid(),
  kind: z.enum(['web', 'api']),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});
