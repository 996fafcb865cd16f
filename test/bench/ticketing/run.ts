/**
 * Ticketing benchmark: `npm run bench:ticketing`. Starts its own redis-server (no persistence, so
 * the figures are the code's, not the disk's), prints a table and writes
 * test/bench/results/ticketing.json. Every figure has a raw-Redis (or raw-HTTP) floor beside it:
 * the same number of round trips doing the least possible work.
 *
 *   - tickets created per second through the TicketService and through POST /api/tickets
 *   - claim-next p50/p99 with 1,000,000 queued tickets
 *   - Redis memory per open ticket (record, indexes, queue entry, SLA entries)
 *   - SLA event lateness with 100,000 open tickets (slaLateness.ts)
 *   - the month's SLA report with 1,000,000 answered tickets in the store (slaReport.ts)
 *
 * `npm run bench` runs the same figures through benchTicketing() on its own Redis.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { AddressInfo } from 'net';
import { loadavg } from 'os';
import { join } from 'path';
import Redis from 'ioredis';
import { silentLogger } from '../../../common/logger';
import { createServer } from '../../../bot/server';
import type { NewTicketInput } from '../../../ticketing/domain/ticket';
import { openTicket } from '../../../ticketing/domain/ticket';
import { formatTicketId } from '../../../ticketing/domain/ticketId';
import type { Category, Grade, Organisation, Ticket } from '../../../ticketing/domain/types';
import { AccessGate, registerTicketingRoutes, TokenRegistry } from '../../../ticketing/http';
import { TicketService } from '../../../ticketing/service/ticketService';
import { keys } from '../../../ticketing/store/keys';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import { startRedisServer } from '../../support/redisServer';
import { latencyStats, rate } from '../support/stats';
import { printTable, type BenchRow } from '../support/table';
import { benchSlaLateness } from './slaLateness';
import { benchSlaReport } from './slaReport';

export interface TicketingBenchSizes {
  creates: number;
  apiCreates: number;
  /** A multiple of LOAD_BATCH. */
  queued: number;
  claims: number;
  slaOpenTickets: number;
  /** A multiple of 1,000. */
  reportTickets: number;
}
export const FULL_SIZES: TicketingBenchSizes = {
  creates: 10_000,
  apiCreates: 2_000,
  queued: 1_000_000,
  claims: 5_000,
  slaOpenTickets: 100_000,
  reportTickets: 1_000_000,
};
/** BENCH_QUICK=1: a smoke run of every figure in seconds. */
export const QUICK_SIZES: TicketingBenchSizes = {
  creates: 500,
  apiCreates: 200,
  queued: 20_000,
  claims: 500,
  slaOpenTickets: 2_000,
  reportTickets: 20_000,
};

const PARALLEL = 32;
const LOAD_BATCH = 1_000;
const LOAD_BATCH_PARALLEL = 4;
const DAY = 86_400_000;

export const org: Organisation = {
  id: 'bench-org',
  name: 'Bench',
  timeZone: 'Europe/Warsaw',
  contract: 'premier',
  administrators: [{ id: 'adm', name: 'Admin', email: 'admin@bench.example', chatIdentities: [] }],
};
export const input = (i: number, grade: Grade = 'B', category: Category = 'technical'): NewTicketInput => ({
  orgId: org.id,
  adminId: 'adm',
  category,
  grade,
  title: `Exchange Online nie wysyła poczty ${i}`,
  description: 'Od rana użytkownicy nie mogą wysyłać wiadomości; odbiór działa.',
  affected: '20 users',
  contact: { email: 'admin@bench.example', preferred: 'email' },
});

export interface TicketingBenchResult {
  rows: BenchRow[];
  extra: Record<string, unknown>;
}

