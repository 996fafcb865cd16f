import type { RedisClient } from '../../common/redisConnection';
import type { KbEntry } from '../types';

/** An agent's change to the knowledge base, made in the console; kept as a numbered revision. */
export type KbEdit =
  { kind: 'phrasing'; articleId: string; question: string } | { kind: 'article'; articleId: string; title: string; answer: string };

export interface Revision {
  rev: number;
  at: number;
  by: string;
  edit: KbEdit;
}

/**
 * The articles of the repository plus the agents' revisions, in order: a phrasing is added to its
 * article's alternates (once), a drafted article becomes a new entry (or replaces an earlier draft
 * with its id). Pure: every instance that reads the same revisions builds the same base.
 */
export function applyRevisions(entries: readonly KbEntry[], revisions: readonly Revision[]): KbEntry[] {
  const out = entries.map((e) => ({ ...e, alternates: [...e.alternates] }));
  const byId = new Map(out.map((e) => [e.id, e]));
  for (const { edit } of revisions) {
    if (edit.kind === 'phrasing') {
      const entry = byId.get(edit.articleId);
      if (entry && !entry.alternates.includes(edit.question)) entry.alternates.push(edit.question);
    } else {
      const existing = byId.get(edit.articleId);
      const entry: KbEntry = {
        id: edit.articleId,
        title: edit.title,
        alternates: existing?.alternates ?? [],
        answer: edit.answer,
        tags: ['draft'],
        source: 'console',
        file: 'console.yaml',
      };
      if (existing) Object.assign(existing, entry);
      else {
        out.push(entry);
        byId.set(entry.id, entry);
      }
    }
  }
  return out;
}

/**
 * Revisions in Redis (a list, append-only), and a channel that tells every instance to reload
 * them: an edit takes effect everywhere without a restart.
 */
export class KbRevisions {
  readonly channel: string;
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.key = `${prefix}kb:revisions`;
    this.channel = `${prefix}kb:changed`;
  }

  async add(edit: KbEdit, by: string, now: number): Promise<Revision> {
    // A revision's number is its position in the list: unique, and in the order applied.
    const rev = await this.redis.rpush(this.key, JSON.stringify({ at: now, by, edit }));
    await this.redis.publish(this.channel, String(rev));
    return { rev, at: now, by, edit };
  }

  async all(): Promise<Revision[]> {
    return (await this.redis.lrange(this.key, 0, -1)).map((raw, i) => ({ rev: i + 1, ...(JSON.parse(raw) as Omit<Revision, 'rev'>) }));
  }
}
