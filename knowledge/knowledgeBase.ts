import { DEFAULT_ARTICLES_DIR, loadArticles } from './loader';
import { SearchEngine, tidyQuestion } from './search/engine';
import type { Locale } from '../common/locale';
import type { AnswerResult, KbEntry } from './types';
import { LruCache } from '../common/lruCache';

export interface KnowledgeBase {
  /** Answers a question, suggests close questions, or says it is not covered. */
  answer(question: string, locale?: Locale): AnswerResult;
  /** The likeliest entries for a question (asked in `locale`), best first, whether or not it would be answered. */
  rank(question: string, locale?: Locale): KbEntry[];
  /** The entry with this id (e.g. when a user picks a suggestion), or undefined. */
  entry(id: string): KbEntry | undefined;
  readonly entries: readonly KbEntry[];
}

/** Loads, validates and indexes the articles. Throws KnowledgeBaseError naming the broken file. */
export function loadKnowledgeBase(dir: string = DEFAULT_ARTICLES_DIR): KnowledgeBase {
  return createKnowledgeBase(loadArticles(dir));
}

/**
 * Answers kept for repeated questions (the same text and language). The key is the text as the
 * engine reads it (blanks tidied), but not case-folded: a capital tells a name ("w Play") from a
 * word, and the engine's answer depends on it.
 */
const ANSWER_CACHE_SIZE = 2_000;

export function createKnowledgeBase(entries: KbEntry[]): KnowledgeBase {
  const engine = new SearchEngine(entries);
  const byId = new Map(entries.map((e) => [e.id, e]));
  // A base is immutable (edits build a new one), so its cache never needs invalidating.
  const cache = new LruCache<string, AnswerResult>(ANSWER_CACHE_SIZE);
  return {
    answer: (question, locale = 'pl') => cache.through(`${locale}\u0000${tidyQuestion(question)}`, () => engine.answer(question, locale)),
    rank: (question, locale) => engine.rank(question, locale).map((c) => c.entry),
    entry: (id) => byId.get(id),
    entries,
  };
}
