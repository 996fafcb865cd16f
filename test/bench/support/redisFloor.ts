import { spawnSync } from 'child_process';
import Redis from 'ioredis';
import { latencyStats, msSince, type LatencyStats } from './stats';

export interface RedisBenchmarkLine {
  test: string;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * The raw Redis floor from `redis-benchmark` (8 clients), or null when it is not on the PATH.
 * Its CSV: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms".
 */
export function redisBenchmark(port: number, requests: number): RedisBenchmarkLine[] | null {
  const run = spawnSync(
    'redis-benchmark',
    ['-h', '127.0.0.1', '-p', String(port), '-c', '8', '-n', String(requests), '--csv', '-t', 'ping,hset,zadd,zpopmin'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') return null;
  if (run.status !== 0) throw new Error(`redis-benchmark failed (${run.status ?? run.error?.message}): ${run.stderr}`);
  return run.stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cells = line.split(',').map((cell) => cell.replace(/"/g, ''));
      return { test: cells[0]!, perSecond: Number(cells[1]), p50: Number(cells[4]), p99: Number(cells[6]) };
    });
}

/** One ioredis client in this process, one command at a time: PING, and ZPOPMIN on a filled sorted set. */
export async function ioredisFloor(url: string, count: number): Promise<{ ping: LatencyStats; zpopmin: LatencyStats }> {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const key = 'bench:floor:zset';
  try {
    const ping: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = process.hrtime.bigint();
      await redis.ping();
      ping.push(msSince(t));
    }
    for (let i = 0; i < count; i += 1000) {
      await redis.zadd(key, ...Array.from({ length: 1000 }, (_, j) => [i + j, `member-${i + j}`]).flat());
    }
    const zpopmin: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = process.hrtime.bigint();
      await redis.zpopmin(key);
      zpopmin.push(msSince(t));
    }
    return { ping: latencyStats(ping), zpopmin: latencyStats(zpopmin) };
  } finally {
    await redis.del(key);
    await redis.quit();
  }
}
