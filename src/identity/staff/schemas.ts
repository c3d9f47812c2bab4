import { z } from 'zod';
import { safeText } from '../../kernel/safe-text.js';
import { mobileSchema, nationalIdSchema, usernameSchema } from '../schemas.js';
import { STAFF_AGENCIES, STAFF_ROLES, type StaffProfile } from './accounts.js';

/** The staff API's request and response shapes (validation and OpenAPI from one source). */

export const staffLoginBodySchema = z.object({
  username: safeText({ max: 64 }).min(1),
  password: safeText({ max: 1024 }).min(1),
});

export const staffTokenSchema = z.object({
  token: z.string().describe('Opaque staff bearer token: Authorization: Bearer <token>'),
  expiresAt: z.string().describe('ISO 8601 instant'),
});

export const staffProfileSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  mobile: z.string(),
  email: z.string().nullable(),
  agency: z.enum(STAFF_AGENCIES),
  role: z.enum(STAFF_ROLES),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const createStaffBodySchema = z.object({
  username: usernameSchema,
  nameAr: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  mobile: mobileSchema,
  email: z.email().max(254).optional(),
  agency: z.enum(STAFF_AGENCIES).describe("Must be the admin's own agency"),
  role: z.enum(STAFF_ROLES),
  language: z.enum(['ar', 'en']).optional(),
  password: z.string().min(1).max(1024).optional().describe('Omit to have a strong password generated and returned once'),
});

export const createdStaffSchema = z.object({
  staff: staffProfileSchema,
  generatedPassword: z.string().nullable().describe('Shown once when no password was given; hand it over securely'),
});

export const staffIdParamsSchema = z.object({ staffId: z.uuid() });

export const issueActivationCodeBodySchema = z.object({
  nationalId: nationalIdSchema,
  purpose: z.enum(['activate', 'change_mobile']),
});

export const issuedActivationCodeSchema = z.object({
  code: z.string().describe('10 characters; shown once, handed to the person on paper'),
  expiresAt: z.string().describe('ISO 8601 instant, 24 hours after issue'),
});

export function staffProfileJson(profile: StaffProfile): z.infer<typeof staffProfileSchema> {
  return { ...profile, createdAt: profile.createdAt.toISOString() };
}
