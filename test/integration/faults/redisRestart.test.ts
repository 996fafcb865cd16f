import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { redisOptions } from '../../../common/redisConnection';
import { keys } from '../../../ticketing/store/keys';
import { startRedisServer, type RedisServerHandle } from '../../support/redisServer';
import { startService, type ServiceProcess } from '../../support/serviceProcess';
import { createTickets, historyCount, missingDueEntries, sleep, slaLog, storedTickets, waitFor, type Creation } from './faultFixtures';

const prefix = 'desk:';
const dir = mkdtempSync(join(tmpdir(), 'desk-faults-redis-kill-'));
let redisServer: RedisServerHandle;
let redis: Redis;
let service: ServiceProcess;

beforeAll(async () => {
  redisServer = await startRedisServer({ appendOnly: true, dir });
  redis = new Redis(redisServer.url, redisOptions());
  redis.on('error', () => undefined); // refused while the test has Redis down
  // Data of others, so that the restarted Redis spends a while loading its AOF, as a real one does.
  await redis.eval("for i = 1, tonumber(ARGV[1]) do redis.call('SET', 'other:' .. i, ARGV[2]) end", 0, 300_000, 'x'.repeat(100));
  service = await startService({ redisUrl: redisServer.url, prefix });
});
afterAll(async () => {
  await service?.kill('SIGKILL');
  redis?.disconnect();
  await redisServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const acknowledged = (c: Creation) => c.status === 201 || c.status === 200;
const ready = async () => (await service.call('GET', '/readyz').catch(() => null))?.status === 200;

test('Redis killed and restarted from its append-only file during 1,000 creations: nothing acknowledged is lost, the service becomes ready again, SLA events due meanwhile fire once after', async () => {
  // Twenty tickets whose SLA warning is moved to fall due while Redis is down.
  const early = await createTickets({ run: 'early', count: 20, concurrency: 4, target: () => service });
  expect(early.every((c) => c.status === 201)).toBe(true);

  let outage: Promise<{ backAt: number }> | undefined;
  const breakRedis = async () => {
    const killAt = Date.now();
    for (const [i, creation] of early.entries()) {
      await redis.zadd(keys.slaDue(prefix), 'XX', killAt + 300 + i * 20, `${creation.id}|warning|1`);
    }
    redisServer.process.kill('SIGKILL');
    await new Promise((r) => redisServer.process.once('exit', r));
    await sleep(1500);
    redisServer = await startRedisServer({ appendOnly: true, port: redisServer.port, dir });
    const backAt = Date.now();
    await waitFor(ready, '/readyz after Redis returned', 25);
    return { backAt };
  };
  const load = await createTickets({
    run: 'load',
    count: 1000,
    concurrency: 16,
    target: () => service,
    onResult: (done) => {
      if (!outage && done.length >= 300) outage = breakRedis();
    },
  });
  const { backAt } = await outage!;
  // Requests during the outage were refused with 503, never a 500 or a hang.
  expect(load.filter((c) => !acknowledged(c) && c.status !== 503)).toEqual([]);
  expect(load.filter((c) => c.status === 503).length).toBeGreaterThan(0);

  // The warnings that fell due during the outage fire after it, once each (how soon: npm run bench).
  const afterOutage = (err: Error) => new Error(`${err.message}; SLA log from Redis's return:\n${slaLog(service, backAt)}`);
  await waitFor(
    async () => {
      const tickets = await Promise.all(early.map((c) => service.call('GET', `/api/tickets/${c.id}`, { as: 'system' })));
      return tickets.every((t) => t.body.sla?.warned === true);
    },
    'the warnings due during the outage',
    100,
  ).catch((err) => {
    throw afterOutage(err);
  });
  const tickets = await storedTickets(redis, prefix);
  const fired = early.map((creation) => {
    const ticket = tickets.find((t) => t.id === creation.id)!;
    return { id: ticket.id, warnings: historyCount(ticket, 'sla_warning') };
  });
  const notOnce = fired.filter((f) => f.warnings !== 1);
  if (notOnce.length > 0) throw afterOutage(new Error(`warnings not fired exactly once: ${JSON.stringify(notOnce)}`));

  // Every acknowledged ticket survived; retries give the same ids and open the refused ones.
  const retried = await createTickets({ run: 'load', count: 1000, concurrency: 16, target: () => service });
  const byKey = new Map(retried.map((c) => [c.key, c]));
  expect(retried.filter((c) => !acknowledged(c))).toEqual([]);
  for (const creation of load.filter(acknowledged)) expect(byKey.get(creation.key)).toMatchObject({ status: 200, id: creation.id });
  const loadTickets = (await storedTickets(redis, prefix)).filter((t) => t.title.startsWith('Awaria load '));
  expect(loadTickets).toHaveLength(1000);
  expect(new Set(loadTickets.map((t) => t.title)).size).toBe(1000);
  expect(await missingDueEntries(redis, prefix, loadTickets)).toEqual([]);
});
