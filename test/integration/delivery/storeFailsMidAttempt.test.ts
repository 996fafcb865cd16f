import {
  beginAttempt,
  deliveryDueOf,
  endAttempt,
  queueNewMessages,
  type AttemptOutcome,
  type DeliveryPolicy,
} from '../../../ticketing/domain/delivery';
import { addAgentReply, openTicket } from '../../../ticketing/domain/ticket';
import type { Ticket } from '../../../ticketing/domain/types';
import { Deliveries, type DeliveryTicketService } from '../../../ticketing/delivery/deliveries';
import { dueSetKeys } from '../../../ticketing/sla/dueSet';
import { newRedisClient, type RedisClient } from '../../../common/redisConnection';
import { testRedisUrl, uniquePrefix } from '../../support/redis';
import { until } from '../../support/waitFor';
import { organisation, ticketInput } from '../../unit/ticketing/fixtures';

/**
 * A write of the ticket that fails in the middle of an attempt (Redis gone for a moment, a reply
 * lost on the way back) must not leave the message waiting for its lease: the attempt's outcome
 * is recorded when the store answers again, and an attempt begun by a run that then threw is
 * ended by the job's next run. The lease here is far longer than the test's patience.
 */

const POLICY: DeliveryPolicy = { retryDelaysMs: [100], leaseMs: 3_600_000 };
const CHAT = { channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'c-1' } };

type Failure = { write: 'begin' | 'end'; applied: boolean };

/**
 * One ticket in memory with a reply queued, its due entries written to Redis as the store's save
 * script does; the `failing` writes throw (after applying, when `applied`).
 */
function storeWithReply(id: string, redis: RedisClient, dueKey: string, failing: Failure[]) {
  const now = new Date();
  const opened = openTicket(ticketInput({ conversation: CHAT }), organisation(), id, now);
  let ticket: Ticket = queueNewMessages(opened, addAgentReply(opened, 'a1', 'Sprawdzamy.', now), now);
  const save = async (next: Ticket) => {
    ticket = next;
    for (const due of deliveryDueOf(next)) await redis.zadd(dueKey, due.dueAtMs, due.member);
  };
  const write = async (kind: Failure['write'], next: Ticket | null) => {
    const failure = failing[0]?.write === kind ? failing.shift() : undefined;
    if (next && (!failure || failure.applied)) await save(next);
    if (failure) throw new Error('Connection is closed.');
    return next;
  };
  const service: DeliveryTicketService = {
    getTicket: async () => ticket,
    beginDelivery: async (_id, index, version) => write('begin', beginAttempt(ticket, index, version, new Date(), POLICY)),
    endDelivery: async (_id, index, version, outcome) => write('end', endAttempt(ticket, index, version, outcome, new Date(), POLICY)),
  };
  return { service, current: () => ticket, saved: () => save(ticket) };
}

async function deliverOnce(failing: Failure[]) {
  const prefix = uniquePrefix('delivery-store-fails');
  const redis = newRedisClient(testRedisUrl());
  const store = storeWithReply('SR-2026-000001', redis, dueSetKeys(prefix, 'delivery').due, failing);
  const sends: AttemptOutcome[] = [];
  const deliveries = new Deliveries({
    redisUrl: testRedisUrl(),
    prefix,
    service: store.service,
    channels: { chat: { send: async () => (sends.push({ ok: true }), { ok: true }) } },
  });
  try {
    await store.saved();
    deliveries.start();
    const delivered = await until(
      'the reply delivered',
      () => store.current().messages[0]!.delivery!.state === 'delivered' && store.current(),
    );
    return { delivery: delivered.messages[0]!.delivery!, sends };
  } finally {
    await deliveries.stop();
    redis.disconnect();
  }
}

test('an outcome the store failed to record is recorded once it answers, and the message is not sent again', async () => {
  const { delivery, sends } = await deliverOnce([{ write: 'end', applied: false }]);
  expect(sends).toHaveLength(1);
  expect(delivery).toMatchObject({ state: 'delivered', channel: 'chat', attempts: 1 });
});

test('an attempt begun by a run whose write answered with an error is ended by the next run, not by its lease', async () => {
  const { delivery, sends } = await deliverOnce([{ write: 'begin', applied: true }]);
  // The first run never sent it (its begin threw), so the next run sends it as a second attempt.
  expect(sends).toHaveLength(1);
  expect(delivery).toMatchObject({ state: 'delivered', channel: 'chat', attempts: 2 });
});
