import { startRedisServer } from '../support/redisServer';

/**
 * Runs an evaluation command over the set files named on its command line, on a redis-server of
 * its own (TEST_REDIS_URL, read by deskWorld) unless `withRedis` is false (an evaluation of pure
 * code): `evaluate` gets each set's path and whether --misses was asked for, and prints its
 * report. Exits 2 with the usage when no set is named, 1 with the error on a failure.
 */
export function runEvalCommand(usage: string, evaluate: (path: string, showMisses: boolean) => Promise<void>, withRedis = true): void {
  const main = async () => {
    const args = process.argv.slice(2);
    const showMisses = args.includes('--misses');
    const paths = args.filter((a) => !a.startsWith('--'));
    if (paths.length === 0) {
      process.stderr.write(`usage: ${usage}\n`);
      process.exit(2);
    }
    const redis = withRedis ? await startRedisServer() : null;
    if (redis) process.env.TEST_REDIS_URL = redis.url;
    try {
      for (const path of paths) await evaluate(path, showMisses);
    } finally {
      await redis?.stop();
    }
  };
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
