import { readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import type { RedisClient } from '../../../common/redisConnection';
import { archiveClosedTickets, type ArchivingResult } from '../../../ticketing/store/archiving';
import { InternalNoteStore } from '../../../ticketing/store/internalNotes';
import { keys } from '../../../ticketing/store/keys';
import { TicketArchive } from '../../../ticketing/store/ticketArchive';
import { TicketStore } from '../../../ticketing/store/ticketStore';
import { keysMatching, testRedis, uniquePrefix } from '../../support/redis';
import { startTicketingApi, ticketBody } from '../../support/ticketingApiServer';
import { until } from '../../support/waitFor';
import { freshDirEachTest } from '../../support/freshDir';
import { deskOn, inconsistencies, ticketInput, TestClock } from './serviceFixtures';

const DAY = 86_400_000;
let redis: RedisClient;
beforeAll(() => {
  redis = testRedis();
});
afterAll(() => redis.disconnect());
const archiveDir = freshDirEachTest('archive');

async function desk(name: string) {
  const prefix = uniquePrefix(name);
  const clock = new TestClock(new Date('2025-01-10T09:00:00.000Z'));
  const { service } = await deskOn(redis, prefix, { clock, archiveDir: archiveDir.path });
  const close = async (id: string) => {
    await service.changeStatus(id, 'in_progress', 'agent:ola');
    await service.changeStatus(id, 'resolved', 'agent:ola');
    await service.changeStatus(id, 'closed', 'agent:ola');
  };
  const closedTicket = async (title: string) => {
    const { ticket } = await service.create(ticketInput({ title }), `key-${title}`);
    await close(ticket.id);
    return ticket.id;
  };
  const archive = (options: { batchSize?: number; leaseMs?: number } = {}) =>
    archiveClosedTickets(service.store, service.archive, clock.read(), { retentionDays: 365, ...options });
  return { prefix, clock, service, closedTicket, archive };
}

/** Every line of every archive file, as the ids they hold. */
async function archivedIds(archive: TicketArchive): Promise<string[]> {
  const ids: string[] = [];
  for (const file of await archive.files()) {
    const text = gunzipSync(readFileSync(join(archive.dir, file))).toString('utf8');
    ids.push(
      ...text
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { ticket: { id: string } }).ticket.id),
    );
  }
  return ids.sort();
}

/** Every key of the store's tag that still names the ticket: its own keys, or an index holding it. */
async function keysNaming(prefix: string, id: string): Promise<string[]> {
  const found: string[] = [];
  for (const key of await keysMatching(redis, `${keys.store(prefix)}*`)) {
    if (key.includes(id) && !key.startsWith(keys.store(prefix) + 'archived:')) found.push(key);
    const type = await redis.type(key);
    if (type === 'zset' && (await redis.zscore(key, id)) !== null) found.push(key);
    if (type === 'zset' && (await redis.zrange(key, 0, -1)).some((m) => m.startsWith(`${id}|`))) found.push(key);
    if (type === 'set' && (await redis.sismember(key, id))) found.push(key);
  }
  return found;
}

