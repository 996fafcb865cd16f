import restify, { Request, RequestHandler, Response, Next, Server } from 'restify';
import { route, sendError } from '../common/http';
import type { Logger } from '../common/logger';
import type { Metrics } from '../common/metrics';
import { runInRequest, type RequestScope } from '../common/requestContext';

export const MAX_BODY_BYTES = 64 * 1024;

/** Routes that take files (POST .../upload, POST .../attachments): their bodies are theirs to read. */
const FILE_ROUTE = /\/(upload|attachments)$/;
const isFileUpload = (req: Request) => req.method === 'POST' && FILE_ROUTE.test(String(req.getRoute()?.path ?? ''));
/** Deeper JSON is refused: serialising it (transcripts, tickets, state) would overflow the stack. */
export const MAX_BODY_DEPTH = 64;

export interface ServerOptions {
  logger: Logger;
  /** Why the service is not ready (Redis unreachable, ...), or undefined when it is; `/readyz` reports it. */
  notReadyBecause?: () => Promise<string | undefined> | string | undefined;
  /** What works partly while the service is ready (the list cells being filled, ...); `/readyz` says it beside 200. */
  stillPreparing?: () => string | undefined;
  /** When given, every request's latency is recorded and GET /metrics serves the registry. */
  metrics?: Metrics;
  /** Who may read /metrics: throws an HttpError (401/403) for anyone else. Absent: /metrics is not served. */
  authoriseMetrics?: (req: Request, res: Response) => Promise<unknown>;
  /** How long an idle kept-alive connection stays open (HTTP_KEEP_ALIVE_MS); TIMEOUTS.keepAliveMs when absent. */
  keepAliveMs?: number;
}

/**
 * How long a client may take: to send its headers (a client trickling them a byte at a time
 * held a connection for 90 s), to send its whole request, and to send the next request on a
 * kept-alive connection. Node checks the first two only every `connectionsCheckingInterval`.
 * Behind a load balancer the last must outlast the balancer's own idle timeout, or it reuses a
 * connection the service is closing and the customer gets a 502 (HTTP_KEEP_ALIVE_MS).
 */
export const TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, checkEveryMs: 1_000 } as const;

/**
 * The product's one restify server: body parsing with size and nesting limits, JSON errors,
 * health, a request id per request (in every log line of its work) and one access log line each.
 * Each area (knowledge, ticketing, bot, web) adds its routes to it from the composition root.
 */
