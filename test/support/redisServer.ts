import type { ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import Redis from 'ioredis';
import { join } from 'path';
import { freePort, spawnRedisServer, stopChild, waitUntilAnswering } from '../../common/redisConnection';

export { freePort };

/** A private redis-server on a free loopback port in a temporary directory. */
export interface RedisServerHandle {
  url: string;
  port: number;
  dir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startRedisServer(options: { appendOnly?: boolean; port?: number; dir?: string } = {}): Promise<RedisServerHandle> {
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'desk-redis-'));
  const child = spawnRedisServer({ port, dir, appendFsync: options.appendOnly ? 'always' : null });
  const url = `redis://127.0.0.1:${port}`;
  await waitUntilAnswering(url, child);
  return {
    url,
    port,
    dir,
    process: child,
    async stop() {
      await stopChild(child);
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A redis-server of the calling test file's own for the whole file, with one client on it. */
export function ownRedisServer(): { readonly server: RedisServerHandle; readonly redis: Redis } {
  const own = {} as { server: RedisServerHandle; redis: Redis };
  beforeAll(async () => {
    own.server = await startRedisServer();
    own.redis = new Redis(own.server.url, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    own.redis.disconnect();
    await own.server.stop();
  });
  return own;
}
