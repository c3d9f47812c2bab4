import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ensureDemoAccounts } from '../src/identity/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { translator } from '../src/kernel/i18n/index.js';
import { formatMoney, sar } from '../src/kernel/money.js';
import { formatReference } from '../src/kernel/reference.js';
import { ensureFirstStartData } from '../src/registry/seed.js';
import transfer, { TRANSFER_FEES_SAR } from '../src/services/passports/worker-transfer.js';
import { accessibilityChecker, codeSentTo, demoPersonas, launchBrowser, noBrowser, requestStateOf, signedInPage, startPortal, fillDateAsOnId } from './support/browser.js';
import { assertNotified, noticeText, onPhone, pageChecker } from './support/phone-checks.js';

/**
 * Transfer of a domestic worker's services in two browsers, in Arabic, with JavaScript off: the
 * sponsor persona chooses the housemaid (no past transfer), enters a one-time code, the new
 * sponsor's ID and date of birth (the guarantor persona: a Saudi citizen with an account), reviews
 * and confirms with a second code; the
 * new sponsor, signed in in a second browser context, finds the request under My Services ->
 * Passports -> Service transfer requests, accepts it and pays the 2,000 SAR fee by sandbox card.
 * The housemaid is then the new sponsor's in the registry, and the first sponsor's page says so.
 * Both browsers are 360 px phones: every page is checked there (e2e/support/phone-checks.ts) and
 * with axe-core; each sponsor is told by SMS and in their notices at each step.
 */

const APPROVED_MADA = '4406 4700 0000 0007';
const THREE_DS_CODE = '123456';

