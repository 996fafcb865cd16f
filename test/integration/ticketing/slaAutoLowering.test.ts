import type { RedisClient } from '../../../common/redisConnection';
import { silentLogger } from '../../../common/logger';
import type { LoweringRules } from '../../../ticketing/domain/lowering';
import type { Ticket, TicketMessage } from '../../../ticketing/domain/types';
import { TicketService } from '../../../ticketing/service/ticketService';
import { slaKeys } from '../../../ticketing/sla/dueSet';
import { SlaTimers } from '../../../ticketing/sla/slaTimers';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import { testRedisUrl, uniquePrefix } from '../../support/redis';
import { premier, ticketInput } from '../../unit/ticketing/fixtures';
import { inconsistencies } from './serviceFixtures';
import { RecordingNotifier, slaTimersSuite, waitFor } from './slaFixtures';
import { customerReceives } from '../../support/delivered';

const HOUR = 3_600_000;
const suite = slaTimersSuite();
let redis: RedisClient;
beforeAll(() => {
  redis = suite.redis();
});

/**
 * A desk whose service clock is set back (a fake clock), so a grade A ticket (24x7: one business
 * day is 24 h) can have asked its customer a day ago, with its notice falling due now.
 */
async function desk(name: string, rules: LoweringRules) {
  const prefix = uniquePrefix(`auto-lowering-${name}`);
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(premier());
  let offsetMs = 0;
  const replies: TicketMessage[] = [];
  const service = new TicketService({
    redis,
    prefix,
    organisations,
    loweringRules: rules,
    clock: () => new Date(Date.now() + offsetMs),
    events: { onAgentReply: (_t: Ticket, m: TicketMessage) => replies.push(m) },
  });
  /** An A ticket that asked its customer `agoMs` ago (by the fake clock). */
  const askedAgo = async (agoMs: number) => {
    offsetMs = -agoMs;
    const { ticket } = await service.create(ticketInput({ orgId: 'fabrikam', grade: 'A' }));
    await service.askCustomer(ticket.id, 'ola', 'Czy awaria nadal trwa?');
    const asked = await customerReceives(service, ticket.id);
    offsetMs = 0;
    return asked;
  };
  const notifier = new RecordingNotifier();
  const start = () => suite.track(new SlaTimers({ redisUrl: testRedisUrl(), prefix, service, notifier, logger: silentLogger })).start();
  const get = async (id: string) => (await service.get(id))!;
  return { prefix, service, replies, askedAgo, start, get, notifier };
}

test('after a day without an answer the customer is told when the grade drops, and at that time it drops', async () => {
  const { prefix, service, replies, askedAgo, start, get, notifier } = await desk('drops', {
    customerWaitBusinessDays: 1,
    autoNoticeHours: 1 / 3600,
  });
  const silent = await askedAgo(24 * HOUR + 1000);
  const answered = await askedAgo(24 * HOUR + 1000);
  expect(silent.autoLowering).toMatchObject({
    to: 'B',
    noticeAt: new Date(Date.parse(silent.messages.at(-1)!.at) + 24 * HOUR).toISOString(),
  }); // a day after the question
  await service.customerMessage(answered.id, 'adm-1', 'Tak, nadal nie działa.'); // the answer cancels the plan
  expect((await get(answered.id)).autoLowering).toBeUndefined();

  await start();
  await waitFor(() => replies.some((m) => m.author === 'desk'), 'the notice to the silent customer');
  const notice = replies.find((m) => m.author === 'desk')!;
  expect(notice.text).toMatch(
    new RegExp(
      `^Czekamy na Twoją odpowiedź w sprawie zgłoszenia ${silent.id}\\. Bez odpowiedzi obniżymy jego priorytet z A do B o \\d+ \\S+ 2026, \\d\\d:\\d\\d\\.`,
    ),
  );

  await waitForTicket(get, silent.id, (t) => t.grade === 'B', 'the announced lowering');
  const lowered = await get(silent.id);
  expect(lowered.history.map((h) => h.kind)).toEqual(expect.arrayContaining(['lowering_notice', 'grade']));
  expect(lowered.history.find((h) => h.kind === 'grade')).toMatchObject({
    actor: 'sla',
    from: 'A',
    to: 'B',
    lowering: { reason: 'customer_not_responding' },
  });
  expect(lowered.autoLowering).toBeUndefined();
  expect((await get(answered.id)).grade).toBe('A');
  expect(notifier.events).toEqual([]); // a lowering is no escalation: the first responses were in time
  expect(await inconsistencies(redis, prefix)).toEqual([]);
});

test('a customer who answers after the notice keeps the grade; the lowering timer goes', async () => {
  const { prefix, service, replies, askedAgo, start, get } = await desk('answered', { customerWaitBusinessDays: 1, autoNoticeHours: 2 });
  const ticket = await askedAgo(24 * HOUR + 1000);
  await start();
  await waitFor(() => replies.some((m) => m.author === 'desk'), 'the notice');
  const noticed = await get(ticket.id);
  // The notice's own due entry leaves the set once its handler has finished: wait for that.
  const lowering = `${ticket.id}|lowering|${noticed.autoLowering!.version}`;
  await waitFor(async () => (await redis.zrange(slaKeys(prefix).due, 0, -1)).join() === lowering, 'only the lowering left due');

  await service.customerMessage(ticket.id, 'adm-1', 'Przepraszam, już odpisuję: nadal nie działa.');
  const after = await get(ticket.id);
  expect(after).toMatchObject({ grade: 'A', status: 'in_progress' });
  expect(after.autoLowering).toBeUndefined();
  // The lowering timer went; what remains is the next response the answer is owed.
  expect((await redis.zrange(slaKeys(prefix).due, 0, -1)).map((m) => m.split('|')[1]).sort()).toEqual([
    'next_response_breach',
    'next_response_warning',
  ]);
});

/** Re-reads the ticket until it meets the condition (the timers run on their own). */
async function waitForTicket(
  get: (id: string) => Promise<Ticket>,
  id: string,
  condition: (t: Ticket) => boolean,
  what: string,
): Promise<void> {
  await waitFor(async () => condition(await get(id)), what);
}
