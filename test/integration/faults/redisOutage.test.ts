import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startRedisServer, type RedisServerHandle } from '../../support/redisServer';
import { botChat } from '../../support/botChat';
import { startService, type ServiceProcess } from '../../support/serviceProcess';
import { FAQ_ANSWER, FAQ_QUESTION, loadTicket, sleep, waitFor } from './faultFixtures';

const UNAVAILABLE = /chwilowo niedostępna/;
const dir = mkdtempSync(join(tmpdir(), 'desk-faults-outage-'));
let redisServer: RedisServerHandle;
let service: ServiceProcess;

beforeAll(async () => {
  redisServer = await startRedisServer({ appendOnly: true, dir });
  service = await startService({ redisUrl: redisServer.url, prefix: 'desk:' });
});
afterAll(async () => {
  await service?.kill('SIGKILL');
  await redisServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const status = async (path: string) => (await service.call('GET', path)).status;

test('with Redis stopped the bot still answers questions, says plainly that tickets are unavailable, and carries on once Redis is back', async () => {
  const begun = botChat(service.url);
  expect((await begun.say('rozmowa z człowiekiem')).texts.join('\n')).toMatch(/Czy jesteś administratorem\?/);
  expect(await status('/readyz')).toBe(200);

  await redisServer.stop();
  await waitFor(async () => (await status('/readyz')) === 503, '/readyz to report not ready');
  expect((await service.call('GET', '/readyz')).body).toEqual({ status: 'not_ready', reason: 'Redis is not reachable' });
  expect(await status('/healthz')).toBe(200);

  // A question is answered from the knowledge base in memory.
  const faq = await botChat(service.url).say(FAQ_QUESTION);
  expect(faq.status).toBe(200);
  expect(faq.texts[0]).toMatch(FAQ_ANSWER);

  // Ticket and verification steps say so, in words the customer reads.
  for (const [chat, text] of [
    [botChat(service.url), 'rozmowa z człowiekiem'],
    [botChat(service.url), 'status SR-2026-000001'],
    [botChat(service.url), 'moje zgłoszenia'],
    [botChat(service.url), '123456'],
    [begun, 'tak'], // the verification begun before the outage
  ] as const) {
    const reply = await chat.say(text);
    expect({ text, status: reply.status, texts: reply.texts }).toEqual({ text, status: 200, texts: [expect.stringMatching(UNAVAILABLE)] });
  }

  // The API refuses at once with 503 (retry later) instead of hanging.
  const api = await service.call('POST', '/api/tickets', {
    as: 'system',
    body: loadTicket('outage', 1),
    headers: { 'idempotency-key': 'outage-1' },
  });
  expect(api.status).toBe(503);
  expect(api.body).toMatchObject({ error: 'unavailable', message: expect.stringContaining('temporarily unavailable') });

  // A longer outage: the service keeps running (SLA timers and Bull retry in the background).
  await sleep(2000);
  expect(service.child.exitCode).toBeNull();
  expect(await status('/healthz')).toBe(200);

  redisServer = await startRedisServer({ appendOnly: true, port: redisServer.port, dir });
  await waitFor(async () => (await status('/readyz')) === 200, '/readyz to report ready after Redis returned');

  // The conversation's state survived: the verification goes on where it stopped.
  expect((await begun.say('tak')).texts.join('\n')).toMatch(/Podaj nazwę lub identyfikator swojej organizacji/);
  const created = await service.call('POST', '/api/tickets', {
    as: 'system',
    body: loadTicket('outage', 1),
    headers: { 'idempotency-key': 'outage-1' },
  });
  expect(created.status).toBe(201);
  expect(service.output()).not.toMatch(/Unhandled|uncaught|ERR_UNHANDLED/i);
});
