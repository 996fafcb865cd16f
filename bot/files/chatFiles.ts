import type { RedisClient } from '../../common/redisConnection';
import { conversationKeys, conversationOfScope } from '../../common/conversationKeys';
import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { AttachmentRef, AttachmentStore, MessageFiles } from '../../ticketing';
import { AttachmentLinks, chatScope, CHANNEL_ID as WEB_CHANNEL } from '../directline';
import type { TeamsFiles } from './teamsFiles';

/** How long files sent before a ticket exists wait for it (the ticket opened in the same chat takes them). */
const HELD_SECONDS = 24 * 3600;

/**
 * The files of a customer's chat message, as the ticket keeps them: a web-chat upload is already
 * checked and stored (this only confirms it belongs to this conversation); a Teams file is
 * downloaded, then checked and stored. Files sent when no ticket is open are held for the person
 * until the ticket they open in this chat takes them.
 */
export class ChatFiles {
  constructor(private readonly deps: { store?: AttachmentStore; redis: RedisClient; prefix: string; teams?: TeamsFiles }) {}

  /** Whether the message brings files (cards, and the HTML copy Teams sends of every message, are no files). */
  static carries(activity: Partial<Activity>): boolean {
    return fileAttachments(activity).length > 0 || refusedOf(activity).length > 0;
  }

  async of(context: TurnContext): Promise<MessageFiles> {
    const { activity } = context;
    const files = fileAttachments(activity);
    const { store } = this.deps;
    if (!store) return { attachments: [], refused: files.map((f) => ({ name: f.name ?? 'file', reason: 'this desk keeps no files' })) };
    if (activity.channelId === WEB_CHANNEL) {
      const attachments: AttachmentRef[] = [];
      for (const file of files) {
        const id = AttachmentLinks.idOf(file.contentUrl);
        const stored = id ? await store.get(id) : null;
        // Only this conversation's own uploads: a link to another's file is no file of this message.
        if (stored && stored.scope === chatScope(activity.conversation!.id)) {
          attachments.push({ id: stored.id, name: stored.name, type: stored.type, size: stored.size });
        }
      }
      return { attachments, refused: refusedOf(activity) };
    }
    if (activity.channelId === 'msteams' && this.deps.teams) return this.deps.teams.of(context, files);
    return { attachments: [], refused: files.map((f) => ({ name: f.name ?? 'file', reason: 'files are not taken on this channel' })) };
  }

  async hold(scope: string, files: readonly AttachmentRef[]): Promise<void> {
    if (files.length === 0) return;
    const key = this.key(scope);
    await this.deps.redis
      .multi()
      .rpush(key, ...files.map((f) => JSON.stringify(f)))
      .ltrim(key, -20, -1)
      .expire(key, HELD_SECONDS)
      .exec();
  }

  async held(scope: string): Promise<AttachmentRef[]> {
    return (await this.deps.redis.lrange(this.key(scope), 0, -1)).map((json) => JSON.parse(json) as AttachmentRef);
  }

  async release(scope: string): Promise<void> {
    await this.deps.redis.del(this.key(scope));
  }

  private key(scope: string): string {
    return `${conversationKeys(this.deps.prefix, conversationOfScope(scope))}bot:held-files:${scope}`;
  }
}

const NOT_FILES = /^(application\/vnd\.microsoft\.(card|teams\.card)\.|text\/html$)/;

function fileAttachments(activity: Partial<Activity>): Attachment[] {
  return (activity.attachments ?? []).filter((a) => a && typeof a.contentType === 'string' && !NOT_FILES.test(a.contentType));
}

/** What the upload refused (set by this service's Direct Line, never by the client). */
function refusedOf(activity: Partial<Activity>): { name: string; reason: string }[] {
  const refused = (activity.channelData as { refusedFiles?: unknown } | undefined)?.refusedFiles;
  if (!Array.isArray(refused)) return [];
  return refused.filter((r): r is { name: string; reason: string } => !!r && typeof r.name === 'string' && typeof r.reason === 'string');
}

/** No files kept anywhere: every file is refused with a message, nothing is held. */
export const NO_FILES: Pick<ChatFiles, 'of' | 'hold' | 'held' | 'release'> = {
  of: async (context) => ({
    attachments: [],
    refused: fileAttachments(context.activity).map((f) => ({ name: f.name ?? 'file', reason: 'this desk keeps no files' })),
  }),
  hold: async () => undefined,
  held: async () => [],
  release: async () => undefined,
};