export function createServer(options: ServerOptions): Server {
  // Each request's scope, for its access line (written outside the request's async context).
  const scopes = new WeakMap<Response, RequestScope>();
  const server = restify.createServer({ name: 'support-desk', handleUncaughtExceptions: false });
  const http = server.server as typeof server.server & { connectionsCheckingInterval: number };
  http.headersTimeout = TIMEOUTS.headersMs;
  http.requestTimeout = TIMEOUTS.requestMs;
  http.keepAliveTimeout = options.keepAliveMs ?? TIMEOUTS.keepAliveMs;
  // Read when the server starts listening.
  http.connectionsCheckingInterval = TIMEOUTS.checkEveryMs;
  // No client of the desk compresses its requests, and restify would inflate a gzip body without
  // any limit (the 64 KB limit counts compressed bytes): such bodies are refused unread.
  server.pre((req: Request, res: Response, next: Next) => {
    const encoding = req.headers['content-encoding'];
    if (encoding === undefined) return next();
    if (String(encoding).trim().toLowerCase() === 'identity') {
      delete req.headers['content-encoding'];
      return next();
    }
    res.setHeader('accept-encoding', 'identity');
    // Read and dropped (never inflated), so the client gets to read the answer; the request timeout bounds it.
    req.resume();
    sendError(
      res,
      415,
      'unsupported_content_encoding',
      `Content-Encoding "${String(encoding).slice(0, 40)}" is not accepted: send the body uncompressed`,
    );
    return next(false);
  });
  // A request id, taken from the caller or made here, names the request in every log line.
  server.pre((req: Request, res: Response, next: Next) => {
    const incoming = req.header('x-request-id');
    const id = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : req.getId();
    res.setHeader('x-request-id', id);
    next();
  });
  // One line per request, by route pattern (never the raw URL, which may carry a token).
  server.on('after', (req: Request, res: Response) => {
    const path = req.getRoute()?.path;
    const route = path ? String(path) : 'unmatched';
    const seconds = (Date.now() - req.time()) / 1000;
    options.metrics?.httpDuration.observe({ route, method: req.method, status: String(res.statusCode) }, seconds);
    const level = QUIET_ROUTES.has(route) ? 'debug' : 'info';
    const scope = scopes.get(res);
    if (scope) scope.logged = true;
    // What the request's work added (a bot turn's channel and conversation) rides on this line.
    options.logger[level](
      {
        reqId: res.getHeader('x-request-id'),
        method: req.method,
        route,
        status: res.statusCode,
        ms: Math.round(seconds * 1000),
        ...scope?.logFields,
      },
      'request',
    );
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // File uploads are read by their own routes, with their own caps; every other body by the parser.
  const parsers = restify.plugins.bodyParser({
    mapParams: false,
    maxBodySize: MAX_BODY_BYTES,
    rejectUnknown: false,
  }) as unknown as RequestHandler[];
  for (const parse of parsers)
    server.use((req: Request, res: Response, next: Next) => (isFileUpload(req) ? next() : parse(req, res, next)));
  server.use((req: Request, res: Response, next: Next) => {
    if (!nestsDeeperThan(req.body, MAX_BODY_DEPTH)) return next();
    sendError(res, 400, 'invalid_body', `the JSON body nests deeper than ${MAX_BODY_DEPTH} levels`);
    return next(false);
  });
  // Entered after the body is read (stream events run outside it): the handler and everything it
  // awaits, a bot turn and the ticket it opens included, log this request's id.
  server.use((_req: Request, res: Response, next: Next) => {
    const scope: RequestScope = { reqId: String(res.getHeader('x-request-id')), logFields: {}, logged: false };
    scopes.set(res, scope);
    runInRequest(scope, () => next());
  });

  // restify's own errors (bad JSON, body too large, unknown route, wrong method) in our JSON shape.
  server.on(
    'restifyError',
    (req: Request, res: Response, err: Error & { statusCode?: number; body?: { code?: string } }, cb: () => void) => {
      const status = err.statusCode ?? 500;
      if (status >= 500) options.logger.error({ err, reqId: res.getHeader('x-request-id'), route: req.getRoute()?.path }, 'request failed');
      const code =
        status === 413
          ? 'payload_too_large'
          : status === 404
            ? 'not_found'
            : status === 405
              ? 'method_not_allowed'
              : (err.body?.code ?? 'error');
      const message = status >= 500 ? 'internal error' : err.message;
      (err as unknown as { toJSON: () => unknown }).toJSON = () => ({ error: snake(code), message });
      cb();
    },
  );

  server.get('/healthz', (_req: Request, res: Response, next: Next) => {
    res.json({ status: 'ok' });
    next();
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    const reason = await Promise.resolve(options.notReadyBecause?.()).catch((err: Error) => `readiness check failed: ${err.message}`);
    const preparing = reason ? undefined : options.stillPreparing?.();
    res.status(reason ? 503 : 200);
    res.json(reason ? { status: 'not_ready', reason } : preparing ? { status: 'ready', preparing } : { status: 'ready' });
  });
  if (options.metrics && options.authoriseMetrics) {
    const { metrics, authoriseMetrics } = options;
    // Ticket counts and queue depths are the operator's business, not the internet's.
    server.get(
      '/metrics',
      route(options.logger, async (req: Request, res: Response) => {
        await authoriseMetrics(req, res);
        const body = await metrics.render();
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(body);
      }),
    );
  }
  return server;
}

/** Walks the value without recursion, so that the check itself cannot overflow. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object' || Buffer.isBuffer(item)) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/** Probes and scrapes: logged at debug, so the info log is about real traffic. */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

function snake(code: string): string {
  return code
    .replace(/Error$/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
