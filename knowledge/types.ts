/** One question-sized passage of the knowledge base, as written in knowledge/articles/. */
export interface KbEntry {
  id: string;
  /** The question this entry answers; shown to users as a suggestion. */
  title: string;
  /** The same in English, for English chats. */
  titleEn?: string;
  /** Other ways people ask it (Polish with and without diacritics, colloquial, a little English). */
  alternates: string[];
  answer: string;
  answerEn?: string;
  tags: string[];
  /**
   * Who the answer says goes without what the article offers, as customers name them ("Office 365
   * Education", "dla firm"): a question naming one rests on a premise this entry contradicts.
   */
  excludes?: string[];
  /**
   * Which service the entry is about when that matters: global Microsoft 365, or Office 365
   * operated by 21Vianet in China (set per articles file).
   */
  scope?: Scope;
  /** The source article the facts come from. */
  source: string;
  /** The articles file the entry was loaded from (for error messages and review). */
  file: string;
}

export type Scope = 'global' | '21vianet';

export interface Suggestion {
  question: string;
  articleId: string;
  confidence: number;
}

export interface AnswerResult {
  answered: boolean;
  answer: string;
  confidence: number;
  source: { articleId: string; title: string } | null;
  /** Other questions the customer may mean, offered instead of an answer. */
  suggestions: Suggestion[];
  /** Set when `answer` asks which service is meant (global Microsoft 365 or 21Vianet): the two suggestions are its options. */
  asksScope?: true;
  /**
   * Beside an answer ("See also"): the entries answering the message's other questions, when it
   * asks several (see askedParts), then up to two runner-ups that fit the question nearly as well.
   */
  related: Suggestion[];
}
