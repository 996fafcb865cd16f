import type { Request, Response } from 'restify';
import type { ZodType, ZodError } from 'zod';
import type { Logger } from './logger';
import { isRedisUnavailable } from './redisConnection';

/** The one JSON error shape every endpoint answers with: `{"error": code, "message": text}`. */
export interface ErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

/** Thrown by route handlers; `route()` turns it into its status and JSON error. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function sendError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  const body: ErrorBody = { error: code, message };
  if (details !== undefined) body.details = details;
  res.status(status);
  res.json(body);
}

/**
 * Wraps a route handler: an HttpError becomes its JSON error, Redis being unreachable a 503
 * (try again later), anything else a logged 500.
 * restify 11 calls `next` itself when an async handler (two arguments) settles.
 */
export function route(logger: Logger, handler: (req: Request, res: Response) => Promise<void> | void) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await handler(req, res);
    } catch (err) {
      if (err instanceof HttpError) sendError(res, err.status, err.code, err.message, err.details);
      else if (isRedisUnavailable(err)) {
        logger.warn({ err: (err as Error).message, url: req.url }, 'request refused: Redis is unreachable');
        res.setHeader('retry-after', '5');
        sendError(res, 503, 'unavailable', 'the service is temporarily unavailable (its data store is unreachable); try again shortly');
      } else {
        logger.error({ err, url: req.url }, 'route failed');
        sendError(res, 500, 'internal', 'internal error');
      }
    }
  };
}

/**
 * Validates a JSON body with a zod schema. A body that is missing or not a JSON object, or that
 * fails the schema, is a 400 whose message names the offending field.
 */
export function parseBody<T>(req: Request, schema: ZodType<T>): T {
  const body: unknown = req.body;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) {
    throw new HttpError(400, 'invalid_body', 'the request body must be a JSON object (Content-Type: application/json)');
  }
  const result = schema.safeParse(body);
  if (!result.success) throw new HttpError(400, 'invalid_body', describeZodError(result.error), result.error.issues);
  return result.data;
}

export function describeZodError(error: ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
}
