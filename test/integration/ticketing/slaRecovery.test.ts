import type { RedisClient } from '../../../common/redisConnection';
import { Metrics } from '../../../common/metrics';
import { DueSet, slaKeys } from '../../../ticketing/sla/dueSet';
import { createSlaQueue } from '../../../ticketing/sla/slaQueue';
import { deleteKeys, keysMatching, testRedisUrl } from '../../support/redis';
import { sleep, slaTimersSuite, ticketDue, waitFor } from './slaFixtures';

const suite = slaTimersSuite();
let redis: RedisClient;
beforeAll(() => {
  redis = suite.redis();
});

test('after the Bull queue and the due set are emptied by hand, start-up reconciliation rebuilds the timers and they fire', async () => {
  const { prefix, service, notifier, timers } = suite.desk('reconcile');
  const t0 = Date.now();
  // Warnings and breaches all due: handed to Bull by a sweeper, but no worker ran them...
  for (let i = 1; i <= 5; i++) await service.save(ticketDue(i, { warningAtMs: t0 - 2000, dueAtMs: t0 - 1000 }));
  const dueSet = new DueSet(redis, prefix);
  const { claimed } = await dueSet.claim(Date.now(), 60_000, 100);
  expect(claimed).toHaveLength(10);
  const queue = createSlaQueue({ redisUrl: testRedisUrl(), prefix });
  await queue.enqueue(claimed);
  await dueSet.ack(claimed.map((e) => e.member));
  await queue.close();
  // ...and then every SLA key was wiped by hand.
  const slaKeysInRedis = await keysMatching(redis, `${prefix}*`);
  expect(slaKeysInRedis.some((k) => k.includes('{bull}:sla'))).toBe(true);
  await deleteKeys(redis, slaKeysInRedis);
  // Plus an entry for a ticket that does not exist.
  await redis.zadd(slaKeys(prefix).due, t0 + 60_000, 'SR-2026-999999|breach|0');

  const report = await timers().start();
  expect(report).toEqual({ openTickets: 5, owed: 10, added: 10, removedStale: 1, releasedLeases: 0 });
  await waitFor(() => notifier.events.length === 10, 'the rebuilt events');
  expect(new Set(service.applied().map((c) => c.member)).size).toBe(10);
});

test('entries claimed by a sweeper that died before queueing them fire once after their lease expires', async () => {
  const { prefix, service, notifier, timers } = suite.desk('lease');
  const t0 = Date.now();
  for (let i = 1; i <= 5; i++) await service.save(ticketDue(i, { warningAtMs: t0 - 100, dueAtMs: t0 + 60 * 60_000 }));
  // The dead instance claimed them with a 400 ms lease and never enqueued them.
  const { claimed } = await new DueSet(redis, prefix).claim(Date.now(), 400, 100);
  expect(claimed).toHaveLength(5);

  const report = await timers({ releaseEveryMs: 200 }).start();
  expect(report.added).toBe(0); // in flight: not duplicated
  await waitFor(() => notifier.events.length === 5, 'the taken-back events');
  await sleep(300);
  expect(service.calls.map((c) => c.member).sort()).toEqual(claimed.map((e) => e.member).sort());
  expect(await redis.zcard(slaKeys(prefix).inflight)).toBe(0);
});

test('an event whose handler fails is retried and applied once', async () => {
  const { service, notifier, timers } = suite.desk('retry');
  await service.save(ticketDue(1, { warningAtMs: Date.now() + 200, dueAtMs: Date.now() + 60 * 60_000 }));
  service.failNext = 2;
  await timers({ retryBackoffMs: 50 }).start();
  await waitFor(() => notifier.events.length === 1, 'the warning after two failures');
  expect(service.applied()).toHaveLength(1);
});

test('applied events, their lateness and the waiting timer entries show on /metrics', async () => {
  const { service, notifier, timers } = suite.desk('metrics');
  const metrics = new Metrics();
  await service.save(ticketDue(1, { warningAtMs: Date.now() + 200, dueAtMs: Date.now() + 60 * 60_000 }));
  const instance = timers({ metrics });
  await instance.start();
  await waitFor(() => notifier.events.length === 1, 'the warning');
  expect(instance.healthy()).toBe(true);

  const text = await metrics.render();
  expect(text).toContain('desk_sla_events_total{kind="warning",grade="A"} 1');
  expect(text).toContain('desk_sla_event_lateness_seconds_count{kind="warning"} 1');
  expect(text).toMatch(/desk_sla_event_lateness_seconds_bucket\{le="2",kind="warning"\} 1/);
  expect(text).toContain('desk_sla_timer_entries{state="due"} 1'); // the breach, an hour away
  expect(text).toContain('desk_sla_timer_entries{state="inflight"} 0');
  await instance.stop();
  expect(instance.healthy()).toBe(false);
});

test('stopping during reconciliation cuts it short, and the next start completes it', async () => {
  const { prefix, service, timers } = suite.desk('interrupted');
  const later = Date.now() + 60 * 60_000;
  // Tickets the due set knows nothing about (as after a wipe): reconciliation must add 2 entries each.
  for (let i = 1; i <= 5000; i++) {
    const t = ticketDue(i, { warningAtMs: later, dueAtMs: later + 15 * 60_000 });
    service.tickets.set(t.id, t);
  }
  const first = timers();
  const started = first.start();
  await first.stop();
  const cut = await started;
  expect(cut.interrupted).toBe(true);
  expect(cut.openTickets).toBeLessThan(5000);

  const report = await timers().start();
  expect(report).toEqual({ openTickets: 5000, owed: 10_000, added: 10_000 - cut.added, removedStale: 0, releasedLeases: 0 });
  expect(await redis.zcard(slaKeys(prefix).due)).toBe(10_000);
});

test('a later start takes back leases without reading the tickets again, until the due set is gone', async () => {
  const { prefix, service, timers } = suite.desk('restart');
  const later = Date.now() + 60 * 60_000;
  for (let i = 1; i <= 3; i++) await service.save(ticketDue(i, { warningAtMs: later, dueAtMs: later + 15 * 60_000 }));
  const first = timers();
  expect(await first.start()).toMatchObject({ openTickets: 3, owed: 6, added: 0 });
  await first.stop();

  const second = timers();
  expect(await second.start()).toEqual({ openTickets: 0, owed: 0, added: 0, removedStale: 0, releasedLeases: 0, skipped: true });
  await second.stop();

  // Emptied by hand: the next start rebuilds it from the tickets.
  await redis.del(slaKeys(prefix).due);
  expect(await timers().start()).toMatchObject({ openTickets: 3, owed: 6, added: 6 });
  expect(await redis.zcard(slaKeys(prefix).due)).toBe(6);
});

test('a job that never finishes does not hold shutdown, and stays in Redis to run again', async () => {
  const { prefix } = suite.desk('stuck');
  const queue = createSlaQueue({ redisUrl: testRedisUrl(), prefix });
  let started = false;
  void queue.queue.process(() => {
    started = true;
    return new Promise<void>(() => undefined); // a handler that never ends
  });
  await queue.enqueue([{ member: 'SR-2026-000001|breach|0', ticketId: 'SR-2026-000001', kind: 'breach', version: 0, dueAtMs: Date.now() }]);
  await waitFor(() => started, 'the handler to start');

  expect(await queue.close(300)).toBe(false);
  const active = await redis.lrange(`${prefix}{bull}:sla:active`, 0, -1);
  expect(active).toEqual(['SR-2026-000001|breach|0']);
});
