import type { Request, Response } from 'restify';
import { HttpError } from '../../common/http';
import type { Principal, Role, TokenRegistry } from './tokens';

/**
 * The caller of a request, from its `Authorization: Bearer <token>` header. No valid token is a
 * 401 that invites Bearer authentication; a valid token of a role the route does not admit, 403.
 */
export function authorise(req: Request, res: Response, tokens: TokenRegistry, roles: readonly Role[]): Principal {
  const header = req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  const principal = token ? tokens.authenticate(token) : undefined;
  if (!principal) {
    res.setHeader('WWW-Authenticate', match ? 'Bearer error="invalid_token"' : 'Bearer');
    throw new HttpError(
      401,
      'unauthorized',
      match ? 'the bearer token is not valid' : 'this endpoint needs an Authorization: Bearer <token> header',
    );
  }
  if (!roles.includes(principal.role)) {
    throw new HttpError(403, 'forbidden', `the ${principal.role} role may not do this (allowed: ${roles.join(', ')})`);
  }
  return principal;
}

/** How a principal appears in ticket histories: `agent:alice`, `system:bot`, `operator:ops`. */
export function actorOf(principal: Principal): string {
  return `${principal.role}:${principal.id}`;
}