describe('archiving closed tickets', () => {
  it('moves the tickets closed past the period to gzip NDJSON files, leaves nothing of them in the indexes, and finds them by id', async () => {
    const { prefix, clock, service, closedTicket, archive } = await desk('archive');
    const old = [await closedTicket('old-1'), await closedTicket('old-2'), await closedTicket('old-3')];
    await new InternalNoteStore(redis, prefix).add(old[0]!, 'ola', 'Klient dzwonił dwa razy', clock.read());
    clock.advance(200 * DAY);
    const recent = await closedTicket('recent');
    const open = (await service.create(ticketInput({ title: 'open' }))).ticket.id;
    clock.advance(200 * DAY); // the old ones were closed 400 days ago, the recent one 200

    const result = (await archive({ batchSize: 2 })) as Extract<ArchivingResult, { status: 'done' }>;
    expect(result.archived).toBe(3);
    expect(result.files).toHaveLength(2); // two batches of at most two
    expect(await archivedIds(service.archive)).toEqual(old);
    expect(await inconsistencies(redis, prefix)).toEqual([]);
    for (const id of old) expect(await keysNaming(prefix, id)).toEqual([]);
    expect(await keysNaming(prefix, recent)).toContain(keys.closed(prefix));

    // Live lists and search no longer hold them; the others are untouched.
    expect((await service.list({})).map((t) => t.id)).toEqual([open, recent]);
    expect((await service.list({ status: 'closed' })).map((t) => t.id)).toEqual([recent]);
    // Still found by id, marked archived, with its notes in the file; read-only.
    expect(await service.get(old[0]!)).toBeNull();
    expect(await service.find(old[0]!)).toMatchObject({ archived: true, ticket: { id: old[0], status: 'closed', title: 'old-1' } });
    expect((await service.archive.find(old[0]!))?.notes).toMatchObject([{ author: 'ola', text: 'Klient dzwonił dwa razy' }]);
    await expect(service.changeStatus(old[0]!, 'in_progress', 'agent:ola')).rejects.toMatchObject({ code: 'ticket_archived' });

    // Nothing more is due: a second run writes no file.
    expect(await archive()).toEqual({ status: 'done', archived: 0, files: [] });
  });

  it('after an instance dies between writing a file and taking its tickets out of Redis, the next run finishes it: each ticket once', async () => {
    const { prefix, clock, service, closedTicket, archive } = await desk('archive-crash');
    const old = [await closedTicket('a'), await closedTicket('b')];
    clock.advance(400 * DAY);

    // An instance of its own, whose connection dies the moment its file is on disk (as its process would).
    const doomed = testRedis();
    const doomedArchive = new TicketArchive(doomed, prefix, archiveDir.path);
    const run = archiveClosedTickets(new TicketStore(doomed, prefix), doomedArchive, clock.read(), {
      retentionDays: 365,
      leaseMs: 1500,
      onFileWritten: async () => doomed.disconnect(),
    });
    await expect(run).rejects.toThrow();
    const [file] = await service.archive.files();
    expect(await archivedIds(service.archive)).toEqual(old); // the file is whole on disk...
    for (const id of old) expect((await service.find(id))?.archived).toBe(false); // ...and the tickets still live in Redis

    // Its lease holds until it expires, then another instance finishes the batch from that same file.
    const finished = await until('the dead instance lease to expire', async () => {
      const result = await archive();
      return result.status === 'done' && result;
    });
    expect(finished).toEqual({ status: 'done', archived: 2, files: [file] });
    expect(await archivedIds(service.archive)).toEqual(old);
    for (const id of old) expect(await service.find(id)).toMatchObject({ archived: true, ticket: { id } });
    expect(await redis.hlen(keys.archivePending(prefix))).toBe(0);
    expect(await inconsistencies(redis, prefix)).toEqual([]);
    expect(await archive()).toEqual({ status: 'done', archived: 0, files: [] });
  });

  it('runs on one instance at a time', async () => {
    const { clock, service, closedTicket, archive } = await desk('archive-lease');
    await closedTicket('a');
    clock.advance(400 * DAY);
    let release: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let written: () => void = () => undefined;
    const fileWritten = new Promise<void>((resolve) => (written = resolve));
    const first = archiveClosedTickets(service.store, service.archive, clock.read(), {
      retentionDays: 365,
      onFileWritten: async () => {
        written();
        await holding;
      },
    });
    await fileWritten;
    expect(await archive()).toEqual({ status: 'busy' });
    release();
    expect(await first).toMatchObject({ status: 'done', archived: 1 });
  });

  it('over the API: an archived ticket is read by id, marked archived, and refuses changes', async () => {
    const api = await startTicketingApi('archive-http');
    try {
      const opened = await api.call('POST', '/api/tickets', {
        as: 'system',
        body: ticketBody(),
        headers: { 'Idempotency-Key': 'archive-http-1' },
      });
      const id = opened.body.id as string;
      for (const verb of ['status', 'resolve', 'close']) {
        const body = verb === 'status' ? { status: 'in_progress' } : undefined;
        expect((await api.call('POST', `/api/tickets/${id}/${verb}`, { as: 'agent', body })).status).toBe(200);
      }
      api.clock.now = new Date(api.clock.now.getTime() + 400 * DAY);
      expect(await archiveClosedTickets(api.service.store, api.service.archive, api.clock.now, { retentionDays: 365 })).toMatchObject({
        archived: 1,
      });

      const read = await api.call('GET', `/api/tickets/${id}`, { as: 'agent' });
      expect(read).toMatchObject({ status: 200, body: { id, status: 'closed', archived: true, title: ticketBody().title } });
      expect((await api.call('GET', `/api/tickets/${id}/history`, { as: 'agent' })).status).toBe(200);
      expect(await api.call('POST', `/api/tickets/${id}/reopen`, { as: 'agent' })).toMatchObject({
        status: 409,
        body: { error: 'ticket_archived' },
      });
      // The same Idempotency-Key still gives its ticket.
      const again = await api.call('POST', '/api/tickets', {
        as: 'system',
        body: ticketBody(),
        headers: { 'Idempotency-Key': 'archive-http-1' },
      });
      expect(again).toMatchObject({ status: 200, body: { id } });
      expect((await api.call('GET', '/api/tickets/SR-2025-999999', { as: 'agent' })).status).toBe(404);
    } finally {
      await api.close();
    }
  });
});
