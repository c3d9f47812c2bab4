/** The sandbox acquirer's own tables (a separate system that happens to share the database). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the sandbox acquirer's migration 0007
export interface SandboxAcquirerDatabase {}
