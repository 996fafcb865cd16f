import { ConversationState, TestAdapter, TurnContext } from 'botbuilder';
import { RedisStorage, StorageConflictError } from '../../../bot/redisStorage';
import { ConversationLock, ConversationBusyError } from '../../../bot/conversationLock';
import { AwaitingReplies } from '../../../bot/proactive/awaitingReplies';
import type { TurnStart } from '../../../bot/ports';
import { PATIENCE_MS } from '../../support/waitFor';
import { testRedis, testRedisUrl, uniquePrefix } from '../../support/redis';
import { ownRedisServer } from '../../support/redisServer';
import type { RedisClient } from '../../../common/redisConnection';
import { monitorRedis } from '../../support/redisMonitor';
import { chat, deskWorld } from '../../fixtures/bot/deskWorld';
import { createDeskBot } from '../../../bot/createDeskBot';
import { silentLogger } from '../../../common/logger';
import { nth } from '../../support/nth';
import { personScope } from '../../../common/conversationKeys';

const redis = testRedis();
afterAll(() => redis.disconnect());

const scope = personScope('emulator', 'conv', 'u');
const noReads = { items: [], scope };
/** Storage keys as botbuilder names them: the person's state in the conversation, and across conversations. */
const PERSON = 'emulator/conversations/conv/users/u/';
const USER = 'emulator/users/u/';
// A redis-server of this file's own for SCRIPT FLUSH (a restart): on the run's Redis it would
// empty the script cache under every other test file running beside this one.
const own = ownRedisServer();
/** A conversation lock on its own storage and awaited-ticket records, as createDeskBot wires it. */
function lockOn(
  prefix: string,
  waitMs: number,
  storage = new RedisStorage(redis, { prefix }),
  awaiting = new AwaitingReplies(redis, prefix),
  client: RedisClient = redis,
) {
  return new ConversationLock(client, { prefix, waitMs }, { storage, awaiting, ratings: new AwaitingReplies(client, prefix, 'rating') });
}

