/**
 * `npm run bench:chats`: many web chats held at once on one instance. The real service
 * (bot/main.ts in a child process, on a private redis-server) holds CHATS conversations, each
 * with its Direct Line WebSocket stream, each asking a FAQ question every 10 s (staggered over
 * the 10 s) for CHATS_SECONDS; figures: reply latency (POST to the bot's answer on that
 * conversation's stream) p50/p99, errors and timeouts, the service's RSS and V8 heap before, at
 * load and after every chat closed and a quiet period, and memory per conversation.
 *
 * Floors: the echo bot serves only /api/messages (no Direct Line), so the latency floor is the
 * echo bot's HTTP turn (expectReplies) at the same message rate, and the memory floor is what
 * a bare `ws` server process pays for the same number of idle WebSockets.
 *
 * CHATS (default 2000), CHATS_SECONDS (60), CHATS_BATCH (conversations opened at a time while
 * ramping up, 50), CHATS_QUIET_SECONDS (after closing, before the last reading, 30).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { loadavg } from 'os';
import { join } from 'path';
import { monitorEventLoopDelay } from 'perf_hooks';
import Redis from 'ioredis';
import WebSocket from 'ws';
import { startRedisServer } from '../support/redisServer';
import { startService, type ServiceProcess } from '../support/serviceProcess';
import { startBareSocketServer } from './support/bareSockets';
import { postTurn } from './support/botClient';
import { DirectLineChat } from './support/directLineChat';
import { startEchoBot } from './support/echoBot';
import { FAQ_QUESTIONS } from './support/faqQuestions';
import { heapAfterGc, INSPECT_ARGS } from './support/inspectorHeap';
import { cpuMsOf, rssOf, watchProcess } from './support/processStats';
import { latencyStats, type LatencyStats } from './support/stats';
import { printTable, type BenchRow } from './support/table';

export interface ChatsSizes {
  chats: number;
  seconds: number;
  batch: number;
  quietSeconds: number;
}

/** Each conversation asks once per period, as a customer reading the answers would. */
const ASK_EVERY_MS = 10_000;
/** An answer later than this is counted as a timeout, not a latency. */
const REPLY_TIMEOUT_MS = 10_000;

const MB = 2 ** 20;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
const kb = (bytes: number) => Math.round(bytes / 1024);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round2 = (x: number) => Math.round(x * 100) / 100;
const load = () => loadavg().map((l) => Math.round(l * 100) / 100);

/** A distinct customer address per conversation (the service trusts loopback as its proxy). */
const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

interface RoundResult {
  latency: LatencyStats | null;
  asked: number;
  answered: number;
  timeouts: number;
  errors: number;
  /** The first error other than a timeout. */
  firstError?: string;
}

/**
 * `count` conversations, the i-th asking at i/count of each 10 s period, for `seconds`; a
 * conversation waits for its answer (or the timeout) before its next turn, so slots it missed
 * are skipped rather than piled up.
 */
async function askOnSchedule(count: number, seconds: number, ask: (i: number, n: number) => Promise<number>): Promise<RoundResult> {
  const result: RoundResult = { latency: null, asked: 0, answered: 0, timeouts: 0, errors: 0 };
  const latencies: number[] = [];
  const t0 = Date.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const offset = (i / count) * ASK_EVERY_MS;
      for (let n = 0; ; n++) {
        let at = t0 + offset + n * ASK_EVERY_MS;
        while (at < Date.now()) at += ASK_EVERY_MS;
        if (at >= end) return;
        await sleep(at - Date.now());
        result.asked++;
        try {
          latencies.push(await ask(i, n));
          result.answered++;
        } catch (err) {
          const message = (err as Error).message;
          if (message.startsWith('timeout') || (err as Error).name === 'TimeoutError') result.timeouts++;
          else {
            result.errors++;
            result.firstError ??= message;
          }
        }
      }
    }),
  );
  if (latencies.length > 0) result.latency = latencyStats(latencies);
  return result;
}

interface Gauges {
  /** V8 heap in use after a full GC forced through the inspector: what is really kept. */
  heapUsedMb: number;
  sockets: number;
  /** Web chats the instance holds streams for (desk_webchat_streams): its only per-chat state. */
  streamingChats: number;
  rssMb: number;
  /** The shared store's memory: transcripts and tokens live there, not in the instance. */
  redisUsedMb: number;
}

