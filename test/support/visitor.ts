import type { FastifyInstance } from 'fastify';
import { anIp } from '../identity/support.js';

type Injected = Awaited<ReturnType<FastifyInstance['inject']>>;

/**
 * A tiny cookie-keeping browser over app.inject for the server-rendered pages: follows nothing
 * by itself, keeps cookies, and sends back the CSRF fields of the last page (`_csrf`, and the
 * staff session's `_staff_csrf` when the page has one), as a real form submission would.
 */
export class Visitor {
  cookies: Record<string, string> = {};
  csrf = '';
  staffCsrf = '';
  /** Each visitor comes from its own address, so per-IP rate limits do not couple tests. */
  readonly ip = anIp();
  /** The Host the browser names (the portal opened at another address than PUBLIC_URL); inject's own when unset. */
  host: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly language: 'ar' | 'en' = 'en',
    private readonly userAgent = 'Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile',
  ) {}

  private keep(res: Injected): Injected {
    for (const cookie of res.cookies) {
      if (cookie.value === '' || cookie.maxAge === 0) delete this.cookies[cookie.name];
      else this.cookies[cookie.name] = cookie.value;
    }
    // The page's own form is in <main>: not the header's log-out form, nor the session warning's after it.
    const main = /<main[\s\S]*<\/main>/.exec(res.body)?.[0] ?? res.body;
    const csrf = [...main.matchAll(/name="_csrf" value="([^"]+)"/g)].at(-1)?.[1] ?? [...res.body.matchAll(/name="_csrf" value="([^"]+)"/g)].at(-1)?.[1];
    if (csrf) this.csrf = csrf;
    const staffCsrf = /name="_staff_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (staffCsrf) this.staffCsrf = staffCsrf;
    return res;
  }

  async get(url: string): Promise<Injected> {
    return this.keep(await this.app.inject({ url, remoteAddress: this.ip, cookies: this.cookies, headers: this.headers() }));
  }

  /**
   * Posts a form; `csrf: null` or `staffCsrf: null` leaves that field out, a string replaces it.
   * A page drawn in answer is fetched as the browser does (web/replay.ts: the POST redirects to it,
   * `_page=`), so this answers with that page and its status; `postRaw` answers with the POST's own.
   */
  async post(url: string, form: Record<string, string>, options: { csrf?: string | null; staffCsrf?: string | null } = {}): Promise<Injected> {
    const res = await this.postRaw(url, form, options);
    const location = res.headers.location;
    return res.statusCode === 303 && typeof location === 'string' && /[?&]_page=/.test(location) ? this.get(location) : res;
  }

  async postRaw(url: string, form: Record<string, string>, options: { csrf?: string | null; staffCsrf?: string | null } = {}): Promise<Injected> {
    const fields: Record<string, string> = { ...form };
    if (options.csrf !== null) fields._csrf = options.csrf ?? this.csrf;
    const staffCsrf = options.staffCsrf === null ? '' : (options.staffCsrf ?? this.staffCsrf);
    if (staffCsrf) fields._staff_csrf = staffCsrf;
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.ip,
        cookies: this.cookies,
        headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      }),
    );
  }

  /**
   * Sends a form as a browser does and follows where it leads: the POST must answer with a
   * redirect (POST/redirect/GET: Back and reload never meet the answer to a POST), whose page
   * (and any redirect after it) is fetched with GET. Answers with the last page; `posted` is the
   * POST's own answer.
   */
  async submit(url: string, form: Record<string, string>, options: { csrf?: string | null; staffCsrf?: string | null } = {}): Promise<Injected & { posted: Injected }> {
    const posted = await this.postRaw(url, form, options);
    if (posted.statusCode !== 303 || typeof posted.headers.location !== 'string') {
      throw new Error(`POST ${url} answered ${posted.statusCode}, not a redirect (303) to a page: ${posted.body.slice(0, 300)}`);
    }
    let res = posted;
    for (let hops = 0; res.statusCode === 303 && typeof res.headers.location === 'string' && hops < 5; hops++) res = await this.get(res.headers.location);
    return Object.assign(res, { posted });
  }

  private headers() {
    return { accept: 'text/html', 'accept-language': this.language, 'user-agent': this.userAgent, ...(this.host ? { host: this.host } : {}) };
  }
}
