import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { RedisClient } from '../../../common/redisConnection';
import type { Ticket } from '../../../ticketing/domain/types';
import { keys } from '../../../ticketing/store/keys';
import { botChat, openTicketThroughBot, type BotChat } from '../../support/botChat';
import { testRedis, testRedisUrl, uniquePrefix } from '../../support/redis';
import { startService, type ServiceProcess } from '../../support/serviceProcess';
import { createTickets, historyCount, sleep, storedTickets, waitFor } from './faultFixtures';

const prefix = uniquePrefix('faults-two');
// Both instances write PIN codes to one outbox, as one mail server would deliver them.
const outbox = mkdtempSync(join(tmpdir(), 'desk-faults-two-outbox-'));
let redis: RedisClient;
let one: ServiceProcess;
let two: ServiceProcess;

beforeAll(async () => {
  redis = testRedis();
  const env = { OUTBOX_DIR: outbox, PIN_SECRET: 'faults-two-instances-pin-secret-0123456789' };
  [one, two] = await Promise.all([
    startService({ redisUrl: testRedisUrl(), prefix, env }),
    startService({ redisUrl: testRedisUrl(), prefix, env }),
  ]);
});
afterAll(async () => {
  await Promise.all([one?.kill('SIGKILL'), two?.kill('SIGKILL')]);
  redis?.disconnect();
  rmSync(outbox, { recursive: true, force: true });
});

test('every SLA event is handled exactly once across two instances, repeats included, never early', async () => {
  let turn = 0;
  const created = await createTickets({ run: 'two', count: 40, concurrency: 8, target: () => (++turn % 2 ? one : two) });
  expect(created.every((c) => c.status === 201)).toBe(true);

  // Every ticket's warning, then its breach, is moved to fall due in a moment. (Applying the
  // warning rewrites the ticket's due entries, so the breach is moved once the warnings are in.)
  const mine = async () => (await storedTickets(redis, prefix)).filter((t) => created.some((c) => c.id === t.id));
  // Every ticket is read, or a wait for "every ticket" would hold of none.
  const all = async (holds: (t: Ticket) => boolean) => {
    const tickets = await mine();
    return tickets.length === created.length && tickets.every(holds);
  };
  const dueSoon = async (kind: 'warning' | 'breach') => {
    const at = Date.now() + 1000;
    for (const { id } of created) expect(await redis.zadd(keys.slaDue(prefix), 'XX', 'CH', at, `${id}|${kind}|1`)).toBe(1);
    return at;
  };
  const warningAt = await dueSoon('warning');
  await waitFor(() => all((t) => t.sla.warned), 'every warning', 200);
  const breachAt = await dueSoon('breach');
  await waitFor(() => all((t) => t.sla.breached), 'every breach', 200);

  // The same events handed in again (a repeated job, a restored due set) change nothing.
  for (const { id } of created) {
    await redis.zadd(keys.slaDue(prefix), Date.now(), `${id}|warning|1`, Date.now(), `${id}|breach|1`);
  }
  await waitFor(async () => (await redis.zcard(keys.slaDue(prefix))) === 0, 'the repeats to be swept');
  await sleep(500);

  const tickets = await mine();
  expect(tickets).toHaveLength(created.length);
  for (const ticket of tickets) {
    expect({ id: ticket.id, warnings: historyCount(ticket, 'sla_warning'), breaches: historyCount(ticket, 'sla_breach') }).toEqual({
      id: ticket.id,
      warnings: 1,
      breaches: 1,
    });
    const warned = Date.parse(ticket.history.find((h) => h.kind === 'sla_warning')!.at);
    const breached = Date.parse(ticket.history.find((h) => h.kind === 'sla_breach')!.at);
    expect(warned - warningAt).toBeGreaterThanOrEqual(0);
    expect(breached - breachAt).toBeGreaterThanOrEqual(0);
  }
  // Each application is logged by the one instance that made it.
  const applied = (service: ServiceProcess) =>
    service
      .output()
      .split('\n')
      .filter((l) => l.includes('"msg":"SLA event applied"')).length;
  expect(applied(one) + applied(two)).toBe(80);
});

test('one conversation is served by either instance interchangeably: PIN verification and the ticket form, every turn on the other instance', async () => {
  const conversationId = `two-${randomUUID()}`;
  const chats = [one, two].map((service) => botChat(service.url, { conversationId }));
  let turns = 0;
  // Each turn goes to the other instance than the turn before.
  const alternating: BotChat = { conversationId, say: (text, headers) => chats[turns++ % 2]!.say(text, headers) };

  const id = await openTicketThroughBot(alternating, outbox, { org: 'fabrikam', email: 'jan.nowak@fabrikam.pl' });
  expect(turns).toBeGreaterThanOrEqual(12);
  const ticket = await two.call('GET', `/api/tickets/${id}`, { as: 'system' });
  expect(ticket.status).toBe(200);
  expect(ticket.body).toMatchObject({ orgId: 'fabrikam', adminId: 'jan.nowak', grade: 'B', category: 'technical' });
});
