import type { RedisClient } from '../../../common/redisConnection';
import type { SlaEventKind, Ticket } from '../../../ticketing/domain/types';
import { TicketService } from '../../../ticketing/service/ticketService';
import { slaKeys } from '../../../ticketing/sla/dueSet';
import { SlaTimers } from '../../../ticketing/sla/slaTimers';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import { silentLogger } from '../../../common/logger';
import { Metrics } from '../../../common/metrics';
import { deleteKeys, keysMatching, testRedisUrl, uniquePrefix } from '../../support/redis';
import { premier, ticketInput } from '../../unit/ticketing/fixtures';
import { inconsistencies } from './serviceFixtures';
import { RecordingNotifier, sleep, slaTimersSuite, waitFor } from './slaFixtures';
import { nth } from '../../support/nth';
import { customerReceives } from '../../support/delivered';

const MINUTE = 60_000;
const suite = slaTimersSuite();
let redis: RedisClient;
beforeAll(() => {
  redis = suite.redis();
});

/**
 * Two "instances": each its own TicketService and SlaTimers on one Redis and prefix. Tickets are
 * opened with the clock set back, so their real grade A deadlines (warning at 45 min, breach
 * at 60 min) fall a moment from now.
 */
async function desk(name: string) {
  const prefix = uniquePrefix(`sla-service-${name}`);
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(premier());
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const applied: string[] = [];
  const notifier = new RecordingNotifier();
  const instances = [0, 1].map(
    () =>
      new TicketService({
        redis,
        prefix,
        clock,
        organisations,
        events: { onSlaEvent: (t: Ticket, kind: SlaEventKind) => applied.push(`${t.id} ${kind}`) },
      }),
  );
  const startTimers = (metrics?: Metrics) =>
    Promise.all(
      instances.map((service) => {
        return suite.track(new SlaTimers({ redisUrl: testRedisUrl(), prefix, service, notifier, logger: silentLogger, metrics })).start();
      }),
    );
  /** Opens a grade A ticket whose `kind` falls `inMs` from now. */
  const openDue = async (kind: SlaEventKind, inMs: number) => {
    offsetMs = inMs - (kind === 'warning' ? 45 : 60) * MINUTE;
    const { ticket } = await nth(instances, 0).create(ticketInput({ orgId: 'fabrikam', grade: 'A' }));
    offsetMs = 0;
    return ticket;
  };
  /** Opens a ticket of `grade` as if `agoMs` ago. */
  const openAgo = async (grade: 'A' | 'B' | 'C', agoMs: number) => {
    offsetMs = -agoMs;
    const { ticket } = await nth(instances, 0).create(ticketInput({ orgId: 'fabrikam', grade }));
    offsetMs = 0;
    return ticket;
  };
  return { prefix, service: nth(instances, 0), applied, notifier, startTimers, openDue, openAgo };
}

test('on two instances each warning and breach is applied once, never early, and the breached tickets lead their queue', async () => {
  const { prefix, service, applied, notifier, startTimers, openDue } = await desk('e2e');
  const warning: Ticket[] = [];
  const breach: Ticket[] = [];
  for (let i = 0; i < 20; i++) warning.push(await openDue('warning', 800 + i * 40));
  for (let i = 0; i < 20; i++) breach.push(await openDue('breach', 800 + i * 40));
  const answered = await openDue('breach', 800);
  await service.changeStatus(answered.id, 'in_progress', 'agent:ola');
  await service.reply(answered.id, 'ola', 'Już sprawdzamy.');
  await customerReceives(service, answered.id);
  const paused = await openDue('breach', 800);
  await service.askCustomer(paused.id, 'ola', 'Czy dotyczy to wszystkich skrzynek?');
  await customerReceives(service, paused.id);

  await startTimers();
  // 20 warnings, plus for the breach tickets their overdue warnings and their breaches.
  await waitFor(() => applied.length >= 60, '60 SLA events');
  await sleep(300);

  expect(applied.sort()).toEqual(
    [...warning.map((t) => `${t.id} warning`), ...breach.flatMap((t) => [`${t.id} breach`, `${t.id} warning`])].sort(),
  );
  for (const t of breach) {
    const stored = (await service.get(t.id))!;
    expect(stored.sla.breached).toBe(true);
    const breachedAt = Date.parse(stored.history.find((h) => h.kind === 'sla_breach')!.at);
    expect(breachedAt - Date.parse(t.sla.dueAt!)).toBeGreaterThanOrEqual(0);
  }
  for (const t of [answered, paused]) {
    expect((await service.get(t.id))!.history.some((h) => h.kind === 'sla_warning' || h.kind === 'sla_breach')).toBe(false);
  }
  const queue = await service.queue('technical', 100);
  const firstUnbreached = queue.findIndex((t) => !t.sla.breached);
  expect(firstUnbreached).toBe(20);
  expect(queue.slice(firstUnbreached).every((t) => !t.sla.breached)).toBe(true);
  expect(
    notifier.events
      .filter((e) => e.kind === 'breach')
      .map((e) => e.ticket.id)
      .sort(),
  ).toEqual(breach.map((t) => t.id).sort());
  expect(await inconsistencies(redis, prefix)).toEqual([]);
});

