/**
 * `npm run bench:hostile`: how long GET /healthz waits while the service is attacked (issue 9,
 * H1 and H2). Starts its own redis-server and the real service (bot/main.ts) on loopback, then,
 * for each attack, probes /healthz every 50 ms while the attack runs and prints the probes'
 * p50/max beside an idle floor (the same probes with no attack). Bounded: each attack is a fixed
 * number of requests, each probe gives up after 60 s.
 *
 *   H1 a chat message of punctuation that ends in a letter (64,000 characters, 4 at once)
 *   H1 grade words glued after a Polish letter ("priorytetą" x 4,400, 4 at once)
 *   H2 gzip bombs (64 KB that inflate to 64 MB) on POST /api/messages, 40 at once
 */
import { gzipSync } from 'zlib';
import { startRedisServer } from '../support/redisServer';
import { startService } from '../support/serviceProcess';
import { latencyStats } from './support/stats';

async function probeWhile(url: string, attack: () => Promise<unknown>): Promise<{ ms: number[]; attackMs: number }> {
  const ms: number[] = [];
  let done = false;
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(60_000) }).then(
        (r) => r.arrayBuffer(),
        () => undefined,
      );
      ms.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const started = performance.now();
  await attack().catch(() => undefined);
  const attackMs = performance.now() - started;
  done = true;
  await probing;
  return { ms, attackMs };
}

function message(text: string, i: number) {
  return JSON.stringify({
    type: 'message',
    id: `m${i}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    locale: 'pl-PL',
    from: { id: `attacker-${i}` },
    conversation: { id: `bench-hostile-${i}-${Date.now()}` },
    recipient: { id: 'bot' },
    text,
  });
}

async function main(): Promise<void> {
  const redis = await startRedisServer();
  const service = await startService({ redisUrl: redis.url, prefix: 'bench:hostile:', env: { LOG_LEVEL: 'warn' } });
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(service.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(300_000),
    }).then((r) => r.arrayBuffer());
  const postBytes = (path: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string>) =>
    fetch(service.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(300_000),
    }).then((r) => r.arrayBuffer());
  const bomb = new Uint8Array(gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 }));
  const attacks: Array<[string, () => Promise<unknown>]> = [
    ['idle (floor)', () => new Promise((r) => setTimeout(r, 3_000))],
    [
      'H1 64k punctuation + letter, x4',
      () => Promise.all([0, 1, 2, 3].map((i) => post('/api/messages', message(`${'!?.,;:'.repeat(10_666)}x`, i)))),
    ],
    [
      'H1 "priorytetą" x4,400, x4',
      () => Promise.all([0, 1, 2, 3].map((i) => post('/api/messages', message('priorytetą'.repeat(4_400), i)))),
    ],
    [
      'H2 gzip bomb 64 KB -> 64 MB, x40',
      () => Promise.all(Array.from({ length: 40 }, () => postBytes('/api/messages', bomb, { 'content-encoding': 'gzip' }))),
    ],
  ];
  console.log(`service ${service.url}, bomb ${bomb.length} bytes`);
  console.log('attack | attack took (ms) | /healthz probes | p50 (ms) | max (ms)');
  for (const [name, attack] of attacks) {
    const { ms, attackMs } = await probeWhile(service.url, attack);
    const stats = latencyStats(ms);
    console.log(`${name} | ${Math.round(attackMs)} | ${ms.length} | ${stats.p50.toFixed(1)} | ${Math.max(...ms).toFixed(1)}`);
  }
  await service.kill();
  await redis.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
