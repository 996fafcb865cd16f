import type { Logger } from '../../common/logger';
import type { KnowledgeBase } from '../knowledgeBase';
import { titleOf } from '../search/engine';
import type { QuestionLog } from './questionLog';

/**
 * The knowledge base with its learning loop attached: a question left unanswered (or given only
 * suggestions) is recorded, and so is a suggestion chosen (the chat sends the suggestion's title
 * back as the question). Recording never delays or fails an answer.
 */
export function recordingAnswers(kb: KnowledgeBase, log: QuestionLog, clock: () => number, logger: Logger): KnowledgeBase {
  const record = (event: Parameters<QuestionLog['record']>[0]): void =>
    void log.record(event, clock()).catch((err) => logger.warn({ err: err.message }, 'question not recorded for the learning loop'));
  return {
    answer(question, locale = 'pl') {
      const result = kb.answer(question, locale);
      if (!result.answered) record({ question, locale, outcome: result.suggestions.length > 0 ? 'suggested' : 'unanswered' });
      else if (result.source && question.trim() === titleOf(kb.entry(result.source.articleId)!, locale)) {
        record({ question: '', locale, outcome: 'suggestion_chosen', articleId: result.source.articleId });
      }
      return result;
    },
    rank: (question) => kb.rank(question),
    entry: (id) => kb.entry(id),
    get entries() {
      return kb.entries;
    },
  };
}
