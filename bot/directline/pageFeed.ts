import { randomBytes } from 'crypto';
import type { Activity } from 'botbuilder';
import { isRedisUnavailable } from '../../common/redisConnection';
import type { Logger } from '../../common/logger';
import type { ActivityStream } from './stream';
import type { TranscriptStore } from './transcript';

/**
 * What a web-chat page is sent: normally the activity is stored in the transcript, and every
 * instance's sockets read it from there. While Redis is unreachable it goes straight to this
 * instance's sockets of the conversation instead, unstored, so that the FAQ keeps answering on
 * the web as it does on Teams (an instance's own replies reach the sockets it holds).
 */
export class PageFeed {
  constructor(
    private readonly transcripts: TranscriptStore,
    private readonly stream: ActivityStream,
    private readonly logger: Logger,
  ) {}

  /** Stores (or, during an outage, pushes) the activity; returns the id it was given. */
  async append(conversationId: string, activity: Partial<Activity>): Promise<string> {
    try {
      return await this.transcripts.append(conversationId, activity);
    } catch (err) {
      if (!isRedisUnavailable(err)) throw err;
      const id = `${conversationId}|unstored-${randomBytes(6).toString('base64url')}`;
      this.logger.warn({ conversationId, type: activity.type }, 'web chat: Redis is unreachable, activity sent to the page unstored');
      this.stream.pushUnstored(conversationId, { ...activity, id });
      return id;
    }
  }
}
