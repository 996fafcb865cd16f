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
 */
import { mkdirSync, writeFileSync } from 'fs';
import { AddressInfo } from 'net';
import { join } from 'path';
import Redis from 'ioredis';
import { silentLogger } from '../../../common/logger';
import { createServer } from '../../../bot/server';
import type { NewTicketInput } from '../../../ticketing/domain/ticket';
import { openTicket } from '../../../ticketing/domain/ticket';
import { formatTicketId } from '../../../ticketing/domain/ticketId';
import type { Category, Grade, Organisation, Ticket } from '../../../ticketing/domain/types';
import { registerTicketingRoutes, TokenRegistry } from '../../../ticketing/http';
import { TicketService } from '../../../ticketing/service/ticketService';
import { keys } from '../../../ticketing/store/keys';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import { startRedisServer } from '../../support/redisServer';
import { benchSlaLateness } from './slaLateness';

const CREATES = 10_000;
const API_CREATES = 2_000;
const PARALLEL = 32;
const QUEUED = 1_000_000;
const LOAD_BATCH = 1_000; // QUEUED is a multiple
const LOAD_BATCH_PARALLEL = 4;
const CLAIMS = 5_000;
const DAY = 86_400_000;

const org: Organisation = {
  id: 'bench-org', name: 'Bench', timeZone: 'Europe/Warsaw', contract: 'premier',
  administrators: [{ id: 'adm', name: 'Admin', email: 'admin@bench.example', chatIdentities: [] }],
};
const input = (i: number, grade: Grade = 'B', category: Category = 'technical'): NewTicketInput => ({
  orgId: org.id, adminId: 'adm', category, grade, title: `Exchange Online nie wysyła poczty ${i}`,
  description: 'Od rana użytkownicy nie mogą wysyłać wiadomości; odbiór działa.', affected: '20 users',
  contact: { email: 'admin@bench.example', preferred: 'email' },
});

type Row = { figure: string; value: number | string; unit: string; floor?: number | string; floorWhat?: string };
const rows: Row[] = [];
const extra: Record<string, unknown> = {};

async function main(): Promise<void> {
  const started = Date.now();
  const server = await startRedisServer();
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  try {
    await createRate(redis);
    await apiCreateRate(redis);
    await claimNextAtScale(redis);
    const sla = await benchSlaLateness(server.url);
    extra.slaLateness = sla;
    for (const [figure, value] of Object.entries(sla)) rows.push({ figure: `SLA lateness: ${figure}`, value, unit: '' });
  } finally {
    redis.disconnect();
    await server.stop();
  }
  extra.totalSeconds = Math.round((Date.now() - started) / 1000);
  print();
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ticketing.json'), `${JSON.stringify({ at: new Date().toISOString(), rows, extra }, null, 2)}\n`);
  console.log(`\nwritten to test/bench/results/ticketing.json (${extra.totalSeconds} s)`);
}

/** Runs `count` jobs with `parallel` in flight; returns operations per second. */
async function rate(count: number, parallel: number, job: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) await job(next++);
  }));
  return Math.round(count / (Number(process.hrtime.bigint() - t0) / 1e9));
}

async function createRate(redis: Redis): Promise<void> {
  const prefix = 'bench:create:';
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(org);
  const service = new TicketService({ redis, prefix, organisations });
  const perSecond = await rate(CREATES, PARALLEL, (i) => service.create(input(i), `key-${i}`));
  const sample = JSON.stringify((await service.get(formatTicketId(new Date().getUTCFullYear(), 1)))!);
  const floor = await rate(CREATES, PARALLEL, (i) => redis.hset(`bench:floor:${i}`, 'json', sample, 'rev', 1));
  rows.push({ figure: `tickets created / s, TicketService (${PARALLEL} in flight)`, value: perSecond, unit: '/s', floor, floorWhat: 'one HSET of the ticket JSON per ticket' });
}

async function apiCreateRate(redis: Redis): Promise<void> {
  const prefix = 'bench:api:';
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(org);
  const service = new TicketService({ redis, prefix, organisations });
  const token = 'bench-system-token-0123456789';
  const http = createServer({ logger: silentLogger });
  registerTicketingRoutes(http, { service, organisations, tokens: new TokenRegistry([{ token, role: 'system', id: 'bot' }], 'bench'), logger: silentLogger });
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
    rows.push({ figure: `tickets created / s, POST /api/tickets (${PARALLEL} in flight)`, value: perSecond, unit: '/s', floor, floorWhat: 'GET /healthz on the same server' });
  } finally {
    http.close();
  }
}

/** Loads QUEUED open tickets through the store's save script, then times claim-next on them. */
async function claimNextAtScale(redis: Redis): Promise<void> {
  const prefix = 'bench:queue:';
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(org);
  const service = new TicketService({ redis, prefix, organisations });
  const now = new Date();
  // One real ticket per grade and category, copied with new ids and deadlines spread over 3 days.
  const kinds: [Grade, Category][] = [['A', 'technical'], ['B', 'technical'], ['C', 'technical'], ['B', 'billing'], ['C', 'billing'], ['B', 'presales']];
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
    service.store.insertBatch(Array.from({ length: LOAD_BATCH }, (_, j) => copy(b * LOAD_BATCH + j))));
  const loadSeconds = (Date.now() - t0) / 1000;
  const perTicket = Math.round((await usedMemory(redis) - memoryBefore) / QUEUED);
  let recordBytes = 0;
  for (let i = 1; i <= 1000; i++) recordBytes += (await redis.memory('USAGE', keys.ticket(prefix, formatTicketId(2026, i)))) ?? 0;
  const queued = await Promise.all(['technical', 'billing', 'presales'].map((c) => redis.zcard(keys.queue(prefix, c))));
  extra.load = { tickets: QUEUED, seconds: loadSeconds, perSecond: Math.round(QUEUED / loadSeconds), queued };
  rows.push({ figure: `queued tickets loaded by the save script (pipelined)`, value: Math.round(QUEUED / loadSeconds), unit: '/s' });
  rows.push({ figure: 'Redis memory per open ticket (record + indexes + queue + SLA entries)', value: perTicket, unit: 'B', floor: Math.round(recordBytes / 1000), floorWhat: 'the ticket hash alone (MEMORY USAGE)' });

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
  const claimStats = stats(latencies);
  const floorStats = stats(floor);
  extra.claimNext = { queued: QUEUED, claims: CLAIMS, ...claimStats, floor: floorStats };
  rows.push({ figure: `claim-next p50, ${QUEUED.toLocaleString('en')} queued`, value: claimStats.p50, unit: 'ms', floor: floorStats.p50, floorWhat: 'ZPOPMIN on the queue' });
  rows.push({ figure: `claim-next p99, ${QUEUED.toLocaleString('en')} queued`, value: claimStats.p99, unit: 'ms', floor: floorStats.p99, floorWhat: 'ZPOPMIN on the queue' });
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

function stats(ms: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! * 1000) / 1000;
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
}

function print(): void {
  const table = rows.map((r) => ({
    figure: r.figure,
    value: `${r.value} ${r.unit}`.trim(),
    floor: r.floor === undefined ? '' : `${r.floor} ${r.unit}`.trim(),
    'floor is': r.floorWhat ?? '',
  }));
  console.table(table);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
