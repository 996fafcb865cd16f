import { randomBytes } from 'crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'fs/promises';
import { dirname, join } from 'path';
import { promisify } from 'util';
import { gunzip, gzip } from 'zlib';
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '../../common/redisConnection';
import type { Ticket } from '../domain/types';
import type { InternalNote } from './internalNotes';
import { keys } from './keys';

const gzipped = promisify(gzip);
const gunzipped = promisify(gunzip);

/** One line of an archive file: the ticket as it last was in Redis, with its revision and internal notes. */
export interface ArchivedTicket {
  ticket: Ticket;
  rev: number;
  notes: InternalNote[];
  archivedAt: string;
}

/** An archive file's name relative to the archive folder: `<YYYY-MM>/tickets-<time>-<random>.ndjson.gz`. */
const FILE_NAME = /^\d{4}-\d{2}\/tickets-[0-9TZ]+-[0-9a-f]+\.ndjson\.gz$/;
/** An organisation's archive files read from Redis at a time. */
const FILES_PAGE = 100;

/**
 * Closed tickets that left Redis: gzip-compressed NDJSON files in a folder, one file per archived
 * batch, in a folder per month of archiving, and in Redis only which file holds which id (small
 * hashes, keys.archived) and which files may hold an organisation's lines (keys.archiveOrgFiles).
 * A file is complete and on disk before anything points at it by id.
 */
export class TicketArchive {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    readonly dir: string,
  ) {}

  /** The file holding an archived ticket, or null for one never archived: one HGET. */
  locate(id: string): Promise<string | null> {
    return this.redis.hget(keys.archived(this.prefix, id), id);
  }

  /** An archived ticket by id: one HGET and one file of a batch read. */
  async find(id: string): Promise<ArchivedTicket | null> {
    const file = await this.locate(id);
    if (file === null) return null;
    // Every line starts with its ticket's id (write() puts it first): only that line is parsed.
    const start = `{"ticket":{"id":${JSON.stringify(id)},`;
    const line = (await this.lines(file)).find((l) => l.startsWith(start));
    return line === undefined ? null : (JSON.parse(line) as ArchivedTicket);
  }

  /** A name for the next file; nothing is written yet. */
  newFile(now: Date): string {
    const stamp = now.toISOString().replace(/[-:.]/g, '');
    return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}/tickets-${stamp}-${randomBytes(4).toString('hex')}.ndjson.gz`;
  }

  /** Writes a file whole: it is renamed into place and its folder synced only after its content reached the disk. */
  async write(file: string, lines: ArchivedTicket[]): Promise<void> {
    // The ticket first and its id first (a key keeps its first place when assigned again): find() reads a line by its start.
    const data = await gzipped(
      lines.map(({ ticket, ...rest }) => `${JSON.stringify({ ticket: Object.assign({ id: ticket.id }, ticket), ...rest })}\n`).join(''),
    );
    const path = this.pathOf(file);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    try {
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    } catch (err) {
      await unlink(temporary).catch(() => undefined);
      throw err;
    }
    const folder = await open(dirname(path), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }

  async read(file: string): Promise<ArchivedTicket[]> {
    return (await this.lines(file)).map((line) => JSON.parse(line) as ArchivedTicket);
  }

  /** A file's lines, or null for one named before it was written that never reached the disk (its run died). */
  readIfWritten(file: string): Promise<ArchivedTicket[] | null> {
    return this.read(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
  }

  /**
   * Adds to `write` (a MULTI or pipeline of the {tickets} tag) the file under each organisation of
   * its lines. The archiving does it in the step that names the batch pending, before the file is
   * written, so that the index holds every file that may hold the organisation's lines.
   */
  listUnderOrganisations<W extends ChainableCommander>(write: W, file: string, lines: ArchivedTicket[]): W {
    for (const orgId of new Set(lines.map((line) => line.ticket.orgId))) write.zadd(keys.archiveOrgFiles(this.prefix, orgId), 0, file);
    return write;
  }

  /**
   * The archive files that may hold lines of the organisation, oldest first, a page at a time:
   * what its export and erasure read instead of every file. A file may never have been written
   * (readIfWritten) or hold copies the id index does not point at. Complete once indexOlderFiles ran.
   */
  async *filesOf(orgId: string): AsyncIterable<string> {
    const key = keys.archiveOrgFiles(this.prefix, orgId);
    for (let from = '-'; ;) {
      const files = await this.redis.zrangebylex(key, from, '+', 'LIMIT', 0, FILES_PAGE);
      yield* files;
      if (files.length < FILES_PAGE) return;
      from = `(${files[files.length - 1]!}`;
    }
  }

  /**
   * Lists under their organisations the files written before that index existed: once per store
   * (then one EXISTS), reading every file once, oldest first, and resuming after the last file done
   * when it was interrupted. Run under the archive lease (renewed before each file), so that no
   * file is written or rewritten meanwhile.
   */
  async indexOlderFiles(renew: () => Promise<void>): Promise<void> {
    const mark = keys.archiveOrgsIndexed(this.prefix);
    if ((await this.redis.exists(mark)) === 1) return;
    const progress = `${mark}:progress`;
    const doneUpTo = (await this.redis.get(progress)) ?? '';
    // files() sorts as the names compare: the last file done says where to resume.
    for (const file of (await this.files()).filter((f) => f > doneUpTo)) {
      await renew();
      await this.listUnderOrganisations(this.redis.multi(), file, await this.read(file))
        .set(progress, file)
        .exec();
    }
    await this.redis.multi().set(mark, new Date().toISOString()).del(progress).exec();
  }

  private async lines(file: string): Promise<string[]> {
    return (await gunzipped(await readFile(this.pathOf(file)))).toString('utf8').split('\n').filter(Boolean);
  }

  /** Every archive file, oldest first: only the once-per-store fill (indexOlderFiles) walks them all. */
  async files(): Promise<string[]> {
    const months = (await readdir(this.dir).catch(absentAsEmpty)).filter((name) => /^\d{4}-\d{2}$/.test(name)).sort();
    const files: string[] = [];
    for (const month of months) {
      const names = (await readdir(join(this.dir, month))).filter((name) => name.endsWith('.ndjson.gz')).sort();
      files.push(...names.map((name) => `${month}/${name}`));
    }
    return files;
  }

  private pathOf(file: string): string {
    if (!FILE_NAME.test(file)) throw new Error(`not an archive file name: ${file}`);
    return join(this.dir, file);
  }
}

function absentAsEmpty(err: NodeJS.ErrnoException): string[] {
  if (err.code === 'ENOENT') return [];
  throw err;
}
