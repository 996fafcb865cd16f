import { randomUUID } from 'crypto';
import { Cluster, type Redis } from 'ioredis';
import { clusterNodes, isClusterAddress, newRedisClient, type RedisClient } from '../../common/redisConnection';

/**
 * The run's private Redis (started by globalSetup): one redis-server, or with TEST_REDIS_CLUSTER=1
 * a 3-master Redis Cluster (then this is its cluster address, which every part accepts).
 */
export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL is not set: run the tests through jest (globalSetup starts redis-server)');
  return url;
}

/**
 * The service's environment variables for the Redis at `address`: REDIS_URL for one node,
 * REDIS_CLUSTER_NODES for a cluster address (REDIS_URL accepts only a redis:// URL).
 */
export function redisEnv(address: string): { REDIS_URL: string } | { REDIS_CLUSTER_NODES: string } {
  return isClusterAddress(address) ? { REDIS_CLUSTER_NODES: clusterNodes(address).join(',') } : { REDIS_URL: address };
}

/** A unique key prefix so test files never see each other's keys. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${randomUUID().slice(0, 8)}:`;
}

export function testRedis(): RedisClient {
  return newRedisClient(testRedisUrl(), { maxRetriesPerRequest: null, enableReadyCheck: false });
}

/** The client's node, or on a cluster each master (for a command that answers for one node only). */
export function mastersOf(redis: RedisClient): Redis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}

/** Every key matching `pattern`; on a cluster, from each master (KEYS answers for one node only). */
export async function keysMatching(redis: RedisClient, pattern: string): Promise<string[]> {
  return (await Promise.all(mastersOf(redis).map((node) => node.keys(pattern)))).flat();
}

/** Deletes keys of any hash tags (one DEL each: a cluster refuses one DEL across slots). */
export async function deleteKeys(redis: RedisClient, keys: string[]): Promise<void> {
  await Promise.all(keys.map((key) => redis.del(key)));
}