describe('RedisStorage', () => {
  const prefix = uniquePrefix('bot-storage');
  const storage = new RedisStorage(redis, { prefix });

  it('gives each write a new eTag and refuses a write with a stale one', async () => {
    await storage.write({ a: { count: 1 } });
    const first = (await storage.read(['a'])).a;
    expect(first).toMatchObject({ count: 1, eTag: expect.any(String) });

    await storage.write({ a: { ...first, count: 2 } });
    const second = (await storage.read(['a'])).a;
    expect(second.count).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);

    await expect(storage.write({ a: { ...first, count: 3 } })).rejects.toThrow(StorageConflictError);
    expect((await storage.read(['a'])).a.count).toBe(2);
  });

  it("overwrites with '*' or without an eTag, and reads several keys, skipping missing ones", async () => {
    await storage.write({ b: { v: 'one' } });
    await storage.write({ b: { v: 'two', eTag: '*' } });
    expect((await storage.read(['b'])).b.v).toBe('two');
    await storage.write({ b: { v: 'three' } });
    const items = await storage.read(['b', 'missing']);
    expect(Object.keys(items)).toEqual(['b']);
    expect(items.b.v).toBe('three');
  });

  it('refuses a stale eTag for an item that was deleted, and deletes', async () => {
    await storage.write({ c: { v: 1 } });
    const item = (await storage.read(['c'])).c;
    await storage.delete(['c']);
    expect(await storage.read(['c'])).toEqual({});
    await expect(storage.write({ c: { ...item, v: 2 } })).rejects.toThrow(/eTag conflict on storage item "c"/);
  });

  it('lets exactly one of two writers with the same eTag win', async () => {
    await storage.write({ d: { v: 0 } });
    const seen = (await storage.read(['d'])).d;
    const results = await Promise.allSettled([1, 2, 3, 4].map((v) => storage.write({ d: { ...seen, v } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('answers reads asked for together (one MGET per hash tag) each with its own items', async () => {
    await storage.write({ e: { v: 'e' }, f: { v: 'f' } });
    const [both, justE, none] = await Promise.all([storage.read(['e', 'f']), storage.read(['e', 'gone']), storage.read(['gone'])]);
    expect(both).toEqual({ e: expect.objectContaining({ v: 'e' }), f: expect.objectContaining({ v: 'f' }) });
    expect(Object.keys(justE)).toEqual(['e']);
    expect(none).toEqual({});
    // BotState changes what it read in place: one reader's change must not reach another.
    justE.e.v = 'changed';
    expect(both.e.v).toBe('e');
  });

  it('keeps writing and releasing locks after Redis forgets its scripts (a restart)', async () => {
    const prefix = uniquePrefix('bot-flush');
    const ownStorage = new RedisStorage(own.redis, { prefix });
    await ownStorage.write({ f: { v: 0 } });
    await own.redis.script('FLUSH');
    await ownStorage.write({ g: { v: 1 } });
    expect((await ownStorage.read(['g'])).g.v).toBe(1);
    const lock = lockOn(prefix, 200, ownStorage, new AwaitingReplies(own.redis, prefix), own.redis);
    await lock.run('conv', noReads, async () => ({}));
    await own.redis.script('FLUSH');
    let taken = false;
    await lock.run('conv', noReads, async () => ((taken = true), {}));
    expect(taken).toBe(true);
  });
});

describe('turns of one conversation', () => {
  it('are serialised by the conversation lock, so concurrent read-modify-write turns keep every change', async () => {
    const prefix = uniquePrefix('bot-lock');
    const storage = new RedisStorage(redis, { prefix });
    const lock = lockOn(prefix, PATIENCE_MS, storage);
    // Each turn reads the count as it takes the conversation and writes it back as it lets go.
    const turn = () =>
      lock.run('conv', { items: [PERSON], scope }, async ({ items: [item] }) => {
        const count = (item?.count as number | undefined) ?? 0;
        await new Promise((r) => setTimeout(r, 5)); // another turn would read the same count here
        return { [PERSON]: { count: count + 1 } };
      });
    await Promise.all(Array.from({ length: 8 }, turn));
    expect((await storage.read([PERSON]))[PERSON].count).toBe(8);
  });

  it("reads the turn with the lock and writes it with the release: two scripts (on a cluster, of the conversation's tag, the person's state beside them)", async () => {
    const prefix = uniquePrefix('bot-trips');
    const storage = new RedisStorage(redis, { prefix });
    const awaiting = new AwaitingReplies(redis, prefix);
    await storage.write({ [PERSON]: { step: 1 }, [USER]: { locale: 'pl' } });
    await awaiting.set(scope, 'SR-2026-000007');
    const lock = lockOn(prefix, PATIENCE_MS, storage, awaiting);
    // Loaded into Redis first (on the conversation's node of a cluster), so that each script is one EVALSHA.
    await lock.run('conv', noReads, async () => ({}));
    const monitor = await monitorRedis(testRedisUrl());
    // Commands the client sent (a script's own commands are listed too, as from "lua").
    const ours = () => monitor.lines.filter((line) => line.includes(`"${prefix}`) && !line.includes(' lua]'));
    let start: TurnStart | undefined;
    await lock.run('conv', { items: [PERSON, USER], scope }, async (read) => {
      start = read;
      return { [PERSON]: { step: 2 }, [USER]: { locale: 'en' } };
    });
    const expected = redis.isCluster ? 4 : 2;
    for (let i = 0; i < 100 && ours().length < expected; i++) await new Promise((r) => setTimeout(r, 10));
    monitor.stop();
    expect(start).toEqual({
      items: [expect.objectContaining({ step: 1 }), expect.objectContaining({ locale: 'pl' })],
      stored: [expect.stringContaining('"step":1'), expect.stringContaining('"locale":"pl"')],
      awaited: 'SR-2026-000007',
      rating: null,
    });
    const sent = ours().map((line) => ({
      command: nth(/\] "(\w+)"/.exec(line) ?? [], 1).toLowerCase(),
      keys: [...line.matchAll(/"([^"]+)"/g)].map((m) => m[1]!).filter((arg) => arg.startsWith(prefix)),
    }));
    if (redis.isCluster) {
      // Each script names the conversation's keys only (one slot); the person's state across
      // conversations is read and written beside them (sent in the same tick).
      expect(sent.map((s) => s.command).sort()).toEqual(['evalsha', 'evalsha', 'get', 'set']);
      for (const { command, keys } of sent) {
        if (command === 'evalsha') expect(keys.every((key) => key.startsWith(`${prefix}{conv:conv}:`))).toBe(true);
        else expect(keys).toEqual([storage.redisKeyOf(USER)]);
      }
    } else {
      // On one node the scripts read and write the person's state across conversations too.
      expect(sent.map((s) => s.command)).toEqual(['evalsha', 'evalsha']);
      for (const { keys } of sent) expect(keys).toContain(storage.redisKeyOf(USER));
    }
    expect(await storage.read([PERSON, USER])).toEqual({
      [PERSON]: expect.objectContaining({ step: 2 }),
      [USER]: expect.objectContaining({ locale: 'en' }),
    });
    // Released: the next turn takes the conversation at once.
    await lockOn(prefix, 50, storage).run('conv', noReads, async () => ({}));
  });

  it('without the lock the same turns collide on the eTag (which is why the bot takes it)', async () => {
    const storage = new RedisStorage(redis, { prefix: uniquePrefix('bot-nolock') });
    const state = new ConversationState(storage);
    const counter = state.createProperty<number>('count');
    const turn = async (context: TurnContext) => {
      const count = await counter.get(context, 0);
      await new Promise((r) => setTimeout(r, 5));
      await counter.set(context, count + 1);
      await state.saveChanges(context);
    };
    const results = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => new TestAdapter(turn).receiveActivity(`turn ${i}`)));
    let final = 0;
    await new TestAdapter(async (context) => {
      await state.load(context, true);
      final = await counter.get(context, 0);
    }).receiveActivity('check');
    // Either a write was refused as stale, or (a new conversation has no eTag yet) an update was lost.
    expect(results.some((r) => r.status === 'rejected') || final < 4).toBe(true);
  });

  it('gives up with a clear error when the previous turn holds the lock too long', async () => {
    const lock = lockOn(uniquePrefix('bot-busy'), 50);
    let release!: () => void;
    const first = lock.run('conv', noReads, () => new Promise((r) => (release = () => r({}))));
    await expect(lock.run('conv', noReads, async () => ({}))).rejects.toThrow(ConversationBusyError);
    release();
    await first;
    let taken = false;
    await lock.run('conv', noReads, async () => ((taken = true), {}));
    expect(taken).toBe(true);
  });

  it('two bot instances sharing RedisClient answer concurrent messages of one conversation without losing a turn', async () => {
    const world = await deskWorld('bot-two-instances');
    try {
      const second = createDeskBot({
        kb: world.kb,
        entries: world.entries,
        tickets: world.tickets,
        organisations: world.organisations,
        verifier: world.verifier,
        redis: world.redis,
        prefix: world.prefix,
        logger: silentLogger,
        turnWaitMs: PATIENCE_MS,
      });
      const one = chat(world, { conversationId: 'shared' });
      const two = chat({ ...world, bot: second.bot }, { conversationId: 'shared' });
      await world.verifier.markVerified({ conversationId: one.scope, orgId: 'contoso', adminId: 'jan' });
      await one.say('rozmowa z człowiekiem');
      // Both answers arrive at once on different instances: each prompt takes one of them in turn.
      const [a, b] = await Promise.all([one.say('Problem techniczny'), two.say('Problem techniczny')]);
      const replies = [...a, ...b];
      expect(replies.some((r) => /Opisz problem/.test(r))).toBe(true);
      expect(replies.some((r) => /Opis jest za krótki|Kogo lub czego dotyczy/.test(r))).toBe(true);
    } finally {
      await world.close();
    }
  });
});
