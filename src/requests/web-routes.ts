import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAgencyId } from '../catalogue/agencies.js';
import type { AnyService } from '../catalogue/define.js';
import { checkFields, type FieldValues } from '../catalogue/fields.js';
import { riyadhDate } from '../kernel/dates.js';
import { AppError, fieldErrorMessage, isAppError, type FieldError } from '../kernel/errors.js';
import type { FormError } from '../identity/pages/form-parts.js';
import type { WebUser } from '../web/context.js';
import { pageContext, type PageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import type { RequestActor, RequestsDeps } from './deps.js';
import { actOnRequest, checkEligibility, checkServiceData, getRequest, listMyRequests, listRequestsMadeToMe, submitRequest, timeRanOut } from './index.js';
import { AgencyServicesPage, MyServicesPage, ServicePage } from './pages/catalogue.js';
import { CheckAnswersPage, ChooseBeneficiaryPage, EligibilityPage, forQuery, StepPage, type FormData } from './pages/apply.js';
import { checkServiceCode, getPerson, listSponsoredWorkers, listWards, resendServiceCode, sendServiceCode, serviceCodeSentTo, startedWithCode } from './ports.js';
import { ServiceCodePage } from './pages/code.js';
import { familyChoiceValue } from './pages/family-choice.js';
import { familyChoicesOf } from './family.js';
import { personName } from '../registry/index.js';
import { ConfirmActionPage } from './pages/confirm.js';
import { asksConfirmation } from './confirmation.js';
import { RequestPage, RequestsListPage } from './pages/request.js';
import { VIEWED_BY_STAFF, ViewedPage } from './pages/viewed.js';
import { listAuditForSubject } from '../audit/index.js';
import { requestReference } from './reference.js';
import { checkStepAnswers } from './submit.js';
import { listInbox, markInboxRead } from './repository.js';
import { InboxPage } from './pages/inbox.js';
import { signedInOrToLogin } from '../web/session.js';
import { checkSubmittedUploads, hasFileField, storeUpload } from '../uploads/index.js';
import { draftAtStep, toLoginKeepingDraft } from './draft-web.js';
import { forgetFormDraft } from './drafts.js';

/**
 * The person's side of the engine, as pages that need no JavaScript: My Services and search,
 * a service's page, applying (eligibility, steps, check your answers, submit), previous
 * requests, a request with its timeline and the actions the person may take.
 */

export async function serviceWebRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.deps;
  const deps = (): RequestsDeps => ({ db: app.deps.database.db, clock: app.deps.clock, catalogue: app.catalogue });
  const ctxOf = (request: FastifyRequest): PageContext => pageContext(request, { demoMode: config.demoMode });
  app.addHook('onResponse', async () => app.outbox.nudge());

  const signedIn = (request: FastifyRequest, reply: FastifyReply): WebUser | null => signedInOrToLogin(request, reply, '/services');
  const actorOf = (user: WebUser): RequestActor => ({ kind: 'account', accountId: user.accountId, personId: user.personId });
  const serviceOf = (request: FastifyRequest): AnyService => app.catalogue.get((request.params as { serviceId: string }).serviceId);
  const translate = (ctx: PageContext, fields: FieldError[]): FormError[] => fields.map((f) => ({ field: f.field, message: fieldErrorMessage(f, ctx.t, ctx.locale) }));

  // ---- the catalogue ------------------------------------------------------------------------
  app.get('/services', { schema: { hide: true } }, async (request, reply) => {
    const query = String((request.query as Record<string, unknown>).q ?? '').slice(0, 200);
    // One search over the e-services, the inquiries and the person's own pages.
    const results = query.trim() ? app.portalSearch.search(query) : null;
    return sendPage(reply, MyServicesPage({ ctx: ctxOf(request), all: app.catalogue.all, query, results }));
  });

  app.get('/agencies/:agency', { schema: { hide: true } }, async (request, reply) => {
    const { agency } = request.params as { agency: string };
    if (!isAgencyId(agency)) throw new AppError('http.not_found');
    return sendPage(reply, AgencyServicesPage({ ctx: ctxOf(request), agency, services: app.catalogue.ofAgency(agency), inquiries: app.inquiries.ofAgency(agency) }));
  });

  app.get('/services/:serviceId', { schema: { hide: true } }, async (request, reply) => sendPage(reply, ServicePage({ ctx: ctxOf(request), service: serviceOf(request) })));

  // ---- applying -----------------------------------------------------------------------------
  const eligibilityOf = (user: WebUser, service: AnyService, forId?: string) =>
    checkEligibility({ ...deps(), serviceId: service.id, personId: user.personId, accountActive: user.status === 'active', beneficiaryNationalId: forId });
  /** The person applied for (a sponsor's worker, a guardian's ward): `for` in the address, `_for` in a form. */
  const forOf = (request: FastifyRequest): string | undefined => {
    const raw = (request.query as Record<string, unknown>).for ?? ((request.body ?? {}) as Record<string, unknown>)._for;
    return typeof raw === 'string' && /^[0-9]{10}$/.test(raw) ? raw : undefined;
  };

  /** The start code the form began with (`_start`), for a service that asks for one. */
  const startOf = (request: FastifyRequest): string | undefined => {
    const raw = ((request.body ?? {}) as Record<string, unknown>)._start;
    return typeof raw === 'string' && raw.length <= 60 ? raw : undefined;
  };
  /** Whether the form may go on: the service asks for no start code, or it was entered (not long ago). */
  async function started(request: FastifyRequest, user: WebUser, service: AnyService): Promise<boolean> {
    if (!service.oneTimeCode?.start) return true;
    const challengeId = startOf(request);
    return challengeId !== undefined && (await startedWithCode({ db: app.deps.database.db, clock: app.deps.clock, challengeId, accountId: user.accountId, serviceId: service.id }));
  }
  const toEligibility = (reply: FastifyReply, service: AnyService, request: FastifyRequest) => reply.redirect(`/services/${service.id}/apply${forQuery(forOf(request))}`, 303);

  app.get('/services/:serviceId/apply', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const service = serviceOf(request);
    const ctx = ctxOf(request);
    const forId = forOf(request);
    // A service for others (a sponsor's workers): first, whom it is for. One also for oneself
    // asks only when the person has someone to apply for, with themself first.
    if (!forId && (service.applicant.includes('sponsor') || service.applicant.includes('guardian'))) {
      const today = riyadhDate(app.deps.clock.now());
      const others = [
        ...(service.applicant.includes('sponsor') ? (await listSponsoredWorkers(app.deps.database.db, user.personId)).map((w) => ({ person: w.worker, detail: w.sponsorship[ctx.locale === 'ar' ? 'occupation_ar' : 'occupation_en'] })) : []),
        ...(service.applicant.includes('guardian') ? (await listWards(app.deps.database.db, { guardianId: user.personId, on: today })).map((w) => ({ person: w, detail: w.national_id })) : []),
      ].map((p) => ({ nationalId: p.person.national_id, name: personName(p.person, ctx.locale), detail: p.detail }));
      const forSelf = service.applicant.includes('self');
      if (!forSelf || others.length > 0) {
        const me = forSelf ? await getPerson(app.deps.database.db, user.personId) : undefined;
        const self = me ? [{ nationalId: me.national_id, name: ctx.t('requests.choose_beneficiary.myself'), detail: personName(me, ctx.locale) }] : [];
        return sendPage(reply, ChooseBeneficiaryPage({ ctx, service, people: [...self, ...others] }));
      }
    }
    // An account not activated yet sees it among the conditions, with how to activate it.
    const result = await eligibilityOf(user, service, forId);
    return sendPage(reply, EligibilityPage({ ctx, service, eligible: result.eligible, rules: result.rules, suspensions: result.suspensions, openReference: result.openReference, forId }));
  });

  /** The answers a form carried, by step: `<step>.<field>` names, only the service's own fields. */
  function formData(service: AnyService, body: unknown): FormData {
    const raw = (body ?? {}) as Record<string, unknown>;
    const data: FormData = {};
    for (const step of service.form) {
      const values: FieldValues = {};
      for (const spec of step.fields) {
        const name = `${step.id}.${spec.id}`;
        const value = spec.kind === 'text' && spec.familyChoice ? familyChoiceValue(raw, name) : raw[name];
        if (typeof value === 'string' && value.length <= 2000) values[spec.id] = value;
      }
      data[step.id] = values;
    }
    return data;
  }

  async function stepPage(request: FastifyRequest, reply: FastifyReply, user: WebUser, service: AnyService, stepIndex: number, data: FormData, errors: FormError[] = [], status = 200, start = startOf(request)) {
    const forId = forOf(request);
    const eligibility = await eligibilityOf(user, service, forId);
    // Eligibility can change between pages (a suspension placed): check at every step.
    if (!eligibility.eligible || eligibility.openReference) return reply.redirect(`/services/${service.id}/apply${forQuery(forId)}`, 303);
    const intro = service.form[stepIndex]!.intro?.(eligibility.context) ?? null;
    const ctx = ctxOf(request);
    // A family member's ID is chosen from the applicant's family, not typed.
    const family = service.form[stepIndex]!.fields.some((f) => f.kind === 'text' && f.familyChoice) ? await familyChoicesOf(app.deps.database.db, user.personId, riyadhDate(app.deps.clock.now()), ctx.locale) : undefined;
    return sendPage(reply, StepPage({ ctx, service, stepIndex, data, intro, errors, forId, start, family }), status);
  }

  app.get('/services/:serviceId/apply/:step', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const service = serviceOf(request);
    const index = service.form.findIndex((s) => s.id === (request.params as { step: string }).step);
    if (index < 0) throw new AppError('http.not_found');
    // Back after the session ended mid-form (draft-web.ts): this step, with what was typed.
    const draft = user.status === 'active' ? await draftAtStep(app, user, service, service.form[index]!.id, forOf(request)) : undefined;
    if (draft) return stepPage(request, reply, user, service, index, draft.answers, [], 200, draft.startChallengeId ?? undefined);
    // A service that asks for a code first starts from its conditions page, which sends it.
    if (service.oneTimeCode?.start) return toEligibility(reply, service, request);
    // Without the answers a later step carries, the form starts from its first step.
    if (index > 0) return reply.redirect(`/services/${service.id}/apply/${service.form[0]!.id}${forQuery(forOf(request))}`, 303);
    if (user.status !== 'active') throw new AppError('requests.account_not_active');
    return stepPage(request, reply, user, service, 0, formData(service, {}));
  });

  async function checkPage(request: FastifyRequest, reply: FastifyReply, user: WebUser, service: AnyService, data: FormData, message?: string) {
    const forId = forOf(request);
    const eligibility = await eligibilityOf(user, service, forId);
    if (!eligibility.eligible || eligibility.openReference) return reply.redirect(`/services/${service.id}/apply${forQuery(forId)}`, 303);
    const fee = await service.fee({ ...eligibility.context, data });
    return sendPage(reply, CheckAnswersPage({ ctx: ctxOf(request), service, data, fee, idempotencyKey: randomUUID(), message, forId, start: startOf(request) }));
  }

  /**
   * Stores the files sent with a step (multipart: `<step>.<field>:file` holds the bytes) and puts
   * each one's id in the step's answers; a file refused (type by its bytes, size, empty) is a
   * field error and the step keeps the file it had. No file chosen keeps the one carried.
   */
  async function storeStepFiles(user: WebUser, service: AnyService, step: AnyService['form'][number], body: Record<string, unknown>, data: FormData): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const spec of step.fields) {
      if (spec.kind !== 'file') continue;
      const name = `${step.id}.${spec.id}`;
      const sent = body[`${name}:file`];
      if (!Buffer.isBuffer(sent) || sent.length === 0) continue;
      try {
        const stored = await storeUpload({ db: app.deps.database.db, clock: app.deps.clock, accountId: user.accountId, service, field: name, bytes: sent });
        data[step.id] = { ...data[step.id], [spec.id]: stored.id };
      } catch (error) {
        if (!isAppError(error) || error.code !== 'requests.invalid_data') throw error;
        errors.push(...error.fields);
      }
    }
    return errors;
  }

  /** The uploads a form names are this person's, for this service and field: the problems, if not. */
  async function uploadProblems(user: WebUser, service: AnyService, data: Record<string, unknown>): Promise<FieldError[]> {
    try {
      await checkSubmittedUploads({ db: app.deps.database.db, service, accountId: user.accountId, data });
      return [];
    } catch (error) {
      if (!isAppError(error) || error.code !== 'requests.invalid_data') throw error;
      return error.fields;
    }
  }

  app.post('/services/:serviceId/apply', { schema: { hide: true } }, async (request, reply) => {
    // The session ended while the person filled in the form: their answers are kept (draft-web.ts).
    const user = request.user ?? (await toLoginKeepingDraft(app, request, reply, { service: serviceOf(request), data: formData(serviceOf(request), request.body) }));
    if (!user) return reply;
    if (user.status !== 'active') throw new AppError('requests.account_not_active');
    const service = serviceOf(request);
    if (!(await started(request, user, service))) return toEligibility(reply, service, request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const data = formData(service, body);
    const edit = service.form.findIndex((s) => s.id === body.edit);
    if (edit >= 0) return stepPage(request, reply, user, service, edit, data);
    const index = service.form.findIndex((s) => s.id === body.step);
    if (index < 0) return stepPage(request, reply, user, service, 0, data);
    if (body.go === 'back') return stepPage(request, reply, user, service, Math.max(0, index - 1), data);
    const step = service.form[index]!;
    // A file sent with the step is stored now; the form keeps only its id from here on.
    const fileErrors = await storeStepFiles(user, service, step, body, data);
    const checked = checkFields(step.fields, data[step.id] ?? {}, riyadhDate(app.deps.clock.now()), `${step.id}.`);
    const errors = [...fileErrors, ...checked.errors.filter((e) => !fileErrors.some((f) => f.field === e.field))];
    if (errors.length === 0 && hasFileField(step.fields)) errors.push(...(await uploadProblems(user, service, { [step.id]: checked.values })));
    if (errors.length > 0) return stepPage(request, reply, user, service, index, data, translate(ctxOf(request), errors), 422);
    if (step.check) {
      // The step's details against the registry, before the next step (submit checks them again).
      const eligibility = await eligibilityOf(user, service, forOf(request));
      const problems = await checkStepAnswers(step, checked.values, eligibility.context);
      if (problems.length > 0) return stepPage(request, reply, user, service, index, data, translate(ctxOf(request), problems), 422);
    }
    data[step.id] = checked.values;
    if (index + 1 < service.form.length) return stepPage(request, reply, user, service, index + 1, data);
    return checkPage(request, reply, user, service, data);
  });

  // ---- one-time codes a service asks for (starting a transfer of services, confirming it) ------
  /** The code page again, after a code was sent, resent or refused; the body carries what it needs. */
  async function codePage(request: FastifyRequest, reply: FastifyReply, service: AnyService, step: 'start' | 'submit', extra: { data?: FormData; idempotencyKey?: string; errors?: FormError[]; message?: string; resent?: boolean; challengeId?: string }, status = 200) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const challengeId = extra.challengeId ?? String(body.challengeId ?? '');
    // Codes go to the account's mobile: the page says which, whatever brought it here.
    const sentTo = await serviceCodeSentTo({ db: app.deps.database.db, accountId: request.user!.accountId });
    return sendPage(reply, ServiceCodePage({ ctx: ctxOf(request), service, step, challengeId, sentTo, forId: forOf(request), start: startOf(request), ...extra }), status);
  }
  const codeAnswer = (body: Record<string, unknown>) => ({ challengeId: String(body.challengeId ?? ''), code: String(body.code ?? '').trim() });
  /** A code refused (wrong, expired, used, sent too often): its message on the code page. */
  const isCodeProblem = (error: AppError) => error.code.startsWith('identity.') || error.code === 'requests.code_required';

  app.post('/services/:serviceId/code', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const service = serviceOf(request);
    if (!service.oneTimeCode?.start) throw new AppError('http.not_found');
    const ctx = ctxOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const target = { db: app.deps.database.db, clock: app.deps.clock, accountId: user.accountId, serviceId: service.id, step: 'start' as const };
    try {
      if (body.go === 'verify') {
        const answer = codeAnswer(body);
        if (!/^[0-9]{6}$/.test(answer.code)) return codePage(request, reply, service, 'start', { errors: [{ field: 'code', message: ctx.t('pages.code.invalid') }] }, 422);
        await checkServiceCode({ ...target, answer, consume: true });
        // The form begins, carrying the code it began with.
        return stepPage(request, reply, user, service, 0, formData(service, {}), [], 200, answer.challengeId);
      }
      if (body.go === 'resend') {
        await resendServiceCode({ ...target, challengeId: String(body.challengeId ?? '') });
        return codePage(request, reply, service, 'start', { resent: true });
      }
      // Sending the first code: only to someone who may apply now.
      const eligibility = await eligibilityOf(user, service, forOf(request));
      if (!eligibility.eligible || eligibility.openReference) return toEligibility(reply, service, request);
      const sent = await sendServiceCode({ ...target, serviceName: service.name });
      return codePage(request, reply, service, 'start', { challengeId: sent.challengeId });
    } catch (error) {
      if (!isAppError(error) || !isCodeProblem(error)) throw error;
      return codePage(request, reply, service, 'start', { message: ctx.t(error.messageKey, error.params) }, error.status);
    }
  });

  app.post('/services/:serviceId/submit', { schema: { hide: true } }, async (request, reply) => {
    // The session ended on "check your answers": kept, and back at the last step (draft-web.ts).
    const ended = (service: AnyService) => toLoginKeepingDraft(app, request, reply, { service, data: formData(service, request.body), atStep: service.form.at(-1)!.id });
    const user = request.user ?? (await ended(serviceOf(request)));
    if (!user) return reply;
    const service = serviceOf(request);
    if (!(await started(request, user, service))) return toEligibility(reply, service, request);
    const ctx = ctxOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const data = formData(service, body);
    const key = typeof body.idempotencyKey === 'string' && /^[0-9a-f-]{36}$/i.test(body.idempotencyKey) ? body.idempotencyKey : undefined;
    const withCode = service.oneTimeCode?.submit === true;
    const codeTarget = { db: app.deps.database.db, clock: app.deps.clock, accountId: user.accountId, serviceId: service.id, step: 'submit' as const };
    const onCodePage = { data, ...(key ? { idempotencyKey: key } : {}) };
    try {
      checkServiceData(service, data, riyadhDate(app.deps.clock.now()));
      await checkSubmittedUploads({ db: app.deps.database.db, service, accountId: user.accountId, data });
      let confirmation;
      if (withCode) {
        // From "check your answers": send the code and ask for it; the answers travel on.
        if (body.go === 'resend') {
          await resendServiceCode({ ...codeTarget, challengeId: String(body.challengeId ?? '') });
          return codePage(request, reply, service, 'submit', { ...onCodePage, resent: true });
        }
        if (typeof body.challengeId !== 'string') {
          const sent = await sendServiceCode({ ...codeTarget, serviceName: service.name });
          return codePage(request, reply, service, 'submit', { ...onCodePage, challengeId: sent.challengeId });
        }
        confirmation = codeAnswer(body);
        if (!/^[0-9]{6}$/.test(confirmation.code)) return codePage(request, reply, service, 'submit', { ...onCodePage, errors: [{ field: 'code', message: ctx.t('pages.code.invalid') }] }, 422);
      }
      const outcome = await submitRequest({
        ...deps(),
        ip: request.ip,
        accountId: user.accountId,
        personId: user.personId,
        accountActive: user.status === 'active',
        input: { serviceId: service.id, beneficiaryNationalId: forOf(request), data, idempotencyKey: key, confirmation },
      });
      await forgetFormDraft({ db: app.deps.database.db, clock: app.deps.clock, accountId: user.accountId, serviceId: service.id });
      return reply.redirect(`/requests/${outcome.request.reference}?submitted=1`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (withCode && isCodeProblem(error)) return codePage(request, reply, service, 'submit', { ...onCodePage, message: ctx.t(error.messageKey, error.params) }, error.status);
      if (error.code === 'requests.invalid_data') {
        const first = service.form.findIndex((s) => error.fields.some((f) => f.field.startsWith(`${s.id}.`)));
        return stepPage(request, reply, user, service, Math.max(0, first), data, translate(ctx, error.fields), 422);
      }
      if (error.code === 'requests.not_eligible' || error.code === 'requests.already_open') return reply.redirect(`/services/${service.id}/apply${forQuery(forOf(request))}`, 303);
      return checkPage(request, reply, user, service, data, ctx.t(error.messageKey, error.params));
    }
  });

  // ---- notices ----------------------------------------------------------------------------------
  app.get('/inbox', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const ctx = ctxOf(request);
    const rows = await listInbox(app.deps.database.db, user.accountId, 100);
    // Shown once as new; reading the page marks them read.
    await markInboxRead(app.deps.database.db, user.accountId, app.deps.clock.now());
    const items = rows.map((row) => ({ id: row.id, text: String(row.params[ctx.locale] ?? ''), requestReference: row.reference, createdAt: row.created_at, unread: row.read_at === null }));
    return sendPage(reply, InboxPage({ ctx, items }));
  });

  // ---- who viewed my data ---------------------------------------------------------------------
  app.get('/me/viewed', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const views = await listAuditForSubject(app.deps.database.db, user.personId, { limit: 100, actions: VIEWED_BY_STAFF });
    return sendPage(reply, ViewedPage({ ctx: ctxOf(request), views }));
  });

  // ---- requests -----------------------------------------------------------------------------
  app.get('/requests', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const serviceId = String((request.query as Record<string, unknown>).service ?? '');
    const service = serviceId ? (app.catalogue.find(serviceId) ?? null) : null;
    const rows = await listMyRequests({ ...deps(), accountId: user.accountId, serviceId: service?.id });
    return sendPage(reply, RequestsListPage({ ctx: ctxOf(request), rows, service, catalogue: (id) => app.catalogue.find(id) }));
  });

  // Requests others made where I am the other party (a new sponsor's transfer requests).
  app.get('/requests/made-to-me', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const serviceId = String((request.query as Record<string, unknown>).service ?? '');
    const service = serviceId ? (app.catalogue.find(serviceId) ?? null) : null;
    const rows = await listRequestsMadeToMe({ ...deps(), personId: user.personId, serviceId: service?.id });
    return sendPage(reply, RequestsListPage({ ctx: ctxOf(request), rows, service, madeToMe: true, catalogue: (id) => app.catalogue.find(id) }));
  });

  async function requestPage(request: FastifyRequest, reply: FastifyReply, user: WebUser, extra: { notice?: string; message?: string } = {}, status = 200) {
    const { reference } = request.params as { reference: string };
    const detail = await getRequest({ ...deps(), actor: actorOf(user), reference });
    const timedOut = timeRanOut(detail.service, detail.request, app.deps.clock.now());
    return sendPage(reply, RequestPage({ ctx: ctxOf(request), service: detail.service, row: detail.request, history: detail.history, actions: detail.actions, roles: detail.roles, timeRanOut: timedOut, ...extra }), status);
  }

  app.get('/requests/:reference', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const query = request.query as Record<string, unknown>;
    const ctx = ctxOf(request);
    const notice = query.submitted === '1' ? ctx.t('service_pages.submitted_notice') : typeof query.done === 'string' ? ctx.t('service_pages.done_notice') : undefined;
    return requestPage(request, reply, user, notice ? { notice } : {});
  });

  app.post('/requests/:reference/actions/:action', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const { reference, action } = request.params as { reference: string; action: string };
    const canonical = requestReference(reference);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const ctx = ctxOf(request);
    const expectedVersion = Number(body.expectedVersion);
    // An action that cannot be undone (cancelling a request or a permit, declining a transfer):
    // ask once more, on a page of its own (no JavaScript dialogs), then POST, then redirect.
    const detail = body.confirm === 'yes' ? undefined : await getRequest({ ...deps(), actor: actorOf(user), reference: canonical });
    if (detail && asksConfirmation(detail.service, action)) {
      // Not offered now (a page left open): the service's reason when its guard refuses it.
      const refused = Object.hasOwn(detail.refused, action) ? detail.refused[action]![ctx.locale] : undefined;
      if (!detail.actions.includes(action)) return requestPage(request, reply, user, { message: refused ?? ctx.t('errors.requests.action_not_allowed') }, 409);
      return sendPage(reply, ConfirmActionPage({ ctx, service: detail.service, row: detail.request, action }));
    }
    try {
      await actOnRequest({ ...deps(), ip: request.ip, actor: actorOf(user), act: { reference: canonical, action, expectedVersion: Number.isInteger(expectedVersion) ? expectedVersion : undefined } });
    } catch (error) {
      if (!isAppError(error) || error.code === 'requests.not_found') throw error;
      // A service's effect may refuse with its own reason (a bail the case no longer allows cancelling).
      const reason = error.fields.find((f) => f.text);
      return requestPage(request, reply, user, { message: reason ? fieldErrorMessage(reason, ctx.t, ctx.locale) : ctx.t(error.messageKey, error.params) }, error.status);
    }
    return reply.redirect(`/requests/${canonical}?done=${encodeURIComponent(action)}`, 303);
  });
}