describe('transfer a domestic worker to a new sponsor, who accepts and pays in a second browser', { skip: noBrowser }, async () => {
  const { app, baseUrl } = await startPortal({}, { reachablePublicUrl: true });
  const { db } = app.deps.database;
  await ensureFirstStartData({ db, people: 50, seed: 3 });
  await ensureDemoAccounts({ db, clock: systemClock });
  const browser: Browser = await launchBrowser();
  const t = translator('ar');
  const { assertAccessible } = await accessibilityChecker(browser, baseUrl);
  const check = pageChecker(assertAccessible);
  const { states, actions } = transfer.workflow;

  it('goes from the sponsor choosing the worker to the new sponsor accepting and paying', async () => {
    const { personas } = await demoPersonas(baseUrl);
    const sponsor = personas.find((p) => p.key === 'sponsor')!;
    const newSponsor = personas.find((p) => p.key === 'guarantor')!;
    assert.ok(sponsor?.mobile && newSponsor?.mobile);
    const feeText = formatMoney(sar(TRANSFER_FEES_SAR[0]!), 'ar');

    // The sponsor: My Services -> Passports -> Transfer of services -> New request.
    const a = await onPhone(signedInPage(browser, baseUrl, sponsor));
    await a.click('header a[href="/services"]');
    await a.click(`main a[href="/agencies/${transfer.agency}"]`);
    await a.click(`main a[href="/services/${transfer.id}"]`);
    assert.equal(await a.textContent('main h1'), transfer.name.ar);
    await a.click(`main a.button[href="/services/${transfer.id}/apply"]`);
    // Choose the worker: the housemaid.
    assert.equal(await a.textContent('main h1'), t('requests.choose_beneficiary.title'));
    await check(a, 'choose the worker');
    await a.click('main .choice-list li:has-text("عاملة منزلية") a');
    assert.ok(await a.isVisible(`main .panel-success:has-text("${t('service_pages.eligible')}")`), 'the housemaid may be transferred');
    // Starting asks for a one-time code first.
    await a.click(`main button:has-text("${t('service_pages.start')}")`);
    assert.equal(await a.textContent('main h1'), t('service_pages.code.start_title'));
    await check(a, 'the code to start');
    await a.fill('#field-code', await codeSentTo(baseUrl, sponsor.mobile));
    await a.click('main button[value="verify"]');
    assert.equal(await a.textContent('main h1'), transfer.form[0]!.title.ar);
    await a.fill('[id="field-newSponsor.idNumber"]', newSponsor.nationalId);
    await fillDateAsOnId(a, 'newSponsor.birthDate', newSponsor.dateOfBirth);
    await a.click('button[value="next"]');
    assert.equal(await a.textContent('main h1'), transfer.form[1]!.title.ar, 'the new sponsor matches the registry');
    await a.check('[id="field-review.declaration"]');
    await a.click('button[value="next"]');
    assert.equal(await a.textContent('main h1'), t('service_pages.check_title'));
    assert.ok(((await a.textContent('#fee-title + .fee-table')) ?? '').includes(feeText));
    await check(a, 'check your answers');
    // Agreeing sends a second code, which confirms the request.
    await a.click(`form[action$="/submit"] button:has-text("${t('service_pages.code.confirm')}")`);
    assert.equal(await a.textContent('main h1'), t('service_pages.code.submit_title'));
    await a.fill('#field-code', await codeSentTo(baseUrl, sponsor.mobile));
    await a.click('main button[value="verify"]');
    const reference = /\/requests\/(\w+)/.exec(a.url())![1]!;
    assert.equal(await requestStateOf(a), states.awaiting_new_sponsor.label.ar);
    assert.equal(await a.locator(`main a[href="/requests/${reference}/payment"]`).count(), 0, 'the sponsor pays nothing');
    assert.ok(await a.isVisible(`main button:has-text("${actions.withdraw.label.ar}")`));
    await check(a, 'request waiting for the new sponsor');

    // The new sponsor, in a second browser: My Services -> Passports -> Service transfer requests.
    const b = await onPhone(signedInPage(browser, baseUrl, newSponsor));
    await b.click('header a[href="/services"]');
    await b.click(`main a[href="/agencies/${transfer.agency}"]`);
    await b.click(`main a:has-text("${transfer.counterparty!.listTitle.ar}")`);
    assert.equal(await b.textContent('main h1'), transfer.counterparty!.listTitle.ar);
    await check(b, 'service transfer requests');
    await b.click(`main a[href="/requests/${reference}"]`);
    assert.equal(await requestStateOf(b), states.awaiting_new_sponsor.label.ar);
    await check(b, 'the request, for the new sponsor');
    await b.click(`main button:has-text("${actions.accept.label.ar}")`);
    assert.equal(await requestStateOf(b), states.awaiting_payment.label.ar);
    await b.click(`main a[href="/requests/${reference}/payment"]`);
    assert.equal(await b.textContent('main h1'), t('payments.pay_title'));
    await check(b, 'the payment page, for the new sponsor');
    await b.click(`main form[action^="/payments/bills/"][action$="/card"] button`);
    await check(b, 'the hosted card page');
    assert.match(b.url(), new RegExp(`^${baseUrl}/sandbox-acquirer/checkout/`));
    await b.fill('#field-name', 'Sultan Alsubaie');
    await b.fill('#field-number', APPROVED_MADA);
    await b.fill('#field-expiry', `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`);
    await b.fill('#field-cvv', '737');
    await b.click('main button[type="submit"]');
    await b.fill('#field-code', THREE_DS_CODE);
    await b.click('main button[type="submit"]');
    assert.equal(await b.textContent('main h1'), t('payments.card_result.captured'));
    await check(b, 'payment received');
    await b.click(`main a[href="/requests/${reference}"]`);
    assert.equal(await requestStateOf(b), states.completed.label.ar);
    await check(b, 'the request completed, for the new sponsor');

    // The registry: the housemaid is the new sponsor's now; the first sponsor's page says it is done.
    await a.reload();
    assert.equal(await requestStateOf(a), states.completed.label.ar);
    await check(a, 'the request completed, for the first sponsor');
    const outputs = await db.selectFrom('service_requests').select(['outputs', 'beneficiary_person_id']).where('reference', '=', reference).executeTakeFirstOrThrow();
    const sponsorship = await db
      .selectFrom('sponsorships')
      .innerJoin('persons as s', 's.id', 'sponsorships.sponsor_person_id')
      .select(['s.national_id', 'sponsorships.past_transfers'])
      .where('sponsorships.worker_id', '=', outputs.beneficiary_person_id)
      .where('sponsorships.ended_on', 'is', null)
      .executeTakeFirstOrThrow();
    assert.equal(sponsorship.national_id, newSponsor.nationalId);
    assert.equal(sponsorship.past_transfers, 1);

    // Each sponsor was told, by SMS and in their notices: the first sponsor that the request is
    // submitted, accepted, then done; the new sponsor that it waits for him, then that the worker is his.
    const told = (template: Parameters<typeof noticeText>[0], params: Record<string, string> = {}) => noticeText(template, { reference: formatReference(reference), service: transfer.name.ar, ...params });
    await assertNotified(a, baseUrl, sponsor.mobile, told(t('requests.notice.changed'), { state: states.awaiting_new_sponsor.label.ar }), 'the first sponsor: submitted');
    await assertNotified(a, baseUrl, sponsor.mobile, told(actions.accept.notify), 'the first sponsor: accepted');
    await assertNotified(a, baseUrl, sponsor.mobile, told(actions.pay.notify), 'the first sponsor: transferred');
    await assertNotified(b, baseUrl, newSponsor.mobile, told(transfer.counterparty!.onSubmit), 'the new sponsor: a request for him');
    await assertNotified(b, baseUrl, newSponsor.mobile, told(actions.pay.notifyCounterparty), 'the new sponsor: the worker is his');
  });
});
