import type { RecordOf } from '../../src/registry/index.js';
import { addPersons, aMobile, GOOD_PASSWORD, lastCodeSentTo, post, registerAccount, signIn, type IdentityHarness } from '../identity/support.js';
import type { Visitor } from '../support/visitor.js';
import { aStaffMember, staffSignIn } from '../identity/staff-support.js';
import { aCitizen, aResident } from '../registry/builders.js';

/** Builders for the service engine's tests: signed-in citizens with an ID card, officers, forms. */

export const LOST_ID = 'civil-affairs.national-id.replace-lost';

export interface Citizen {
  person: RecordOf<'person'>;
  token: string;
  mobile: string;
  username: string;
}

function idCard(person: { nationalId: string }, overrides: Partial<RecordOf<'document'>> = {}): RecordOf<'document'> {
  return {
    kind: 'document',
    nationalId: person.nationalId,
    documentKind: 'national_id_card',
    number: `${person.nationalId}-1`,
    issueDate: '2020-01-01',
    expiryDate: '2030-01-01',
    status: 'valid',
    issuingCountry: 'SAU',
    ...overrides,
  } as RecordOf<'document'>;
}

/** A citizen in the registry with a valid ID card (and `lostBefore` earlier lost cards), registered and signed in. */
export async function aSignedInCitizen(h: IdentityHarness, options: { lostBefore?: number; resident?: boolean; noCard?: boolean; extra?: (person: RecordOf<'person'>) => object[] } = {}): Promise<Citizen> {
  const mobile = aMobile();
  const person = options.resident ? aResident({ mobile }) : aCitizen({ mobile, address: { buildingNumber: '1234', street: 'King Fahd Road', district: 'Al Olaya', city: 'Riyadh', postalCode: '12211' } });
  const records: object[] = [person];
  if (!options.noCard) {
    for (let i = 0; i < (options.lostBefore ?? 0); i++) records.push(idCard(person, { number: `${person.nationalId}-L${i + 1}`, status: 'lost' }));
    records.push(idCard(person));
  }
  records.push(...(options.extra?.(person) ?? []));
  await addPersons(h.database, records);
  const { body } = await registerAccount(h, person, { mobile });
  const token = await signIn(h, body.username, GOOD_PASSWORD, mobile);
  return { person, token, mobile, username: body.username };
}

export function lostIdData(overrides: { method?: 'national_address' | 'office'; office?: string; lostOn?: string } = {}) {
  return {
    loss: { lostOn: overrides.lostOn ?? '2026-10-28', city: 'riyadh', circumstances: 'Lost at the mall.', declaration: 'yes' },
    delivery: { method: overrides.method ?? 'national_address', ...(overrides.office ? { office: overrides.office } : {}) },
  };
}

export async function submit(h: IdentityHarness, token: string, body: object, idempotencyKey?: string) {
  return h.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    payload: body,
    headers: { 'accept-language': 'en', authorization: `Bearer ${token}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
  });
}

export async function officerOf(h: IdentityHarness, agency: 'civil-affairs' | 'passports' | 'traffic', role: 'officer' | 'supervisor' = 'officer') {
  const staff = await aStaffMember(h, { agency, role, mobile: aMobile() });
  const token = await staffSignIn(h, staff);
  return { staff, token };
}

export async function staffAct(h: IdentityHarness, token: string, reference: string, action: string, body: object = {}) {
  return post(h.app, `/api/v1/officer/requests/${reference}/actions/${action}`, body, { token });
}

export async function personAct(h: IdentityHarness, token: string, reference: string, action: string, body: object = {}) {
  return post(h.app, `/api/v1/requests/${reference}/actions/${action}`, body, { token });
}

export async function getAs(h: IdentityHarness, token: string, url: string) {
  return h.app.inject({ url, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });
}

/** Signs a page visitor in (password, then the code), as a browser would. */
export async function webSignIn(h: IdentityHarness, v: Visitor, citizen: Pick<Citizen, 'username' | 'mobile'>): Promise<void> {
  await v.get('/login');
  h.clock.advance(1000);
  const started = await v.post('/login', { login: citizen.username, password: GOOD_PASSWORD });
  if (started.statusCode !== 303) throw new Error(`web login: ${started.statusCode}`);
  const codeUrl = started.headers.location as string;
  await v.get(codeUrl);
  const done = await v.post(codeUrl, { code: (await lastCodeSentTo(h.database, citizen.mobile))! });
  if (done.statusCode !== 303) throw new Error(`web login code: ${done.statusCode}`);
}
