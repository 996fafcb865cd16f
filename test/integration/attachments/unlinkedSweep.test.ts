import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { RedisClient } from '../../../common/redisConnection';
import { AttachmentStore } from '../../../ticketing/attachments/attachmentStore';
import { FileStore } from '../../../ticketing/attachments/fileStore';
import { addCustomerMessage, openTicket } from '../../../ticketing/domain/ticket';
import type { MessageFiles } from '../../../ticketing/domain/types';
import { keys } from '../../../ticketing/store/keys';
import { TicketStore } from '../../../ticketing/store/ticketStore';
import { testRedis, uniquePrefix } from '../../support/redis';
import { organisation, ticketInput } from '../../unit/ticketing/fixtures';

const HOUR = 3_600_000;
const LIMITS = { fileBytes: 1024 * 1024, messageBytes: 2 * 1024 * 1024 };

describe('uploads no ticket links', () => {
  let redis: RedisClient;
  let dir: string;
  let store: AttachmentStore;
  let tickets: TicketStore;
  let prefix: string;
  const contentPath = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);

  beforeEach(() => {
    redis = testRedis();
    dir = mkdtempSync(join(tmpdir(), 'desk-files-'));
    prefix = uniquePrefix('unlinked');
    store = new AttachmentStore(redis, prefix, new FileStore(dir), LIMITS);
    tickets = new TicketStore(redis, prefix);
  });

  /**
   * A ticket opened with `files`, stored as the service stores it, and nothing after that: the
   * service may stop right after the save (the old second step, taking the files off the sweep's
   * list, never runs).
   */
  const openedWith = async (id: string, files: MessageFiles, now: Date) => {
    const ticket = { ...openTicket(ticketInput(), organisation(), id, now), attachments: files.attachments };
    expect(await tickets.insert(ticket)).toEqual({ status: 'ok' });
    return ticket;
  };
  afterEach(async () => {
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are forgotten after the configured time, their content deleted; linked ones and shared content stay', async () => {
    const uploaded = new Date('2026-12-01T10:00:00Z');
    const forgotten = await store.accept([{ name: 'zapomniany.log', data: Buffer.from('log nikomu niepotrzebny\n') }], 'chat:a', uploaded);
    const linked = await store.accept([{ name: 'w zgłoszeniu.log', data: Buffer.from('log w zgłoszeniu\n') }], 'chat:b', uploaded);
    // The same content uploaded twice: one upload forgotten, the other on a ticket.
    const shared = Buffer.from('ten sam zrzut\n');
    const sharedForgotten = await store.accept([{ name: 'a.txt', data: shared }], 'chat:c', uploaded);
    const sharedLinked = await store.accept([{ name: 'b.txt', data: shared }], 'ticket:SR-2026-000001', uploaded);
    await openedWith('SR-2026-000001', { attachments: [...linked.attachments, ...sharedLinked.attachments], refused: [] }, uploaded);
    const record = async (files: { attachments: { id: string }[] }) => (await store.get(files.attachments[0]!.id))!;
    const gone = await record(forgotten);
    const kept = await record(linked);
    const sharedGone = await record(sharedForgotten);
    const sharedKept = await record(sharedLinked);

    // Not yet: within the time an upload may wait for its ticket.
    expect(await store.sweepUnlinked(new Date(uploaded.getTime() + 23 * HOUR), 24 * HOUR)).toBe(0);
    expect(await store.open(gone.id)).not.toBeNull();

    expect(await store.sweepUnlinked(new Date(uploaded.getTime() + 25 * HOUR), 24 * HOUR)).toBe(2);
    expect(await store.get(gone.id)).toBeNull();
    expect(existsSync(contentPath(gone.sha256))).toBe(false);
    expect(await store.get(sharedGone.id)).toBeNull();
    // Content another record still uses is kept, and so are the linked uploads.
    expect(existsSync(contentPath(sharedGone.sha256))).toBe(true);
    expect((await store.open(sharedKept.id))!.data).toEqual(shared);
    expect((await store.open(kept.id))!.data.toString()).toBe('log w zgłoszeniu\n');
    expect(await store.sweepUnlinked(new Date(uploaded.getTime() + 1000 * HOUR), 24 * HOUR)).toBe(0);
  });

  it("keeps a ticket's files when the service stops right after the ticket's save, and lets their marks go once swept", async () => {
    const uploaded = new Date('2026-12-01T10:00:00Z');
    const opening = await store.accept([{ name: 'zrzut.png.txt', data: Buffer.from('zrzut ekranu\n') }], 'chat:d', uploaded);
    const ticket = await openedWith('SR-2026-000002', opening, uploaded);
    // A later message brings another file; its save is the last thing the service did.
    const later = new Date(uploaded.getTime() + 20 * HOUR);
    const followUp = await store.accept([{ name: 'log.txt', data: Buffer.from('log z wczoraj\n') }], 'chat:d', later);
    const stored = (await tickets.get(ticket.id))!;
    const answered = addCustomerMessage(stored.ticket, 'adm-1', 'Dosyłam log.', later, organisation(), followUp);
    expect(await tickets.update(stored, answered)).toMatchObject({ status: 'ok' });

    // Long past the time an upload may wait for its ticket: both files are the ticket's and stay.
    expect(await store.sweepUnlinked(new Date(uploaded.getTime() + 100 * HOUR), 24 * HOUR)).toBe(0);
    expect((await store.open(opening.attachments[0]!.id))!.data.toString()).toBe('zrzut ekranu\n');
    expect((await store.open(followUp.attachments[0]!.id))!.data.toString()).toBe('log z wczoraj\n');
    // Nothing is left for later sweeps: neither the uploads nor their marks.
    expect(await redis.zcard(`${prefix}{files}:attachments-unlinked`)).toBe(0);
    expect(await redis.scard(keys.linkedFiles(prefix))).toBe(0);
  });

  it('reads only the uploads due: a sweep costs what it forgets, not what is stored', async () => {
    const start = new Date('2026-12-01T10:00:00Z');
    for (let n = 0; n < 30; n++)
      await store.accept([{ name: `plik${n}.txt`, data: Buffer.from(`plik ${n}\n`) }], 'chat:x', new Date(start.getTime() + n * HOUR));
    // Of 30 uploads an hour apart, those older than 24 h at start + 29 h are the first 6.
    expect(await store.sweepUnlinked(new Date(start.getTime() + 29 * HOUR), 24 * HOUR, 4)).toBe(4);
    expect(await store.sweepUnlinked(new Date(start.getTime() + 29 * HOUR), 24 * HOUR, 4)).toBe(2);
    expect(await redis.zcard(`${prefix}{files}:attachments-unlinked`)).toBe(24);
  });

  it('an upload of content being deleted waits for the deletion and stores the file again', async () => {
    const data = Buffer.from('raz i jeszcze raz\n');
    const first = await store.accept([{ name: 'x.txt', data }], 'chat:a', new Date('2026-12-01T10:00:00Z'));
    const { sha256 } = (await store.get(first.attachments[0]!.id))!;
    // A sweeper that marked the content and stopped before deleting it: the mark expires by itself.
    await redis.set(`${prefix}{files}:attachment-deleting:${sha256}`, '1', 'PX', 300);
    const again = await store.accept([{ name: 'y.txt', data }], 'chat:b', new Date('2026-12-01T11:00:00Z'));
    expect((await store.open(again.attachments[0]!.id))!.data).toEqual(data);
  });
});
