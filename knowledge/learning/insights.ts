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

export interface Insights {
  /** Questions not answered (or only given suggestions), grouped by likely article, most asked first. */
  unanswered: ArticleGroup[];
  /** Articles answered with "Nie" feedback, most first. */
  unhelpful: { articleId: string; title: string | null; count: number }[];
  /** Suggestions customers chose: the question they asked and the article they picked. */
  chosen: { articleId: string; title: string | null; count: number }[];
  /** Every article, for the page's choice of where a question belongs. */
  articles: { id: string; title: string }[];
}

/** Groups the recorded events for the console's Knowledge page (pure: the log and the base are passed in). */
export function insightsOf(events: readonly QuestionEvent[], kb: KnowledgeBase, limit = 50): Insights {
  const groups = new Map<string | null, Map<string, QuestionCount>>();
  const unhelpful = new Map<string, number>();
  const chosen = new Map<string, number>();
  for (const e of events) {
    if (e.outcome === 'unhelpful' && e.articleId) unhelpful.set(e.articleId, (unhelpful.get(e.articleId) ?? 0) + 1);
    if (e.outcome === 'suggestion_chosen' && e.articleId) chosen.set(e.articleId, (chosen.get(e.articleId) ?? 0) + 1);
    if ((e.outcome !== 'unanswered' && e.outcome !== 'suggested') || !e.question) continue;
    const likely = kb.rank(e.question)[0]?.id ?? null;
    const questions = groups.get(likely) ?? new Map<string, QuestionCount>();
    groups.set(likely, questions);
    const key = e.question.toLowerCase();
    const q = questions.get(key) ?? { question: e.question, count: 0, locales: [], lastAt: 0 };
    q.count++;
    if (!q.locales.includes(e.locale)) q.locales.push(e.locale);
    q.lastAt = Math.max(q.lastAt, e.at);
    questions.set(key, q);
  }
  const titleOf = (id: string | null): string | null => (id ? (kb.entry(id)?.title ?? null) : null);
  const counted = (m: Map<string, number>) =>
    [...m]
      .map(([articleId, count]) => ({ articleId, title: titleOf(articleId), count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, limit);
  return {
    unanswered: [...groups]
      .map(([articleId, questions]) => {
        const list = [...questions.values()].sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
        return { articleId, title: titleOf(articleId), count: list.reduce((n, q) => n + q.count, 0), questions: list.slice(0, limit) };
      })
      .sort((a, b) => b.count - a.count)
      .slice(0, limit),
    unhelpful: counted(unhelpful),
    chosen: counted(chosen),
    articles: kb.entries.map((e) => ({ id: e.id, title: e.title })),
  };
}
