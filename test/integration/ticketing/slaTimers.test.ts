import type Redis from 'ioredis';
import { addAgentReply, changeStatus } from '../../../ticketing/domain/ticket';
import { DueSet, slaKeys } from '../../../ticketing/sla/dueSet';
import { createSlaQueue } from '../../../ticketing/sla/slaQueue';
import { SlaTimers, SlaTimersOptions } from '../../../ticketing/sla/slaTimers';
import { silentLogger } from '../../../common/logger';
import { Metrics } from '../../../common/metrics';
import { testRedis, testRedisUrl, uniquePrefix } from '../../support/redis';
import { MemoryTicketService, RecordingNotifier, sleep, ticketDue, waitFor } from './slaFixtures';

let redis: Redis;
const running: SlaTimers[] = [];

beforeAll(() => {
  redis = testRedis();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.stop()));
});
afterAll(async () => {
  await redis.quit();
});

function setup(name: string) {
  const prefix = uniquePrefix(`sla-${name}`);
  const service = new MemoryTicketService(redis, slaKeys(prefix).due);
  const notifier = new RecordingNotifier();
  const timers = (extra: Partial<SlaTimersOptions> = {}) => {
    const t = new SlaTimers({ redisUrl: testRedisUrl(), prefix, service, notifier, logger: silentLogger, ...extra });
    running.push(t);
    return t;
  };
  return { prefix, service, notifier, timers };
}

test('warnings and breaches fire within 2 s of their time, never early, and reach the notifier with the ticket marked', async () => {
  const { service, notifier, timers } = setup('timely');
  const t0 = Date.now();
  for (let i = 0; i < 10; i++) {
    await service.save(ticketDue(i + 1, { warningAtMs: t0 + 400 + i * 60, dueAtMs: t0 + 1000 + i * 60 }));
  }
  await timers().start();
  await waitFor(() => notifier.events.length === 20, 5000, '20 SLA events');

  for (const call of service.applied()) {
    const [id, kind] = call.member.split('|');
    const ticket = service.tickets.get(id)!;
    const due = Date.parse(kind === 'warning' ? ticket.sla.warningAt! : ticket.sla.dueAt!);
    expect(call.atMs).toBeGreaterThanOrEqual(due);
    expect(call.atMs - due).toBeLessThan(2000);
  }
  const breaches = notifier.events.filter((e) => e.kind === 'breach');
  expect(breaches).toHaveLength(10);
  for (const { ticket } of breaches) {
    expect(ticket.sla.breached).toBe(true);
    expect(ticket.history.map((h) => h.kind)).toEqual(expect.arrayContaining(['sla_warning', 'sla_breach']));
  }
});

test('two instances against one Redis apply each of 200 events exactly once', async () => {
  const { service, notifier, timers } = setup('twice');
  const t0 = Date.now() + 300;
  for (let i = 0; i < 100; i++) {
    await service.save(ticketDue(i + 1, { warningAtMs: t0 + i * 7, dueAtMs: t0 + 700 + i * 7 }));
  }
  await Promise.all([timers().start(), timers().start()]);
  await waitFor(() => notifier.events.length >= 200, 8000, '200 SLA events');
  await sleep(300); // a duplicate would show up in this time

  const perMember = new Map<string, number>();
  for (const call of service.calls) perMember.set(call.member, (perMember.get(call.member) ?? 0) + 1);
  expect(perMember.size).toBe(200);
  expect([...perMember.values()].every((n) => n === 1)).toBe(true);
  expect(notifier.events).toHaveLength(200);
});

test('a ticket answered, paused or closed before its time gets no event, and a stale entry does nothing', async () => {
  const { prefix, service, notifier, timers } = setup('stale');
  const t0 = Date.now();
  const times = { warningAtMs: t0 + 500, dueAtMs: t0 + 900 };
  for (let i = 1; i <= 4; i++) await service.save(ticketDue(i, times));
  const now = new Date();
  const answered = addAgentReply(changeStatus(service.tickets.get('SR-2026-000001')!, 'in_progress', 'agent:ola', now), 'ola', 'Looking at it', now);
  const paused = changeStatus(changeStatus(service.tickets.get('SR-2026-000002')!, 'in_progress', 'agent:ola', now), 'waiting_on_customer', 'agent:ola', now);
  const closed = changeStatus(changeStatus(changeStatus(service.tickets.get('SR-2026-000003')!, 'in_progress', 'agent:ola', now), 'resolved', 'agent:ola', now), 'closed', 'agent:ola', now);
  for (const t of [answered, paused, closed]) await service.save(t);
  // An entry of an older SLA version, as a store bug or a hand edit might leave behind.
  await redis.zadd(slaKeys(prefix).due, t0 + 600, 'SR-2026-000004|breach|7');

  await timers().start();
  await waitFor(() => notifier.events.length === 2, 4000, 'the control ticket to warn and breach');
  await sleep(500);

  expect(notifier.events.map((e) => `${e.ticket.id} ${e.kind}`)).toEqual(['SR-2026-000004 warning', 'SR-2026-000004 breach']);
  for (const id of ['SR-2026-000001', 'SR-2026-000002', 'SR-2026-000003']) {
    expect(service.tickets.get(id)!.history.some((h) => h.kind === 'sla_warning' || h.kind === 'sla_breach')).toBe(false);
  }
});

