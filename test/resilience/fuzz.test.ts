import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newBillNumber } from '../../src/payments/bill-number.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { anIp, GOOD_PASSWORD, identityApp, signIn } from '../identity/support.js';
import { aSignedInCitizen, LOST_ID, lostIdData, officerOf, submit, webSignIn } from '../requests/support.js';
import { staffWebSignIn } from '../suspensions/support.js';
import { HOSTILE_STRINGS, HOSTILE_VALUES, pick, seededRandom, validValue, type JsonSchema } from './fuzz-values.js';
import { reportFigures } from './report.js';

/**
 * The fuzzer (issue 15): every operation of the served OpenAPI document, one parameter or body
 * field at a time made hostile while the rest stays valid, unauthenticated and with a bearer
 * token (a citizen's, or a staff member's for the staff operations) so the handlers behind auth
 * are reached; then the page forms. Nothing may answer 5xx; every API error is problem+json;
 * the server is healthy after. Seeded: the same requests on every run.
 */

type Method = 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
interface Parameter { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: JsonSchema }
interface Operation { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }
interface Probe { method: Method; path: string; params: Record<string, unknown>; query: Record<string, unknown>; headers: Record<string, string>; body?: unknown; raw?: { payload: string | Buffer; contentType: string } }

const SEED = 15;
const STRINGS_PER_FIELD = 8;
/** The first of HOSTILE_STRINGS (NUL, controls, lone surrogates) go into every field. */
const ALWAYS = 5;
const VALUES_PER_FIELD = 4;

