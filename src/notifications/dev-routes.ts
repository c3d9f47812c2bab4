import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import { OutboxPage } from './pages/outbox.js';
import { EMAIL_ADDRESS, SAUDI_MOBILE } from './providers.js';
import { listRecentMessages } from './repository.js';

/**
 * Demo mode only (app.ts registers this plugin only then): the demo outbox, where a tester reads
 * the one-time codes. Nothing is masked: in demo mode the recipient is the tester.
 */

const RECENT = 50;

const isRecipient = (value: string) => SAUDI_MOBILE.test(value) || (value.length <= 254 && EMAIL_ADDRESS.test(value));

const messageSchema = z.object({
  to: z.string(),
  channel: z.enum(['sms', 'email']),
  text: z.string(),
  createdAt: z.string().describe('ISO 8601 instant'),
});

export async function notificationsDevRoutes(app: FastifyInstance): Promise<void> {
  const { database } = app.deps;

  app.get(
    '/api/v1/dev/messages',
    {
      schema: {
        tags: ['demo'],
        summary: 'Messages sent to a mobile number or e-mail address, newest first (demo mode only)',
        querystring: z.object({
          to: z
            .string()
            .trim()
            .refine(isRecipient, 'expected a mobile number 05XXXXXXXX or an e-mail address')
            .describe('05XXXXXXXX or an e-mail address'),
        }),
        response: { 200: z.object({ messages: z.array(messageSchema) }) },
      },
    },
    async (request) => {
      const { to } = request.query as { to: string };
      const rows = await listRecentMessages(database.db, { to, limit: RECENT });
      return {
        messages: rows.map((m) => ({ to: m.recipient, channel: m.channel, text: m.body, createdAt: m.created_at.toISOString() })),
      };
    },
  );

  app.get('/dev/outbox', { schema: { hide: true, querystring: z.object({ to: z.string().optional() }) } }, async (request, reply) => {
    const ctx = pageContext(request, { demoMode: true });
    const to = ((request.query as { to?: string }).to ?? '').trim();
    const invalidTo = to !== '' && !isRecipient(to);
    const messages = invalidTo ? [] : await listRecentMessages(database.db, { to: to || undefined, limit: RECENT });
    return sendPage(reply, OutboxPage({ ctx, messages, to, invalidTo }));
  });
}
