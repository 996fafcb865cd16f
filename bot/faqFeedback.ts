import type { RedisClient } from '../common/redisConnection';
import type { Locale } from './i18n';
import { choiceSaidAs } from './commands';
import { typedAnswerIn, type TypedChoice } from './typedAnswer';

export interface FeedbackCounts {
  helpful: number;
  unhelpful: number;
}

/** The customer's question behind an answer, as they asked it. */
export interface AskedQuestion {
  question: string;
  locale: Locale;
}

/** What the knowledge base's learning loop hears: a "Nie" to an answer, or a suggestion picked. */
export interface LearningEvent extends AskedQuestion {
  outcome: 'unhelpful' | 'suggestion_chosen';
  articleId: string;
}

/** Per-article "Did this help?" counts, so the knowledge base's weak answers can be found. */
export class FaqFeedback {
  /** `onLearning` hears each "Nie" and each suggestion picked, with the question asked (the learning loop records them). */
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly onLearning: (event: LearningEvent) => Promise<void> = async () => {},
  ) {}

  async record(articleId: string, helpful: boolean, asked?: AskedQuestion): Promise<void> {
    await this.redis.hincrby(this.keyOf(articleId), helpful ? 'helpful' : 'unhelpful', 1);
    if (!helpful)
      await this.onLearning({ outcome: 'unhelpful', articleId, question: asked?.question ?? '', locale: asked?.locale ?? 'pl' });
  }

  /** The customer settled their question by picking the suggested article. */
  async chose(articleId: string, asked: AskedQuestion): Promise<void> {
    await this.onLearning({ outcome: 'suggestion_chosen', articleId, ...asked });
  }

  async counts(articleId: string): Promise<FeedbackCounts> {
    const raw = await this.redis.hgetall(this.keyOf(articleId));
    return { helpful: Number(raw.helpful ?? 0), unhelpful: Number(raw.unhelpful ?? 0) };
  }

  private keyOf(articleId: string): string {
    return `${this.prefix}kb:feedback:${articleId}`;
  }
}

/** The most words of a message that answers "Did this help?": a longer one says something new. */
const LONGEST_FEEDBACK_WORDS = 12;

/**
 * What a message typed after an answer says of it: helped (true: "tak, dzięki", "super, o to
 * chodziło"), did not (false: "nie bardzo", "niestety nie", "not really"), or undefined for
 * anything else: a question, a new problem, a request for a person ("ok, a ile to kosztuje?",
 * "nie, mam inny problem"), which the bot then reads as a message of its own.
 */
export function feedbackIn(text: string): boolean | undefined {
  feedbackChoices ??= [
    choiceSaidAs('helped', 'commands.yes', 'commands.helped'),
    choiceSaidAs('not helped', 'commands.no', 'commands.notHelped'),
    choiceSaidAs('something else', 'commands.somethingElse', 'commands.somethingElse'),
  ];
  // A turn asks twice (whether the rule applies, then what it says): read once.
  if (lastRead?.text !== text) {
    const answer = typedAnswerIn(text, feedbackChoices, { longestWords: LONGEST_FEEDBACK_WORDS });
    lastRead = { text, helped: answer === 0 ? true : answer === 1 ? false : undefined };
  }
  return lastRead.helped;
}

let lastRead: { text: string; helped: boolean | undefined } | undefined;

// Built once: every message after an answer is read with them.
let feedbackChoices: TypedChoice[] | undefined;
