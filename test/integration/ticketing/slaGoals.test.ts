import type { RedisClient } from '../../../common/redisConnection';
import { silentLogger } from '../../../common/logger';
import type { SlaPolicyDocument } from '../../../ticketing/domain/slaPolicy';
import { TicketService } from '../../../ticketing/service/ticketService';
import { SlaTimers } from '../../../ticketing/sla/slaTimers';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import { nth } from '../../support/nth';
import { testRedisUrl, uniquePrefix } from '../../support/redis';
import { premier, ticketInput } from '../../unit/ticketing/fixtures';
import { customerReceives } from '../../support/delivered';
import { inconsistencies } from './serviceFixtures';
import { RecordingNotifier, sleep, slaTimersSuite, waitFor } from './slaFixtures';

const MINUTE = 60_000;
const suite = slaTimersSuite();
let redis: RedisClient;
beforeAll(() => {
  redis = suite.redis();
});

/** 24x7 in real time: first response 1 h, next response 1 h, resolution 2 h. */
const POLICY: SlaPolicyDocument = {
  calendars: { always: { realTime: true } },
  rules: [{ calendar: 'always', targets: { first_response: { hours: 1 }, next_response: { hours: 1 }, resolution: { hours: 2 } } }],
};

/**
 * Two "instances" (each its own TicketService and SlaTimers) on one Redis and prefix, under
 * POLICY. The shared clock is set back while the test acts, so real deadlines fall a moment
 * from now.
 */
async function desk(name: string) {
  const prefix = uniquePrefix(`sla-goals-${name}`);
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(premier());
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const timerNotifier = new RecordingNotifier();
  const changeNotifier = new RecordingNotifier();
  const instances = [0, 1].map(() => new TicketService({ redis, prefix, clock, organisations, escalations: changeNotifier }));
  await nth(instances, 0).policies.add(POLICY, 'operator:test');
  const startTimers = () =>
    Promise.all(
      instances.map((service) =>
        suite.track(new SlaTimers({ redisUrl: testRedisUrl(), prefix, service, notifier: timerNotifier, logger: silentLogger })).start(),
      ),
    );
  /** Runs `act` as if `agoMs` ago. */
  const asIfAgo = async <T>(agoMs: number, act: () => Promise<T>): Promise<T> => {
    offsetMs = -agoMs;
    try {
      return await act();
    } finally {
      offsetMs = 0;
    }
  };
  const escalations = (notifier: RecordingNotifier) => notifier.events.map((e) => `${e.ticket.id} ${e.goal} ${e.kind}`).sort();
  return { prefix, service: nth(instances, 0), other: nth(instances, 1), startTimers, asIfAgo, timerNotifier, changeNotifier, escalations };
}

/** How long the set-up below may take before the first deadline falls. */
const SETUP_MS = 30_000;

