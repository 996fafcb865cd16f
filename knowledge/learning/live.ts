import type { Logger } from '../../common/logger';
import type { Locale } from '../../common/locale';
import { createKnowledgeBase, type KnowledgeBase } from '../knowledgeBase';
import type { AnswerResult, KbEntry } from '../types';
import { applyRevisions, KbRevisions } from './edits';
import { endConnection, type RedisClient } from '../../common/redisConnection';

/**
 * The knowledge base as it runs: the repository's articles plus the agents' revisions from Redis,
 * rebuilt whenever any instance publishes a change, so an edit in the console answers customers
 * on every instance without a restart.
 */
export class LiveKnowledgeBase implements KnowledgeBase {
  private current: KnowledgeBase;
  private subscriber: RedisClient | undefined;

  constructor(
    private readonly articles: readonly KbEntry[],
    readonly revisions: KbRevisions,
    private readonly logger: Logger,
  ) {
    this.current = createKnowledgeBase([...articles]);
  }

  /** Loads the revisions and follows the change channel on a connection of its own. */
  async start(redis: RedisClient): Promise<void> {
    this.subscriber = redis.duplicate();
    this.subscriber.on('message', () => void this.reload().catch((err) => this.logger.error({ err }, 'knowledge base reload failed')));
    this.subscriber.on('error', (err) => this.logger.warn({ err: err.message }, 'knowledge base change channel: redis error'));
    // Changes published while the connection was down are caught up on reconnecting.
    let connectedBefore = false;
    this.subscriber.on('ready', () => {
      if (connectedBefore) void this.reload().catch((err) => this.logger.error({ err }, 'knowledge base reload failed'));
      connectedBefore = true;
    });
    await this.subscriber.subscribe(this.revisions.channel);
    await this.reload();
  }

  async reload(): Promise<void> {
    const revisions = await this.revisions.all();
    this.current = createKnowledgeBase(applyRevisions(this.articles, revisions));
    this.logger.info({ revisions: revisions.length }, 'knowledge base loaded with console revisions');
  }

  async close(): Promise<void> {
    if (this.subscriber) await endConnection(this.subscriber);
  }

  answer(question: string, locale?: Locale): AnswerResult {
    return this.current.answer(question, locale);
  }

  rank(question: string): KbEntry[] {
    return this.current.rank(question);
  }

  entry(id: string): KbEntry | undefined {
    return this.current.entry(id);
  }

  get entries(): readonly KbEntry[] {
    return this.current.entries;
  }
}