/** Every ticketing figure, measured on the Redis at `redisUrl` (under bench:* keys). */
export async function benchTicketing(redisUrl: string, sizes: TicketingBenchSizes = FULL_SIZES): Promise<TicketingBenchResult> {
  const result: TicketingBenchResult = { rows: [], extra: {} };
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    await createRate(redis, result, sizes);
    await apiCreateRate(redis, result, sizes);
    await claimNextAtScale(redis, result, sizes);
    await dropKeys(redis, 'bench:queue:*'); // the report's million tickets need the memory the queued ones held
    const report = await benchSlaReport(redis, sizes.reportTickets);
    result.extra.slaReport = { tickets: sizes.reportTickets, ...report };
    const n = sizes.reportTickets.toLocaleString('en');
    result.rows.push({
      figure: `SLA report of a month p50, ${n} answered tickets`,
      value: report.report.p50,
      unit: 'ms',
      floor: report.floor.p50,
      floorWhat: `HGETALL of its 5 counter hashes (${report.fields} fields)`,
    });
    result.rows.push({
      figure: `SLA report of a month p99, ${n} answered tickets`,
      value: report.report.p99,
      unit: 'ms',
      floor: report.floor.p99,
      floorWhat: 'the same HGETALLs',
    });
    const sla = await benchSlaLateness(redisUrl, sizes.slaOpenTickets);
    result.extra.slaLateness = sla;
    for (const [figure, value] of Object.entries(sla)) result.rows.push({ figure: `SLA lateness: ${figure}`, value, unit: '' });
  } finally {
    redis.disconnect();
  }
  return result;
}

async function main(): Promise<void> {
  const started = Date.now();
  const server = await startRedisServer();
  let result: TicketingBenchResult;
  try {
    result = await benchTicketing(server.url, process.env.BENCH_QUICK === '1' ? QUICK_SIZES : FULL_SIZES);
  } finally {
    await server.stop();
  }
  const { rows, extra } = result;
  extra.totalSeconds = Math.round((Date.now() - started) / 1000);
  extra.loadAverage = loadavg().map((l) => Math.round(l * 10) / 10); // others' work on the machine skews every figure
  printTable(rows);
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ticketing.json'), `${JSON.stringify({ at: new Date().toISOString(), rows, extra }, null, 2)}\n`);
  console.log(`\nwritten to test/bench/results/ticketing.json (${extra.totalSeconds} s)`);
}

async function createRate(redis: Redis, { rows }: TicketingBenchResult, { creates: CREATES }: TicketingBenchSizes): Promise<void> {
  const prefix = 'bench:create:';
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(org);
  const service = new TicketService({ redis, prefix, organisations });
  const perSecond = await rate(CREATES, PARALLEL, (i) => service.create(input(i), `key-${i}`));
  const sample = JSON.stringify((await service.get(formatTicketId(new Date().getUTCFullYear(), 1)))!);
  const floor = await rate(CREATES, PARALLEL, (i) => redis.hset(`bench:floor:${i}`, 'json', sample, 'rev', 1));
  rows.push({
    figure: `tickets created / s, TicketService (${PARALLEL} in flight)`,
    value: perSecond,
    unit: '/s',
    floor,
    floorWhat: 'one HSET of the ticket JSON per ticket',
  });
}

async function apiCreateRate(
  redis: Redis,
  { rows }: TicketingBenchResult,
  { apiCreates: API_CREATES }: TicketingBenchSizes,
): Promise<void> {
  const prefix = 'bench:api:';
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(org);
  const service = new TicketService({ redis, prefix, organisations });
  const token = 'bench-system-token-0123456789';
  const http = createServer({ logger: silentLogger });
  registerTicketingRoutes(http, {
    service,
    organisations,
    gate: new AccessGate({ tokens: new TokenRegistry([{ token, role: 'system', id: 'bot' }], 'bench'), redis, prefix }),
    logger: silentLogger,
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    const perSecond = await rate(API_CREATES, PARALLEL, async (i) => {
      const res = await fetch(`${base}/api/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `api-${i}` },
        body: JSON.stringify(input(i)),
      });
      if (res.status !== 201) throw new Error(`POST /api/tickets answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    });
    const floor = await rate(API_CREATES, PARALLEL, async () => (await fetch(`${base}/healthz`)).arrayBuffer());
    rows.push({
      figure: `tickets created / s, POST /api/tickets (${PARALLEL} in flight)`,
      value: perSecond,
      unit: '/s',
      floor,
      floorWhat: 'GET /healthz on the same server',
    });
  } finally {
    http.close();
  }
}

async function dropKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 10_000);
    cursor = next;
    if (found.length > 0) await redis.unlink(...found);
  } while (cursor !== '0');
}

