import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiSession } from '../identity/index.js';
import { formatGregorian, formatHijri } from '../kernel/dates.js';
import { pageContext } from '../web/context.js';
import { HomePage } from '../web/pages/home.js';
import { sendPage } from '../web/render.js';
import { ATTENTION_KINDS, getDashboard, type DashboardDeps, type OpenRequest } from './dashboard.js';
import { DashboardPage } from './page.js';

/**
 * The home: `/` shows the signed-in person their dashboard (and everyone else the agencies);
 * GET /api/v1/me/dashboard gives apps the same.
 */

const problem = z.object({ code: z.string(), detail: z.string() }).passthrough().describe('application/problem+json');
const bilingual = z.object({ ar: z.string(), en: z.string() });
const openRequestSchema = z.object({
  reference: z.string(),
  serviceId: z.string(),
  service: bilingual,
  state: z.string(),
  stateLabel: bilingual,
  waitingFor: z.enum(['applicant', 'counterparty', 'agency']).nullable().describe('Whose move it is, when the service says'),
  submittedAt: z.string().datetime(),
});
const dashboardSchema = z.object({
  today: z.object({ iso: z.string(), gregorian: bilingual, hijri: bilingual }),
  name: bilingual.describe('The first name, for a greeting'),
  attention: z
    .array(
      z.object({
        kind: z.enum(ATTENTION_KINDS),
        tone: z.enum(['danger', 'warning', 'info']),
        title: bilingual,
        detail: bilingual,
        href: z.string().describe('The portal page where it is dealt with'),
        action: bilingual,
        steps: z.array(bilingual).optional().describe('The ways to deal with it, when there are several'),
      }),
    )
    .describe('What needs the person’s attention now, most pressing first'),
  openRequests: z.array(openRequestSchema).describe('The newest open requests the person made (at most 5)'),
  madeToMe: z.array(openRequestSchema).describe('The newest open requests naming the person as the other party (at most 5)'),
  unreadNotices: z.number().int(),
});

const requestJson = (r: OpenRequest) => ({ ...r, submittedAt: r.submittedAt.toISOString() });

export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const deps = (): DashboardDeps => ({ db: app.deps.database.db, clock: app.deps.clock, catalogue: app.catalogue });
  const demoMode = app.deps.config.demoMode;

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, { demoMode });
    if (!request.user) return sendPage(reply, HomePage({ ctx }));
    const dashboard = await getDashboard({ ...deps(), accountId: request.user.accountId, personId: request.user.personId, accountStatus: request.user.status });
    return sendPage(reply, DashboardPage({ ctx, dashboard }));
  });

  api.get(
    '/api/v1/me/dashboard',
    {
      schema: {
        tags: ['me'],
        summary: 'The signed-in person’s home: what needs their attention, their open requests and those made to them, unread notices',
        description: 'Authorization: Bearer <token> (from a completed sign-in).',
        response: { 200: dashboardSchema, 401: problem },
      },
    },
    async (request) => {
      const session = await apiSession({ db: app.deps.database.db, clock: app.deps.clock, config: app.deps.config }, request);
      const d = await getDashboard({ ...deps(), accountId: session.accountId, personId: session.personId, accountStatus: session.accountStatus });
      const today = { iso: d.today, gregorian: { ar: formatGregorian(d.today, 'ar'), en: formatGregorian(d.today, 'en') }, hijri: { ar: formatHijri(d.today, 'ar'), en: formatHijri(d.today, 'en') } };
      return { ...d, today, openRequests: d.openRequests.map(requestJson), madeToMe: d.madeToMe.map(requestJson) };
    },
  );
}
