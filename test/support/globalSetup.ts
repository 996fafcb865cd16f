import { startRedisServer } from './redisServer';

/** Starts the run's private redis-server; tests read its address from TEST_REDIS_URL. */
export default async function globalSetup(): Promise<void> {
  const server = await startRedisServer();
  process.env.TEST_REDIS_URL = server.url;
  (globalThis as { __deskRedis?: unknown }).__deskRedis = server;
}
