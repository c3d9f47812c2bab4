import type { RecordOf } from '../../src/registry/index.js';
import assert from 'node:assert/strict';
import { addPersons, aMobile, GOOD_PASSWORD, lastCodeSentTo, registerAccount, signIn, type IdentityHarness } from '../identity/support.js';
import { aCitizen, aResident, aTrafficCase } from '../registry/builders.js';

/** Builders for the traffic kafala's tests: guarantors with accounts, and people held in traffic cases. */

export const KAFALA = 'general.kafala.traffic-bail';

export interface Guarantor {
  person: RecordOf<'person'>;
  token: string;
  mobile: string;
  username: string;
}

/**
 * A registry person with an account, signed in through the API. By default an adult citizen
 * inside the Kingdom with an activated account (registered with the registry's mobile);
 * `activated: false` registers with another mobile, so the account waits for activation.
 */
export async function aGuarantor(h: IdentityHarness, overrides: Partial<RecordOf<'person'>> = {}, options: { activated?: boolean; resident?: boolean } = {}): Promise<Guarantor> {
  const registryMobile = aMobile();
  const person = options.resident ? aResident({ mobile: registryMobile, ...overrides }) : aCitizen({ mobile: registryMobile, ...overrides });
  await addPersons(h.database, [person]);
  const mobile = options.activated === false ? aMobile() : registryMobile;
  const { body } = await registerAccount(h, person, { mobile });
  const token = await signIn(h, body.username, GOOD_PASSWORD, mobile);
  return { person, token, mobile, username: body.username };
}

export interface Detainee {
  person: RecordOf<'person'>;
  other: RecordOf<'person'>;
  kase: RecordOf<'traffic_case'>;
}

/** A person held in an open traffic case where bail is allowed (unless told otherwise), with the other driver. */
export async function aDetainee(
  h: IdentityHarness,
  options: { bailAllowed?: boolean; closed?: boolean; inCustody?: boolean; resident?: boolean } = {},
): Promise<Detainee> {
  const person = options.resident ? aResident({ mobile: aMobile(), birthDate: '1992-07-09' }) : aCitizen({ mobile: aMobile(), birthDate: '1995-02-10', firstNameAr: 'نايف', firstNameEn: 'Naif' });
  const other = aCitizen({ mobile: aMobile() });
  const kase = aTrafficCase(
    [
      { nationalId: person.nationalId, role: 'driver_at_fault', inCustody: options.inCustody ?? true },
      { nationalId: other.nationalId, role: 'driver', inCustody: false },
    ],
    { bailAllowed: options.bailAllowed ?? true, ...(options.closed ? { status: 'closed', closedAt: '2025-03-05T10:00:00+03:00' } : {}) },
  );
  await addPersons(h.database, [person, other, kase]);
  return { person, other, kase };
}

/** The form's data for standing bail for a detainee (a change to one detail with `overrides`). */
export function kafalaData(d: Detainee, overrides: Partial<{ idNumber: string; birthDate: string; caseNumber: string }> = {}) {
  return {
    guaranteed: { idNumber: d.person.nationalId, birthDate: d.person.birthDate, caseNumber: d.kase.number, ...overrides },
    undertaking: { declaration: 'yes' },
  };
}

/** Whether the registry holds the person in the case now. */
export async function inCustody(h: IdentityHarness, d: Detainee): Promise<boolean> {
  const row = await h.database.db
    .selectFrom('traffic_case_parties')
    .innerJoin('traffic_cases', 'traffic_cases.id', 'traffic_case_parties.case_id')
    .innerJoin('persons', 'persons.id', 'traffic_case_parties.person_id')
    .select('traffic_case_parties.in_custody')
    .where('traffic_cases.number', '=', d.kase.number)
    .where('persons.national_id', '=', d.person.nationalId)
    .executeTakeFirstOrThrow();
  return row.in_custody;
}

/** The case as the registry has it now. */
export async function caseOf(h: IdentityHarness, d: Detainee) {
  return h.database.db.selectFrom('traffic_cases').select(['status', 'closed_at', 'bail_allowed']).where('number', '=', d.kase.number).executeTakeFirstOrThrow();
}

/**
 * The codes a service asks for around its form (a transfer of services): the start code sent and
 * answered, and a confirmation code sent, as the API asks for them. No start code when the
 * service refuses to send one (the person may not apply now): the submission then says why.
 */
export async function serviceCodes(h: IdentityHarness, serviceId: string, p: { token: string; mobile: string }, beneficiaryId?: string) {
  const call = (url: string, payload?: object) => h.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${p.token}` }, ...(payload ? { payload } : {}) });
  h.clock.advance(61_000);
  const sentStart = await call(`/api/v1/services/${serviceId}/start-codes`, beneficiaryId ? { beneficiaryId } : {});
  let start: string | undefined;
  if (sentStart.statusCode === 201) {
    start = sentStart.json().challengeId as string;
    const answered = await call(`/api/v1/services/${serviceId}/start-codes/${start}`, { code: (await lastCodeSentTo(h.database, p.mobile))! });
    assert.equal(answered.statusCode, 200, answered.body);
  }
  h.clock.advance(61_000);
  const sent = await call(`/api/v1/services/${serviceId}/confirmation-codes`);
  assert.equal(sent.statusCode, 201, sent.body);
  return { start, confirmation: { challengeId: sent.json().challengeId as string, code: (await lastCodeSentTo(h.database, p.mobile))! } };
}
