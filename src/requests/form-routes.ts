import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AnyService } from '../catalogue/define.js';
import { checkFields, type FieldValues } from '../catalogue/fields.js';
import type { FormDraftStage } from '../db/tables.js';
import { riyadhDate } from '../kernel/dates.js';
import { AppError, fieldErrorMessage, isAppError, type FieldError } from '../kernel/errors.js';
import type { FormError } from '../identity/pages/form-parts.js';
import { checkDateOfBirth, datePartsOf, readDateOfBirth } from '../identity/pages/form-input.js';
import { personName } from '../registry/index.js';
import type { WebUser } from '../web/context.js';
import { pageContext, type PageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import { signedInOrToLogin } from '../web/session.js';
import { checkSubmittedUploads, hasFileField, storeUpload } from '../uploads/index.js';
import type { RequestsDeps } from './deps.js';
import { checkEligibility, checkServiceData, submitRequest } from './index.js';
import { CheckAnswersPage, ChooseBeneficiaryPage, EligibilityPage, forQuery, StepPage, type FormData } from './pages/apply.js';
import { ServiceCodePage } from './pages/code.js';
import { familyChoiceValue } from './pages/family-choice.js';
import { familyChoicesOf } from './family.js';
import { checkServiceCode, getPerson, listSponsoredWorkers, listWards, resendServiceCode, sendServiceCode, serviceCodeSentTo, startedWithCode } from './ports.js';
import { checkStepAnswers } from './submit.js';
import { toLoginKeepingDraft } from './draft-web.js';
import { flashShown, forgetFormDraft, formDraftOf, keepFormDraft, type DraftFlash, type FormDraft } from './drafts.js';

/**
 * Applying for a service, as pages that need no JavaScript: whom for, the conditions, the start
 * code (a service that asks for one), one page per step, "check your answers", the confirmation
 * code, and the submission.
 *
 * Every POST answers with a redirect to a page fetched with GET (POST/redirect/GET): a step sent
 * with mistakes included, whose errors the next page shows once. So Back, reload and the browser's
 * history never land on the answer to a POST ("confirm form resubmission"). The page a redirect
 * leads to is drawn from the form's draft (drafts.ts), which each POST writes: where the person
 * is, the answers, the codes' challenges and the submission's idempotency key.
 */

/** The address of each stage's page, under /services/{id}/. */
const PAGE_OF_STAGE: Record<FormDraftStage, string> = { start_code: 'code', step: 'apply', check: 'check', submit_code: 'submit' };

export async function serviceFormRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.deps;
  const deps = (): RequestsDeps => ({ db: app.deps.database.db, clock: app.deps.clock, catalogue: app.catalogue });
  const draftDeps = () => ({ db: app.deps.database.db, clock: app.deps.clock });
  const ctxOf = (request: FastifyRequest): PageContext => pageContext(request, { demoMode: config.demoMode });
  const signedIn = (request: FastifyRequest, reply: FastifyReply): WebUser | null => signedInOrToLogin(request, reply, '/services');
  const serviceOf = (request: FastifyRequest): AnyService => app.catalogue.get((request.params as { serviceId: string }).serviceId);
  const translate = (ctx: PageContext, fields: FieldError[]): FormError[] => fields.map((f) => ({ field: f.field, message: fieldErrorMessage(f, ctx.t, ctx.locale), ...(f.refusal ? { refusal: true } : {}) }));
  const today = () => riyadhDate(app.deps.clock.now());

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
  /** Whether a form that began with this start code may go on: the service asks for none, or it was answered (not long ago). */
  async function startedWith(user: WebUser, service: AnyService, challengeId: string | null | undefined): Promise<boolean> {
    if (!service.oneTimeCode?.start) return true;
    return typeof challengeId === 'string' && (await startedWithCode({ db: app.deps.database.db, clock: app.deps.clock, challengeId, accountId: user.accountId, serviceId: service.id }));
  }
  const toEligibility = (reply: FastifyReply, service: AnyService, forId: string | undefined) => reply.redirect(`/services/${service.id}/apply${forQuery(forId)}`, 303);
  const pathOf = (service: AnyService, draft: Pick<FormDraft, 'stage' | 'stepId' | 'beneficiaryNationalId'>) =>
    `/services/${service.id}/${PAGE_OF_STAGE[draft.stage]}${draft.stage === 'step' ? `/${draft.stepId}` : ''}${forQuery(draft.beneficiaryNationalId ?? undefined)}`;

  /** The signed-in person's draft of the service, for the same person applied for; none otherwise. */
  async function draftFor(user: WebUser, service: AnyService, forId: string | undefined): Promise<FormDraft | undefined> {
    const draft = await formDraftOf({ ...draftDeps(), accountId: user.accountId, serviceId: service.id });
    return draft && draft.beneficiaryNationalId === (forId ?? null) ? draft : undefined;
  }

  /**
   * Writes the draft as this POST leaves it and redirects to the page it leads to: the end of every
   * POST of the form. `flash` is said once on that page.
   */
  async function go(reply: FastifyReply, user: WebUser, service: AnyService, draft: FormDraft): Promise<FastifyReply> {
    await keepFormDraft({ ...draftDeps(), accountId: user.accountId, draft });
    return reply.redirect(pathOf(service, draft), 303);
  }
  /** A draft from what a POST carried, over the one kept (which holds the codes and the key). */
  async function draftOfPost(request: FastifyRequest, user: WebUser, service: AnyService, data: FormData): Promise<FormDraft> {
    const forId = forOf(request);
    const kept = await draftFor(user, service, forId);
    return {
      serviceId: service.id,
      stage: 'step',
      stepId: service.form[0]!.id,
      beneficiaryNationalId: forId ?? null,
      startChallengeId: startOf(request) ?? kept?.startChallengeId ?? null,
      submitChallengeId: kept?.submitChallengeId ?? null,
      idempotencyKey: kept?.idempotencyKey ?? null,
      answers: data,
      flash: null,
    };
  }
  /** Said once: read from the draft for the page being drawn, then gone from it. */
  async function takeFlash(user: WebUser, service: AnyService, draft: FormDraft): Promise<DraftFlash> {
    if (!draft.flash) return {};
    await flashShown({ ...draftDeps(), accountId: user.accountId, serviceId: service.id });
    return draft.flash;
  }
  const messageOf = (ctx: PageContext, flash: DraftFlash) => (flash.message ? ctx.t(flash.message.key, flash.message.params) : undefined);
  const codeError = (key: string): DraftFlash => ({ errors: [{ field: 'code', key }] });
  const problemOf = (error: AppError): DraftFlash => ({ message: { key: error.messageKey, params: error.params } });

  // ---- whom for, and the conditions -----------------------------------------------------------
  app.get('/services/:serviceId/apply', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const service = serviceOf(request);
    const ctx = ctxOf(request);
    const forId = forOf(request);
    // A service for others (a sponsor's workers): first, whom it is for. One also for oneself
    // asks only when the person has someone to apply for, with themself first.
    if (!forId && (service.applicant.includes('sponsor') || service.applicant.includes('guardian'))) {
      const others = [
        ...(service.applicant.includes('sponsor') ? (await listSponsoredWorkers(app.deps.database.db, user.personId)).map((w) => ({ person: w.worker, detail: w.sponsorship[ctx.locale === 'ar' ? 'occupation_ar' : 'occupation_en'] })) : []),
        ...(service.applicant.includes('guardian') ? (await listWards(app.deps.database.db, { guardianId: user.personId, on: today() })).map((w) => ({ person: w, detail: w.national_id })) : []),
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

  // ---- the steps ----------------------------------------------------------------------------------
  /** The answers a form carried, by step: `<step>.<field>` names, only the service's own fields. */
  function formData(service: AnyService, body: unknown): FormData {
    const raw = (body ?? {}) as Record<string, unknown>;
    const data: FormData = {};
    for (const step of service.form) {
      const values: FieldValues = {};
      for (const spec of step.fields) {
        const name = `${step.id}.${spec.id}`;
        const value = spec.kind === 'text' && spec.familyChoice ? familyChoiceValue(raw, name) : spec.kind === 'date' && spec.asOnId ? dateAsOnId(raw, name) : raw[name];
        if (typeof value === 'string' && value.length <= 2000) values[spec.id] = value;
      }
      data[step.id] = values;
    }
    return data;
  }
  const emptyData = (service: AnyService) => formData(service, {});
  /**
   * A date typed as on an ID (day, month, year in the calendar chosen), as the Gregorian date the
   * form carries on; what cannot be a date stays as typed, so the field's check says so. Without
   * its parts (a later step carrying it), the date carried.
   */
  function dateAsOnId(raw: Record<string, unknown>, name: string): unknown {
    const typed = readDateOfBirth(raw, datePartsOf(name));
    if (!typed) return raw[name];
    if (typed.day === '' && typed.month === '' && typed.year === '') return '';
    const checked = checkDateOfBirth(typed, 'en');
    return 'date' in checked ? checked.date : `${typed.year}-${typed.month}-${typed.day}`;
  }

  /** The furthest step a draft reached: every step once "check your answers" was reached. */
  const reached = (service: AnyService, draft: FormDraft) => (draft.stage === 'check' || draft.stage === 'submit_code' ? service.form.length - 1 : service.form.findIndex((s) => s.id === draft.stepId));

  app.get('/services/:serviceId/apply/:step', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const service = serviceOf(request);
    const index = service.form.findIndex((s) => s.id === (request.params as { step: string }).step);
    if (index < 0) throw new AppError('http.not_found');
    const forId = forOf(request);
    if (user.status !== 'active') throw new AppError('requests.account_not_active');
    const draft = await draftFor(user, service, forId);
    // A service that asks for a code first starts from its conditions page, which sends it.
    if (!(await startedWith(user, service, draft?.startChallengeId))) return toEligibility(reply, service, forId);
    // A step not reached yet opens where the person is (the first step, without a draft).
    const furthest = draft ? reached(service, draft) : 0;
    if (index > furthest) return reply.redirect(`/services/${service.id}/apply/${service.form[Math.max(0, furthest)]!.id}${forQuery(forId)}`, 303);
    const ctx = ctxOf(request);
    const flash = draft && draft.stage === 'step' && draft.stepId === service.form[index]!.id ? await takeFlash(user, service, draft) : {};
    const eligibility = await eligibilityOf(user, service, forId);
    // Eligibility can change between pages (a suspension placed): checked at every step.
    if (!eligibility.eligible || eligibility.openReference) return toEligibility(reply, service, forId);
    const data = draft?.answers ?? emptyData(service);
    const step = service.form[index]!;
    const intro = (await step.intro?.({ ...eligibility.context, data })) ?? null;
    // A family member's ID is chosen from the applicant's family, not typed.
    const family = step.fields.some((f) => f.kind === 'text' && f.familyChoice) ? await familyChoicesOf(app.deps.database.db, user.personId, today(), ctx.locale) : undefined;
    const errors = translate(ctx, flash.errors ?? []);
    return sendPage(reply, StepPage({ ctx, service, stepIndex: index, data, intro, errors, message: messageOf(ctx, flash), forId, start: draft?.startChallengeId ?? undefined, family }));
  });

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
    const body = (request.body ?? {}) as Record<string, unknown>;
    const data = formData(service, body);
    const draft = await draftOfPost(request, user, service, data);
    if (!(await startedWith(user, service, draft.startChallengeId))) return toEligibility(reply, service, forOf(request));
    const at = (index: number, flash: DraftFlash | null = null) => go(reply, user, service, { ...draft, stage: 'step', stepId: service.form[index]!.id, flash });
    const edit = service.form.findIndex((s) => s.id === body.edit);
    if (edit >= 0) return at(edit);
    const index = service.form.findIndex((s) => s.id === body.step);
    if (index < 0) return at(0);
    if (body.go === 'back') return at(Math.max(0, index - 1));
    const step = service.form[index]!;
    // A file sent with the step is stored now; the form keeps only its id from here on.
    const fileErrors = await storeStepFiles(user, service, step, body, data);
    const checked = checkFields(step.fields, data[step.id] ?? {}, today(), `${step.id}.`);
    const errors = [...fileErrors, ...checked.errors.filter((e) => !fileErrors.some((f) => f.field === e.field))];
    if (errors.length === 0 && hasFileField(step.fields)) errors.push(...(await uploadProblems(user, service, { [step.id]: checked.values })));
    if (errors.length > 0) return at(index, { errors });
    if (step.check) {
      // The step's details against the registry, before the next step (submit checks them again).
      const eligibility = await eligibilityOf(user, service, forOf(request));
      const problems = await checkStepAnswers(step, checked.values, eligibility.context);
      if (problems.length > 0) return at(index, { errors: problems });
    }
    data[step.id] = checked.values;
    if (index + 1 < service.form.length) return at(index + 1);
    // "Check your answers": the submission's key is fixed from here, so a repeated submit is one request.
    return go(reply, user, service, { ...draft, stage: 'check', stepId: step.id, idempotencyKey: draft.idempotencyKey ?? randomUUID() });
  });

  // ---- check your answers ------------------------------------------------------------------------
  app.get('/services/:serviceId/check', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const service = serviceOf(request);
    const forId = forOf(request);
    const draft = await draftFor(user, service, forId);
    if (!draft || (draft.stage !== 'check' && draft.stage !== 'submit_code') || !draft.idempotencyKey) return reply.redirect(draft ? pathOf(service, draft) : `/services/${service.id}/apply${forQuery(forId)}`, 303);
    if (!(await startedWith(user, service, draft.startChallengeId))) return toEligibility(reply, service, forId);
    const eligibility = await eligibilityOf(user, service, forId);
    if (!eligibility.eligible || eligibility.openReference) return toEligibility(reply, service, forId);
    const ctx = ctxOf(request);
    const flash = draft.stage === 'check' ? await takeFlash(user, service, draft) : {};
    const fee = await service.fee({ ...eligibility.context, data: draft.answers });
    return sendPage(reply, CheckAnswersPage({ ctx, service, data: draft.answers, fee, idempotencyKey: draft.idempotencyKey, message: messageOf(ctx, flash), forId, start: draft.startChallengeId ?? undefined }));
  });

  // ---- one-time codes a service asks for (starting a transfer of services, confirming it) ------
  const codeAnswer = (body: Record<string, unknown>) => ({ challengeId: String(body.challengeId ?? ''), code: String(body.code ?? '').trim() });
  /** A code refused (wrong, expired, used, sent too often): its message on the code page. */
  const isCodeProblem = (error: AppError) => error.code.startsWith('identity.') || error.code === 'requests.code_required';

  /** The code page of a stage, drawn from the draft. */
  async function codePage(request: FastifyRequest, reply: FastifyReply, step: 'start' | 'submit') {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const service = serviceOf(request);
    const forId = forOf(request);
    const stage: FormDraftStage = step === 'start' ? 'start_code' : 'submit_code';
    const draft = await draftFor(user, service, forId);
    const challengeId = step === 'start' ? draft?.startChallengeId : draft?.submitChallengeId;
    if (!draft || draft.stage !== stage || (!challengeId && !draft.flash)) return reply.redirect(draft ? pathOf(service, draft) : `/services/${service.id}/apply${forQuery(forId)}`, 303);
    const ctx = ctxOf(request);
    const flash = await takeFlash(user, service, draft);
    // Codes go to the account's mobile: the page says which, read from the account.
    const sentTo = await serviceCodeSentTo({ db: app.deps.database.db, accountId: user.accountId });
    const submission = step === 'submit' ? { data: draft.answers, ...(draft.idempotencyKey ? { idempotencyKey: draft.idempotencyKey } : {}), start: draft.startChallengeId ?? undefined } : {};
    return sendPage(reply, ServiceCodePage({ ctx, service, step, challengeId: challengeId ?? '', sentTo, forId, errors: translate(ctx, flash.errors ?? []), message: messageOf(ctx, flash), resent: flash.resent === true, ...submission }));
  }
  app.get('/services/:serviceId/code', { schema: { hide: true } }, async (request, reply) => codePage(request, reply, 'start'));
  app.get('/services/:serviceId/submit', { schema: { hide: true } }, async (request, reply) => codePage(request, reply, 'submit'));

  app.post('/services/:serviceId/code', { schema: { hide: true } }, async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const service = serviceOf(request);
    if (!service.oneTimeCode?.start) throw new AppError('http.not_found');
    const forId = forOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const kept = await draftFor(user, service, forId);
    // The form starts afresh with its start code; answers typed before (within the draft's life) are kept.
    const draft: FormDraft = {
      serviceId: service.id,
      stage: 'start_code',
      stepId: service.form[0]!.id,
      beneficiaryNationalId: forId ?? null,
      startChallengeId: kept?.startChallengeId ?? null,
      submitChallengeId: null,
      idempotencyKey: null,
      answers: kept?.answers ?? emptyData(service),
      flash: null,
    };
    const target = { db: app.deps.database.db, clock: app.deps.clock, accountId: user.accountId, serviceId: service.id, step: 'start' as const };
    try {
      if (body.go === 'verify') {
        const answer = codeAnswer(body);
        if (!/^[0-9]{6}$/.test(answer.code)) return go(reply, user, service, { ...draft, startChallengeId: answer.challengeId, flash: codeError('pages.code.invalid') });
        await checkServiceCode({ ...target, answer, consume: true });
        // The form begins, carrying the code it began with.
        return go(reply, user, service, { ...draft, stage: 'step', startChallengeId: answer.challengeId });
      }
      if (body.go === 'resend') {
        await resendServiceCode({ ...target, challengeId: String(body.challengeId ?? '') });
        return go(reply, user, service, { ...draft, startChallengeId: String(body.challengeId), flash: { resent: true } });
      }
      // Sending the first code: only to someone who may apply now.
      const eligibility = await eligibilityOf(user, service, forId);
      if (!eligibility.eligible || eligibility.openReference) return toEligibility(reply, service, forId);
      const sent = await sendServiceCode({ ...target, serviceName: service.name });
      return go(reply, user, service, { ...draft, startChallengeId: sent.challengeId });
    } catch (error) {
      if (!isAppError(error) || !isCodeProblem(error)) throw error;
      // The code page says why (a wrong code, too many codes sent), with or without a code to enter.
      const challengeId = typeof body.challengeId === 'string' && body.challengeId ? body.challengeId : draft.startChallengeId;
      return go(reply, user, service, { ...draft, startChallengeId: challengeId, flash: problemOf(error) });
    }
  });

  app.post('/services/:serviceId/submit', { schema: { hide: true } }, async (request, reply) => {
    // The session ended on "check your answers": kept, and back at the last step (draft-web.ts).
    const ended = (service: AnyService) => toLoginKeepingDraft(app, request, reply, { service, data: formData(service, request.body), atStep: service.form.at(-1)!.id });
    const user = request.user ?? (await ended(serviceOf(request)));
    if (!user) return reply;
    const service = serviceOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const data = formData(service, body);
    const posted = await draftOfPost(request, user, service, data);
    if (!(await startedWith(user, service, posted.startChallengeId))) return toEligibility(reply, service, forOf(request));
    const key = typeof body.idempotencyKey === 'string' && /^[0-9a-f-]{36}$/i.test(body.idempotencyKey) ? body.idempotencyKey : (posted.idempotencyKey ?? undefined);
    const draft: FormDraft = { ...posted, stage: 'check', stepId: service.form.at(-1)!.id, idempotencyKey: key ?? randomUUID() };
    const withCode = service.oneTimeCode?.submit === true;
    const codeTarget = { db: app.deps.database.db, clock: app.deps.clock, accountId: user.accountId, serviceId: service.id, step: 'submit' as const };
    const onCodePage = (flash: DraftFlash | null, challengeId = typeof body.challengeId === 'string' ? body.challengeId : draft.submitChallengeId) =>
      go(reply, user, service, { ...draft, stage: 'submit_code', submitChallengeId: challengeId, flash });
    try {
      checkServiceData(service, data, today());
      await checkSubmittedUploads({ db: app.deps.database.db, service, accountId: user.accountId, data });
      let confirmation;
      if (withCode) {
        // From "check your answers": send the code and ask for it; the answers travel on.
        if (body.go === 'resend') {
          await resendServiceCode({ ...codeTarget, challengeId: String(body.challengeId ?? '') });
          return onCodePage({ resent: true });
        }
        if (typeof body.challengeId !== 'string') {
          const sent = await sendServiceCode({ ...codeTarget, serviceName: service.name });
          return onCodePage(null, sent.challengeId);
        }
        confirmation = codeAnswer(body);
        if (!/^[0-9]{6}$/.test(confirmation.code)) return onCodePage(codeError('pages.code.invalid'));
      }
      const outcome = await submitRequest({
        ...deps(),
        ip: request.ip,
        accountId: user.accountId,
        personId: user.personId,
        accountActive: user.status === 'active',
        input: { serviceId: service.id, beneficiaryNationalId: forOf(request), data, idempotencyKey: draft.idempotencyKey ?? undefined, confirmation, start: posted.startChallengeId ?? undefined },
      });
      await forgetFormDraft({ ...draftDeps(), accountId: user.accountId, serviceId: service.id });
      return reply.redirect(`/requests/${outcome.request.reference}?submitted=1`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (withCode && isCodeProblem(error) && typeof body.challengeId === 'string') return onCodePage(problemOf(error));
      if (error.code === 'requests.invalid_data') {
        const first = service.form.findIndex((s) => error.fields.some((f) => f.field.startsWith(`${s.id}.`)));
        return go(reply, user, service, { ...draft, stage: 'step', stepId: service.form[Math.max(0, first)]!.id, flash: { errors: error.fields } });
      }
      if (error.code === 'requests.not_eligible' || error.code === 'requests.already_open' || error.code === 'requests.start_code_required') return toEligibility(reply, service, forOf(request));
      return go(reply, user, service, { ...draft, flash: problemOf(error) });
    }
  });
}
