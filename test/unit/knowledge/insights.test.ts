import { insightsOf } from '../../../knowledge/learning/insights';
import type { QuestionEvent } from '../../../knowledge/learning/questionLog';
import { loadKnowledgeBase } from '../../../knowledge/knowledgeBase';

/** What the console's Knowledge page lists from the recorded questions. */
const kb = loadKnowledgeBase();
const ARTICLE = kb.entries[0]!.id;
const event = (e: Omit<QuestionEvent, 'at' | 'locale'>, at = 1): QuestionEvent => ({ locale: 'pl', at, ...e });

test('a "Nie" and a picked suggestion are listed under their article with the questions customers asked', () => {
  const insights = insightsOf(
    [
      event({ outcome: 'unhelpful', articleId: ARTICLE, question: 'a czy to działa w niedzielę' }),
      event({ outcome: 'unhelpful', articleId: ARTICLE, question: 'A czy to działa w niedzielę' }, 2),
      // Recorded before the chat kept the question: counted, with no question to show.
      event({ outcome: 'unhelpful', articleId: ARTICLE, question: '' }),
      event({ outcome: 'suggestion_chosen', articleId: ARTICLE, question: 'kanały' }),
    ],
    kb,
  );
  expect(insights.unhelpful).toEqual([
    {
      articleId: ARTICLE,
      title: kb.entries[0]!.title,
      count: 3,
      questions: [{ question: 'a czy to działa w niedzielę', count: 2, locales: ['pl'], lastAt: 2 }],
    },
  ]);
  expect(insights.chosen).toEqual([
    {
      articleId: ARTICLE,
      title: kb.entries[0]!.title,
      count: 1,
      questions: [{ question: 'kanały', count: 1, locales: ['pl'], lastAt: 1 }],
    },
  ]);
  expect(insights.unanswered).toEqual([]);
});
