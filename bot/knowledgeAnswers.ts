import type { SearchEngine } from '../knowledge/search/engine';

/** What the bot asks of the knowledge base: one answer (or suggestions) for a question. */
export type KnowledgeAnswers = Pick<SearchEngine, 'answer'>;
