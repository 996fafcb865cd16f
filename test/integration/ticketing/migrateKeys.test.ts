import { tagOldKeys } from '../../../ticketing/store/tagKeys';
import { ownRedisServer } from '../../support/redisServer';
import { deskOn, inconsistencies, ticketInput } from './serviceFixtures';

// Renames need one node: the old store is on one (this test starts its own, also in a cluster run).
const own = ownRedisServer();

/** The name a key had before the hash tags (what migrate:keys undoes). */
function untagged(prefix: string, key: string): string {
  const rest = key.slice(prefix.length);
  return prefix + rest.replace(/^\{(tickets|orgs)\}:/, '').replace(/^\{pin\}:(verified:)?/, (_, v: string | undefined) => v ?? 'pin:');
}

test('migrate:keys moves a store written before the hash tags to them, and a second run renames nothing', async () => {
  const prefix = 'old:';
  const { service } = await deskOn(own.redis, prefix);
  const created = [];
  for (let i = 0; i < 30; i++) created.push((await service.create(ticketInput({ title: `ticket ${i}` }))).ticket);
  await service.changeStatus(created[0]!.id, 'in_progress', 'agent:ola');
  const tagged = (await own.redis.keys(`${prefix}*`)).sort();
  for (const key of tagged) await own.redis.rename(key, untagged(prefix, key));
  expect(await own.redis.keys(`${prefix}{*`)).toEqual([]);

  const first = await tagOldKeys(own.redis, prefix, 7);
  expect(first).toEqual({ renamed: tagged.length, clashes: [] });
  expect((await own.redis.keys(`${prefix}*`)).sort()).toEqual(tagged);
  expect(await inconsistencies(own.redis, prefix)).toEqual([]);
  expect((await service.get(created[0]!.id))!.status).toBe('in_progress');
  expect(await tagOldKeys(own.redis, prefix)).toEqual({ renamed: 0, clashes: [] });
});
