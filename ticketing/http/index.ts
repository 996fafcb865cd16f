/** The ticketing REST API: what the composition root wires. */
export { registerTicketingRoutes, OPENAPI_PATH, type TicketingRoutesDeps } from './registerTicketingRoutes';
export { loadTokens, parseTokenList, TokenRegistry, type TokenSources, type Principal, type Role } from './tokens';
export { actorOf, authorise } from './auth';
