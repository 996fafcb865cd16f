import { tagOldKeys } from '../../../ticketing/store/tagKeys';
import { personScope } from '../../../common/conversationKeys';
import { ConversationLock } from '../../../bot/conversationLock';
import { RedisStorage } from '../../../bot/redisStorage';
import { AwaitingReplies } from '../../../bot/proactive/awaitingReplies';
import { ChatFiles } from '../../../bot/files/chatFiles';
import { TranscriptStore } from '../../../bot/directline/transcript';
import { TokenLedger } from '../../../bot/directline/tokenLedger';
import { ownRedisServer } from '../../support/redisServer';
import { deskOn, inconsistencies, ticketInput } from './serviceFixtures';

// Renames need one node: the old store is on one (this test starts its own, also in a cluster run).
const own = ownRedisServer();

/** The name a key had before the hash tags (what migrate:keys undoes). */
function untagged(prefix: string, key: string): string {
  const rest = key.slice(prefix.length);
  return prefix + rest.replace(/^\{(tickets|orgs)\}:/, '').replace(/^\{pin\}:(verified:)?/, (_, v: string | undefined) => v ?? 'pin:');
}

/** The name a bot or web-chat key had before the hash tags: the conversation's id ended the name of its own records. */
function untaggedChat(prefix: string, key: string): string {
  const [, tag = '', rest = ''] = /^\{([^}]*)\}:(.*)$/s.exec(key.slice(prefix.length)) ?? [];
  return prefix + (/^(bot:lock|dl:conv|dl:activities|dl:token)$/.test(rest) ? `${rest}:${tag.replace(/^conv:/, '')}` : rest);
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

test("migrate:keys moves the bot's and web chat's keys into their conversation's tag, where a turn and the web chat read them", async () => {
  const prefix = 'oldchat:';
  const redis = own.redis;
  const scope = personScope('directline', 'conv-1', 'u-1');
  const [person, user] = ['directline/conversations/conv-1/users/u-1/', 'directline/users/u-1/'];
  const storage = new RedisStorage(redis, { prefix });
  const [awaiting, ratings] = [new AwaitingReplies(redis, prefix), new AwaitingReplies(redis, prefix, 'rating')];
  const files = new ChatFiles({ redis, prefix });
  const transcripts = new TranscriptStore(redis, prefix, 3_600_000);
  const ledger = new TokenLedger(redis, prefix);
  const now = Date.now();
  await storage.write({ [person]: { step: 3 }, [user]: { locale: 'en' } });
  await awaiting.set(scope, 'SR-2026-000001');
  await ratings.set(scope, 'SR-2026-000002');
  await files.hold(scope, [{ id: 'f-1', name: 'raport.pdf', type: 'application/pdf', size: 3 }]);
  await transcripts.create('conv-1', { userId: 'u-1', createdAt: new Date(now).toISOString() });
  await transcripts.append('conv-1', { type: 'message', text: 'Dzień dobry' });
  const claims = (jti: string) => ({ conv: 'conv-1', user: 'u-1', iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 600, jti });
  await ledger.issued(claims('token-2'), now);
  const tagged = (await redis.keys(`${prefix}*`)).sort();
  expect(tagged).toHaveLength(8);
  for (const key of tagged) await redis.rename(key, untaggedChat(prefix, key));
  expect(await redis.keys(`${prefix}{*`)).toEqual([]);

  expect(await tagOldKeys(redis, prefix)).toEqual({ renamed: tagged.length, clashes: [] });
  expect((await redis.keys(`${prefix}*`)).sort()).toEqual(tagged);
  const lock = new ConversationLock(redis, { prefix, waitMs: 1000 }, { storage, awaiting, ratings });
  await lock.run('conv-1', { items: [person, user], scope }, async (start) => {
    expect(start).toEqual({
      items: [expect.objectContaining({ step: 3 }), expect.objectContaining({ locale: 'en' })],
      stored: [expect.stringContaining('"step":3'), expect.stringContaining('"locale":"en"')],
      awaited: 'SR-2026-000001',
      rating: 'SR-2026-000002',
    });
    return {};
  });
  expect(await files.held(scope)).toEqual([expect.objectContaining({ id: 'f-1' })]);
  expect(await transcripts.get('conv-1')).toMatchObject({ userId: 'u-1' });
  expect((await transcripts.since('conv-1', '0')).activities).toEqual([expect.objectContaining({ text: 'Dzień dobry' })]);
  await expect(ledger.check(claims('token-1'))).rejects.toThrow(/replaced by a newer one/);
  await ledger.check(claims('token-2'));
});
