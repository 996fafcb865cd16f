/** The ticketing REST API: what the composition root wires. */
export { registerTicketingRoutes, OPENAPI_PATH, type TicketingRoutesDeps } from './registerTicketingRoutes';
export { loadTokens, parseTokenList, TokenRegistry, type TokenSources, type Principal, type Role } from './tokens';
export { AccessGate, actorOf, type PersonSessions } from './auth/accessGate';
export { registerSignIn, type OidcSettings } from './auth/oidcSignIn';
export type { ClaimMapping } from './auth/personFromClaims';
