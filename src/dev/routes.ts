import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { riyadhDate } from '../kernel/dates.js';
import { demoLoginOf, DEMO_PASSWORD, listDemoStaff, listUnregisteredPersons, type DemoStaff } from '../identity/index.js';
import { findPersonByNationalId, personName } from '../registry/index.js';
import { demoPersonas } from '../registry/personas.js';
import { localeOf, pageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import { PersonasPage } from './pages/personas.js';

/** Demo mode only (app.ts registers these routes only then): the demo personas, for testers. */

const personaSchema = z.object({
  key: z.string(),
  role: z.string(),
  description: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  nationalId: z.string(),
  dateOfBirth: z.string().describe('YYYY-MM-DD, Gregorian'),
  mobile: z.string().nullable(),
  login: z.string().describe('Username of the demo account'),
  password: z.string(),
  signInAt: z.enum(['/login', '/staff/login']).describe('Where the login is used: officers sign in to the staff area'),
});
const staffSchema = z.object({
  login: z.string(),
  password: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  agency: z.string(),
  role: z.string(),
  mobile: z.string().describe('Where the sign-in code goes (readable in the demo outbox)'),
  signInAt: z.literal('/staff/login'),
});
const unregisteredSchema = z.object({ nationalId: z.string(), dateOfBirth: z.string(), mobile: z.string() });
export type PersonaView = z.infer<typeof personaSchema>;
export type StaffView = z.infer<typeof staffSchema>;

function staffView(member: DemoStaff): StaffView {
  const { username, ...rest } = member;
  return { login: username, password: DEMO_PASSWORD, ...rest, signInAt: '/staff/login' };
}

export async function devRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;

  // The registry is the source of truth: list the personas as they are stored now.
  async function listPersonas(locale: 'ar' | 'en'): Promise<PersonaView[]> {
    const views: PersonaView[] = [];
    for (const persona of demoPersonas(riyadhDate(clock.now()))) {
      const person = await findPersonByNationalId(database.db, persona.nationalId);
      if (!person) continue;
      views.push({
        key: persona.key,
        role: persona.role,
        description: persona.description[locale],
        nameAr: personName(person, 'ar', 'short'),
        nameEn: personName(person, 'en', 'short'),
        nationalId: person.national_id,
        dateOfBirth: person.birth_date,
        mobile: person.mobile,
        ...demoLoginOf(persona),
      });
    }
    return views;
  }

  app.get(
    '/api/v1/dev/personas',
    {
      schema: {
        tags: ['demo'],
        summary: 'Demo personas (demo mode only)',
        response: {
          200: z.object({
            personas: z.array(personaSchema),
            unregistered: z.array(unregisteredSchema).describe('Registry people with no account yet, to try registration'),
            staff: z.array(staffSchema).describe('Demo staff accounts: officers, supervisors and staff administrators'),
          }),
        },
      },
    },
    async (request) => {
      return {
        personas: await listPersonas(localeOf(request)),
        unregistered: await listUnregisteredPersons({ db: database.db, clock }),
        staff: (await listDemoStaff({ db: database.db, clock })).map(staffView),
      };
    },
  );

  app.get('/dev/personas', { schema: { hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, { demoMode: true });
    return sendPage(reply, PersonasPage({ ctx, personas: await listPersonas(ctx.locale), staff: (await listDemoStaff({ db: database.db, clock })).map(staffView) }));
  });
}
