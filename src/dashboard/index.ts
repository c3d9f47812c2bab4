/** The signed-in person's home (dashboard): what needs their attention, their open requests, quick links. */
export { getDashboard, currentDocuments, expiryState, ATTENTION_KINDS, OPEN_REQUESTS_LISTED, WATCHED_DOCUMENTS, type Dashboard, type AttentionItem, type AttentionKind, type OpenRequest } from './dashboard.js';
export { dashboardRoutes } from './routes.js';
