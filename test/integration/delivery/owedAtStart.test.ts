import { randomUUID } from 'crypto';
import { testRedisUrl, uniquePrefix } from '../../support/redis';
import { closedPort } from '../../support/closedPort';
import { startService, type ServiceProcess } from '../../support/serviceProcess';
import { ticketBody } from '../../support/ticketingApiServer';
import { until } from '../../support/waitFor';
import { startConnectorPeer } from '../../fixtures/bot/connectorPeer';

/**
 * A reply owed to a customer while the service is down goes out when it starts again: its due
 * entry waits in Redis ({prefix}delivery:due, see docs/delivery.md), and the new process's
 * sweeper takes it among the entries already due, without reading the tickets.
 */

const prefix = uniquePrefix('delivery-owed');
let service: ServiceProcess | undefined;
let connector: Awaited<ReturnType<typeof startConnectorPeer>> | undefined;

afterAll(async () => {
  await service?.kill('SIGKILL');
  await connector?.close();
});

const start = (port?: number) =>
  startService({ redisUrl: testRedisUrl(), prefix, port, env: { DELIVERY_RETRY_SECONDS: '2,2,2,2,2', LOG_LEVEL: 'warn' } });

test('a reply the chat could not take before the service was killed reaches the chat after its restart', async () => {
  const chatPort = await closedPort(); // nothing listens there yet: the chat is down
  service = await start();
  const created = await service.call('POST', '/api/tickets', {
    as: 'system',
    headers: { 'idempotency-key': `owed-${randomUUID()}` },
    body: ticketBody({
      conversation: {
        channelId: 'emulator',
        serviceUrl: `http://127.0.0.1:${chatPort}`,
        locale: 'pl-PL',
        conversation: { id: `emu-${randomUUID()}` },
        user: { id: 'user-1' },
        bot: { id: 'desk-bot' },
      },
    }),
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const replied = await service.call('POST', `/api/tickets/${id}/replies`, { as: 'agent', body: { text: 'Proszę sprawdzić konektor.' } });
  expect(replied.status).toBeLessThan(300);

  // The chat refused the first attempt; the reply waits for its retry, still owed.
  const owed = await until('the first attempt refused', async () => {
    const res = await service!.call('GET', `/api/tickets/${id}`, { as: 'agent' });
    const delivery = res.body.messages[0]?.delivery;
    return delivery?.state === 'queued' && delivery.attempts >= 1 && delivery;
  });
  expect(owed.reason).toMatch(/refused the connection/);
  expect(await service.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

  // The chat comes back while the service is down, and the retry falls due meanwhile.
  connector = await startConnectorPeer({ port: chatPort });
  await new Promise((r) => setTimeout(r, 2500));
  expect(connector.received).toEqual([]);

  service = await start(service.port);
  const arrived = await connector.waitFor((a) => a.body.text?.includes('Proszę sprawdzić konektor.') ?? false);
  expect(arrived.path).toMatch(/^\/v3\/conversations\/emu-/);
  const after = await until('the reply delivered', async () => {
    const res = await service!.call('GET', `/api/tickets/${id}`, { as: 'agent' });
    const delivery = res.body.messages[0]?.delivery;
    return delivery?.state === 'delivered' && res.body;
  });
  expect(after.messages[0].delivery).toMatchObject({ state: 'delivered', channel: 'chat' });
  expect(after.sla.firstResponseAt).toBe(after.messages[0].delivery.at);
  expect(connector.received.filter((a) => a.body.text?.includes('Proszę sprawdzić konektor.'))).toHaveLength(1);
});