test('next-response and resolution goals warn and breach once each across two instances, recorded as facts', async () => {
  const { prefix, service, other, startTimers, asIfAgo, timerNotifier, changeNotifier, escalations } = await desk('e2e');
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    // Opened nearly 2 h ago and answered at once: the resolution deadline falls in half a minute,
    // after this set-up is done even on a busy machine (a change after a deadline records the miss itself).
    const id = await asIfAgo(120 * MINUTE - SETUP_MS - i * 50, async () => {
      const { ticket } = await service.create(ticketInput({ orgId: 'fabrikam', grade: 'B' }));
      await service.reply(ticket.id, 'ola', 'Sprawdzamy.');
      await customerReceives(service, ticket.id);
      return ticket.id;
    });
    // The customer wrote nearly an hour ago: the next response falls due in a moment too.
    await asIfAgo(60 * MINUTE - SETUP_MS + 500 - i * 50, () => other.customerMessage(id, 'adm-1', 'Nadal nie działa.'));
    ids.push(id);
  }
  const waiting = await asIfAgo(120 * MINUTE - 1500, async () => {
    const { ticket } = await service.create(ticketInput({ orgId: 'fabrikam', grade: 'B' }));
    await service.askCustomer(ticket.id, 'ola', 'Czy problem dotyczy wszystkich użytkowników?');
    return ticket.id;
  });
  expect((await service.get(waiting))!.resolution).toMatchObject({ dueAt: null }); // paused: no deadline while waiting

  await startTimers();
  const owed = ids.flatMap((id) => ['next_response', 'resolution'].flatMap((goal) => [`${id} ${goal} breach`, `${id} ${goal} warning`]));
  await waitFor(() => timerNotifier.events.length >= owed.length, `${owed.length} goal events`);
  await sleep(500);
  expect(escalations(timerNotifier)).toEqual(owed.sort());
  expect(changeNotifier.events).toEqual([]);

  for (const id of ids) {
    const ticket = (await service.get(id))!;
    expect(
      ticket.history
        .filter((h) => h.kind === 'sla_breach')
        .map((h) => h.goal)
        .sort(),
    ).toEqual(['next_response', 'resolution']);
    expect(ticket.resolution!.outcome).toMatchObject({ result: 'missed', grade: 'B' });
    expect(ticket.nextResponse!.clock!.outcome).toMatchObject({ result: 'missed' });
  }
  // A reply later and a resolve keep the misses; the next customer message starts a new clock, met by the reply after it.
  const first = nth(ids, 0);
  await service.reply(first, 'ola', 'Przepraszamy za zwłokę.');
  await service.customerMessage(first, 'adm-1', 'Dziękuję, a co z drugą skrzynką?');
  await service.reply(first, 'ewa', 'Już poprawiona.');
  await service.changeStatus(first, 'resolved', 'agent:ewa');
  const done = (await service.get(first))!;
  expect(done.nextResponse!.outcomes.map((o) => [o.result, o.by])).toEqual([
    ['missed', 'ola'],
    ['met', 'ewa'],
  ]);
  expect(done.resolution!.outcome!.result).toBe('missed');
  expect(escalations(timerNotifier)).toEqual(owed.sort()); // nothing more fired
  expect((await service.get(waiting))!.history.some((h) => h.kind === 'sla_breach' || h.kind === 'sla_warning')).toBe(false);

  const month = new Date().toISOString().slice(0, 7);
  const report = await service.slaReport(month);
  expect(report.goals.resolution.outcomes.missed).toBe(8);
  expect(report.goals.next_response.outcomes).toEqual({ met: 1, missed: 8, resolved_without_response: 0 });
  expect(report.agents.ewa?.next_response).toEqual({ met: 1, missed: 0, resolved_without_response: 0 });
  expect(await inconsistencies(redis, prefix)).toEqual([]);
});

test('a deadline a change finds passed before its timer fired is escalated once, by the change', async () => {
  const { service, startTimers, asIfAgo, timerNotifier, changeNotifier, escalations } = await desk('settled');
  const { ticket } = await asIfAgo(61 * MINUTE, () => service.create(ticketInput({ orgId: 'fabrikam', grade: 'A' })));
  // No timer runs yet: the reply is the first to see the deadline passed.
  const answered = await service.reply(ticket.id, 'ola', 'Sprawdzamy.');
  expect(answered.sla.outcome).toMatchObject({ result: 'missed', at: ticket.sla.dueAt });
  await waitFor(() => changeNotifier.events.length === 1, 'the escalation of the miss');
  expect(escalations(changeNotifier)).toEqual([`${ticket.id} first_response breach`]);

  await startTimers();
  // The timers apply only what is still owed: the resolution warning, 75% of 2 h after creation.
  const { ticket: control } = await asIfAgo(91 * MINUTE, () => service.create(ticketInput({ orgId: 'fabrikam', grade: 'A' })));
  await waitFor(() => timerNotifier.events.some((e) => e.ticket.id === control.id), 'the control ticket');
  await sleep(300);
  expect(timerNotifier.events.filter((e) => e.ticket.id === ticket.id && e.kind === 'breach')).toEqual([]);
  expect(changeNotifier.events).toHaveLength(1);
});
