import { agencies, isAgencyId, type AgencyId } from '../catalogue/agencies.js';
import { buildSearchIndex, searchCatalogue } from '../catalogue/search.js';
import { AppError } from '../kernel/errors.js';
import type { InquiryDefinition } from './define.js';

/**
 * The inquiries the platform offers, checked once at start-up: ids unique and of their agency,
 * every text in both languages, an empty state said. A broken definition stops the start with
 * its id and what is wrong.
 */
export interface InquiryCatalogue {
  all: readonly InquiryDefinition[];
  get(id: string): InquiryDefinition;
  find(id: string): InquiryDefinition | undefined;
  ofAgency(agency: AgencyId): InquiryDefinition[];
  search(query: string): InquiryDefinition[];
}

export function inquiryProblems(d: InquiryDefinition): string[] {
  const problems: string[] = [];
  const bilingual = (b: { ar?: string; en?: string } | undefined) => Boolean(b?.ar?.trim() && b?.en?.trim());
  if (!/^[a-z-]+\.[a-z0-9-]+$/.test(d.id)) problems.push(`${d.id}: the id is <agency>.<inquiry>`);
  if (!isAgencyId(d.agency) || !d.id.startsWith(`${d.agency}.`)) problems.push(`${d.id}: agency ${d.agency} is unknown or not the id's`);
  for (const key of ['name', 'description', 'empty'] as const) if (!bilingual(d[key])) problems.push(`${d.id}: ${key} needs Arabic and English`);
  if (d.subjects && d.subjects.length === 0) problems.push(`${d.id}: subjects is empty`);
  return problems;
}

export function createInquiryCatalogue(definitions: readonly InquiryDefinition[]): InquiryCatalogue {
  const problems = definitions.flatMap(inquiryProblems);
  const ids = definitions.map((d) => d.id);
  for (const id of ids.filter((id, i) => ids.indexOf(id) !== i)) problems.push(`${id}: declared twice`);
  if (problems.length > 0) throw new Error(`Invalid inquiry definitions:\n  ${problems.join('\n  ')}`);
  const byId = new Map(definitions.map((d) => [d.id, d]));
  // In the order of the agencies, then as declared.
  const all = agencies.flatMap((agency) => definitions.filter((d) => d.agency === agency));
  // The services' search (Arabic folding, prefixes, one typo), over the inquiries.
  const index = buildSearchIndex(all);
  return {
    all,
    find: (id) => byId.get(id),
    get(id) {
      const found = byId.get(id);
      if (!found) throw new AppError('inquiries.not_found');
      return found;
    },
    ofAgency: (agency) => all.filter((d) => d.agency === agency),
    search: (query) => searchCatalogue(index, query).map((id) => byId.get(id)!),
  };
}
