import type { FastifyInstance } from 'fastify';
import { pageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import { signedInOrToLogin } from '../web/session.js';
import { suspensionsOfPerson } from './manage.js';
import { MySuspensionsPage } from './pages/mine.js';
import { suspensionView } from './view.js';

/** The person's page: My Services -> General Services -> Temporary suspension of services. */
export async function suspensionWebRoutes(app: FastifyInstance): Promise<void> {
  app.get('/suspensions', { schema: { hide: true } }, async (request, reply) => {
    const user = signedInOrToLogin(request, reply, '/suspensions');
    if (!user) return reply;
    const now = app.deps.clock.now();
    const found = await suspensionsOfPerson({ db: app.deps.database.db, clock: app.deps.clock, personId: user.personId });
    const view = (list: typeof found.active) => list.map((s) => suspensionView(s, app.catalogue, now));
    return sendPage(reply, MySuspensionsPage({ ctx: pageContext(request, { demoMode: app.deps.config.demoMode }), active: view(found.active), lifted: view(found.lifted), now }));
  });
}
