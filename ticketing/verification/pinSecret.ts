import type { RedisClient } from '../../common/redisConnection';
import { randomBytes } from 'crypto';
import type { Logger } from '../../common/logger';
import { keyIn } from '../../common/redisKeys';

/**
 * The key for the codes' HMAC. PIN_SECRET when set (production: every instance gets the same
 * one). Without it, one random key is created in Redis on first start and shared from there, so
 * codes still survive restarts and work across instances; the log warns, because a key kept next
 * to the hashes means a copy of Redis is enough to try all million codes offline.
 */
export async function resolvePinSecret(
  redis: RedisClient,
  prefix: string,
  configured: string | undefined,
  logger: Logger,
): Promise<Buffer> {
  if (configured) return Buffer.from(configured, 'utf8');
  const key = `${keyIn(prefix, 'pin')}secret`;
  await redis.set(key, randomBytes(32).toString('hex'), 'NX');
  const stored = await redis.get(key);
  if (!stored) throw new Error(`Could not read the generated PIN key at ${key}`);
  logger.warn(
    'PIN_SECRET is not set: one-time codes are hashed with a generated key kept in Redis (fine for development; set PIN_SECRET in production)',
  );
  return Buffer.from(stored, 'utf8');
}
