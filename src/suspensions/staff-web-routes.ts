import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormError } from '../identity/pages/form-parts.js';
import { formField, latinDigits } from '../identity/pages/form-input.js';
import { StaffMessagePage, type StaffPageContext } from '../identity/staff/pages/layout.js';
import { installStaffSession } from '../identity/staff/pages/session.js';
import { staffForm, staffPageContext, staffSignedIn } from '../identity/staff/web-routes.js';
import { fieldErrorMessage, isAppError, type AppError } from '../kernel/errors.js';
import { isValidNationalId } from '../kernel/national-id.js';
import { personName } from '../registry/index.js';
import { sendPage } from '../web/render.js';
import { liftSuspension, placeSuspension, remitsOf, staffLookUp, suspensionReference, TEXT_MAX, type StaffActor, type SuspensionsDeps } from './manage.js';
import { StaffSuspensionsPage, type FoundPerson, type PlaceFormValues } from './pages/staff.js';
import { authoritiesOf, SUSPENDING_ROLES } from './rules.js';
import { suspensionView } from './view.js';

/**
 * The staff pages of suspensions under /staff/suspensions (no JavaScript needed): look a person
 * up by ID number (audited), place a suspension, lift one with a note. Supervisors and admins;
 * the use cases decide, per authority, who may (rules.ts), as for the staff API.
 */

const text = (value: unknown) => (typeof value === 'string' ? value : '');
/** A field sent once or several times (checkboxes), as a list. */
function many(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string').slice(0, 100).map((v) => v.slice(0, 120));
}

