import type { RedisClient } from '../../../common/redisConnection';
import type { Request, Response } from 'restify';
import { HttpError } from '../../../common/http';
import { ALL_SKILLS, type Worker } from '../../domain/skills';
import type { AuditEntry, AuditLog } from '../../store/auditLog';
import type { PeopleStore } from '../../store/peopleStore';
import { sameToken, type Session, type SessionStore } from '../../store/sessionStore';
import { type Principal, type Role, tokenDigest, type TokenRegistry } from '../tokens';
import { readCookie } from './cookies';
import { keyIn } from '../../../common/redisKeys';

/** The console's session cookie (HttpOnly: page scripts never see it). */
export const SESSION_COOKIE = 'desk_session';
/** The header a signed-in console sends its CSRF token in, on every request that changes something. */
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change nothing: no CSRF token needed. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type PersonSessions = SessionStore<Principal>;

export interface AccessGateDeps {
  tokens: TokenRegistry;
  redis: RedisClient;
  prefix: string;
  /** Signed-in browser sessions; without them only bearer tokens are accepted. */
  sessions?: PersonSessions;
  /** Who has signed in (role, skills), for reassignments. */
  people?: PeopleStore<Principal>;
  audit?: AuditLog;
}

/** Who is calling, and how: a machine's bearer token, or a person's browser session. */
export interface Caller {
  principal: Principal;
  session?: Session<Principal>;
}

/**
 * Who may do what, for every route: a bearer token (`Authorization: Bearer`, for machines and
 * scripts: no cookies, no CSRF) or the console's session cookie, whose requests that change
 * anything must carry the session's CSRF token in `X-CSRF-Token` (a synchronizer token: a page
 * on another site can make the browser send the cookie, never read the token). Sessions and
 * revoked tokens are looked up in RedisClient on every request, so a revocation holds on every instance
 * at once. A supervisor may do whatever an agent may.
 */
export class AccessGate {
  private readonly revokedKey: string;

  constructor(private readonly deps: AccessGateDeps) {
    this.revokedKey = `${keyIn(deps.prefix, 'auth')}revoked-tokens`;
  }

  get tokens(): TokenRegistry {
    return this.deps.tokens;
  }

  /** The caller of a request admitted to one of `roles`; 401 with no valid credentials, 403 for a wrong role or a missing CSRF token. */
  async authorise(req: Request, res: Response, roles: readonly Role[]): Promise<Principal> {
    const caller = await this.identify(req, res);
    const { principal, session } = caller;
    if (session && !SAFE_METHODS.has(req.method ?? 'GET')) {
      const presented = req.header(CSRF_HEADER) ?? '';
      if (!presented || !sameToken(presented, session.csrf)) {
        await this.record(req, actorOf(principal), 'refused', 403, 'missing or wrong CSRF token');
        throw new HttpError(403, 'csrf_token_invalid', `a signed-in change needs the session's CSRF token in the ${CSRF_HEADER} header`);
      }
    }
    if (!admits(roles, principal.role)) {
      throw new HttpError(403, 'forbidden', `the ${principal.role} role may not do this (allowed: ${roles.join(', ')})`);
    }
    return principal;
  }

  /** The caller with their session, if any; 401 when neither a valid token nor a live session comes with the request. */
  async identify(req: Request, res: Response): Promise<Caller> {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match || header) {
      const token = match?.[1];
      const principal = token ? this.deps.tokens.authenticate(token) : undefined;
      if (principal && !(await this.deps.redis.sismember(this.revokedKey, tokenDigest(token!)))) return { principal };
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      if (principal) await this.record(req, actorOf(principal), 'refused', 401, 'revoked token');
      throw new HttpError(401, 'unauthorized', principal ? 'the bearer token has been revoked' : 'the bearer token is not valid');
    }
    const cookie = readCookie(req, SESSION_COOKIE);
    const session = cookie && this.deps.sessions ? await this.deps.sessions.read(cookie) : null;
    if (session) return { principal: session.person, session };
    res.setHeader('WWW-Authenticate', 'Bearer');
    throw new HttpError(
      401,
      'unauthorized',
      cookie ? 'your session has ended: sign in again' : 'sign in, or send an Authorization: Bearer <token> header',
    );
  }

  /** A person by id: as they last signed in, or a token's principal. */
  async person(id: string): Promise<Principal | undefined> {
    return (await this.deps.people?.get(id)) ?? this.deps.tokens.principalOf(id);
  }

  /** Keeps a person's role and skills as their identity provider gave them at sign-in. */
  async remember(person: Principal): Promise<void> {
    await this.deps.people?.remember(person);
  }

  /** Ends every session of a person and revokes their API tokens, on every instance at once. */
  async revoke(personId: string): Promise<{ sessions: number; tokens: number }> {
    const digests = this.deps.tokens.digestsOf(personId);
    const [sessions, tokens] = await Promise.all([
      this.deps.sessions?.endAllOf(personId) ?? 0,
      digests.length ? this.deps.redis.sadd(this.revokedKey, ...digests) : 0,
    ]);
    return { sessions, tokens: digests.length ? tokens : 0 };
  }

  /** A page of the audit log, newest first (empty without one). */
  async auditPage(offset: number, limit: number): Promise<{ entries: AuditEntry[]; more: boolean }> {
    return this.deps.audit ? this.deps.audit.page(offset, limit) : { entries: [], more: false };
  }

  /** Adds a line to the audit log (when there is one): who, what, about what, how it ended. */
  async record(req: Request | null, actor: string, action: string, status?: number, detail?: string, target?: string): Promise<void> {
    await this.deps.audit?.record({
      at: new Date().toISOString(),
      actor,
      action,
      ...(target ? { target } : {}),
      ...(status ? { status } : {}),
      ...(detail ? { detail } : {}),
      ...(req ? { ip: req.socket?.remoteAddress } : {}),
    });
  }
}

/** A supervisor is admitted wherever an agent is. */
function admits(roles: readonly Role[], role: Role): boolean {
  return roles.includes(role) || (role === 'supervisor' && roles.includes('agent'));
}

/** How a principal appears in ticket histories: `agent:alice`, `system:bot`, `operator:ops`. */
export function actorOf(principal: Principal): string {
  return `${principal.role}:${principal.id}`;
}

/** The principal as someone who works tickets: a token that names no skills has them all. */
export function workerOf(principal: Principal): Worker {
  return { id: principal.id, supervisor: principal.role === 'supervisor', skills: principal.skills ?? ALL_SKILLS };
}