/** What the service's own metrics say about its memory and open sockets. */
async function serviceGauges(service: ServiceProcess, redis: Redis): Promise<Gauges> {
  // After the GC, so each reading counts what is kept rather than garbage not yet collected.
  const { heapUsedMb } = await heapAfterGc(service.output());
  const rssMb = mb(rssOf(service.child.pid!));
  const { body } = await service.call('GET', '/metrics', { as: 'operator' });
  const redisMemory = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? NaN);
  const value = (pattern: RegExp) => Number(pattern.exec(String(body))?.[1] ?? NaN);
  return {
    sockets: value(/^desk_nodejs_active_handles\{type="Socket"\} (\S+)/m),
    streamingChats: value(/^desk_webchat_streams\{what="conversations"\} (\S+)/m),
    rssMb,
    heapUsedMb,
    redisUsedMb: mb(redisMemory),
  };
}

/**
 * Waits until the service has used under 5% of a core for 2 s (its queued turns done), at most
 * 120 s; returns how long that took.
 */
async function untilIdle(pid: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < 120_000) {
    const cpu = cpuMsOf(pid);
    await sleep(2000);
    if (cpuMsOf(pid) - cpu < 100) break;
  }
  return Math.round((Date.now() - start) / 1000);
}

/** Opens `count` chats, `batch` at a time; stops at the first batch that fails and keeps what held. */
async function openChats(url: string, count: number, batch: number): Promise<{ chats: DirectLineChat[]; failure?: string }> {
  const chats: DirectLineChat[] = [];
  for (let from = 0; from < count; from += batch) {
    const opened = await Promise.allSettled(
      Array.from({ length: Math.min(batch, count - from) }, (_, k) => DirectLineChat.open(url, addressOf(from + k))),
    );
    for (const o of opened) if (o.status === 'fulfilled') chats.push(o.value);
    const refused = opened.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (refused) return { chats, failure: `after ${chats.length} chats: ${(refused.reason as Error).message}` };
  }
  return { chats };
}

/** The memory floor: a bare ws server's RSS growth for `count` idle sockets, per socket. */
async function bareSocketFloor(count: number, batch: number): Promise<{ beforeMb: number; atLoadMb: number; perSocketKb: number }> {
  const server = await startBareSocketServer();
  const sockets: WebSocket[] = [];
  try {
    await sleep(1000);
    const before = rssOf(server.pid);
    for (let from = 0; from < count; from += batch) {
      const opened = Array.from({ length: Math.min(batch, count - from) }, () => new WebSocket(server.url));
      await Promise.all(opened.map((s) => new Promise((resolve, reject) => s.once('open', resolve).once('error', reject))));
      sockets.push(...opened);
    }
    await sleep(3000);
    const atLoad = rssOf(server.pid);
    return { beforeMb: mb(before), atLoadMb: mb(atLoad), perSocketKb: kb((atLoad - before) / count) };
  } finally {
    for (const s of sockets) s.terminate();
    await server.stop();
  }
}

export interface ChatsResult {
  rows: BenchRow[];
  figures: Record<string, unknown>;
}

