/**
 * `npm run bench:cluster`: the ticket service on one Redis node and on a 3-master Redis Cluster
 * (test/support/redisCluster.ts), in one run, each started here without persistence:
 *
 *   - tickets created per second through the TicketService, 16 in flight, beside the raw floor:
 *     16 in flight of a pipelined HSET of the ticket JSON and a ZADD to an index (one hash tag);
 *   - SLA event lateness p50/p99 with two SlaTimers instances (slaLateness.ts), beside a bare
 *     setTimeout aimed at the same instants.
 *
 * The 1-minute load average is printed beside every figure: the machine is shared, and a figure
 * taken under load says so. Writes test/bench/results/topology.json. BENCH_QUICK=1 is a smoke run.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { loadavg } from 'os';
import { join } from 'path';
import { newRedisClient, type RedisClient } from '../../../common/redisConnection';
import { keyIn } from '../../../common/redisKeys';
import { TicketService } from '../../../ticketing/service/ticketService';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import { startRedisCluster } from '../../support/redisCluster';
import { startRedisServer } from '../../support/redisServer';
import { rate } from '../support/stats';
import { printTable, type BenchRow } from '../support/table';
import { input, org } from './run';
import { benchSlaLateness } from './slaLateness';

const QUICK = process.env.BENCH_QUICK === '1';
const CREATES = QUICK ? 300 : 1_000;
const IN_FLIGHT = 16;
/** Open tickets in the store while the SLA events are timed (their due entries 45-60 min away). */
const SLA_BACKGROUND = QUICK ? 500 : 5_000;

const load = () => `load ${loadavg()[0]!.toFixed(1)}`;

async function createRate(redis: RedisClient, name: string, id: string): Promise<BenchRow> {
  const prefix = `bench:topology:${id}:`;
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(org);
  const service = new TicketService({ redis, prefix, organisations });
  const perSecond = await rate(CREATES, IN_FLIGHT, (i) => service.create(input(i), `key-${i}`));
  const during = load();
  const { ticket } = await service.create(input(CREATES), 'sample');
  const json = JSON.stringify(ticket);
  const floorKey = keyIn(prefix, 'floor');
  const floor = await rate(CREATES, IN_FLIGHT, (i) =>
    redis.pipeline().hset(`${floorKey}ticket:${i}`, 'json', json, 'rev', 1).zadd(`${floorKey}all`, i, String(i)).exec(),
  );
  return {
    figure: `${name}: tickets created / s, TicketService (${IN_FLIGHT} in flight) [${during}]`,
    value: perSecond,
    unit: '/s',
    floor,
    floorWhat: `HSET of the ticket JSON + ZADD, pipelined, ${IN_FLIGHT} in flight [${load()}]`,
  };
}

async function slaRows(address: string, name: string): Promise<BenchRow[]> {
  const sla = await benchSlaLateness(address, SLA_BACKGROUND);
  const during = load();
  const applied =
    `${sla['sla.eventsApplied']} of ${sla['sla.measuredEvents']} events, ${sla['sla.openTickets']} open tickets, ` +
    `${sla['sla.dueBeforeAllStored']} due before all were stored`;
  return [
    {
      figure: `${name}: SLA event lateness p50 (${applied}) [${during}]`,
      value: sla['sla.lateness.p50.ms']!,
      unit: 'ms',
      floor: sla['sla.floor.setTimeout.p50.ms'],
      floorWhat: 'a bare setTimeout aimed at the same instants',
    },
    {
      figure: `${name}: SLA event lateness p99 [${during}]`,
      value: sla['sla.lateness.p99.ms']!,
      unit: 'ms',
      floor: sla['sla.floor.setTimeout.p99.ms'],
      floorWhat: 'a bare setTimeout aimed at the same instants',
    },
  ];
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadavg().map((l) => Math.round(l * 10) / 10);
  const [server, cluster] = await Promise.all([startRedisServer(), startRedisCluster(3)]);
  const rows: BenchRow[] = [];
  try {
    for (const [name, id, address] of [
      ['one node', 'node', server.url],
      ['3-master cluster', 'cluster', cluster.url],
    ] as const) {
      const redis = newRedisClient(address, { maxRetriesPerRequest: null });
      try {
        rows.push(await createRate(redis, name, id));
        console.log(rows.at(-1)!.figure, rows.at(-1)!.value);
      } finally {
        await redis.quit();
      }
      rows.push(...(await slaRows(address, name)));
      console.log(rows.at(-1)!.figure, rows.at(-1)!.value);
    }
  } finally {
    await Promise.all([server.stop(), cluster.stop()]);
  }
  printTable(rows);
  const extra = {
    loadAtStart,
    loadAtEnd: loadavg().map((l) => Math.round(l * 10) / 10),
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  console.log('load average at start / end:', extra.loadAtStart, extra.loadAtEnd);
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'topology.json'), `${JSON.stringify({ at: new Date().toISOString(), rows, extra }, null, 2)}\n`);
  console.log(`written to test/bench/results/topology.json (${extra.totalSeconds} s)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
