import { rmSync } from 'fs';
import type { RedisServerHandle } from './redisServer';

export default async function globalTeardown(): Promise<void> {
  const { __deskRedis: server, __deskServiceDir: serviceDir } = globalThis as {
    __deskRedis?: RedisServerHandle;
    __deskServiceDir?: string;
  };
  await server?.stop();
  if (serviceDir) rmSync(serviceDir, { recursive: true, force: true });
}
