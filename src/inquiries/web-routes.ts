import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../kernel/errors.js';
import { getPerson } from '../registry/index.js';
import { pageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import { signedInOrToLogin } from '../web/session.js';
import { InquiriesPage, InquiryPage, InquiryPrintPage } from './pages.js';
import { listInquirySubjects, runInquiry, subjectKindsOf, type InquiriesDeps } from './run.js';

/** The inquiries in the portal: the list, an inquiry's answer (about whom the person chose), its print view. */
export async function inquiryWebRoutes(app: FastifyInstance): Promise<void> {
  const deps = (): InquiriesDeps => ({ db: app.deps.database.db, clock: app.deps.clock, inquiries: app.inquiries, services: app.catalogue });
  const ctxOf = (request: FastifyRequest) => pageContext(request, { demoMode: app.deps.config.demoMode });
  const subjectOf = (request: FastifyRequest): string | undefined => {
    const raw = (request.query as Record<string, unknown>).subject;
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string' || !/^[0-9]{10}$/.test(raw)) throw new AppError('inquiries.not_your_subject');
    return raw;
  };

  app.get('/inquiries', { schema: { hide: true } }, async (request, reply) => sendPage(reply, InquiriesPage({ ctx: ctxOf(request), inquiries: app.inquiries.all })));

  app.get('/inquiries/:inquiryId', { schema: { hide: true } }, async (request, reply) => {
    const { inquiryId } = request.params as { inquiryId: string };
    const user = signedInOrToLogin(request, reply, `/inquiries/${encodeURIComponent(inquiryId)}`);
    if (!user) return reply;
    const answer = await runInquiry(deps(), { personId: user.personId, inquiryId, subjectNationalId: subjectOf(request) });
    const [subjects, asker] = await Promise.all([listInquirySubjects(deps(), user.personId, subjectKindsOf(answer.inquiry)), getPerson(app.deps.database.db, user.personId)]);
    return sendPage(reply, InquiryPage({ ctx: ctxOf(request), answer, subjects, askerNationalId: asker!.national_id }));
  });

  app.get('/inquiries/:inquiryId/print', { schema: { hide: true } }, async (request, reply) => {
    const { inquiryId } = request.params as { inquiryId: string };
    const user = signedInOrToLogin(request, reply, `/inquiries/${encodeURIComponent(inquiryId)}`);
    if (!user) return reply;
    const answer = await runInquiry(deps(), { personId: user.personId, inquiryId, subjectNationalId: subjectOf(request) });
    const asker = await getPerson(app.deps.database.db, user.personId);
    return sendPage(reply, InquiryPrintPage({ ctx: ctxOf(request), answer, askerNationalId: asker!.national_id }));
  });
}
