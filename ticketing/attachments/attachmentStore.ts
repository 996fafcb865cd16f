import type { RedisClient } from '../../common/redisConnection';
import { createHash } from 'crypto';
import { DomainError, type AttachmentRef, type MessageFiles, type RefusedFile } from '../domain/types';
import { keys } from '../store/keys';
import { withScripts, type ScriptedRedis } from '../store/scripts';
import { checkContent } from './contentCheck';
import type { FileStore } from './fileStore';

/** Size caps: one file, and all the files of one message together. */
export interface AttachmentLimits {
  fileBytes: number;
  messageBytes: number;
}

/** A file as it arrives: the sender's name for it and its bytes (any declared type is ignored). */
export interface IncomingFile {
  name: string;
  data: Buffer;
}

/** What the store keeps about a file besides its content. */
export interface StoredAttachment extends AttachmentRef {
  sha256: string;
  /** Where it came from: a web-chat conversation id, a mail's key, a ticket an agent attached it to. */
  scope: string;
  at: string;
}

/** How long a content's deletion mark outlives a sweeper that stopped halfway (an upload of it waits this long at most). */
const DELETION_MARK_MS = 60_000;
const WAIT_FOR_DELETION_MS = 100;

/**
 * The files customers and agents send: each checked by its content and the size caps, its
 * content kept once in the file store, and a small record in Redis naming it. An attachment's
 * id is derived from where it came from, its content and its name, so a message processed twice
 * (a mail read again after a crash) gives the same ids and adds nothing twice. Who may read a
 * file is decided by whoever links it (a ticket's message, a chat conversation), not here.
 *
 * An upload waits in a set ordered by upload time; `sweepUnlinked` forgets the ones no ticket
 * linked within a while (a file sent in a chat that never became a ticket, an agent's upload for a
 * reply never sent), and deletes the content when no other record uses it. A ticket links a file
 * by the mark its save script writes in the tickets' slot, in the same step as the ticket: the
 * sweep keeps a marked upload, then drops the mark (docs/architecture.md, the `{files}` row).
 */
export class AttachmentStore {
  private readonly redis: ScriptedRedis;

  constructor(
    redis: RedisClient,
    private readonly prefix: string,
    private readonly files: FileStore,
    readonly limits: AttachmentLimits,
  ) {
    this.redis = withScripts(redis);
  }

  /** Checks and keeps a message's files; the refused ones are named with the reason, the others kept. */
  async accept(incoming: readonly IncomingFile[], scope: string, now: Date): Promise<MessageFiles> {
    const attachments: AttachmentRef[] = [];
    const refused: RefusedFile[] = [];
    let total = 0;
    for (const file of incoming) {
      const name = cleanName(file.name);
      if (file.data.length > this.limits.fileBytes) {
        refused.push({ name, reason: `it is ${megabytes(file.data.length)}; a file may be at most ${megabytes(this.limits.fileBytes)}` });
        continue;
      }
      if (total + file.data.length > this.limits.messageBytes) {
        refused.push({ name, reason: `the message's files would pass ${megabytes(this.limits.messageBytes)} together` });
        continue;
      }
      const verdict = checkContent(file.data);
      if (!verdict.accepted) {
        refused.push({ name, reason: verdict.reason });
        continue;
      }
      total += file.data.length;
      attachments.push(refOf(await this.keep(file.data, scope, name, withExtension(name, verdict.extensions), verdict.type, now)));
    }
    return { attachments, refused };
  }

  /** The content stored and its record kept; a repeat keeps the first record (and its time). */
  private async keep(data: Buffer, scope: string, name: string, shownName: string, type: string, now: Date): Promise<StoredAttachment> {
    for (;;) {
      const { sha256, existed } = await this.files.put(data);
      const stored: StoredAttachment = {
        id: attachmentId(scope, sha256, name),
        name: shownName,
        type,
        size: data.length,
        sha256,
        scope,
        at: now.toISOString(),
      };
      const reply = await this.redis.deskKeepAttachment(
        4,
        this.key(stored.id),
        this.usersKey(),
        this.unlinkedKey(),
        this.deletingKey(sha256),
        JSON.stringify(stored),
        sha256,
        now.getTime(),
        stored.id,
        existed ? '1' : '0',
      );
      if (reply !== 'wait') return stored;
      // The sweep is deleting this very content: store it again once it is done.
      await new Promise((resolve) => setTimeout(resolve, WAIT_FOR_DELETION_MS));
    }
  }

