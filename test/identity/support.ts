import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../src/db/database.js';
import { settableClock, type SettableClock } from '../../src/kernel/clock.js';
import { importRegistryFile } from '../../src/registry/index.js';
import type { RecordOf } from '../../src/registry/index.js';
import { testApp } from '../support/app.js';
import { aCitizen, writeJsonl } from '../registry/builders.js';

/** An app over a fresh database with a clock the test moves, and helpers for the auth API. */

export const START = '2026-11-01T09:00:00Z';
export const GOOD_PASSWORD = 'Quiet-Harbour-42';

export interface IdentityHarness {
  app: FastifyInstance;
  database: DatabaseHandle;
  clock: SettableClock;
}

export async function identityApp(env: Record<string, string> = {}): Promise<IdentityHarness> {
  const clock = settableClock(START);
  const { app, database } = await testApp({ clock, env });
  return { app, database, clock };
}

let mobileSerial = 0;
/** A mobile no other test person has (builders give everyone the same one). */
export function aMobile(): string {
  mobileSerial += 1;
  return `059${String((process.pid % 10_000) * 100 + (mobileSerial % 100)).padStart(7, '0')}`;
}

let ipSerial = 0;
/** A client address of its own, so one test's requests do not use up another's rate limits. */
export function anIp(): string {
  ipSerial += 1;
  return `10.0.${Math.floor(ipSerial / 250)}.${(ipSerial % 250) + 1}`;
}

export async function addPersons(database: DatabaseHandle, records: Array<RecordOf<'person'> | object>): Promise<void> {
  const summary = await importRegistryFile({ db: database.db, file: writeJsonl(records) });
  // A test's records are meant to be valid: a refused line is a mistake in the test, said here.
  if (summary.invalid.length > 0) throw new Error(`addPersons: ${JSON.stringify(summary.invalid)}`);
}

/** A registry citizen with a unique mobile, imported. */
export async function aRegistryCitizen(database: DatabaseHandle, overrides: Partial<RecordOf<'person'>> = {}): Promise<RecordOf<'person'>> {
  const person = aCitizen({ mobile: aMobile(), ...overrides });
  await addPersons(database, [person]);
  return person;
}

/** The code in the newest SMS to a mobile (read from the outbox, as the demo outbox page does). */
export async function lastCodeSentTo(database: DatabaseHandle, mobile: string): Promise<string | undefined> {
  const row = await database.db
    .selectFrom('outbox_messages')
    .select('body')
    .where('recipient', '=', mobile)
    .where('template', 'like', 'otp.%')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? /\b(\d{6})\b/.exec(row.body)?.[1] : undefined;
}

export async function messagesTo(database: DatabaseHandle, recipient: string) {
  return database.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', recipient).orderBy('id').execute();
}

export interface RegisterBody {
  nationalId: string;
  dateOfBirth: string;
  mobile: string;
  email: string;
  username: string;
  password: string;
  language: 'ar' | 'en';
}

let usernameSerial = 0;
export function registerBody(person: RecordOf<'person'>, overrides: Partial<RecordOf<'person'> & RegisterBody> = {}): RegisterBody {
  usernameSerial += 1;
  return {
    nationalId: person.nationalId,
    dateOfBirth: person.birthDate,
    mobile: person.mobile ?? aMobile(),
    email: `user${usernameSerial}@example.test`,
    username: `user_${process.pid}_${usernameSerial}`,
    password: GOOD_PASSWORD,
    language: 'en',
    ...overrides,
  };
}

export async function post(app: FastifyInstance, url: string, payload: object, options: { ip?: string; token?: string } = {}) {
  return app.inject({
    method: 'POST',
    url,
    payload,
    remoteAddress: options.ip ?? anIp(),
    headers: { 'accept-language': 'en', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
  });
}

/** Registers through the API and answers the code: the account exists afterwards. */
export async function registerAccount(h: IdentityHarness, person: RecordOf<'person'>, overrides: Partial<RegisterBody> = {}) {
  const body = registerBody(person, overrides);
  // Outbox rows are ordered by time: a second apart, the newest code is this one.
  h.clock.advance(1000);
  const started = await post(h.app, '/api/v1/auth/register', body);
  if (started.statusCode !== 202) throw new Error(`register: ${started.statusCode} ${started.body}`);
  const { challengeId } = started.json() as { challengeId: string };
  const code = await lastCodeSentTo(h.database, body.mobile);
  const done = await post(h.app, `/api/v1/auth/challenges/${challengeId}`, { code });
  if (done.statusCode !== 201) throw new Error(`register code: ${done.statusCode} ${done.body}`);
  return { body, result: done.json() as { status: string; message: string } };
}

/** Signs in through the API (password, then the code): a bearer token. */
export async function signIn(h: IdentityHarness, login: string, password: string, mobile: string): Promise<string> {
  h.clock.advance(1000);
  const started = await post(h.app, '/api/v1/auth/login', { login, password });
  if (started.statusCode !== 202) throw new Error(`login: ${started.statusCode} ${started.body}`);
  const { challengeId } = started.json() as { challengeId: string };
  const code = await lastCodeSentTo(h.database, mobile);
  const done = await post(h.app, `/api/v1/auth/challenges/${challengeId}`, { code });
  if (done.statusCode !== 200) throw new Error(`login code: ${done.statusCode} ${done.body}`);
  return (done.json() as { token: string }).token;
}

/** A person of the registry with an account registered on their mobile, signed in through the API. */
export async function signedInAccount(h: IdentityHarness, person: RecordOf<'person'>): Promise<{ person: RecordOf<'person'>; token: string; username: string; mobile: string }> {
  const { body } = await registerAccount(h, person, { mobile: person.mobile! });
  const token = await signIn(h, body.username, GOOD_PASSWORD, person.mobile!);
  return { person, token, username: body.username, mobile: person.mobile! };
}
