import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { addDays, todayInRiyadh } from '../../src/kernel/dates.js';
import { systemClock } from '../../src/kernel/clock.js';

/**
 * The resilience suite's server: `tayseer serve` as a child process (demo mode, a small registry),
 * the guardian persona signed in through the API as any client would, and an acknowledged write
 * to drive: a travel permit request for his son (no fee, no limit on open requests), each
 * submission with its own Idempotency-Key.
 */

const root = path.resolve(import.meta.dirname, '../..');
export const TRAVEL_PERMITS = 'passports.family.travel-permits';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything it printed, for the assertion messages. */
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `tayseer serve` with `env` on a free port; resolves once it says it is ready. `watch` sees its output as it comes. */
export async function spawnServer(env: Record<string, string>, options: { timeoutMs?: number; watch?: (output: string) => void } = {}): Promise<ServerProcess> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const child = spawn(process.execPath, [path.join(root, 'bin/tayseer.mjs'), 'serve'], {
    cwd: root,
    // Through tsx, not the esbuild bundle: test files running side by side would race to write dist/.
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', DEMO_MODE: 'on', SEED_PEOPLE: '20', LOG_LEVEL: 'warn', COOKIE_SECURE: 'off', TAYSEER_NO_BUNDLE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    options.watch?.(output);
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const look = () => {
      const ready = /Tayseer is ready at (http:\/\/\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before it was ready:\n${output}`));
    });
  });
  return { child, url, output: () => output, exited };
}

/** Stops a server process (SIGTERM, then SIGKILL) if it still runs. */
export async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await server.exited;
  clearTimeout(timer);
}

async function json<T>(res: Response, expected: number, what: string): Promise<T> {
  const body = await res.text();
  assert.equal(res.status, expected, `${what}: ${res.status} ${body}`);
  return JSON.parse(body) as T;
}

/** Signs the guardian persona in (password, then the code the demo outbox shows); his token and his ward's ID number. */
export async function signInGuardian(url: string): Promise<{ token: string; wardId: string }> {
  const { personas } = await json<{ personas: Array<{ key: string; login: string; password: string; mobile: string }> }>(await fetch(`${url}/api/v1/dev/personas`), 200, 'personas');
  const guardian = personas.find((p) => p.key === 'guardian');
  assert.ok(guardian, 'the demo has the guardian persona');
  const post = (p: string, body: object) => fetch(`${url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const { challengeId } = await json<{ challengeId: string }>(await post('/api/v1/auth/login', { login: guardian.login, password: guardian.password }), 202, 'login');
  let code: string | undefined;
  for (let i = 0; i < 50 && !code; i++) {
    const { messages } = await json<{ messages: Array<{ text: string }> }>(await fetch(`${url}/api/v1/dev/messages?to=${guardian.mobile}`), 200, 'messages');
    code = messages.map((m) => /\b(\d{6})\b/.exec(m.text)?.[1]).find(Boolean);
    if (!code) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.ok(code, 'the login code reached the demo outbox');
  const { token } = await json<{ token: string }>(await post(`/api/v1/auth/challenges/${challengeId}`, { code }), 200, 'login code');
  const me = await json<{ family: { wards: Array<{ nationalId: string; birthDate: string }> } }>(await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } }), 200, 'my data');
  const ward = me.family.wards[0];
  assert.ok(ward, 'the guardian has a ward');
  return { token, wardId: ward.nationalId };
}

export interface WriteOutcome {
  status: number | 'no answer';
  reference?: string;
  problem?: { code?: string; contentType?: string | null; retryAfter?: string | null };
}

/** One travel permit request, with its Idempotency-Key. A refused connection is "no answer". */
export async function submitPermit(url: string, token: string, wardId: string, key: string): Promise<WriteOutcome> {
  const today = todayInRiyadh(systemClock);
  const body = { serviceId: TRAVEL_PERMITS, data: { member: { idNumber: wardId }, trip: { destination: 'all', trips: 'single', validFrom: today, validTo: addDays(today, 30) } } };
  try {
    const res = await fetch(`${url}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (res.status === 200 || res.status === 201) return { status: res.status, reference: (JSON.parse(text) as { reference: string }).reference };
    const problem = (() => {
      try {
        return JSON.parse(text) as { code?: string };
      } catch {
        return {};
      }
    })();
    return { status: res.status, problem: { code: problem.code, contentType: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after') } };
  } catch {
    return { status: 'no answer' };
  }
}

/** The guardian's travel permit requests, by reference. */
export async function permitReferences(url: string, token: string): Promise<string[]> {
  const { requests } = await json<{ requests: Array<{ reference: string }> }>(
    await fetch(`${url}/api/v1/requests?serviceId=${TRAVEL_PERMITS}`, { headers: { authorization: `Bearer ${token}` } }),
    200,
    'my requests',
  );
  return requests.map((r) => r.reference);
}
