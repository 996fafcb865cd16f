import Redis from 'ioredis';
import { randomUUID } from 'crypto';

/** The run's private Redis (started by globalSetup). */
export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL is not set: run the tests through jest (globalSetup starts redis-server)');
  return url;
}

/** A unique key prefix so test files never see each other's keys. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${randomUUID().slice(0, 8)}:`;
}

export function testRedis(): Redis {
  return new Redis(testRedisUrl(), { maxRetriesPerRequest: null, enableReadyCheck: false });
}
