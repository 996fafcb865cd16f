import type { RedisClient } from '../../../common/redisConnection';
import { conversationKeys } from '../../../common/conversationKeys';
import { testRedis, testRedisUrl, uniquePrefix } from '../../support/redis';
import { monitorRedis } from '../../support/redisMonitor';
import { botChat } from '../../support/botChat';
import { startService, type ServiceProcess } from '../../support/serviceProcess';
import { PATIENCE_MS } from '../../support/waitFor';
import { FAQ_ANSWER, FAQ_QUESTION, waitFor } from './faultFixtures';

let service: ServiceProcess;
let redis: RedisClient;

beforeAll(async () => {
  redis = testRedis();
  // The turn waits for its lock, and the stop for the turn, as long as the test needs: no race with a busy machine.
  service = await startService({
    redisUrl: testRedisUrl(),
    prefix: uniquePrefix('faults-sigterm'),
    env: { BOT_TURN_WAIT_MS: String(PATIENCE_MS), SHUTDOWN_GRACE_MS: String(PATIENCE_MS) },
  });
});
afterAll(async () => {
  await service?.kill('SIGKILL');
  redis?.disconnect();
});

test('SIGTERM stops accepting, finishes the turn in flight, closes Bull and Redis, and exits 0 before its forced-stop limit', async () => {
  // The turn is held in flight: its conversation's lock is taken, as by a turn on another instance.
  const chat = botChat(service.url);
  const lock = `${conversationKeys(service.prefix, chat.conversationId)}bot:lock`;
  await redis.set(lock, 'another-instance', 'PX', 120_000);
  // The turn is in flight once the service has asked Redis for that lock.
  const lockAsked = redisAsked(testRedisUrl(), new RegExp(`"set" "${lock}"`, 'i'));
  const turn = chat.say(FAQ_QUESTION);
  await lockAsked;

  // The service answers before its last start-up step (the development sign-in) is done.
  await waitFor(() => service.output().includes('support desk listening'), 'the service to finish starting');
  service.child.kill('SIGTERM');
  await waitFor(() => service.output().includes('stopping: finishing requests in flight'), 'the service to begin stopping');
  await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
  expect(service.child.exitCode).toBeNull(); // still finishing the turn

  await redis.del(lock);
  const reply = await turn;
  expect(reply.status).toBe(200);
  expect(reply.texts[0]).toMatch(FAQ_ANSWER);

  const exit = await service.exited();
  expect(exit).toEqual({ code: 0, signal: null });
  const log = service.output();
  expect(log).toContain('stopping: finishing requests in flight');
  expect(log).toContain('service stopped: Bull and Redis closed');
  expect(log).not.toMatch(/did not stop within|error while stopping/);
});

/** Resolves once Redis at `url` is sent a command matching `command`. */
async function redisAsked(url: string, command: RegExp): Promise<void> {
  const monitor = await monitorRedis(url);
  try {
    await waitFor(() => monitor.lines.some((line) => command.test(line)), `Redis to be asked ${command}`);
  } finally {
    monitor.stop();
  }
}
