import type { Request, Response, Server } from 'restify';
import type { ZodType, ZodTypeDef } from 'zod';
import { HttpError, describeZodError, parseBody, route } from '../../common/http';
import type { Logger } from '../../common/logger';
import { DomainError } from '../domain/types';
import { type AccessGate, actorOf } from './auth/accessGate';
import { httpErrorOf } from './domainErrors';
import type { Principal, Role } from './tokens';

type Schema<T> = ZodType<T, ZodTypeDef, unknown>;

/** The `:name` segments of a restify path, each a string: '/api/tickets/:id' -> { id: string }. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, string>;

/** What a handler gets: the caller, the path's parameters, and the body and query already validated. */
export interface Call<B, Q, P extends string = string> {
  principal: Principal;
  params: PathParams<P>;
  body: B;
  query: Q;
  req: Request;
}

export interface Reply {
  status?: number; // default 200
  body?: unknown; // none for 204
  /** A text answer instead of JSON (a CSV export), with its content type. */
  text?: { contentType: string; content: string; filename?: string };
}

/**
 * One REST endpoint: the route, who may call it, what it accepts and answers. The same record is
 * mounted on the server and described in the OpenAPI document, so the two always agree.
 */
export interface Endpoint<B = unknown, Q = unknown, P extends string = string> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: P; // restify syntax: /api/tickets/:id
  summary: string;
  roles: readonly Role[];
  body?: Schema<B>;
  /** The body may be left out entirely (then it is validated as `{}`). */
  bodyOptional?: boolean;
  query?: Schema<Q>;
  /** Request headers the endpoint reads, for the document. */
  headers?: { name: string; required: boolean; description: string }[];
  /** The success statuses and the names of their response schemas (see openapi.ts); none for 204. */
  responds: { status: number; schema?: string; description: string }[];
  /** Error statuses beyond 401/403 (and 400 for a body or query), for the document. */
  errors?: number[];
  handle(call: Call<B, Q, P>): Promise<Reply>;
}

/** Keeps each endpoint's body, query and path types while the list holds them all. */
export function endpoint<B = undefined, Q = undefined, P extends string = string>(e: Endpoint<B, Q, P>): Endpoint {
  return e as unknown as Endpoint;
}

const MOUNT = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'del' } as const;

/**
 * Mounts an endpoint behind the access gate; every change that succeeds goes to the audit log
 * (who, which endpoint, which record, the status).
 */
export function mountEndpoint(server: Server, e: Endpoint, deps: { gate: AccessGate; logger: Logger }): void {
  server[MOUNT[e.method]](
    e.path,
    route(deps.logger, async (req: Request, res: Response) => {
      const principal = await deps.gate.authorise(req, res, e.roles);
      const body = e.body ? parseBody(withEmptyBody(req, e), e.body) : undefined;
      const query = e.query ? parseQuery(req, e.query) : undefined;
      let reply: Reply;
      try {
        reply = await e.handle({ principal, params: req.params as PathParams<string>, body, query, req });
      } catch (err) {
        throw err instanceof DomainError ? httpErrorOf(err) : err;
      }
      if (e.method !== 'GET') {
        const target = (req.params as Record<string, string | undefined>).id;
        await deps.gate.record(
          req,
          actorOf(principal),
          `${e.method} ${e.path}`,
          reply.status ?? (reply.body === undefined ? 204 : 200),
          undefined,
          target,
        );
      }
      if (reply.text) {
        const { contentType, content, filename } = reply.text;
        const headers: Record<string, string> = { 'content-type': contentType, 'x-content-type-options': 'nosniff' };
        if (filename) headers['content-disposition'] = `attachment; filename="${filename}"`;
        res.writeHead(reply.status ?? 200, headers);
        res.end(content);
      } else if (reply.body === undefined) res.send(reply.status ?? 204);
      else {
        res.status(reply.status ?? 200);
        res.json(reply.body);
      }
    }),
  );
}

/** An endpoint whose body is optional sees a missing one as `{}`. */
function withEmptyBody(req: Request, e: Endpoint): Request {
  const empty = req.body === undefined || req.body === null || req.body === '';
  if (e.bodyOptional && empty) req.body = {};
  return req;
}

function parseQuery<Q>(req: Request, schema: Schema<Q>): Q {
  const result = schema.safeParse(req.query ?? {});
  if (!result.success) throw new HttpError(400, 'invalid_query', describeZodError(result.error), result.error.issues);
  return result.data;
}
