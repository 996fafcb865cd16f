/**
 * npm run migrate:keys
 * Renames the keys of a store written before the hash tags (docs/architecture.md, "Key names and
 * Redis Cluster") to their tagged names, in batches of 500. Run it once, with the service
 * stopped, against the single Redis node at REDIS_URL (REDIS_PREFIX like the service); running it
 * again renames nothing. Prints one JSON line; exits 1 if a tagged key already existed.
 */
import Redis from 'ioredis';
import { loadConfig } from '../../common/config';
import { isClusterAddress } from '../../common/redisConnection';
import { tagOldKeys } from '../store/tagKeys';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (isClusterAddress(config.redis.url))
    throw new Error('migrate:keys runs on the single node the old store is on: unset REDIS_CLUSTER_NODES');
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    const { renamed, clashes } = await tagOldKeys(redis, config.redis.prefix);
    process.stdout.write(`${JSON.stringify({ renamed, clashes: clashes.slice(0, 20), clashCount: clashes.length })}\n`);
    if (clashes.length > 0) process.exitCode = 1;
  } finally {
    redis.disconnect();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`migrate:keys: ${err.message}\n`);
  process.exitCode = 1;
});
