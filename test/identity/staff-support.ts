import { createStaffAccount, type NewStaffInput } from '../../src/identity/index.js';
import { aMobile, lastCodeSentTo, post, type IdentityHarness } from './support.js';

/** Staff builders and sign-in through the staff API. */

export const STAFF_PASSWORD = 'Desk-Lantern-Orbit-77';

let staffSerial = 0;
export async function aStaffMember(h: IdentityHarness, overrides: Partial<NewStaffInput> = {}) {
  staffSerial += 1;
  const input: NewStaffInput = {
    username: `staff_${process.pid}_${staffSerial}`,
    nameAr: 'موظف',
    nameEn: 'Officer',
    mobile: aMobile(),
    agency: 'passports',
    role: 'officer',
    password: STAFF_PASSWORD,
    ...overrides,
  };
  const { staff } = await createStaffAccount({ db: h.database.db, clock: h.clock, actor: { kind: 'operator' }, input });
  return staff;
}

export async function staffSignIn(h: IdentityHarness, staff: { username: string; mobile: string }, password = STAFF_PASSWORD): Promise<string> {
  h.clock.advance(1000);
  const started = await post(h.app, '/api/v1/staff/auth/login', { username: staff.username, password });
  if (started.statusCode !== 202) throw new Error(`staff login: ${started.statusCode} ${started.body}`);
  const code = await lastCodeSentTo(h.database, staff.mobile);
  const done = await post(h.app, `/api/v1/staff/auth/challenges/${started.json().challengeId}`, { code });
  if (done.statusCode !== 200) throw new Error(`staff code: ${done.statusCode} ${done.body}`);
  return (done.json() as { token: string }).token;
}

export async function get(h: IdentityHarness, url: string, token: string) {
  return h.app.inject({ url, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });
}