/** A URL component of any value, even one encodeURIComponent refuses (a lone surrogate: its CESU-8 bytes). */
function urlPart(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined';
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

describe(`fuzzing every operation of the OpenAPI document, and the page forms (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app } = h;
  const random = seededRandom(SEED);
  const citizen = await aSignedInCitizen(h);
  const officer = await officerOf(h, 'civil-affairs', 'supervisor');
  const reference = (await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference as string;
  const inquiryId = ((await app.inject({ url: '/api/v1/inquiries' })).json().inquiries?.[0]?.id as string | undefined) ?? 'x';
  const known = { reference, serviceId: LOST_ID, inquiryId, number: newBillNumber(), action: 'cancel', field: 'loss.circumstances', staffId: officer.staff.id, data: lostIdData() };
  const figures = { operations: 0, requests: 0, responses5xx: 0, nonProblemErrors: 0 };
  const defects: string[] = [];

  function note(what: string, res: { statusCode: number; body: string; headers: Record<string, unknown> }, page: boolean) {
    figures.requests++;
    const type = String(res.headers['content-type'] ?? '');
    if (res.statusCode >= 500) {
      figures.responses5xx++;
      defects.push(`${res.statusCode} ${what} -> ${res.body.slice(0, 160)}`);
    } else if (res.statusCode >= 400 && !/^application\/problem\+json/.test(type) && !(page && /^text\/html/.test(type))) {
      figures.nonProblemErrors++;
      defects.push(`${res.statusCode} ${type} ${what}`);
    }
  }

  async function send(probe: Probe, token: string | undefined) {
    const path = probe.path.replace(/\{(\w+)\}/g, (_, name: string) => urlPart(probe.params[name]));
    const query = Object.entries(probe.query).map(([k, v]) => `${urlPart(k)}=${urlPart(v)}`).join('&');
    const url = query ? `${path}?${query}` : path;
    const headers: Record<string, string> = { 'accept-language': 'en', ...probe.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
    let payload: string | Buffer | undefined;
    if (probe.raw) {
      payload = probe.raw.payload;
      headers['content-type'] = probe.raw.contentType;
    } else if (probe.body !== undefined) {
      payload = JSON.stringify(probe.body);
      headers['content-type'] = 'application/json';
    }
    let res;
    try {
      res = await app.inject({ method: probe.method, url, headers, payload, remoteAddress: anIp() });
    } catch (error) {
      // A header no HTTP client could send (light-my-request refuses it as Node's parser would).
      if ((error as { code?: string }).code === 'ERR_INVALID_CHAR') return;
      throw error;
    }
    note(`${probe.method} ${url.slice(0, 200)} ${typeof payload === 'string' ? payload.slice(0, 120) : ''}`, res, false);
  }

  /** The values that broke Tayseer before (NUL, broken Unicode, bidi) every time, then a seeded pick of the rest. */
  function hostile(): unknown[] {
    return [...HOSTILE_STRINGS.slice(0, ALWAYS), ...pick(random, HOSTILE_STRINGS.slice(ALWAYS), STRINGS_PER_FIELD - ALWAYS), ...pick(random, HOSTILE_VALUES, VALUES_PER_FIELD)];
  }

  /** The probes of one operation: the valid request, then one field at a time made hostile. */
  function probesOf(method: Method, path: string, op: Operation): Probe[] {
    const parameters = op.parameters ?? [];
    const base: Probe = { method, path, params: {}, query: {}, headers: {} };
    for (const p of parameters) {
      const value = validValue(p.schema, p.name, known);
      if (p.in === 'path') base.params[p.name] = value;
      else if (p.in === 'query' && p.required) base.query[p.name] = value;
    }
    const bodySchema = op.requestBody?.content?.['application/json']?.schema;
    if (bodySchema) base.body = validValue(bodySchema, '', known);
    const probes: Probe[] = [base];
    const clone = (): Probe => structuredClone(base);
    for (const p of parameters) {
      for (const value of hostile()) {
        const probe = clone();
        if (p.in === 'path') probe.params[p.name] = value;
        else if (p.in === 'query') probe.query[p.name] = typeof value === 'string' ? value : JSON.stringify(value);
        else if (typeof value === 'string') probe.headers[p.name] = value;
        probes.push(probe);
      }
    }
    if (bodySchema) {
      const fields = Object.keys(bodySchema.properties ?? {});
      for (const field of fields) {
        for (const value of hostile()) probes.push({ ...clone(), body: { ...(base.body as object), [field]: value } });
        const missing = { ...(base.body as Record<string, unknown>) };
        delete missing[field];
        probes.push({ ...clone(), body: missing });
      }
      probes.push({ ...clone(), body: { ...(base.body as object), extra: pick(random, HOSTILE_STRINGS, 1)[0] } });
      for (const whole of pick(random, HOSTILE_VALUES, 3)) probes.push({ ...clone(), body: whole });
      const raws: Array<[string | Buffer, string]> = [
        ['', 'application/json'],
        ['{"a":', 'application/json'],
        ['{"n":1e400,"s":"\\u0000"}', 'application/json'],
        [Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xc0, 0x22, 0x7d]), 'application/json'],
        ['login=a%00&x=%E0%A4%A', 'application/x-www-form-urlencoded'],
        ['<a>x</a>', 'application/xml'],
        ['plain', 'text/plain'],
        ['--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n\u0000\r\n--b--\r\n', 'multipart/form-data; boundary=b'],
      ];
      for (const [payload, contentType] of raws) probes.push({ ...clone(), raw: { payload, contentType } });
    }
    return probes;
  }

  it('answers no hostile value with a 5xx, and every API error with problem+json', async () => {
    const spec = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(spec.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase() as Method, path, op })));
    // What ends the signed-in sessions goes last, so the tokens reach every other handler.
    const last = (o: { path: string }) => (/logout|sessions\/\{/.test(o.path) ? 1 : 0);
    operations.sort((a, b) => last(a) - last(b));
    for (const { method, path, op } of operations) {
      figures.operations++;
      const token = /\/(officer|staff)\//.test(path) ? officer.token : citizen.token;
      for (const [i, probe] of probesOf(method, path, op).entries()) {
        await send(probe, token);
        // Unauthenticated too: the valid request, and one in four of the hostile ones.
        if (i === 0 || random() < 0.25) await send(probe, undefined);
      }
    }
  });

  it('answers no hostile value in a page form or a queue filter with a 5xx', async () => {
    const anonymous = new Visitor(app);
    const person = new Visitor(app);
    await webSignIn(h, person, await aSignedInCitizen(h));
    const staff = await staffWebSignIn(h, officer.staff);
    const forms: Array<[Visitor, string, Record<string, string>]> = [
      [anonymous, '/login', { login: 'someone', password: GOOD_PASSWORD }],
      [anonymous, '/register', { nationalId: citizen.person.nationalId, dateOfBirth: '1990-01-01', mobile: '0550000000', email: 'a@example.test', username: 'someone_new', password: GOOD_PASSWORD, passwordConfirm: GOOD_PASSWORD, language: 'ar' }],
      [anonymous, '/forgot-password', { login: 'someone', mobile: '0550000000' }],
      [person, `/services/${LOST_ID}/apply`, { step: 'loss', lostOn: '2026-10-28', city: 'riyadh', circumstances: 'Lost.', declaration: 'yes' }],
      [person, `/requests/${reference}/actions/cancel`, { expectedVersion: '1' }],
      [person, '/me/mobile', { mobile: '0550000001' }],
      [staff, `/staff/requests/${reference}/actions/reject`, { expectedVersion: '1', reasonCode: 'identity_mismatch', reasonText: 'Not the same person.' }],
      [staff, '/staff/suspensions', { nationalId: citizen.person.nationalId, authority: 'court', legalBasis: 'Order 1', reasonAr: 'سبب', reasonEn: 'Reason', blockedServices: '*', liftedBy: 'court' }],
    ];
    for (const [visitor, url, fields] of forms) {
      await visitor.get(url.replace(/\/(actions\/\w+|apply)$/, ''));
      for (const name of Object.keys(fields)) {
        for (const value of pick(random, HOSTILE_STRINGS, STRINGS_PER_FIELD)) note(`POST ${url} ${name}=${JSON.stringify(value).slice(0, 40)}`, await visitor.post(url, { ...fields, [name]: value }), true);
      }
    }
    for (const [visitor, path, names] of [[staff, '/staff/requests', ['service', 'state', 'overdue', 'mine']], [anonymous, '/services', ['q', 'agency']], [person, '/requests', ['serviceId', 'as']]] as const) {
      for (const name of names) {
        for (const value of pick(random, HOSTILE_STRINGS, STRINGS_PER_FIELD)) note(`GET ${path}?${name}`, await visitor.get(`${path}?${name}=${urlPart(value)}`), true);
      }
    }
  });

  it('is healthy after: ready, and a normal request and a sign-in still work', async () => {
    reportFigures('fuzz', figures);
    assert.deepEqual(defects, [], `${defects.length} defect(s):\n${defects.slice(0, 40).join('\n')}`);
    assert.ok(figures.operations >= 40 && figures.requests >= 2000, JSON.stringify(figures));
    assert.equal((await app.inject({ url: '/readyz' })).statusCode, 200);
    assert.equal((await app.inject({ url: `/api/v1/services/${LOST_ID}` })).statusCode, 200);
    const token = await signIn(h, citizen.username, GOOD_PASSWORD, citizen.mobile);
    assert.equal((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
  });
});
