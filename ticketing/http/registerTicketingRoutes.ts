import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../common/logger';
import { DomainError, type MessageFiles } from '../domain/types';
import type { TicketService } from '../service/ticketService';
import type { OrganisationStore } from '../store/organisationStore';
import { mountEndpoint, type Endpoint } from './endpoint';
import { openApiDocument } from './openapi';
import { organisationEndpoints } from './organisationEndpoints';
import { policyEndpoints } from './policyEndpoints';
import { noteEndpoints } from './noteEndpoints';
import { presenceEndpoints } from './presenceEndpoints';
import { savedReplyEndpoints } from './savedReplyEndpoints';
import { searchEndpoints } from './searchEndpoints';
import { ticketEndpoints } from './ticketEndpoints';
import type { AccessGate } from './auth/accessGate';
import { authEndpoints } from './auth/authEndpoints';

export interface TicketingRoutesDeps {
  service: TicketService;
  organisations: OrganisationStore;
  /** Who may call: bearer tokens and console sessions. */
  gate: AccessGate;
  logger: Logger;
  /** For the deadline explanation in a ticket's history. Default: the system clock. */
  clock?: () => Date;
  /**
   * Why a chat's conversation reference given with a new ticket cannot be kept (it must lead to
   * one of the product's channels, which the bot knows), or null. Without it none is accepted.
   */
  refuseConversation?: (reference: Record<string, unknown>) => string | null;
  /** The files uploaded for a ticket's reply, by id (refused with a DomainError when they are not that ticket's). Without it replies carry none. */
  replyFiles?: (ticketId: string, attachmentIds: string[]) => Promise<MessageFiles>;
}

const noFiles = async (): Promise<MessageFiles> => {
  throw new DomainError('invalid_message', 'this service keeps no files: send the reply without attachments');
};

export const OPENAPI_PATH = '/api/openapi.json';

/**
 * Adds the ticketing REST API to the product's server: tickets, queues, organisations and
 * administrators under /api, each behind bearer tokens with roles, and the OpenAPI document of
 * all of it at GET /api/openapi.json (public, so tools can read it). Returns the endpoints.
 */
export function registerTicketingRoutes(server: Server, deps: TicketingRoutesDeps): Endpoint[] {
  const refuseConversation = deps.refuseConversation ?? (() => 'this service keeps no chat conversations');
  const endpoints = [
    ...searchEndpoints(deps.service),
    ...noteEndpoints(deps.service, deps.clock ?? (() => new Date())),
    ...presenceEndpoints(deps.service, deps.clock ?? (() => new Date())),
    ...savedReplyEndpoints(deps.service, deps.organisations, deps.clock ?? (() => new Date())),
    ...ticketEndpoints(deps.service, deps.clock ?? (() => new Date()), refuseConversation, deps.replyFiles ?? noFiles, (id) =>
      deps.gate.person(id),
    ),
    ...organisationEndpoints(deps.organisations),
    ...policyEndpoints(deps.service.policies),
    ...authEndpoints(deps.gate),
  ];
  for (const e of endpoints) mountEndpoint(server, e, deps);

  const document = openApiDocument(endpoints);
  server.get(OPENAPI_PATH, (_req: Request, res: Response, next: () => void) => {
    res.json(document);
    next();
  });
  const { logger } = deps;
  const { tokens } = deps.gate;
  const where = `ticketing API at /api (tokens: ${tokens.source}; OpenAPI at ${OPENAPI_PATH})`;
  if (tokens.development)
    logger.warn(
      { endpoints: endpoints.length, tokens: tokens.size },
      `${where}: for local use only; set API_TOKENS or API_TOKENS_FILE in production`,
    );
  else logger.info({ endpoints: endpoints.length, tokens: tokens.size }, where);
  return endpoints;
}
