import { foldPhrase, greetingLength } from '../../common/text';
import { DomainError, type Ticket } from './types';

/**
 * Customer satisfaction (docs/sla.md, "Reports"): after a ticket is resolved its administrator
 * may rate it 1-5 with an optional comment, once. The answer is a fact like an SLA outcome.
 */

export const MAX_SATISFACTION_COMMENT = 1_000;

export function rateTicket(ticket: Ticket, author: string, rating: number, comment: string | undefined, now: Date): Ticket {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    throw new DomainError('invalid_rating', `a satisfaction rating is a whole number from 1 to 5, got ${rating}`);
  if (author !== ticket.adminId)
    throw new DomainError('author_not_administrator', `${ticket.id} was opened by ${ticket.adminId}: only they rate it, not ${author}`);
  if (ticket.status !== 'resolved' && ticket.status !== 'closed')
    throw new DomainError('ticket_not_resolved', `${ticket.id} is ${ticket.status}: it can be rated once it is resolved`);
  if (ticket.satisfaction)
    throw new DomainError('already_rated', `${ticket.id} was already rated ${ticket.satisfaction.rating} on ${ticket.satisfaction.at}`);
  const text = comment?.trim();
  if (text && text.length > MAX_SATISFACTION_COMMENT)
    throw new DomainError('invalid_rating', `the comment is longer than ${MAX_SATISFACTION_COMMENT} characters`);
  const at = now.toISOString();
  const satisfaction: NonNullable<Ticket['satisfaction']> = { rating, at, grade: ticket.grade };
  if (text) satisfaction.comment = text;
  return {
    ...ticket,
    satisfaction,
    updatedAt: at,
    history: [
      ...ticket.history,
      { at, actor: `admin:${author}`, kind: 'satisfaction', to: String(rating), ...(text ? { reason: text } : {}) },
    ],
  };
}

/**
 * Words a customer answers the rating question with, folded (common/text.ts), in both languages
 * whatever the chat's: people mix them. A phrase of several words is matched before its parts.
 */
const RATING_WORDS: Record<number, readonly string[]> = {
  5: [
    'super',
    'swietnie',
    'doskonale',
    'rewelacja',
    'rewelacyjnie',
    'bardzo dobrze',
    'excellent',
    'great',
    'perfect',
    'awesome',
    'very good',
    '👍',
  ],
  4: ['dobrze', 'dobra robota', 'good', 'fine', 'good job'],
  3: ['srednio', 'tak sobie', 'przecietnie', 'so-so', 'so so', 'average', 'okay-ish'],
  2: ['slabo', 'kiepsko', 'zle', 'poor', 'bad', 'not good'],
  1: ['fatalnie', 'tragicznie', 'bardzo slabo', 'bardzo zle', 'terrible', 'awful', 'very bad', 'very poor', '👎'],
};
const WORD_RATINGS: [string, number][] = Object.entries(RATING_WORDS)
  .flatMap(([rating, words]) => words.map((word): [string, number] => [word, Number(rating)]))
  .sort((a, b) => b[0].length - a[0].length);

/**
 * "5", "4/5", "3 na 5", "5 gwiazdek", "2 stars", maybe after "daję" or "I give it", followed by the
 * end or a separator: "5 minut temu znowu padło" is a message, not a rating.
 */
const DIGIT_RATING =
  /^(?:(?:daje|dam|oceniam(?: na)?|ocena|i give(?: it| you)?|i'd give(?: it| you)?|i rate(?: it| you)?|rating)[\s:]+)?([1-5])(?:\s*\/\s*5|\s+(?:na|of|out of)\s+5|\s*\*+|\s+(?:gwiazdk[aiey]?|gwiazdek|stars?|pkt|points?))?(?=$|\s*[,.;:!)–—-])/;
/** What may follow a rating word: nothing, a separator and a comment ("słabo - czekałem dwa dni"), or thanks ("super dzięki"). */
const AFTER_WORD = /^(?:\s*$|\s*[,.;:!–—-]|\s+(?:dzieki|dziekuje|dziekujemy|thanks|thank you|thx)\b)/;

/**
 * A typed answer to "how would you rate our help?" (chat or mail): a digit 1-5 or a word
 * ("super", "słabo", "good"), maybe after a greeting ("Dzień dobry, daję 5"), optionally followed
 * by a comment ("4, szybko i konkretnie"). Anything else is not a rating (null), so "słabo działa
 * nadal" stays a message, not a 2.
 */
export function ratingIn(text: string): { rating: number; comment?: string } | null {
  const spaced = text.replace(/\s+/g, ' ').trim();
  const whole = foldPhrase(spaced);
  const greeting = greetingLength(whole);
  const folded = whole.slice(greeting);
  // Folding keeps the length but for a few letters (æ -> ae): then the comment is the folded text.
  const source = (whole.length === spaced.length ? spaced : whole).slice(greeting);
  const digit = DIGIT_RATING.exec(folded);
  if (digit) return withComment(Number(digit[1]), source.slice(digit[0].length));
  for (const [word, rating] of WORD_RATINGS) {
    if (folded.startsWith(word) && AFTER_WORD.test(folded.slice(word.length))) return withComment(rating, source.slice(word.length));
  }
  return null;
}

function withComment(rating: number, rest: string): { rating: number; comment?: string } {
  const comment = rest.replace(/^[\s,.;:!)–—-]+/, '').trim();
  return comment ? { rating, comment: comment.slice(0, MAX_SATISFACTION_COMMENT) } : { rating };
}
