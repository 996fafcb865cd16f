import { rmSync } from 'fs';
import type { RedisClusterHandle } from './redisCluster';
import type { RedisServerHandle } from './redisServer';

export default async function globalTeardown(): Promise<void> {
  const { __deskRedis: server, __deskServiceDir: serviceDir } = globalThis as {
    __deskRedis?: RedisServerHandle | RedisClusterHandle;
    __deskServiceDir?: string;
  };
  await server?.stop();
  if (serviceDir) rmSync(serviceDir, { recursive: true, force: true });
}
