import type { RedisClient } from './redisConnection';
import type { Request, Response, Next } from 'restify';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { ClientRequest } from './clientAddress';
import { sendError } from './http';

export interface RateLimitOptions {
  redis: RedisClient;
  prefix: string;
  /** Requests allowed per client and window. */
  limit: number;
  windowSeconds: number;
  /** Names the limited surface in keys and messages, e.g. 'kb' or 'directline'. */
  name: string;
  /** Who the client is (see clientAddressResolver: behind a trusted proxy, X-Forwarded-For). */
  clientOf: (req: ClientRequest) => string;
}

/**
 * A per-client limit shared by every instance through Redis (rate-limiter-flexible's atomic
 * counter). When Redis cannot be reached the request passes: the public FAQ must keep answering
 * during an outage.
 */
export function rateLimit(options: RateLimitOptions) {
  const { limit, windowSeconds, name } = options;
  const limiter = new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix}ratelimit:${name}`,
    points: limit,
    duration: windowSeconds,
  });
  // A callback-style handler: restify 11 refuses async handlers that also take `next`.
  return (req: Request, res: Response, next: Next): void => {
    res.setHeader('RateLimit-Limit', String(limit));
    limiter.consume(options.clientOf(req)).then(
      (used) => {
        res.setHeader('RateLimit-Remaining', String(used.remainingPoints));
        next();
      },
      (refused: unknown) => {
        if (!(refused instanceof RateLimiterRes)) return next(); // Redis unreachable
        res.setHeader('RateLimit-Remaining', '0');
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(refused.msBeforeNext / 1000))));
        sendError(res, 429, 'rate_limited', `too many requests to ${name}: at most ${limit} per ${windowSeconds} s, try again later`);
        next(false);
      },
    );
  };
}
