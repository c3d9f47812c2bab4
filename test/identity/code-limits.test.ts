import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { checkServiceCode, MOBILE_SENDS_PER_HOUR, resendServiceCode, sendServiceCode, SEND_LIMITS, type ServiceCodeStep } from '../../src/identity/index.js';
import { isAppError } from '../../src/kernel/errors.js';
import { translate } from '../../src/kernel/i18n/index.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { aSignedInCitizen, webSignIn, type Citizen } from '../requests/support.js';
import { identityApp, lastCodeSentTo, messagesTo } from './support.js';

/**
 * One-time code limits (issue 16, item 1): a sponsor's journey with its slips goes through,
 * a flood does not, the refusal says when to ask again, and every code page shows where the
 * code went, with a refusal as the page's message rather than under "there is a problem".
 */

const SERVICE = 'passports.workers.transfer-services';
const NAME = { ar: 'نقل الخدمات', en: 'Transfer of services' };

describe(`one-time code limits (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  const accountIdOf = async (c: Citizen) => (await database.db.selectFrom('accounts').select('id').where('username', '=', c.username).executeTakeFirstOrThrow()).id;
  const codes = (c: Citizen, accountId: string) => {
    const target = (step: ServiceCodeStep) => ({ db: database.db, clock, accountId, serviceId: SERVICE, step });
    return {
      send: async (step: ServiceCodeStep) => {
        clock.advance(61_000);
        return sendServiceCode({ ...target(step), serviceName: NAME });
      },
      resend: async (step: ServiceCodeStep, challengeId: string) => {
        clock.advance(61_000);
        await resendServiceCode({ ...target(step), challengeId });
      },
      answer: async (step: ServiceCodeStep, challengeId: string, code?: string) =>
        checkServiceCode({ ...target(step), answer: { challengeId, code: code ?? (await lastCodeSentTo(database, c.mobile))! }, consume: true }),
    };
  };
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(() => undefined, (e: unknown) => e);
    assert.ok(isAppError(error), `expected a refusal, got ${String(error)}`);
    return error;
  };

  it('lets a sponsor through two transfers with a resend and a slip in one hour, and stops a flood', async () => {
    clock.set('2026-11-02T06:00:00Z');
    const sponsor = await aSignedInCitizen(h); // a registration code and a sign-in code
    const c = codes(sponsor, await accountIdOf(sponsor));
    // The first worker: a start code and a confirmation code.
    await c.answer('start', (await c.send('start')).challengeId);
    await c.answer('submit', (await c.send('submit')).challengeId);
    // The second: the start code is asked for again, and the first confirmation code is mistyped three times.
    const start = await c.send('start');
    await c.resend('start', start.challengeId);
    await c.answer('start', start.challengeId);
    const slipped = await c.send('submit');
    for (let i = 0; i < 3; i++) await refusal(c.answer('submit', slipped.challengeId, '000000'));
    await c.answer('submit', (await c.send('submit')).challengeId);

    // A flood of start codes stops at the step's limit, and says when a new code may be asked for.
    let sent = 3;
    let flood;
    for (; sent < 100; sent++) {
      flood = await c.send('start').then(() => undefined, (e: unknown) => e);
      if (flood) break;
    }
    assert.equal(sent, SEND_LIMITS.service_start);
    assert.ok(isAppError(flood));
    assert.equal(flood.code, 'identity.send_limit_reached');
    assert.equal(flood.status, 429);
    // The hour's window ends at 07:00 UTC, 10:00 am in Riyadh.
    assert.equal(translate('en', flood.messageKey, flood.params), 'Many verification codes have been sent in a short time. To protect your account, you can ask for a new code today at 10:00 am.');
    assert.equal(translate('ar', flood.messageKey, flood.params), 'أُرسل عدد كبير من رموز التحقق خلال وقت قصير. لحماية حسابك، يمكنك طلب رمز جديد اليوم الساعة 10:00 ص.');

    // Across purposes, the mobile's ceiling stops what each step's own limit would still allow.
    const before = (await messagesTo(database, sponsor.mobile)).filter((m) => m.template.startsWith('otp.')).length;
    for (let i = before; i < MOBILE_SENDS_PER_HOUR; i++) await c.send('submit');
    const ceiling = await refusal(c.send('submit'));
    assert.equal(ceiling.code, 'identity.send_limit_reached');
    assert.equal((await messagesTo(database, sponsor.mobile)).filter((m) => m.template.startsWith('otp.')).length, MOBILE_SENDS_PER_HOUR);
    // A new hour, a new code.
    clock.set('2026-11-02T07:00:01Z');
    assert.ok((await c.send('submit')).challengeId);
  });

  it('shows the masked mobile on the code page, and a refusal as the page message that says when to try again', async () => {
    clock.set('2026-11-03T06:00:00Z');
    const sponsor = await aSignedInCitizen(h);
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, sponsor);
    await v.get('/'); // the signed-in session's form token
    const masked = `${sponsor.mobile.slice(0, 2)}XXXXX${sponsor.mobile.slice(-3)}`;
    const shown = new RegExp(`<bdi dir="ltr" class="ltr-value">${masked}</bdi>`);

    // Brought back to the page by a refusal, without a fresh send: still says where codes go.
    const lost = await v.submit(`/services/${SERVICE}/code`, { go: 'resend', challengeId: randomUUID() });
    assert.equal(lost.posted.headers.location, `/services/${SERVICE}/code`, 'said on the code page, after a redirect');
    assert.match(lost.body, /لم نعثر على طلب رمز التحقق/);
    assert.match(lost.body, shown);

    const c = codes(sponsor, await accountIdOf(sponsor));
    let last = (await c.send('start')).challengeId;
    for (let i = 1; i < SEND_LIMITS.service_start; i++) last = (await c.send('start')).challengeId;
    clock.advance(61_000);
    const refused = await v.submit(`/services/${SERVICE}/code`, { go: 'resend', challengeId: last });
    assert.equal(refused.posted.headers.location, `/services/${SERVICE}/code`);
    assert.match(refused.body, shown);
    assert.match(refused.body, /يمكنك طلب رمز جديد اليوم الساعة 10:00 ص/);
    assert.doesNotMatch(refused.body, /يوجد خطأ في البيانات المدخلة/);
  });
});
