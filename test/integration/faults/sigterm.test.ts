import type Redis from 'ioredis';
import { testRedis, testRedisUrl, uniquePrefix } from '../../support/redis';
import { botChat } from '../../support/botChat';
import { startService, type ServiceProcess } from '../../support/serviceProcess';
import { FAQ_ANSWER, FAQ_QUESTION, sleep } from './faultFixtures';

let service: ServiceProcess;
let redis: Redis;

beforeAll(async () => {
  redis = testRedis();
  service = await startService({ redisUrl: testRedisUrl(), prefix: uniquePrefix('faults-sigterm') });
}, 60_000);
afterAll(async () => {
  await service?.kill('SIGKILL');
  redis?.disconnect();
});

test('SIGTERM stops accepting, finishes the turn in flight, closes Bull and Redis, and exits 0 within 10 s', async () => {
  // The turn is held in flight: its conversation's lock is taken, as by a turn on another instance.
  const chat = botChat(service.url);
  const lock = `${service.prefix}bot:lock:${chat.conversationId}`;
  await redis.set(lock, 'another-instance', 'PX', 30_000);
  const turn = chat.say(FAQ_QUESTION);
  await sleep(500);

  const signalledAt = Date.now();
  service.child.kill('SIGTERM');
  await sleep(300);
  await expect(fetch(`${service.url}/healthz`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  expect(service.child.exitCode).toBeNull(); // still finishing the turn

  await redis.del(lock);
  const reply = await turn;
  expect(reply.status).toBe(200);
  expect(reply.texts[0]).toMatch(FAQ_ANSWER);

  const exit = await service.exited();
  expect(exit).toEqual({ code: 0, signal: null });
  expect(Date.now() - signalledAt).toBeLessThan(10_000);
  const log = service.output();
  expect(log).toContain('stopping: finishing requests in flight');
  expect(log).toContain('service stopped: Bull and Redis closed');
  expect(log).not.toMatch(/did not stop within 10 s|error while stopping/);
}, 30_000);