async function suspensionPages(app: FastifyInstance): Promise<void> {
  const deps = (): SuspensionsDeps => ({ db: app.deps.database.db, clock: app.deps.clock, catalogue: app.catalogue });
  app.addHook('onResponse', async () => app.outbox.nudge());
  installStaffSession(app);
  const signedIn = staffSignedIn(app, SUSPENDING_ROLES);
  const actorOf = (request: FastifyRequest): StaffActor => {
    const viewer = request.staffViewer!;
    return { staffId: viewer.staffId, agency: viewer.agency, role: viewer.role };
  };
  const translated = (ctx: StaffPageContext, error: AppError, rename: (field: string) => string = (f) => f): FormError[] =>
    error.fields.map((f) => ({ field: rename(f.field), message: fieldErrorMessage(f, ctx.t, ctx.locale) }));

  interface Extra {
    form?: string;
    errors?: FormError[];
    message?: string | undefined;
    notice?: string | undefined;
    values?: PlaceFormValues;
    liftNotes?: Record<string, string>;
  }

  /** The page, with the person of `nationalId` looked up when there is one (an audited view). */
  async function page(request: FastifyRequest, reply: FastifyReply, nationalId: string, extra: Extra = {}, status = 200) {
    const actor = actorOf(request);
    const ctx = { ...staffPageContext(app, request, reply), ...(request.method === 'POST' && nationalId ? { path: `/staff/suspensions?nationalId=${nationalId}` } : {}) };
    const authorities = authoritiesOf(actor);
    const remits = await remitsOf(app.deps.database.db, authorities);
    const render = (found: FoundPerson | null, more: Extra, code: number) =>
      sendPage(reply, StaffSuspensionsPage({ ctx, authorities, remits, catalogue: app.catalogue.all, nationalId, found, idempotencyKey: randomUUID(), ...extra, ...more }), code);
    if (authorities.length === 0) return sendPage(reply, StaffMessagePage({ ctx, message: ctx.t('suspensions.errors.forbidden'), status: 403 }), 403);
    if (!nationalId) return render(null, {}, status);
    if (!isValidNationalId(nationalId)) return render(null, { form: 'find', errors: [{ field: 'nationalId', message: ctx.t('suspensions.errors.national_id_invalid') }] }, 422);
    try {
      const found = await staffLookUp({ ...deps(), actor, ip: request.ip, nationalId });
      const now = app.deps.clock.now();
      const views = { active: found.active.map((s) => suspensionView(s, app.catalogue, now)), lifted: found.lifted.map((s) => suspensionView(s, app.catalogue, now)) };
      return render({ nationalId, name: personName(found.person, ctx.locale), ...views }, {}, status);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'registry.person_not_found') throw error;
      return render(null, { form: 'find', errors: translated(ctx, error) }, 404);
    }
  }

  const nationalIdOf = (value: unknown) => latinDigits(text(value)).replace(/\s/g, '').slice(0, 10);

  app.get('/staff/suspensions', { schema: { hide: true }, preHandler: signedIn }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const ctx = staffPageContext(app, request, reply);
    const done = text(query.placed) || text(query.lifted);
    const notice = done ? ctx.t(query.placed ? 'suspensions.staff.placed' : 'suspensions.staff.lifted', { reference: done.slice(0, 60) }) : undefined;
    return page(request, reply, nationalIdOf(query.nationalId), { notice });
  });

  app.post('/staff/suspensions', { schema: { hide: true }, config: staffForm, preHandler: signedIn }, async (request, reply) => {
    const body = request.body;
    const nationalId = nationalIdOf(formField(body, 'nationalId', { max: 40 }));
    const values: PlaceFormValues = {
      authority: formField(body, 'authority', { max: 60 }),
      legalBasis: formField(body, 'legalBasis', { max: TEXT_MAX.legalBasis + 100 }),
      reasonAr: formField(body, 'reasonAr', { max: TEXT_MAX.reason + 100 }),
      reasonEn: formField(body, 'reasonEn', { max: TEXT_MAX.reason + 100 }),
      blocked: many(body, 'blockedServices'),
      liftedBy: formField(body, 'liftedBy', { max: 60 }),
      startsOn: latinDigits(formField(body, 'startsOn', { max: 20 })).trim(),
    };
    const key = formField(body, 'idempotencyKey', { max: 60 });
    try {
      const { suspension } = await placeSuspension({
        ...deps(),
        actor: actorOf(request),
        ip: request.ip,
        input: { nationalId, authority: values.authority!, legalBasis: values.legalBasis!, reasonAr: values.reasonAr!, reasonEn: values.reasonEn!, blockedServices: values.blocked!, liftedBy: values.liftedBy!, startsOn: values.startsOn },
        idempotencyKey: /^[0-9a-f-]{36}$/i.test(key) ? key : undefined,
      });
      return reply.redirect(`/staff/suspensions?nationalId=${nationalId}&placed=${suspension.reference}`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const ctx = staffPageContext(app, request, reply);
      const errors = translated(ctx, error);
      return page(request, reply, nationalId, { form: 'place', errors, values, message: errors.length > 0 ? undefined : ctx.t(error.messageKey, error.params) }, error.status);
    }
  });

  app.post('/staff/suspensions/:reference/lift', { schema: { hide: true }, config: staffForm, preHandler: signedIn }, async (request, reply) => {
    const reference = suspensionReference(text((request.params as Record<string, unknown>).reference));
    const body = request.body;
    const nationalId = nationalIdOf(formField(body, 'nationalId', { max: 40 }));
    const note = formField(body, `note-${reference}`, { max: TEXT_MAX.note + 100 });
    try {
      const lifted = await liftSuspension({ ...deps(), actor: actorOf(request), ip: request.ip, reference, note });
      return reply.redirect(`/staff/suspensions?nationalId=${nationalId}&lifted=${lifted.reference}`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const ctx = staffPageContext(app, request, reply);
      // The note's problems point at its box; the suspension's own (lifted already, not found,
      // not yours) have no box on the page: they are the summary's message.
      const errors = translated(ctx, error, (field) => (field === 'note' ? `note-${reference}` : field));
      const onNote = errors.filter((e) => e.field !== 'reference');
      const onSuspension = errors.filter((e) => e.field === 'reference').map((e) => e.message);
      let message: string | undefined;
      if (error.code === 'suspensions.already_lifted') message = ctx.t(error.messageKey, error.params);
      else if (onSuspension.length > 0) message = onSuspension.join(' ');
      else if (onNote.length === 0) message = ctx.t(error.messageKey, error.params);
      return page(request, reply, nationalId, { form: `lift:${reference}`, errors: onNote, liftNotes: { [reference]: note }, message }, error.status);
    }
  });

  // A form's address opened as a page (a reload after an error): back to the search.
  app.get('/staff/suspensions/:reference/lift', { schema: { hide: true }, preHandler: signedIn }, async (_request, reply) => reply.redirect('/staff/suspensions', 303));
}

/** Registered by app.ts after staffWebRoutes. */
export async function suspensionStaffWebRoutes(app: FastifyInstance): Promise<void> {
  await app.register(suspensionPages);
}
