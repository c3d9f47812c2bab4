import { AppError } from '../kernel/errors.js';
import type { AgencyId } from './agencies.js';
import type { AnyService } from './define.js';
import { buildSearchIndex, searchCatalogue, type SearchIndex } from './search.js';
import { validateServices } from './validate.js';

/** The services the platform offers, validated once at start-up, with lookup and search. */
export interface ServiceCatalogue {
  readonly all: readonly AnyService[];
  find(id: string): AnyService | undefined;
  /** The service, or a 404 the person understands. */
  get(id: string): AnyService;
  /** The services listed under an agency in My Services. */
  ofAgency(agency: AgencyId): AnyService[];
  /** The services whose requests an agency's staff work (their `handledBy`, or else their agency). */
  workedBy(agency: string): AnyService[];
  search(query: string): AnyService[];
}

export function createCatalogue(definitions: readonly AnyService[]): ServiceCatalogue {
  validateServices(definitions);
  const byId = new Map(definitions.map((d) => [d.id, d]));
  const index: SearchIndex = buildSearchIndex(definitions);
  return {
    all: definitions,
    find: (id) => byId.get(id),
    get(id) {
      const service = byId.get(id);
      if (!service) throw new AppError('requests.service_not_found');
      return service;
    },
    ofAgency: (agency) => definitions.filter((d) => d.agency === agency),
    workedBy: (agency) => definitions.filter((d) => (d.handledBy ?? d.agency) === agency),
    search: (query) => searchCatalogue(index, query).map((id) => byId.get(id)!),
  };
}