export async function benchChats(redisUrl: string, sizes: ChatsSizes, log: (what: string) => void = console.log): Promise<ChatsResult> {
  const service = await startService({
    redisUrl,
    prefix: 'bench:chats:',
    // Each chat is its own customer for the per-client limits, as behind the production proxy.
    env: { TRUSTED_PROXIES: '127.0.0.1', LOG_LEVEL: 'warn' },
    nodeArgs: INSPECT_ARGS,
  });
  const pid = service.child.pid!;
  const openFiles = (who: string) => Number(/Max open files\s+(\d+)/.exec(readFileSync(`/proc/${who}/limits`, 'utf8'))?.[1]);
  const limits = { service: openFiles(String(pid)), bench: openFiles('self') };
  // Each chat is a socket at both ends (plus keep-alive HTTP connections): say so before the ramp breaks on it.
  if (Math.min(limits.service, limits.bench) < sizes.chats + 500)
    log(`warning: open files are limited to ${JSON.stringify(limits)}; raise them with ulimit -n before asking for ${sizes.chats} chats`);
  const figures: Record<string, unknown> = { sizes, maxOpenFiles: limits };
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    // One chat asks every question first, so the code paths and the knowledge base's word-keyed
    // caches are warm before "before" is read: what grows after that grows with the chats.
    const warm = await DirectLineChat.open(service.url, '192.0.2.1');
    for (const question of FAQ_QUESTIONS) await warm.ask(question, REPLY_TIMEOUT_MS);
    await warm.close();
    await sleep(2000);
    const before = await serviceGauges(service, redis);

    log(`opening ${sizes.chats} web chats, ${sizes.batch} at a time`);
    const rampStart = Date.now();
    const { chats, failure } = await openChats(service.url, sizes.chats, sizes.batch);
    figures.rampSeconds = Math.round((Date.now() - rampStart) / 100) / 10;
    figures.opened = chats.length;
    if (failure) figures.openFailure = failure;
    log(`${chats.length} chats open in ${figures.rampSeconds} s${failure ? ` (stopped: ${failure})` : ''}; asking for ${sizes.seconds} s`);

    const watch = watchProcess(pid, 1000);
    const lag = monitorEventLoopDelay();
    lag.enable();
    const roundStart = Date.now();
    const round = await askOnSchedule(chats.length, sizes.seconds, (i, n) =>
      chats[i]!.ask(FAQ_QUESTIONS[(i * 7 + n) % FAQ_QUESTIONS.length]!, REPLY_TIMEOUT_MS),
    );
    const held = watch.stop();
    lag.disable();
    const roundSeconds = (Date.now() - roundStart) / 1000;
    const clientLagP99Ms = Math.round(lag.percentile(99) / 1e6);
    const atLoad = await serviceGauges(service, redis);
    const stillOpen = chats.filter((c) => c.socket.readyState === WebSocket.OPEN).length;

    log(`closing the chats; quiet for ${sizes.quietSeconds} s`);
    await Promise.all(chats.map((c) => c.close()));
    figures.drainSeconds = await untilIdle(pid);
    await sleep(sizes.quietSeconds * 1000);
    const after = await serviceGauges(service, redis);
    const cpu = {
      msPerQuestion: Math.round(held.cpuMs / Math.max(1, round.asked)),
      msPerAnswer: Math.round(held.cpuMs / Math.max(1, round.answered)),
      coresUsed: round2(held.cpuMs / 1000 / roundSeconds),
    };
    Object.assign(figures, { round, clientLagP99Ms, stillOpenAtEnd: stillOpen, service: { before, atLoad, after, underLoad: held, cpu } });

    log(`floor: echo bot HTTP turns at the same rate (${chats.length} conversations every 10 s)`);
    const echo = await startEchoBot();
    let echoRound: RoundResult;
    try {
      const peer = (i: number) => ({ channelId: 'emulator', from: { id: `bench-chat-${i}`, name: 'Klient' } });
      echoRound = await askOnSchedule(chats.length, sizes.seconds, async (i, n) => {
        const turn = await postTurn(echo.url, `bench-echo-${i}`, peer(i), { text: FAQ_QUESTIONS[(i * 7 + n) % FAQ_QUESTIONS.length]! });
        return turn.ms;
      });
    } finally {
      await echo.stop();
    }
    log(`floor: ${chats.length} idle WebSockets on a bare ws server`);
    const bare = await bareSocketFloor(chats.length, sizes.batch);
    figures.floors = { echoHttpTurns: echoRound, bareWebSockets: bare };

    const n = chats.length;
    const perChatKb = kb(((atLoad.rssMb - before.rssMb) * MB) / n);
    const heapPerChatKb = kb(((atLoad.heapUsedMb - before.heapUsedMb) * MB) / n);
    figures.memoryPerConversationKb = { rss: perChatKb, heap: heapPerChatKb };
    const echoFloor = 'echo bot, HTTP expectReplies turn, same rate';
    const lat = (r: RoundResult) => (r.latency ? `${Math.round(r.latency.p50)} / ${Math.round(r.latency.p99)}` : 'none');
    const rows: BenchRow[] = [
      {
        figure: `web chats held / asked (${sizes.chats} asked for)`,
        value: `${n}${failure ? ' (ramp stopped)' : ''}, ${stillOpen} streams open at the end`,
        unit: '',
      },
      {
        figure: `reply latency p50 / p99, POST -> answer on the stream (${round.answered} answers)`,
        value: lat(round),
        unit: 'ms',
        floor: lat(echoRound),
        floorWhat: echoFloor,
      },
      {
        figure: `timeouts (> ${REPLY_TIMEOUT_MS / 1000} s) / errors of ${round.asked} questions${round.firstError ? ` (first error: ${round.firstError.slice(0, 80)})` : ''}`,
        value: `${round.timeouts} / ${round.errors}`,
        unit: '',
        floor: `${echoRound.timeouts} / ${echoRound.errors}`,
        floorWhat: echoFloor,
      },
      {
        figure: 'service RSS after a forced GC: before / at load (mean, peak while asking) / after closing and quiet',
        value: `${before.rssMb} / ${atLoad.rssMb} (${held.meanRssMb}, ${held.peakRssMb}) / ${after.rssMb}`,
        unit: 'MB',
        floor: `${bare.beforeMb} / ${bare.atLoadMb} / -`,
        floorWhat: `bare ws server, ${n} idle sockets`,
      },
      {
        figure: 'memory per conversation, RSS after GC (at load - before) / N',
        value: perChatKb,
        unit: 'KB',
        floor: bare.perSocketKb,
        floorWhat: 'bare ws server, per idle socket',
      },
      {
        figure: 'service V8 heap used after a forced full GC: before / at load / after quiet',
        value: `${before.heapUsedMb} / ${atLoad.heapUsedMb} / ${after.heapUsedMb}`,
        unit: 'MB',
      },
      {
        figure: 'V8 heap per conversation after GC, (at load - before) / N',
        value: heapPerChatKb,
        unit: 'KB',
      },
      {
        figure: 'V8 heap still held per conversation after closing and quiet, (after - before) / N',
        value: kb(((after.heapUsedMb - before.heapUsedMb) * MB) / n),
        unit: 'KB',
        floor: 0,
        floorWhat: 'nothing kept per conversation',
      },
      {
        figure: 'service CPU per question asked / per answer in time / cores used during the period',
        value: `${cpu.msPerQuestion} ms / ${cpu.msPerAnswer} ms / ${cpu.coresUsed}`,
        unit: '',
      },
      {
        figure: 'bench client event-loop delay p99 (its own share of the latency)',
        value: clientLagP99Ms,
        unit: 'ms',
      },
      {
        figure: 'web chats the service holds streams for (desk_webchat_streams) before / at load / after quiet',
        value: `${before.streamingChats} / ${atLoad.streamingChats} / ${after.streamingChats}`,
        unit: '',
        floor: 0,
        floorWhat: 'after: nothing kept per chat',
      },
      {
        figure: 'service open sockets (its metrics) before / at load / after quiet',
        value: `${before.sockets} / ${atLoad.sockets} / ${after.sockets}`,
        unit: '',
      },
      {
        figure: 'Redis used memory before / at load / after (transcripts, tokens: kept there)',
        value: `${before.redisUsedMb} / ${atLoad.redisUsedMb} / ${after.redisUsedMb}`,
        unit: 'MB',
      },
    ];
    return { rows, figures };
  } finally {
    redis.disconnect();
    await service.kill('SIGTERM');
  }
}