  /**
   * Forgets up to `limit` uploads that no ticket linked within `olderThanMs` of their upload, oldest
   * first, deleting contents no other record uses. Costs what it sweeps, not what is stored.
   * Resolves with how many were forgotten.
   */
  async sweepUnlinked(now: Date, olderThanMs: number, limit = 100): Promise<number> {
    const before = now.getTime() - olderThanMs;
    const ids = await this.redis.zrangebyscore(this.unlinkedKey(), '-inf', before, 'LIMIT', 0, limit);
    let swept = 0;
    for (const id of ids) {
      if (await this.redis.sismember(this.linkedKey(), id)) {
        // On a ticket: out of the sweep's way for good, then its mark has done its work.
        await this.redis.zrem(this.unlinkedKey(), id);
        await this.redis.srem(this.linkedKey(), id);
        continue;
      }
      const stored = await this.get(id);
      if (!stored) {
        await this.redis.zrem(this.unlinkedKey(), id);
        continue;
      }
      const deleting = this.deletingKey(stored.sha256);
      const last = await this.redis.deskSweepAttachment(
        4,
        this.key(id),
        this.usersKey(),
        this.unlinkedKey(),
        deleting,
        id,
        stored.sha256,
        before,
        DELETION_MARK_MS,
      );
      if (last === 1) {
        await this.files.remove(stored.sha256);
        await this.redis.del(deleting);
      }
      swept += 1;
    }
    return swept;
  }

  /** The files uploaded in `scope` under these ids, for a message; an id from elsewhere is refused. */
  async filesOf(scope: string, ids: readonly string[]): Promise<MessageFiles> {
    const attachments: AttachmentRef[] = [];
    for (const id of new Set(ids)) {
      const stored = await this.get(id);
      if (!stored || stored.scope !== scope) throw new DomainError('invalid_message', `attachment ${id} was not uploaded for this message`);
      attachments.push(refOf(stored));
    }
    return { attachments, refused: [] };
  }

  async get(id: string): Promise<StoredAttachment | null> {
    if (!ATTACHMENT_ID.test(id)) return null;
    const json = await this.redis.get(this.key(id));
    return json === null ? null : (JSON.parse(json) as StoredAttachment);
  }

  /** The record and content of a file, or null when there is none. */
  async open(id: string): Promise<{ attachment: StoredAttachment; data: Buffer } | null> {
    const attachment = await this.get(id);
    if (!attachment) return null;
    return { attachment, data: await this.files.read(attachment.sha256) };
  }

  private key(id: string): string {
    return `${this.prefix}{files}:attachment:${id}`;
  }

  /** sha256 -> how many records use that content. */
  private usersKey(): string {
    return `${this.prefix}{files}:attachment-users`;
  }

  /** Uploads the sweep has not looked at yet, scored by upload time (ms). */
  private unlinkedKey(): string {
    return `${this.prefix}{files}:attachments-unlinked`;
  }

  /** The uploads tickets link, marked by the ticket's save (keys.ts, `linkedFiles`). */
  private linkedKey(): string {
    return keys.linkedFiles(this.prefix);
  }

  private deletingKey(sha256: string): string {
    return `${this.prefix}{files}:attachment-deleting:${sha256}`;
  }
}

export const ATTACHMENT_ID = /^[A-Za-z0-9_-]{22}$/;

export function refOf(stored: StoredAttachment): AttachmentRef {
  return { id: stored.id, name: stored.name, type: stored.type, size: stored.size };
}

function attachmentId(scope: string, sha256: string, name: string): string {
  return createHash('sha256').update(`${scope}\0${sha256}\0${name}`).digest('base64url').slice(0, 22);
}

/** A name fit for a download: no folders, no control characters, at most 150 characters. */
export function cleanName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  return (base || 'file').slice(-150);
}

/** The name, with the extension of its content's kind when it has none of them ("report.exe" that is a PNG becomes "report.exe.png"). */
function withExtension(name: string, extensions: readonly string[]): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  return ext && extensions.includes(ext) ? name : `${name}.${extensions[0]}`;
}

function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}
