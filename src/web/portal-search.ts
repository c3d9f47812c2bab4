import type { AnyService } from '../catalogue/define.js';
import { buildSearchIndex, searchCatalogue, type SearchableEntry } from '../catalogue/search.js';
import { translate } from '../kernel/i18n/index.js';
import type { InquiryDefinition } from '../inquiries/define.js';
import type { PortalPage } from './portal-pages.js';

/**
 * The portal's one search: e-services, inquiries and the person's own pages in one ranked list,
 * so "مخالفات" finds the violations page and inquiry, and "بياناتي" finds My data. The web layer
 * composes it: the catalogue knows only its services and the inquiries only theirs (the
 * dependency direction of DESIGN.md), and both are searched by the same index.
 */

export type PortalSearchKind = 'service' | 'inquiry' | 'page';

/** One result, in both languages: what it is, where it is, what it is called. */
export interface PortalSearchHit {
  kind: PortalSearchKind;
  /** The service's or inquiry's id; a page's id from portal-pages.ts. */
  id: string;
  href: string;
  name: { ar: string; en: string };
  description: { ar: string; en: string };
}

export interface PortalSearch {
  /** The hits matching every word of the query, best first; nothing for a blank query. */
  search(query: string, options?: { limit?: number }): PortalSearchHit[];
}

const both = (key: string) => ({ ar: translate('ar', key), en: translate('en', key) });

export function createPortalSearch(parts: { services: readonly AnyService[]; inquiries: readonly InquiryDefinition[]; pages: readonly PortalPage[] }): PortalSearch {
  const hits: Array<PortalSearchHit & Pick<SearchableEntry, 'keywords'>> = [
    // Pages first: among equals (مخالفات names the page and the inquiry alike) the page where
    // the person acts comes before the inquiry that only reads.
    ...parts.pages.map((p) => ({ kind: 'page' as const, id: p.id, href: p.href, name: both(`search.page.${p.id}.name`), description: both(`search.page.${p.id}.description`), keywords: p.keywords })),
    ...parts.services.map((s) => ({ kind: 'service' as const, id: s.id, href: `/services/${s.id}`, name: s.name, description: s.description, keywords: s.keywords })),
    ...parts.inquiries.map((i) => ({ kind: 'inquiry' as const, id: i.id, href: `/inquiries/${i.id}`, name: i.name, description: i.description, keywords: i.keywords })),
  ];
  const byKey = new Map(hits.map((hit) => [`${hit.kind}:${hit.id}`, hit]));
  const index = buildSearchIndex(hits.map((hit) => ({ ...hit, id: `${hit.kind}:${hit.id}` })));
  return {
    search(query, options = {}) {
      return searchCatalogue(index, query, options).map((key) => {
        const { kind, id, href, name, description } = byKey.get(key)!;
        return { kind, id, href, name, description };
      });
    },
  };
}
