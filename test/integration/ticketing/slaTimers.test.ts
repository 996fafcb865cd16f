import type { RedisClient } from '../../../common/redisConnection';
import { askCustomer, changeStatus } from '../../../ticketing/domain/ticket';
import { deliveredReply } from '../../unit/ticketing/fixtures';
import { slaKeys } from '../../../ticketing/sla/dueSet';
import { sleep, slaTimersSuite, ticketDue, waitFor } from './slaFixtures';
import { nth } from '../../support/nth';

const suite = slaTimersSuite();
let redis: RedisClient;
beforeAll(() => {
  redis = suite.redis();
});

// How late events fire is measured by `npm run bench:ticketing` (sla.lateness); here: never early, once, marked.
test('warnings and breaches fire, never early, and reach the notifier with the ticket marked', async () => {
  const { service, notifier, timers } = suite.desk('timely');
  const t0 = Date.now();
  for (let i = 0; i < 10; i++) {
    await service.save(ticketDue(i + 1, { warningAtMs: t0 + 400 + i * 60, dueAtMs: t0 + 1000 + i * 60 }));
  }
  await timers().start();
  await waitFor(() => notifier.events.length === 20, '20 SLA events');

  for (const call of service.applied()) {
    const [id = '', kind] = call.member.split('|');
    const ticket = service.tickets.get(id)!;
    const due = Date.parse(kind === 'warning' ? ticket.sla.warningAt! : ticket.sla.dueAt!);
    expect(call.atMs).toBeGreaterThanOrEqual(due);
  }
  const breaches = notifier.events.filter((e) => e.kind === 'breach');
  expect(breaches).toHaveLength(10);
  for (const { ticket } of breaches) {
    expect(ticket.sla.breached).toBe(true);
    expect(ticket.history.map((h) => h.kind)).toEqual(expect.arrayContaining(['sla_warning', 'sla_breach']));
  }
});

test('two instances against one RedisClient apply each of 200 events exactly once', async () => {
  const { service, notifier, timers } = suite.desk('twice');
  const t0 = Date.now() + 300;
  for (let i = 0; i < 100; i++) {
    await service.save(ticketDue(i + 1, { warningAtMs: t0 + i * 7, dueAtMs: t0 + 700 + i * 7 }));
  }
  await Promise.all([timers().start(), timers().start()]);
  await waitFor(() => notifier.events.length >= 200, '200 SLA events');
  await sleep(300); // a duplicate would show up in this time

  const perMember = new Map<string, number>();
  for (const call of service.calls) perMember.set(call.member, (perMember.get(call.member) ?? 0) + 1);
  expect(perMember.size).toBe(200);
  expect([...perMember.values()].every((n) => n === 1)).toBe(true);
  expect(notifier.events).toHaveLength(200);
});

test('a ticket answered, paused or closed before its time gets no event, and a stale entry does nothing', async () => {
  const { prefix, service, notifier, timers } = suite.desk('stale');
  const t0 = Date.now();
  const times = { warningAtMs: t0 + 500, dueAtMs: t0 + 900 };
  for (let i = 1; i <= 4; i++) await service.save(ticketDue(i, times));
  const now = new Date();
  // Answered: the reply reached the customer.
  const answered = deliveredReply(
    changeStatus(service.tickets.get('SR-2026-000001')!, 'in_progress', 'agent:ola', now),
    'ola',
    'Looking at it',
    now,
  );
  const paused = askCustomer(service.tickets.get('SR-2026-000002')!, 'ola', 'Czy dotyczy to wszystkich?', now);
  const closed = changeStatus(
    changeStatus(changeStatus(service.tickets.get('SR-2026-000003')!, 'in_progress', 'agent:ola', now), 'resolved', 'agent:ola', now),
    'closed',
    'agent:ola',
    now,
  );
  for (const t of [answered, paused, closed]) await service.save(t);
  // An entry of an older SLA version, as a store bug or a hand edit might leave behind.
  await redis.zadd(slaKeys(prefix).due, t0 + 600, 'SR-2026-000004|breach|7');

  await timers().start();
  await waitFor(() => notifier.events.length === 2, 'the control ticket to warn and breach');
  await sleep(500);

  expect(notifier.events.map((e) => `${e.ticket.id} ${e.kind}`)).toEqual(['SR-2026-000004 warning', 'SR-2026-000004 breach']);
  for (const id of ['SR-2026-000001', 'SR-2026-000002', 'SR-2026-000003']) {
    expect(service.tickets.get(id)!.history.some((h) => h.kind === 'sla_warning' || h.kind === 'sla_breach')).toBe(false);
  }
});

test('an instance whose clock runs 5 s fast still never fires early', async () => {
  const { service, notifier, timers } = suite.desk('skew');
  const t0 = Date.now();
  for (let i = 1; i <= 5; i++) await service.save(ticketDue(i, { warningAtMs: t0 + 600 + i * 100, dueAtMs: t0 + 60 * 60_000 }));
  await timers({ clock: () => Date.now() + 5000 }).start();
  await waitFor(() => notifier.events.length === 5, 'the 5 warnings');
  for (const call of service.calls) {
    const due = Date.parse(service.tickets.get(nth(call.member.split('|'), 0))!.sla.warningAt!);
    expect(call.atMs).toBeGreaterThanOrEqual(due);
  }
});

test('a notifier that hangs does not hold up the next events', async () => {
  const { service, timers } = suite.desk('slow-notifier');
  const t0 = Date.now();
  for (let i = 1; i <= 3; i++) await service.save(ticketDue(i, { warningAtMs: t0 + 300 + i * 150, dueAtMs: t0 + 60 * 60_000 }));
  let release!: () => void;
  const hung = new Promise<void>((r) => (release = r));
  const notified: string[] = [];
  const instance = timers({
    concurrency: 1,
    notifier: {
      notify: async (e) => {
        notified.push(e.ticket.id);
        await hung;
      },
    },
  });
  await instance.start();

  // A warning is applied before its notifier is called: wait for both.
  await waitFor(() => service.applied().length === 3 && notified.length === 3, 'all three warnings notified despite the hung notifier');
  expect(notified).toEqual(['SR-2026-000001', 'SR-2026-000002', 'SR-2026-000003']);
  const stopping = instance.stop();
  release();
  await stopping;
});
