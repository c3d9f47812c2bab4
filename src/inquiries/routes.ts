import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiSession } from '../identity/index.js';
import { nationalIdSchema } from '../identity/schemas.js';
import { toHijri } from '../kernel/dates.js';
import { personName } from '../registry/index.js';
import type { InquiryDefinition, InquiryField, InquiryItem, InquiryValue } from './define.js';
import { listInquirySubjects, runInquiry, subjectKindsOf, type InquiriesDeps } from './run.js';

/**
 * The inquiries API: the list (`GET /api/v1/inquiries`), whom the person may ask about
 * (`GET /api/v1/inquiries/subjects`), and an inquiry's answer (`GET /api/v1/inquiries/{id}`,
 * `subject` for a dependant or worker). Values are typed (`kind`) as the pages show them.
 */

const problem = z.object({ code: z.string(), detail: z.string() }).passthrough().describe('application/problem+json');
const bilingual = z.object({ ar: z.string(), en: z.string() });
const BEARER = 'Authorization: Bearer <token> (from a completed sign-in).';

const valueSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('words'), ar: z.string(), en: z.string() }),
    z.object({ kind: z.literal('code'), text: z.string() }),
    z.object({ kind: z.literal('text'), text: z.string() }),
    z.object({ kind: z.literal('date'), date: z.string().describe('YYYY-MM-DD (Gregorian)'), hijri: z.string().describe('YYYY-MM-DD (Umm al-Qura)') }),
    z.object({ kind: z.literal('datetime'), at: z.string().describe('ISO 8601') }),
    z.object({ kind: z.literal('money'), halalas: z.number().int() }),
    z.object({ kind: z.literal('count'), count: z.number().int() }),
    z.object({ kind: z.literal('status'), tone: z.enum(['ok', 'warning', 'bad', 'neutral']), ar: z.string(), en: z.string() }),
  ])
  .describe('A value: its kind says how to show it (words in both languages, a code left to right, a date in Gregorian and Hijri, money in halalas, a status with its tone)');
const fieldSchema = z.object({ label: bilingual, value: valueSchema });
const summarySchema = z.object({ id: z.string(), agency: z.string(), name: bilingual, description: bilingual, subjects: z.array(z.enum(['self', 'family', 'workers'])) });
const answerSchema = z.object({
  inquiry: summarySchema,
  subject: z.object({ nationalId: z.string(), name: bilingual }),
  at: z.string().describe('When the registry was read'),
  summary: z.array(fieldSchema),
  items: z.array(z.object({ title: valueSchema, status: valueSchema.nullable(), fields: z.array(fieldSchema) })),
  empty: bilingual.nullable().describe('What to tell the person when there is nothing to show, or what the answer means for them (fingerprints not registered: where to register)'),
});

function inquirySummary(d: InquiryDefinition) {
  return { id: d.id, agency: d.agency, name: d.name, description: d.description, subjects: [...subjectKindsOf(d)] };
}

function valueJson(value: InquiryValue): z.infer<typeof valueSchema> {
  if (value.kind !== 'date') return value;
  const h = toHijri(value.date);
  return { kind: 'date', date: value.date, hijri: `${h.year}-${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}` };
}
const fieldJson = (f: InquiryField) => ({ label: f.label, value: valueJson(f.value) });
const itemJson = (i: InquiryItem) => ({ title: valueJson(i.title), status: i.status ? valueJson(i.status) : null, fields: i.fields.map(fieldJson) });

export async function inquiryRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const deps = (): InquiriesDeps => ({ db: app.deps.database.db, clock: app.deps.clock, inquiries: app.inquiries, services: app.catalogue });
  const identityDeps = () => ({ db: app.deps.database.db, clock: app.deps.clock, config: app.deps.config });

  api.get(
    '/api/v1/inquiries',
    {
      schema: {
        tags: ['inquiries'],
        summary: 'The inquiries (read-only services), by agency; q searches them in Arabic or English',
        querystring: z.object({ q: z.string().max(200).optional(), agency: z.string().max(40).optional() }),
        response: { 200: z.object({ inquiries: z.array(summarySchema) }) },
      },
    },
    async (request) => {
      const { q, agency } = request.query;
      const found = q?.trim() ? app.inquiries.search(q) : [...app.inquiries.all];
      return { inquiries: found.filter((d) => !agency || d.agency === agency).map(inquirySummary) };
    },
  );

  api.get(
    '/api/v1/inquiries/subjects',
    {
      schema: {
        tags: ['inquiries'],
        summary: 'Whom the signed-in person may make inquiries about: themself, their dependants (family) and their domestic workers (workers)',
        description: BEARER,
        response: { 200: z.object({ subjects: z.array(z.object({ kind: z.enum(['self', 'family', 'workers']), nationalId: z.string(), name: bilingual })) }), 401: problem },
      },
    },
    async (request) => {
      const session = await apiSession(identityDeps(), request);
      return { subjects: await listInquirySubjects(deps(), session.personId) };
    },
  );

  api.get(
    '/api/v1/inquiries/:inquiryId',
    {
      schema: {
        tags: ['inquiries'],
        summary: "An inquiry's answer, about the signed-in person or (subject) one of their dependants or workers, as the registry holds it now",
        description: BEARER,
        params: z.object({ inquiryId: z.string().max(120) }),
        querystring: z.object({ subject: nationalIdSchema.optional().describe('The ID number of a dependant or worker (GET /api/v1/inquiries/subjects); absent: yourself') }),
        response: { 200: answerSchema, 401: problem, 403: problem, 404: problem, 422: problem },
      },
      // The answer is built from typed definitions (define.ts), so it is not checked against its
      // schema once more on the way out: the schema documents it in the OpenAPI, and the tests
      // check answers against it. Checking every value of every answer cost a fifth of the time.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => {
      const session = await apiSession(identityDeps(), request);
      const answer = await runInquiry(deps(), { asker: session.person, inquiryId: request.params.inquiryId, subjectNationalId: request.query.subject });
      const empty = answer.result.items.length === 0 && (answer.result.summary ?? []).length === 0;
      return {
        inquiry: inquirySummary(answer.inquiry),
        subject: { nationalId: answer.subject.national_id, name: { ar: personName(answer.subject, 'ar'), en: personName(answer.subject, 'en') } },
        at: answer.at.toISOString(),
        summary: (answer.result.summary ?? []).map(fieldJson),
        items: answer.result.items.map(itemJson),
        // The result's own word (why there is nothing, what to do) whenever it has one.
        empty: answer.result.empty ?? (empty ? answer.inquiry.empty : null),
      };
    },
  );
}
