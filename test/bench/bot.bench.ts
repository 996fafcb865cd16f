/**
 * `npm run bench:bot`: the bot-turn part of `npm run bench` alone (botTurn.bench.ts): FAQ
 * questions posted over HTTP to the real service (bot/main.ts in a child process, on a private
 * redis-server run as production runs it) beside two floors on the same adapter and server: the
 * echo bot, and the echo bot with the product's state (its turns under the same conversation lock
 * and RedisStorage, on the same redis-server, under its own prefix). CPU per turn of each process,
 * and the ratios echo CPU / FAQ CPU (goal >= 80%) and echo-with-state CPU / FAQ CPU, with the
 * load average, which moves every figure on a shared machine.
 *
 * BENCH_QUICK=1 is a smoke run; BOT_CPU_PROFILE=<dir> writes the service's V8 CPU profile there
 * (node --cpu-prof) to see where a FAQ turn spends its time. BENCH_BOT_DISTINCT=1 makes (nearly) every
 * turn's text unique (the same questions, spaced differently), so no cache keyed by the message
 * is hit; its figures go to bot-distinct.json. BENCH_BOT_CONVERSATION_TURNS=<n> starts a new
 * conversation every n turns of each worker instead of one a round (a question that starts a dialog
 * then leaves at most n-1 questions at its prompt); its figures go to bot-conversations-<n>.json
 * (bot-distinct-conversations-<n>.json with BENCH_BOT_DISTINCT).
 */
import { mkdirSync, writeFileSync } from 'fs';
import { loadavg } from 'os';
import { join, resolve } from 'path';
import Redis from 'ioredis';
import { startRedisServer } from '../support/redisServer';
import { startService } from '../support/serviceProcess';
import { benchBotTurns, type BotTurnSizes } from './botTurn.bench';
import { startEchoBot } from './support/echoBot';
import { printTable } from './support/table';

const QUICK = process.env.BENCH_QUICK === '1';
const DISTINCT = process.env.BENCH_BOT_DISTINCT === '1';
const CONVERSATION_TURNS = process.env.BENCH_BOT_CONVERSATION_TURNS ? Number(process.env.BENCH_BOT_CONVERSATION_TURNS) : undefined;
if (CONVERSATION_TURNS !== undefined && !(Number.isInteger(CONVERSATION_TURNS) && CONVERSATION_TURNS > 0))
  throw new Error('BENCH_BOT_CONVERSATION_TURNS must be a whole number of turns, at least 1');
// The warm-up lets V8 finish optimising both processes: the service has far more code, and after
// 3 s its compiler still took a tenth of its CPU, a start-up cost counted as if every turn paid it.
const SIZES: BotTurnSizes = QUICK
  ? { concurrency: 8, durationMs: 4_000, rounds: 2, warmUpMs: 2_000, distinct: DISTINCT, conversationTurns: CONVERSATION_TURNS }
  : { concurrency: 8, durationMs: 20_000, rounds: 4, warmUpMs: 10_000, distinct: DISTINCT, conversationTurns: CONVERSATION_TURNS };
const PROFILE_DIR = process.env.BOT_CPU_PROFILE;

async function main(): Promise<void> {
  const load = () => loadavg().map((l) => Math.round(l * 10) / 10);
  const loadAtStart = load();
  const redisServer = await startRedisServer({ appendOnly: true });
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  try {
    await redis.config('SET', 'appendfsync', 'everysec');
    const nodeArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(PROFILE_DIR)}`] : [];
    const service = await startService({ redisUrl: redisServer.url, prefix: 'bench:bot:', nodeArgs });
    const echo = await startEchoBot();
    const echoWithState = await startEchoBot({ REDIS_URL: redisServer.url, REDIS_PREFIX: 'bench:echo:' });
    try {
      const turns = await benchBotTurns({ url: service.url, pid: service.child.pid! }, echo, SIZES, echoWithState);
      const loadAverage = { start: loadAtStart, end: load() };
      const rows = [
        ...turns.rows,
        {
          figure: 'load average (1/5/15 min) at start / end',
          value: `${loadAverage.start.join(' ')} / ${loadAverage.end.join(' ')}`,
          unit: '',
        },
      ];
      printTable(rows);
      const { rows: _rows, ...figures } = turns;
      const at = new Date().toISOString();
      const dir = join(__dirname, 'results');
      mkdirSync(dir, { recursive: true });
      const result = { at, quick: QUICK, sizes: SIZES, loadAverage, ...figures, rows };
      const file = `${DISTINCT ? 'bot-distinct' : 'bot'}${CONVERSATION_TURNS ? `-conversations-${CONVERSATION_TURNS}` : ''}.json`;
      writeFileSync(join(dir, file), `${JSON.stringify(result, null, 2)}\n`);
      console.log(`written to test/bench/results/${file}`);
    } finally {
      await echo.stop();
      await echoWithState.stop();
      await service.kill('SIGTERM');
    }
  } finally {
    redis.disconnect();
    await redisServer.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
