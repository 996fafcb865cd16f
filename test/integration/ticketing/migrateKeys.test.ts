import Redis from 'ioredis';
import { tagOldKeys } from '../../../ticketing/store/tagKeys';
import { startRedisServer, type RedisServerHandle } from '../../support/redisServer';
import { deskOn, inconsistencies, ticketInput } from './serviceFixtures';

// Renames need one node: the old store is on one (this test starts its own, also in a cluster run).
let server: RedisServerHandle;
let redis: Redis;
beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.url, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

/** The name a key had before the hash tags (what migrate:keys undoes). */
function untagged(prefix: string, key: string): string {
  const rest = key.slice(prefix.length);
  return prefix + rest.replace(/^\{(tickets|orgs)\}:/, '').replace(/^\{pin\}:(verified:)?/, (_, v: string | undefined) => v ?? 'pin:');
}

test('migrate:keys moves a store written before the hash tags to them, and a second run renames nothing', async () => {
  const prefix = 'old:';
  const { service } = await deskOn(redis, prefix);
  const created = [];
  for (let i = 0; i < 30; i++) created.push((await service.create(ticketInput({ title: `ticket ${i}` }))).ticket);
  await service.changeStatus(created[0]!.id, 'in_progress', 'agent:ola');
  const tagged = (await redis.keys(`${prefix}*`)).sort();
  for (const key of tagged) await redis.rename(key, untagged(prefix, key));
  expect(await redis.keys(`${prefix}{*`)).toEqual([]);

  const first = await tagOldKeys(redis, prefix, 7);
  expect(first).toEqual({ renamed: tagged.length, clashes: [] });
  expect((await redis.keys(`${prefix}*`)).sort()).toEqual(tagged);
  expect(await inconsistencies(redis, prefix)).toEqual([]);
  expect((await service.get(created[0]!.id))!.status).toBe('in_progress');
  expect(await tagOldKeys(redis, prefix)).toEqual({ renamed: 0, clashes: [] });
});
