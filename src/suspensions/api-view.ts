import { z } from 'zod';
import { formatGregorian, formatHijri } from '../kernel/dates.js';
import type { SuspensionView } from './view.js';

/** The API's shape of a suspension (the person's and the staff's), with its zod schema for OpenAPI. */

const bilingual = z.object({ ar: z.string(), en: z.string() });
const dated = z.object({ iso: z.string(), gregorian: bilingual, hijri: bilingual });

export const suspensionSchema = z.object({
  reference: z.string().describe('`SS` and ten digits'),
  authority: z.enum(['court', 'public_prosecution', 'enforcement_court', 'traffic', 'ministry_of_interior', 'zakat_tax_customs']),
  authorityLabel: bilingual,
  legalBasis: z.string(),
  reason: bilingual,
  startsAt: dated,
  phase: z.object({ number: z.number().int(), since: dated, nextPhaseOn: dated, upcoming: z.boolean() }).describe('Phases of 15 days from the start'),
  blockedServices: z.object({
    patterns: z.array(z.object({ pattern: z.string(), label: bilingual })).describe('`*` all e-services, `<agency>.*` an agency, or a service id'),
    all: z.boolean(),
    services: z.array(z.object({ id: z.string(), name: bilingual })).describe("The catalogue's services it blocks now"),
    staysOpen: bilingual.nullable().describe('For all e-services: what the law keeps open'),
  }),
  liftedBy: z.enum(['pay_violations', 'settle_debt', 'authority_order']),
  liftedByLabel: bilingual,
  liftedByHow: bilingual,
  actionPath: z.string().nullable().describe('Where the person does what lifts it (pay the violations), when on Tayseer'),
  contact: bilingual,
  liftedAt: dated.nullable(),
  liftNote: z.string().nullable(),
});

function datedOf(value: Date | string) {
  return {
    iso: value instanceof Date ? value.toISOString() : value,
    gregorian: { ar: formatGregorian(value, 'ar'), en: formatGregorian(value, 'en') },
    hijri: { ar: formatHijri(value, 'ar'), en: formatHijri(value, 'en') },
  };
}

export function suspensionJson(view: SuspensionView, staysOpen: { ar: string; en: string }): z.infer<typeof suspensionSchema> {
  return {
    reference: view.reference,
    authority: view.authority,
    authorityLabel: view.authorityLabel,
    legalBasis: view.legalBasis,
    reason: view.reason,
    startsAt: datedOf(view.startsAt),
    phase: { number: view.phase.phase, since: datedOf(view.phase.since), nextPhaseOn: datedOf(view.phase.next), upcoming: view.phase.upcoming },
    blockedServices: {
      patterns: view.blocked.patterns,
      all: view.blocked.all,
      services: view.blocked.services.map((s) => ({ id: s.id, name: s.name })),
      staysOpen: view.blocked.all ? staysOpen : null,
    },
    liftedBy: view.liftedBy,
    liftedByLabel: view.liftedByLabel,
    liftedByHow: view.liftedByHow,
    actionPath: view.actionPath,
    contact: view.contact,
    liftedAt: view.liftedAt ? datedOf(view.liftedAt) : null,
    liftNote: view.liftNote,
  };
}
