/**
 * `npm run bench`: every benchmark of the product in one run, each figure beside its floor, on
 * one private redis-server configured as production runs it (appendonly yes, appendfsync
 * everysec, noeviction). Prints what it measured and on what, and writes
 * test/bench/results/bench-<time>.json and latest.json. BENCH_QUICK=1 is a smoke run of a minute.
 *
 *   1. the raw Redis floor (redis-benchmark when on the PATH, and a bare ioredis loop)
 *   2. the service (`bot/main.ts` in a child process) and an echo bot: bot turns, FAQ vs echo
 *   3. ticket creation through POST /api/tickets and through the bot's whole dialog
 *   4. the ticketing figures (bench:ticketing): claim-next at 1,000,000 queued, memory per open
 *      ticket, SLA lateness at 100,000 open tickets
 *   5. the knowledge base's answer latency in this process (bench:kb)
 *   6. web chats held at once over Direct Line WebSockets (bench:chats, at a smaller size)
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import Redis from 'ioredis';
import { startRedisServer } from '../support/redisServer';
import { startService } from '../support/serviceProcess';
import { benchBotTurns, type BotTurnSizes } from './botTurn.bench';
import { benchChats, type ChatsSizes } from './chats.bench';
import { benchKnowledge } from './kb.bench';
import { describeMachine } from './support/machine';
import { ioredisFloor, redisBenchmark } from './support/redisFloor';
import { startEchoBot } from './support/echoBot';
import { printTable, type BenchRow } from './support/table';
import { benchTicketCreation, type TicketCreationSizes } from './ticketCreation.bench';
import { benchTicketing, FULL_SIZES, QUICK_SIZES } from './ticketing/run';

const QUICK = process.env.BENCH_QUICK === '1';
const SIZES = QUICK
  ? {
      floorOps: 2_000,
      redisBenchmarkRequests: 10_000,
      bot: { concurrency: 8, durationMs: 4_000, rounds: 2, warmUpMs: 2_000 } satisfies BotTurnSizes,
      creation: { apiTickets: 100, dialogs: 8, concurrency: 8 } satisfies TicketCreationSizes,
      ticketing: QUICK_SIZES,
      kbQuestions: 300,
      chats: { chats: 50, seconds: 10, batch: 50, quietSeconds: 5 } satisfies ChatsSizes,
    }
  : {
      floorOps: 10_000,
      redisBenchmarkRequests: 50_000,
      bot: { concurrency: 8, durationMs: 20_000, rounds: 4, warmUpMs: 10_000 } satisfies BotTurnSizes,
      creation: { apiTickets: 1_000, dialogs: 80, concurrency: 8 } satisfies TicketCreationSizes,
      ticketing: FULL_SIZES,
      kbQuestions: 3_000,
      chats: { chats: 300, seconds: 30, batch: 50, quietSeconds: 10 } satisfies ChatsSizes,
    };

const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
const step = (what: string) => console.log(`[${elapsed()}] ${what}`);

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  const results: Record<string, unknown> = { quick: QUICK, sizes: SIZES };

  // Production's persistence: every write appended, fsync once a second (docs/architecture.md, Storage).
  const redisServer = await startRedisServer({ appendOnly: true });
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  try {
    await redis.config('SET', 'appendfsync', 'everysec');
    const machine = await describeMachine(redis);
    results.machine = machine;
    console.log('measured on:', machine);

    step('raw Redis floor');
    const benchmark = redisBenchmark(redisServer.port, SIZES.redisBenchmarkRequests);
    const bare = await ioredisFloor(redisServer.url, SIZES.floorOps);
    results.redisFloor = { redisBenchmark: benchmark ?? 'redis-benchmark is not on the PATH', ioredis: bare };
    for (const line of benchmark ?? []) {
      rows.push({
        figure: `floor: redis-benchmark ${line.test} (8 clients), p50 / p99`,
        value: `${line.perSecond} /s, ${line.p50} / ${line.p99}`,
        unit: 'ms',
      });
    }
    rows.push({ figure: 'floor: ioredis PING one at a time, p50 / p99', value: `${bare.ping.p50} / ${bare.ping.p99}`, unit: 'ms' });
    rows.push({
      figure: 'floor: ioredis ZPOPMIN one at a time, p50 / p99',
      value: `${bare.zpopmin.p50} / ${bare.zpopmin.p99}`,
      unit: 'ms',
    });

    step('starting the service (bot/main.ts) and the echo bot');
    const service = await startService({ redisUrl: redisServer.url, prefix: 'bench:svc:' });
    const echo = await startEchoBot();
    try {
      const pid = service.child.pid!;
      step(`bot turns: FAQ vs echo, ${SIZES.bot.concurrency} conversations, ${SIZES.bot.durationMs / 1000} s each`);
      const turns = await benchBotTurns({ url: service.url, pid }, echo, SIZES.bot);
      rows.push(...turns.rows);
      step('ticket creation: POST /api/tickets and the bot dialog');
      const creation = await benchTicketCreation(
        { url: service.url, pid, redisUrl: redisServer.url, prefix: 'bench:svc:' },
        SIZES.creation,
        turns.echo,
      );
      rows.push(...creation.rows);
      const { rows: _t, ...turnFigures } = turns;
      const { rows: _c, ...creationFigures } = creation;
      results.botTurns = turnFigures;
      results.ticketCreation = creationFigures;
    } finally {
      await echo.stop();
      await service.kill('SIGTERM');
    }

    step(
      `ticketing: create rate, ${SIZES.ticketing.queued.toLocaleString('en')} queued for claim-next, memory, SLA lateness at ${SIZES.ticketing.slaOpenTickets.toLocaleString('en')} open tickets`,
    );
    const ticketing = await benchTicketing(redisServer.url, SIZES.ticketing);
    rows.push(...ticketing.rows);
    results.ticketing = ticketing.extra;

    step(`knowledge base: answer latency over ${SIZES.kbQuestions.toLocaleString('en')} questions`);
    const kb = benchKnowledge(SIZES.kbQuestions);
    results.knowledge = kb;
    for (const line of kb) {
      rows.push({
        figure: `KB answer p50 / p99, ${line.base}, ${line.entries} entries (CPU)`,
        value: `${line.cpu.p50} / ${line.cpu.p99}`,
        unit: 'ms',
      });
      if (line.top1 !== undefined)
        rows.push({ figure: `KB top-1 entry, ${line.base}`, value: `${Math.round(line.top1 * 1000) / 10}%`, unit: '' });
    }

    step(`web chats: ${SIZES.chats.chats} held over Direct Line WebSockets for ${SIZES.chats.seconds} s (bench:chats has the full size)`);
    const chats = await benchChats(redisServer.url, SIZES.chats, step);
    rows.push(...chats.rows);
    results.chats = chats.figures;
  } finally {
    redis.disconnect();
    await redisServer.stop();
  }

  results.totalSeconds = Math.round((Date.now() - started) / 1000);
  console.log(`\nsupport desk benchmarks${QUICK ? ' (BENCH_QUICK: smoke sizes, not comparable)' : ''}, ${results.totalSeconds} s`);
  printTable(rows);
  const at = new Date().toISOString();
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify({ at, ...results, rows }, null, 2)}\n`;
  const file = `bench-${at.replace(/[:.]/g, '-')}.json`;
  writeFileSync(join(dir, file), json);
  writeFileSync(join(dir, 'latest.json'), json);
  console.log(`written to test/bench/results/${file} and latest.json`);
}

main().catch((err) => {
  console.error(`[${elapsed()}] benchmark failed:`, err);
  process.exit(1);
});
