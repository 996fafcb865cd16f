import { cpus, loadavg, totalmem, platform, release } from 'os';
import type Redis from 'ioredis';

export interface MachineDescription {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  redis: string;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine shows here. */
  loadAverageAtStart: number[];
}

/** What the figures were measured on. */
export async function describeMachine(redis: Redis): Promise<MachineDescription> {
  const info = await redis.info('server');
  const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  const persistence = await redis.info('persistence');
  const aof = /aof_enabled:1/.test(persistence)
    ? `appendonly yes, appendfsync ${((await redis.config('GET', 'appendfsync')) as string[])[1]}`
    : 'no persistence';
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    redis: `${version} (${aof})`,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