/** Loads QUEUED open tickets through the store's save script, then times claim-next on them. */
async function claimNextAtScale(
  redis: Redis,
  { rows, extra }: TicketingBenchResult,
  { queued: QUEUED, claims: CLAIMS }: TicketingBenchSizes,
): Promise<void> {
  const prefix = 'bench:queue:';
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(org);
  const service = new TicketService({ redis, prefix, organisations });
  const now = new Date();
  // One real ticket per grade and category, copied with new ids and deadlines spread over 3 days.
  const kinds: [Grade, Category][] = [
    ['A', 'technical'],
    ['B', 'technical'],
    ['C', 'technical'],
    ['B', 'billing'],
    ['C', 'billing'],
    ['B', 'presales'],
  ];
  const templates = kinds.map(([grade, category], k) => openTicket(input(k, grade, category), org, formatTicketId(2026, 1), now));
  const copy = (i: number): Ticket => {
    const t = templates[i % templates.length]!;
    const shift = Math.floor(Math.random() * 3 * DAY);
    const moved = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso) + shift).toISOString());
    return { ...t, id: formatTicketId(2026, i + 1), sla: { ...t.sla, dueAt: moved(t.sla.dueAt), warningAt: moved(t.sla.warningAt) } };
  };

  const memoryBefore = await usedMemory(redis);
  const t0 = Date.now();
  // Batches in flight so that Redis runs one while the next is built.
  await rate(QUEUED / LOAD_BATCH, LOAD_BATCH_PARALLEL, (b) =>
    service.store.insertBatch(Array.from({ length: LOAD_BATCH }, (_, j) => copy(b * LOAD_BATCH + j))),
  );
  const loadSeconds = (Date.now() - t0) / 1000;
  const perTicket = Math.round(((await usedMemory(redis)) - memoryBefore) / QUEUED);
  let recordBytes = 0;
  for (let i = 1; i <= 1000; i++) recordBytes += (await redis.memory('USAGE', keys.ticket(prefix, formatTicketId(2026, i)))) ?? 0;
  const queued = await Promise.all(['technical', 'billing', 'presales'].map((c) => redis.zcard(keys.queue(prefix, c))));
  extra.load = { tickets: QUEUED, seconds: loadSeconds, perSecond: Math.round(QUEUED / loadSeconds), queued };
  rows.push({ figure: `queued tickets loaded by the save script (pipelined)`, value: Math.round(QUEUED / loadSeconds), unit: '/s' });
  rows.push({
    figure: 'Redis memory per open ticket (record + indexes + queue + SLA entries)',
    value: perTicket,
    unit: 'B',
    floor: Math.round(recordBytes / 1000),
    floorWhat: 'the ticket hash alone (MEMORY USAGE)',
  });

  const latencies: number[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const t = process.hrtime.bigint();
    const claimed = await service.claimNext(`agent-${i % 50}`, ['technical', 'billing']);
    latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (!claimed) throw new Error('the queue ran dry');
  }
  const floor: number[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const t = process.hrtime.bigint();
    await redis.zpopmin(keys.queue(prefix, 'technical'));
    floor.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const claimStats = latencyStats(latencies);
  const floorStats = latencyStats(floor);
  extra.claimNext = { queued: QUEUED, claims: CLAIMS, ...claimStats, floor: floorStats };
  rows.push({
    figure: `claim-next p50, ${QUEUED.toLocaleString('en')} queued`,
    value: claimStats.p50,
    unit: 'ms',
    floor: floorStats.p50,
    floorWhat: 'ZPOPMIN on the queue',
  });
  rows.push({
    figure: `claim-next p99, ${QUEUED.toLocaleString('en')} queued`,
    value: claimStats.p99,
    unit: 'ms',
    floor: floorStats.p99,
    floorWhat: 'ZPOPMIN on the queue',
  });
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
