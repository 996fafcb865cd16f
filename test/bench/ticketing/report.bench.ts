/**
 * `npm run bench:report`: only the month's SLA report with 1,000,000 answered tickets in the
 * store (slaReport.ts), beside its floor, on a private redis-server without persistence (as
 * bench:ticketing runs it). `npm run bench:ticketing` measures the same figure after its other
 * ones; this runs it alone in a few minutes. REPORT_TICKETS=n (a multiple of 1,000) for a smaller store.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { loadavg } from 'os';
import { join } from 'path';
import Redis from 'ioredis';
import { startRedisServer } from '../../support/redisServer';
import { printTable } from '../support/table';
import { benchSlaReport } from './slaReport';

async function main(): Promise<void> {
  const tickets = Number(process.env.REPORT_TICKETS ?? 1_000_000);
  const started = Date.now();
  const server = await startRedisServer();
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  try {
    const loadBefore = loadavg().map((l) => Math.round(l * 10) / 10);
    const report = await benchSlaReport(redis, tickets);
    // Others' work on the machine skews every figure: the load is kept with it.
    const loadAverage = loadavg().map((l) => Math.round(l * 10) / 10);
    const n = tickets.toLocaleString('en');
    const rows = [
      {
        figure: `SLA report of a month p50, ${n} answered tickets`,
        value: report.report.p50,
        unit: 'ms',
        floor: report.floor.p50,
        floorWhat: `HGETALL of its 5 counter hashes (${report.fields} fields)`,
      },
      {
        figure: `SLA report of a month p99, ${n} answered tickets`,
        value: report.report.p99,
        unit: 'ms',
        floor: report.floor.p99,
        floorWhat: 'the same HGETALLs',
      },
      {
        figure: `SLA report of a month max, ${n} answered tickets`,
        value: report.report.max,
        unit: 'ms',
        floor: report.floor.max,
        floorWhat: 'the same HGETALLs',
      },
    ];
    printTable(rows);
    const totalSeconds = Math.round((Date.now() - started) / 1000);
    console.log(`load average before ${loadBefore.join(' ')}, after ${loadAverage.join(' ')}; ${totalSeconds} s`);
    const dir = join(__dirname, '..', 'results');
    mkdirSync(dir, { recursive: true });
    const at = new Date().toISOString();
    writeFileSync(
      join(dir, 'report.json'),
      `${JSON.stringify({ at, tickets, rows, report, loadBefore, loadAverage, totalSeconds }, null, 2)}\n`,
    );
    console.log('written to test/bench/results/report.json');
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

main().catch((err) => {
  console.error('benchmark failed:', err);
  process.exit(1);
});