test('after the Bull queue and the due set are emptied by hand, start-up reconciliation rebuilds the timers and they fire', async () => {
  const { prefix, service, notifier, timers } = setup('reconcile');
  const t0 = Date.now();
  for (let i = 1; i <= 5; i++) await service.save(ticketDue(i, { warningAtMs: t0 + 800, dueAtMs: t0 + 1200 }));
  // Events already handed to Bull (as a sweeper would), then every SLA key wiped by hand.
  const dueSet = new DueSet(redis, prefix);
  const { claimed } = await dueSet.claim(t0 + 2000, 60_000, 100);
  const queue = createSlaQueue({ redisUrl: testRedisUrl(), prefix });
  await queue.enqueue(claimed);
  await dueSet.ack(claimed.map((e) => e.member));
  await queue.close();
  const slaKeysInRedis = await redis.keys(`${prefix}*`);
  expect(slaKeysInRedis.some((k) => k.includes('bull:sla'))).toBe(true);
  await redis.del(...slaKeysInRedis);
  // Plus an entry for a ticket that does not exist.
  await redis.zadd(slaKeys(prefix).due, t0 + 900, 'SR-2026-999999|breach|0');

  const report = await timers().start();
  expect(report).toEqual({ openTickets: 5, owed: 10, added: 10, removedStale: 1, releasedLeases: 0 });
  await waitFor(() => notifier.events.length === 10, 4000, 'the rebuilt events');
  expect(new Set(service.applied().map((c) => c.member)).size).toBe(10);
});

test('entries claimed by a sweeper that died before queueing them fire once after their lease expires', async () => {
  const { prefix, service, notifier, timers } = setup('lease');
  const t0 = Date.now();
  for (let i = 1; i <= 5; i++) await service.save(ticketDue(i, { warningAtMs: t0 + 100, dueAtMs: t0 + 60 * 60_000 }));
  // The dead instance claimed them with a 400 ms lease and never enqueued them.
  const { claimed } = await new DueSet(redis, prefix).claim(t0 + 200, 400, 100);
  expect(claimed).toHaveLength(5);

  const report = await timers({ releaseEveryMs: 200 }).start();
  expect(report.added).toBe(0); // in flight: not duplicated
  await waitFor(() => notifier.events.length === 5, 3000, 'the taken-back events');
  await sleep(300);
  expect(service.calls.map((c) => c.member).sort()).toEqual(claimed.map((e) => e.member).sort());
  expect(await redis.zcard(slaKeys(prefix).inflight)).toBe(0);
});

test('an event whose handler fails is retried and applied once', async () => {
  const { service, notifier, timers } = setup('retry');
  await service.save(ticketDue(1, { warningAtMs: Date.now() + 200, dueAtMs: Date.now() + 60 * 60_000 }));
  service.failNext = 2;
  await timers({ retryBackoffMs: 50 }).start();
  await waitFor(() => notifier.events.length === 1, 4000, 'the warning after two failures');
  expect(service.applied()).toHaveLength(1);
});

test('applied events, their lateness and the waiting timer entries show on /metrics', async () => {
  const { service, notifier, timers } = setup('metrics');
  const metrics = new Metrics();
  await service.save(ticketDue(1, { warningAtMs: Date.now() + 200, dueAtMs: Date.now() + 60 * 60_000 }));
  await timers({ metrics }).start();
  await waitFor(() => notifier.events.length === 1, 3000, 'the warning');

  const text = await metrics.render();
  expect(text).toContain('desk_sla_events_total{kind="warning",grade="A"} 1');
  expect(text).toContain('desk_sla_event_lateness_seconds_count{kind="warning"} 1');
  expect(text).toMatch(/desk_sla_event_lateness_seconds_bucket\{le="2",kind="warning"\} 1/);
  expect(text).toContain('desk_sla_timer_entries{state="due"} 1'); // the breach, an hour away
  expect(text).toContain('desk_sla_timer_entries{state="inflight"} 0');
});
