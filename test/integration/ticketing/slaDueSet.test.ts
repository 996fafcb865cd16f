import type { RedisClient } from '../../../common/redisConnection';
import { dueEvent } from '../../../ticketing/domain/dueEvents';
import { DueSet } from '../../../ticketing/sla/dueSet';
import { testRedis, uniquePrefix } from '../../support/redis';

let redis: RedisClient;
let other: RedisClient;

beforeAll(() => {
  redis = testRedis();
  other = testRedis();
});
afterAll(async () => {
  await Promise.all([redis.quit(), other.quit()]);
});

test('two sweepers claiming 10,000 due entries at once take each exactly once, and leave the future ones', async () => {
  const prefix = uniquePrefix('sla-dueset-race');
  const a = new DueSet(redis, prefix);
  const b = new DueSet(other, prefix);
  const now = Date.now() - 60_000; // the past: claims go by the earlier of this and the server's clock
  const args: Array<string | number> = [];
  for (let i = 0; i < 10_000; i++) args.push(now - i, `SR-2026-${String(i).padStart(6, '0')}|breach|1`);
  for (let i = 0; i < 10; i++) args.push(now + 1000 + i, `SR-2027-${String(i).padStart(6, '0')}|warning|1`);
  await redis.zadd(a.keys.due, ...args);

  const takenBy = async (set: DueSet) => {
    const members: string[] = [];
    for (;;) {
      const { claimed, nextDueAtMs } = await set.claim(now, 10_000, 250);
      members.push(...claimed.map((e) => e.member));
      if (claimed.length === 0) return { members, nextDueAtMs };
    }
  };
  const [fromA, fromB] = await Promise.all([takenBy(a), takenBy(b)]);

  const all = [...fromA.members, ...fromB.members];
  expect(all).toHaveLength(10_000);
  expect(new Set(all).size).toBe(10_000);
  expect(fromA.members.length).toBeGreaterThan(0);
  expect(fromB.members.length).toBeGreaterThan(0);
  expect(fromA.nextDueAtMs).toBe(now + 1000);
  expect(await redis.zcard(a.keys.due)).toBe(10);
  expect(await redis.zcard(a.keys.inflight)).toBe(10_000);
});

test('a claimed entry carries its due time; an expired lease puts it back with that time, a live lease does not', async () => {
  const prefix = uniquePrefix('sla-dueset-lease');
  const set = new DueSet(redis, prefix);
  const now = Date.now() - 60_000; // the past: claims go by the earlier of this and the server's clock
  await redis.zadd(set.keys.due, now - 500, 'SR-2026-000001|warning|3', now - 100, 'SR-2026-000002|breach|0');

  const { claimed } = await set.claim(now, 1000, 10);
  expect(claimed).toEqual([
    { member: 'SR-2026-000001|warning|3', ticketId: 'SR-2026-000001', kind: 'warning', version: 3, dueAtMs: now - 500 },
    { member: 'SR-2026-000002|breach|0', ticketId: 'SR-2026-000002', kind: 'breach', version: 0, dueAtMs: now - 100 },
  ]);
  await set.ack(['SR-2026-000002|breach|0']); // this one reached Bull

  expect(await set.releaseExpired(now + 999)).toBe(0);
  expect(await set.claim(now + 999, 1000, 10)).toMatchObject({ claimed: [], nextDueAtMs: null, nowMs: now + 999 });

  expect(await set.releaseExpired(now + 1000)).toBe(1);
  expect(await redis.zrange(set.keys.due, 0, -1, 'WITHSCORES')).toEqual(['SR-2026-000001|warning|3', String(now - 500)]);
  expect(await redis.exists(set.keys.inflight, set.keys.inflightDue)).toBe(0);
});

test('reconciliation adds only what is missing and not in flight; members that are not SLA entries are dropped', async () => {
  const prefix = uniquePrefix('sla-dueset-add');
  const set = new DueSet(redis, prefix);
  const now = Date.now() - 60_000; // the past: claims go by the earlier of this and the server's clock
  await redis.zadd(set.keys.due, now - 1, 'SR-2026-000001|breach|1', now - 1, 'garbage', now - 1, 'SR-2026-000009|escalate|1');
  const { claimed, malformed } = await set.claim(now, 5000, 10);
  expect(claimed.map((e) => e.member)).toEqual(['SR-2026-000001|breach|1']);
  expect(malformed.sort()).toEqual(['SR-2026-000009|escalate|1', 'garbage']);
  expect(await redis.zrange(set.keys.inflight, 0, -1)).toEqual(['SR-2026-000001|breach|1']);

  const added = await set.addMissing([
    dueEvent('SR-2026-000001', 'breach', 1, now - 1), // in flight
    dueEvent('SR-2026-000002', 'warning', 4, now + 10),
  ]);
  expect(added).toBe(1);
  expect(await set.addMissing([dueEvent('SR-2026-000002', 'warning', 4, now + 99)])).toBe(0);
  expect(await redis.zrange(set.keys.due, 0, -1, 'WITHSCORES')).toEqual(['SR-2026-000002|warning|4', String(now + 10)]);
});

test("a caller whose clock runs fast claims nothing before the RedisClient server's clock reaches the due time", async () => {
  const prefix = uniquePrefix('sla-dueset-skew');
  const set = new DueSet(redis, prefix);
  // The caller's clock runs an hour fast; the entry falls due in ten minutes of the server's time.
  const dueAt = Date.now() + 10 * 60_000;
  await redis.zadd(set.keys.due, dueAt, 'SR-2026-000001|breach|1');

  const before = Date.now();
  const early = await set.claim(Date.now() + 3600_000, 1000, 10);
  const after = Date.now();
  expect(early.claimed).toEqual([]);
  expect(early.nextDueAtMs).toBe(dueAt);
  // The server's time (one machine here, so between the caller's readings), not the caller's.
  expect(early.nowMs).toBeGreaterThanOrEqual(before);
  expect(early.nowMs).toBeLessThanOrEqual(after);

  // Once the server's clock has passed an entry, the fast caller claims it, and only it.
  await redis.zadd(set.keys.due, Date.now() - 1, 'SR-2026-000002|breach|1');
  expect((await set.claim(Date.now() + 3600_000, 1000, 10)).claimed.map((e) => e.member)).toEqual(['SR-2026-000002|breach|1']);
});
