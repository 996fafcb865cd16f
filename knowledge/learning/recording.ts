import type { Logger } from '../../common/logger';
import type { KnowledgeBase } from '../knowledgeBase';
import type { QuestionLog } from './questionLog';

/**
 * The knowledge base with its learning loop attached: a question left unanswered (or given only
 * suggestions) is recorded. (A suggestion picked and a "Nie" are recorded by the chat, which
 * knows the question behind them.) Recording never delays or fails an answer.
 */
export function recordingAnswers(kb: KnowledgeBase, log: QuestionLog, clock: () => number, logger: Logger): KnowledgeBase {
  const record = (event: Parameters<QuestionLog['record']>[0]): void =>
    void log.record(event, clock()).catch((err) => logger.warn({ err: err.message }, 'question not recorded for the learning loop'));
  return {
    answer(question, locale = 'pl') {
      const result = kb.answer(question, locale);
      if (!result.answered) record({ question, locale, outcome: result.suggestions.length > 0 ? 'suggested' : 'unanswered' });
      return result;
    },
    rank: (question) => kb.rank(question),
    entry: (id) => kb.entry(id),
    get entries() {
      return kb.entries;
    },
  };
}