test('with the due set and the Bull queue wiped while no instance runs, start-up rebuilds every timer from the tickets', async () => {
  const { prefix, service, applied, startTimers, openDue } = await desk('wiped');
  const soon = [await openDue('warning', 1000), await openDue('warning', 1100)];
  const later = await openDue('breach', 30 * MINUTE);
  const closed = await openDue('warning', 650);
  await service.changeStatus(closed.id, 'in_progress', 'agent:ola');
  await service.changeStatus(closed.id, 'resolved', 'agent:ola');
  const wiped = [slaKeys(prefix).due, ...(await keysMatching(redis, `${prefix}{bull}:*`))];
  await deleteKeys(redis, wiped);
  expect(await redis.exists(slaKeys(prefix).due)).toBe(0);

  const reports = await startTimers();
  // Both instances start at once. Each reads the three open tickets, unless the other had already
  // rebuilt the due set when it looked (a slow start on a busy machine): then it only takes back
  // leases. Between them each owed entry is added exactly once.
  expect(reports.every((r) => r.openTickets === 3 || (r.skipped && r.openTickets === 0))).toBe(true);
  expect(reports.some((r) => r.openTickets === 3)).toBe(true);
  expect(nth(reports, 0).added + nth(reports, 1).added).toBe(6);
  await waitFor(() => applied.length === 2, 'the two rebuilt warnings');
  expect(applied.sort()).toEqual(soon.map((t) => `${t.id} warning`).sort());
  const due = await redis.zrange(slaKeys(prefix).due, 0, -1);
  const v = later.sla.version;
  expect(due.sort()).toEqual(
    [...soon.map((t) => `${t.id}|breach|${t.sla.version}`), `${later.id}|breach|${v}`, `${later.id}|warning|${v}`].sort(),
  );
  expect(await inconsistencies(redis, prefix)).toEqual([]);
});

test('a grade raised past its deadline breaches at once, counted as on time from the raise, never as a late timer', async () => {
  const { service, applied, startTimers, openAgo } = await desk('raised');
  const metrics = new Metrics();
  await startTimers(metrics);
  const ticket = await openAgo('C', 2 * 60 * MINUTE);
  const raised = await service.changeGrade(ticket.id, 'A', 'agent:ola', 'the outage spreads');
  expect(Date.parse(raised.sla.dueAt!)).toBeLessThan(Date.now()); // an hour after creation: already past
  await waitFor(() => applied.includes(`${ticket.id} breach`), 'the breach of the raised ticket');

  const stored = (await service.get(ticket.id))!;
  expect(stored.sla).toMatchObject({ breached: true, breachedAt: raised.sla.dueAt, outcome: { result: 'missed', grade: 'A' } });
  const text = await metrics.render();
  expect(text).toContain('desk_sla_event_lateness_seconds_count{kind="breach"} 1');
  // Lateness counts from the raise: far inside the largest bucket, where a 1 h "late" breach would not fit.
  expect(text).toMatch(/desk_sla_event_lateness_seconds_bucket\{le="30",kind="breach"\} 1/);
});

test('a ticket resolved unanswered and reopened after its deadline fires nothing: its outcome was recorded', async () => {
  const { service, applied, startTimers, openAgo } = await desk('reopened');
  const ticket = await openAgo('A', 2 * 60 * MINUTE);
  const unanswered = await openAgo('A', 20 * MINUTE);
  for (const t of [ticket, unanswered]) await service.changeStatus(t.id, 'in_progress', 'agent:ola');
  await service.changeStatus(ticket.id, 'resolved', 'agent:ola', 'the customer fixed it'); // (the deadline passed: a miss)
  await service.changeStatus(unanswered.id, 'resolved', 'agent:ola', 'duplicate');
  const control = await openAgo('A', 2 * 60 * MINUTE);
  for (const t of [ticket, unanswered]) await service.changeStatus(t.id, 'in_progress', 'agent:ola', 'the problem came back');
  await startTimers();
  await waitFor(() => applied.includes(`${control.id} breach`), 'the control ticket to breach');

  expect((await service.get(ticket.id))!.sla.outcome).toMatchObject({ result: 'missed', at: ticket.sla.dueAt });
  expect((await service.get(unanswered.id))!.sla.outcome).toMatchObject({ result: 'resolved_without_response' });
  expect(applied.filter((a) => !a.startsWith(control.id))).toEqual([]);
});