function sizesFromEnv(): ChatsSizes {
  const whole = (name: string, fallback: number) => {
    const value = Number(process.env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1`);
    return value;
  };
  return {
    chats: whole('CHATS', 2000),
    seconds: whole('CHATS_SECONDS', 60),
    batch: whole('CHATS_BATCH', 50),
    quietSeconds: whole('CHATS_QUIET_SECONDS', 30),
  };
}

async function main(): Promise<void> {
  const sizes = sizesFromEnv();
  const loadAtStart = load();
  const redisServer = await startRedisServer({ appendOnly: true });
  try {
    // Production's persistence: every write appended, fsync once a second.
    const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
    await redis.config('SET', 'appendfsync', 'everysec');
    redis.disconnect();
    const { rows, figures } = await benchChats(redisServer.url, sizes);
    const loadAtEnd = load();
    rows.push({ figure: 'load average (1, 5, 15 min) at start / end, 2 shared cores', value: `${loadAtStart} / ${loadAtEnd}`, unit: '' });
    printTable(rows);
    const dir = join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const result = { at: new Date().toISOString(), loadAverage: { start: loadAtStart, end: loadAtEnd }, ...figures, rows };
    writeFileSync(join(dir, 'chats.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log('written to test/bench/results/chats.json');
  } finally {
    await redisServer.stop();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
