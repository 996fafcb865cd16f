import type { KnowledgeBase } from '../knowledgeBase';
import type { QuestionEvent } from './questionLog';

export interface QuestionCount {
  question: string;
  count: number;
  locales: string[];
  lastAt: number;
}

export interface ArticleGroup {
  /** The article the question most likely belongs to (null when nothing comes close). */
  articleId: string | null;
  title: string | null;
  count: number;
  questions: QuestionCount[];
}

/** An article with the questions it was answered to ("Nie") or picked for (a suggestion). */
export interface ArticleQuestions {
  articleId: string;
  title: string | null;
  count: number;
  questions: QuestionCount[];
}

export interface Insights {
  /** Questions not answered (or only given suggestions), grouped by likely article, most asked first. */
  unanswered: ArticleGroup[];
  /** Articles answered with "Nie" feedback, most first, with the questions they did not answer. */
  unhelpful: ArticleQuestions[];
  /** Suggestions customers chose: the article they picked and the questions they had asked. */
  chosen: ArticleQuestions[];
  /** Every article, for the page's choice of where a question belongs. */
  articles: { id: string; title: string }[];
}

/** Counts of the same question (case aside), most asked first. */
class QuestionCounts {
  private readonly byText = new Map<string, QuestionCount>();
  total = 0;

  add(e: QuestionEvent): void {
    this.total++;
    if (!e.question) return; // recorded before the chat kept the question behind a "Nie"
    const key = e.question.toLowerCase();
    const q = this.byText.get(key) ?? { question: e.question, count: 0, locales: [], lastAt: 0 };
    q.count++;
    if (!q.locales.includes(e.locale)) q.locales.push(e.locale);
    q.lastAt = Math.max(q.lastAt, e.at);
    this.byText.set(key, q);
  }

  top(limit: number): QuestionCount[] {
    return [...this.byText.values()].sort((a, b) => b.count - a.count || b.lastAt - a.lastAt).slice(0, limit);
  }
}

/** Groups the recorded events for the console's Knowledge page (pure: the log and the base are passed in). */
export function insightsOf(events: readonly QuestionEvent[], kb: KnowledgeBase, limit = 50): Insights {
  const groups = new Map<string | null, QuestionCounts>();
  const unhelpful = new Map<string, QuestionCounts>();
  const chosen = new Map<string, QuestionCounts>();
  const countIn = <K>(map: Map<K, QuestionCounts>, key: K, e: QuestionEvent): void => {
    const counts = map.get(key) ?? new QuestionCounts();
    map.set(key, counts);
    counts.add(e);
  };
  for (const e of events) {
    if (e.outcome === 'unhelpful' && e.articleId) countIn(unhelpful, e.articleId, e);
    else if (e.outcome === 'suggestion_chosen' && e.articleId) countIn(chosen, e.articleId, e);
    else if ((e.outcome === 'unanswered' || e.outcome === 'suggested') && e.question)
      countIn(groups, kb.rank(e.question)[0]?.id ?? null, e);
  }
  const titleOf = (id: string | null): string | null => (id ? (kb.entry(id)?.title ?? null) : null);
  const listed = <K extends string | null>(m: Map<K, QuestionCounts>) =>
    [...m]
      .map(([articleId, counts]) => ({ articleId, title: titleOf(articleId), count: counts.total, questions: counts.top(limit) }))
      .sort((a, b) => b.count - a.count)
      .slice(0, limit);
  return {
    unanswered: listed(groups),
    unhelpful: listed(unhelpful),
    chosen: listed(chosen),
    articles: kb.entries.map((e) => ({ id: e.id, title: e.title })),
  };
}
