import type { RedisServerHandle } from './redisServer';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __deskRedis?: RedisServerHandle }).__deskRedis;
  await server?.stop();
}
