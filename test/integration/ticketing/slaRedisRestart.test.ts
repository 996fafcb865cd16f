import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { silentLogger } from '../../../common/logger';
import { redisOptions } from '../../../common/redisConnection';
import { slaKeys } from '../../../ticketing/sla/dueSet';
import { SlaTimers } from '../../../ticketing/sla/slaTimers';
import { freePort, RedisServerHandle, startRedisServer } from '../../support/redisServer';
import { MemoryTicketService, RecordingNotifier, sleep, ticketDue, waitFor } from './slaFixtures';
import { nth } from '../../support/nth';

const dir = mkdtempSync(join(tmpdir(), 'desk-sla-restart-'));
let server: RedisServerHandle;
let redis: Redis;
let timers: SlaTimers;

afterAll(async () => {
  await timers?.stop();
  redis?.disconnect();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('when Redis is killed and comes back, the timers reconnect and every event still fires once', async () => {
  const port = await freePort();
  server = await startRedisServer({ appendOnly: true, port, dir });
  redis = new Redis(server.url, redisOptions());
  redis.on('error', () => undefined); // expected while the server is down
  const prefix = 'desk:';
  const service = new MemoryTicketService(redis, slaKeys(prefix).due);
  const notifier = new RecordingNotifier();
  const t0 = Date.now();
  for (let i = 1; i <= 10; i++) await service.save(ticketDue(i, { warningAtMs: t0 + 2500 + i * 50, dueAtMs: t0 + 60 * 60_000 }));

  timers = new SlaTimers({ redisUrl: server.url, prefix, service, notifier, logger: silentLogger });
  await timers.start();
  await sleep(300);
  server.process.kill('SIGKILL');
  await new Promise((r) => server.process.once('exit', r));
  await sleep(700);
  server = await startRedisServer({ appendOnly: true, port, dir });

  await waitFor(() => notifier.events.length === 10, 'the 10 warnings after the restart');
  await sleep(300);
  expect(service.calls.map((c) => c.member).sort()).toEqual(
    notifier.events.map((e) => `${e.ticket.id}|warning|${e.ticket.sla.version}`).sort(),
  );
  for (const call of service.calls) {
    const due = Date.parse(service.tickets.get(nth(call.member.split('|'), 0))!.sla.warningAt!);
    expect(call.atMs - due).toBeGreaterThanOrEqual(0);
  }
});
