import type { Redis } from 'ioredis';
import type { Request, Response, Next } from 'restify';
import { sendError } from './http';

export interface RateLimitOptions {
  redis: Redis;
  prefix: string;
  /** Requests allowed per client and window. */
  limit: number;
  windowSeconds: number;
  /** Names the limited surface in keys and messages, e.g. 'kb' or 'directline'. */
  name: string;
}

/**
 * A per-client fixed-window limit shared by every instance through Redis. When Redis cannot be
 * reached the request passes: the public FAQ must keep answering during an outage.
 */
export function rateLimit(options: RateLimitOptions) {
  const { redis, prefix, limit, windowSeconds, name } = options;
  const count = async (req: Request): Promise<number | null> => {
    const window = Math.floor(Date.now() / 1000 / windowSeconds);
    const key = `${prefix}ratelimit:${name}:${clientAddress(req)}:${window}`;
    try {
      const [[, incremented]] = (await redis.multi().incr(key).expire(key, windowSeconds + 1).exec()) as [[null, number]];
      return incremented;
    } catch {
      return null;
    }
  };
  // A callback-style handler: restify 11 refuses async handlers that also take `next`.
  return (req: Request, res: Response, next: Next): void => {
    void count(req).then((used) => {
      if (used === null) return next();
      res.setHeader('RateLimit-Limit', String(limit));
      res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - used)));
      if (used <= limit) return next();
      res.setHeader('Retry-After', String(windowSeconds));
      sendError(res, 429, 'rate_limited', `too many requests to ${name}: at most ${limit} per ${windowSeconds} s, try again later`);
      next(false);
    });
  };
}

function clientAddress(req: Request): string {
  return req.socket?.remoteAddress ?? 'unknown';
}
