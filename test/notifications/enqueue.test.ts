import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/kernel/clock.js';
import { catalogueKeys } from '../../src/kernel/i18n/index.js';
import { enqueueMessage, renderMessage, TemplateError } from '../../src/notifications/index.js';
import { freshDatabase } from '../support/database.js';

const clock = fixedClock('2026-11-01T09:00:00Z');
const ARABIC = /[\u0600-\u06FF]/;

const accountTemplates = [
  'otp.register',
  'otp.login',
  'otp.activate',
  'otp.reset_password',
  'otp.change_mobile',
  'otp.staff_login',
  'account.mobile_moved',
  'account.locked',
  'account.password_changed',
  'account.activated',
  'account.mobile_changed',
];

describe('enqueueMessage', async () => {
  const { db } = await freshDatabase();

  it('writes nothing when the transaction rolls back', async () => {
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await enqueueMessage(trx, { channel: 'sms', to: '0500000001', locale: 'ar', template: 'otp.login', params: { code: '123456' } }, clock);
        throw new Error('the use case failed after enqueueing');
      }),
      /the use case failed/,
    );
    const rows = await db.selectFrom('outbox_messages').selectAll().where('recipient', '=', '0500000001').execute();
    assert.equal(rows.length, 0);
  });

  it('writes a pending message, due now, when the transaction commits', async () => {
    const id = await db
      .transaction()
      .execute((trx) => enqueueMessage(trx, { channel: 'sms', to: '0500000002', locale: 'en', template: 'otp.login', params: { code: '654321' } }, clock));
    const row = await db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 0);
    assert.equal(row.template, 'otp.login');
    assert.equal(row.locale, 'en');
    assert.match(row.body, /654321/);
    assert.equal(row.subject, null);
    assert.equal(row.next_attempt_at.toISOString(), '2026-11-01T09:00:00.000Z');
  });

  it("renders in the recipient's language", () => {
    const ar = renderMessage({ channel: 'sms', locale: 'ar', template: 'otp.register', params: { code: '111222' } });
    const en = renderMessage({ channel: 'sms', locale: 'en', template: 'otp.register', params: { code: '111222' } });
    assert.match(ar.text, ARABIC);
    assert.match(ar.text, /111222/);
    assert.doesNotMatch(en.text, ARABIC);
    assert.match(en.text, /111222/);
    assert.match(en.text, /5 minutes/);
  });

  it('renders an e-mail with its subject in each language', () => {
    const ar = renderMessage({ channel: 'email', locale: 'ar', template: 'account.welcome', params: { name: 'سارة', username: 'sara' } });
    const en = renderMessage({ channel: 'email', locale: 'en', template: 'account.welcome', params: { name: 'Sara', username: 'sara' } });
    assert.match(ar.subject ?? '', ARABIC);
    assert.equal(en.subject, 'Welcome to Tayseer');
    assert.match(en.text, /Dear Sara/);
  });

  it('has every account template in both languages, SMS texts short enough for one or two messages', () => {
    const ar = new Set(catalogueKeys('ar'));
    const en = new Set(catalogueKeys('en'));
    for (const template of accountTemplates) {
      assert.ok(ar.has(`notifications.${template}`) && en.has(`notifications.${template}`), template);
      const text = renderMessage({ channel: 'sms', locale: 'en', template, params: { code: '123456' } }).text;
      assert.ok(text.length <= 160, `${template} is ${text.length} characters`);
    }
  });

  it('refuses an unknown template or a missing parameter (a programming mistake)', () => {
    assert.throws(() => renderMessage({ channel: 'sms', locale: 'ar', template: 'otp.nope' }), TemplateError);
    assert.throws(() => renderMessage({ channel: 'sms', locale: 'ar', template: 'otp.login' }), /needs the parameter "code"/);
  });
});
