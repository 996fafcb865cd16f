import { randomUUID } from 'crypto';
import type { Logger } from '../../common/logger';
import { archiveCutoffMs, isDueForArchive } from '../domain/retention';
import { indexEntriesOf } from './indexEntries';
import { InternalNoteStore } from './internalNotes';
import { keys, listKeysOf } from './keys';
import type { ScriptedPipeline } from './scripts';
import type { ArchivedTicket, TicketArchive } from './ticketArchive';
import type { TicketStore } from './ticketStore';

const HOUR = 3_600_000;

export interface ArchivingOptions {
  /** Days a ticket stays closed in Redis before it moves to the archive (CLOSED_TICKET_RETENTION_DAYS). */
  retentionDays: number;
  /** Tickets per archive file: a run reads this many at a time, never the store. */
  batchSize?: number;
  leaseMs?: number;
  /** Called when a batch's file is on disk and before its tickets leave Redis: where a crash hurts most (tests stop there). */
  onFileWritten?: (file: string) => Promise<void>;
}

export type ArchivingResult = { status: 'done'; archived: number; files: string[] } | { status: 'busy' };

/**
 * Moves the tickets closed for the whole retention period from Redis to the archive, oldest first,
 * a batch at a time from the closed set, under the archive lease (one instance at a time).
 *
 * Crash safety: a batch is first named in the pending hash (and its file listed under the
 * organisations of its tickets, in the same MULTI), then written to its file (synced),
 * and only then each ticket is taken out of Redis by a script that checks it did not change since
 * it was read. A run that finds a pending batch (the last one crashed) finishes it from its file
 * before anything else, so after a crash every ticket is in Redis or in the archive index, once:
 * a file that never reached the disk leaves its tickets in Redis for the next batch, one that did
 * is the one the index points at. A ticket changed between read and removal (reopened) stays in
 * Redis; its copy in the file is never pointed at.
 */
export async function archiveClosedTickets(
  store: TicketStore,
  archive: TicketArchive,
  now: Date,
  options: ArchivingOptions,
): Promise<ArchivingResult> {
  const { retentionDays, batchSize = 200 } = options;
  const { redis, prefix } = store;
  return withArchiveLease(store, options, async (renew) => {
    const result = { status: 'done' as const, archived: 0, files: [] as string[] };
    await archive.indexOlderFiles(renew);
    for (const [file] of Object.entries(await redis.hgetall(keys.archivePending(prefix)))) {
      const lines = (await archive.readIfWritten(file)) ?? [];
      result.archived += await takeOutOfRedis(store, file, lines);
      if (lines.length > 0) result.files.push(file);
      await redis.hdel(keys.archivePending(prefix), file);
    }
    for (;;) {
      await renew();
      const ids = await redis.zrangebyscore(keys.closed(prefix), '-inf', archiveCutoffMs(now, retentionDays), 'LIMIT', 0, batchSize);
      const due = (await store.getManyStored(ids)).filter((stored) => isDueForArchive(stored.ticket, now, retentionDays));
      if (due.length === 0) return result;
      const notes = await Promise.all(due.map((stored) => new InternalNoteStore(redis, prefix).list(stored.ticket.id)));
      const lines: ArchivedTicket[] = due.map(({ ticket, rev }, i) => ({ ticket, rev, notes: notes[i]!, archivedAt: now.toISOString() }));
      const file = archive.newFile(now);
      // Listed under its organisations in the same step, before it exists: their export and erasure read it even if it is left stale.
      const pending = redis
        .multi()
        .hset(keys.archivePending(prefix), file, JSON.stringify(lines.map((line) => [line.ticket.id, line.rev])));
      await archive.listUnderOrganisations(pending, file, lines).exec();
      await archive.write(file, lines);
      await options.onFileWritten?.(file);
      const archived = await takeOutOfRedis(store, file, lines);
      await redis.hdel(keys.archivePending(prefix), file);
      result.archived += archived;
      result.files.push(file);
      // Every one changed under us (reopened): leave them to the next run rather than spin.
      if (archived === 0) return result;
    }
  });
}

/** Runs `work` holding the archive lease (renewed by each renew()), or answers busy when another holder has it after `waitMs`. */
export async function withArchiveLease<T>(
  store: TicketStore,
  options: { leaseMs?: number; waitMs?: number },
  work: (renew: () => Promise<void>) => Promise<T>,
): Promise<T | { status: 'busy' }> {
  const { leaseMs = 120_000, waitMs = 0 } = options;
  const { redis, prefix } = store;
  const lease = keys.archiveLease(prefix);
  const token = randomUUID();
  const giveUpAt = Date.now() + waitMs;
  while ((await redis.set(lease, token, 'PX', leaseMs, 'NX')) !== 'OK') {
    if (Date.now() >= giveUpAt) return { status: 'busy' };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const renew = async () => {
    if ((await redis.deskArchiveLease(1, lease, 'renew', token, leaseMs)) !== 1)
      throw new Error('the archive lease expired under this run (another instance may have taken it); the next run finishes the work');
  };
  try {
    return await work(renew);
  } finally {
    await redis.deskArchiveLease(1, lease, 'release', token, leaseMs);
  }
}

/** Archives now and every hour, until stopped. */
export function startArchiving(
  store: TicketStore,
  archive: TicketArchive,
  options: ArchivingOptions,
  logger: Logger,
  clock: () => Date = () => new Date(),
): { stop(): void } {
  const run = () =>
    archiveClosedTickets(store, archive, clock(), options)
      .then((result) => {
        if (result.status === 'done' && result.archived > 0)
          logger.info(
            { archived: result.archived, files: result.files, dir: archive.dir },
            'closed tickets past their retention period moved to the archive',
          );
      })
      .catch((err) => logger.warn({ err }, 'archiving failed; the next run finishes it'));
  void run();
  const timer = setInterval(run, HOUR);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Takes the tickets of an archive file out of Redis (those unchanged since they were written); returns how many. */
async function takeOutOfRedis(store: TicketStore, file: string, lines: ArchivedTicket[]): Promise<number> {
  if (lines.length === 0) return 0;
  const { redis, prefix } = store;
  const write = redis.pipeline() as ScriptedPipeline;
  for (const { ticket, rev } of lines) {
    const e = indexEntriesOf(ticket);
    const lists = [...listKeysOf(prefix, e), keys.closed(prefix), ...e.search.map((term) => keys.searchTerm(prefix, term))];
    const ticketKeys = [
      keys.ticket(prefix, ticket.id),
      keys.archived(prefix, ticket.id),
      keys.internalNotes(prefix, ticket.id),
      keys.presence(prefix, ticket.id),
      keys.slaDue(prefix),
      keys.deliveryDue(prefix),
      ...lists,
    ];
    const members = [e.due.length, ...e.due.map(([member]) => member), ...e.delivery.map(([member]) => member)];
    write.deskArchiveTicket(ticketKeys.length, ...ticketKeys, rev, ticket.id, file, ...members);
  }
  let archived = 0;
  for (const [err, n] of (await write.exec()) ?? []) {
    if (err) throw err;
    archived += Number(n);
  }
  return archived;
}
