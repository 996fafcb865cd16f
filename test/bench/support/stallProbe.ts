/**
 * How long a bystander waits on Redis while something else runs: a PING every 2 ms on its own
 * connection, from its own Node process (started as the service is, `node --import tsx`), so that
 * what it measures is Redis and the machine's scheduling of a process with nothing else to do, not
 * the event loop of the process doing the work (a probe inside the service's process waited for
 * the service's JSON parsing and HTTP handling, and called that a Redis stall).
 *
 *   const probe = await startStallProbe(url);
 *   const { worstMs } = await probe.during(() => work());
 *   await probe.stop();
 */
import { spawn } from 'child_process';
import { resolve } from 'path';
import { createInterface } from 'readline';
import Redis from 'ioredis';

export interface StallProbe {
  /** Runs `work` while the probe PINGs; the longest a PING took meanwhile, in ms (0.1 ms steps). */
  during<T>(work: () => Promise<T>): Promise<{ result: T; worstMs: number }>;
  stop(): Promise<void>;
}

export async function startStallProbe(redisUrl: string): Promise<StallProbe> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, redisUrl], {
    cwd: resolve(__dirname, '../../..'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const reply = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done) throw new Error('the stall probe exited');
    return line.value;
  };
  if ((await reply()) !== 'ready') throw new Error('the stall probe did not start');
  return {
    async during(work) {
      child.stdin!.write('start\n');
      await reply();
      let result;
      try {
        result = await work();
      } finally {
        child.stdin!.write('stop\n');
      }
      return { result, worstMs: Number(await reply()) };
    },
    async stop() {
      child.stdin!.end();
      await exited;
    },
  };
}

async function probe(url: string): Promise<void> {
  const redis = new Redis(url);
  await redis.ping();
  let probing: Promise<number> | undefined;
  let running = false;
  const loop = async () => {
    let worst = 0;
    while (running) {
      const t = process.hrtime.bigint();
      await redis.ping();
      worst = Math.max(worst, Number(process.hrtime.bigint() - t) / 1e6);
      await new Promise((r) => setTimeout(r, 2));
    }
    return worst;
  };
  console.log('ready');
  for await (const command of createInterface({ input: process.stdin })) {
    if (command === 'start') {
      running = true;
      probing = loop();
      console.log('started');
    } else if (command === 'stop' && probing) {
      running = false;
      console.log(Math.round((await probing) * 10) / 10);
    }
  }
  redis.disconnect();
}

if (require.main === module) {
  probe(process.argv[2]!).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
