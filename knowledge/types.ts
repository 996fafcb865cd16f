/** One question-sized passage of the knowledge base, as written in knowledge/articles/. */
export interface KbEntry {
  id: string;
  /** The question this entry answers; shown to users as a suggestion. */
  title: string;
  /** Other ways people ask it (Polish with and without diacritics, colloquial, a little English). */
  alternates: string[];
  answer: string;
  answerEn?: string;
  tags: string[];
  /** The source article the facts come from. */
  source: string;
  /** The articles file the entry was loaded from (for error messages and review). */
  file: string;
}

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
  suggestions: Suggestion[];
}
