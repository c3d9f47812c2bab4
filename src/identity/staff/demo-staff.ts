import { riyadhDate } from '../../kernel/dates.js';
import { demoPersonas } from '../../registry/personas.js';
import type { IdentityDeps } from '../deps.js';
import { DEMO_PASSWORD } from '../demo-accounts.js';
import { createStaffAccount, type NewStaffInput } from './accounts.js';
import { staffUsernameExists } from './repository.js';
import type { StaffAgency, StaffRole } from '../../db/tables.js';

/**
 * Demo mode: staff accounts to try the staff area with, all with the demo password. The officer
 * personas are officers of their agency (their registry name and mobile); each of those agencies
 * also has a supervisor and a staff administrator. Their codes arrive in the demo outbox like
 * everyone's. Mobiles 05000001xx are in the block the population generator never hands out.
 */

export interface DemoStaff {
  username: string;
  nameAr: string;
  nameEn: string;
  mobile: string;
  agency: StaffAgency;
  role: StaffRole;
}

const SUPERVISORS_AND_ADMINS: DemoStaff[] = [
  { username: 'supervisor-passports', nameAr: 'خالد إبراهيم العتيبي', nameEn: 'Khalid Ibrahim Al-Otaibi', mobile: '0500000101', agency: 'passports', role: 'supervisor' },
  { username: 'admin-passports', nameAr: 'نورة سعد القحطاني', nameEn: 'Noura Saad Al-Qahtani', mobile: '0500000102', agency: 'passports', role: 'admin' },
  { username: 'supervisor-traffic', nameAr: 'فيصل عمر الدوسري', nameEn: 'Faisal Omar Al-Dosari', mobile: '0500000103', agency: 'traffic', role: 'supervisor' },
  { username: 'admin-traffic', nameAr: 'ريم خالد الزهراني', nameEn: 'Reem Khalid Al-Zahrani', mobile: '0500000104', agency: 'traffic', role: 'admin' },
  { username: 'supervisor-civil-affairs', nameAr: 'عبدالرحمن محمد الحربي', nameEn: 'Abdulrahman Mohammed Al-Harbi', mobile: '0500000105', agency: 'civil-affairs', role: 'supervisor' },
  { username: 'admin-civil-affairs', nameAr: 'لمى أحمد الشمري', nameEn: 'Lama Ahmed Al-Shammari', mobile: '0500000106', agency: 'civil-affairs', role: 'admin' },
  // Places and lifts suspensions of services for the courts, prosecution, enforcement, ministry and zakat authority.
  { username: 'supervisor-general', nameAr: 'سلمان عبدالعزيز المطيري', nameEn: 'Salman Abdulaziz Al-Mutairi', mobile: '0500000107', agency: 'general', role: 'supervisor' },
  // A self-service kiosk is a device with a staff account (its username is the device id); its
  // sign-in code goes to the mobile of whoever maintains it. Opens /staff/kiosk.
  { username: 'kiosk-riyadh-01', nameAr: 'جهاز الخدمة الذاتية - الرياض 01', nameEn: 'Self-service kiosk - Riyadh 01', mobile: '0500000108', agency: 'passports', role: 'kiosk' },
];

/** Every demo staff account, officers first (as the personas list them), by agency. */
export function demoStaff(asOf: string): DemoStaff[] {
  const officers = demoPersonas(asOf)
    .filter((persona) => persona.role === 'officer' && persona.agency !== undefined)
    .map((persona) => ({
      username: persona.key,
      nameAr: persona.nameAr,
      nameEn: persona.nameEn,
      mobile: persona.mobile,
      agency: persona.agency!,
      role: 'officer' as const,
    }));
  return [...officers, ...SUPERVISORS_AND_ADMINS];
}

/** Creates the demo staff accounts that do not exist yet (by username). Idempotent. */
export async function ensureDemoStaff(options: IdentityDeps): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const member of demoStaff(riyadhDate(options.clock.now()))) {
    if (await staffUsernameExists(options.db, member.username)) continue;
    const input: NewStaffInput = { ...member, password: DEMO_PASSWORD };
    await createStaffAccount({ ...options, actor: { kind: 'operator' }, input });
    created.push(member.username);
  }
  return { created };
}


/** The demo staff accounts that exist now (the database is the truth, as for the personas). */
export async function listDemoStaff(options: IdentityDeps): Promise<DemoStaff[]> {
  const present: DemoStaff[] = [];
  for (const member of demoStaff(riyadhDate(options.clock.now()))) {
    if (await staffUsernameExists(options.db, member.username)) present.push(member);
  }
  return present;
}
