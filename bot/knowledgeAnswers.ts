import type { KnowledgeBase } from '../knowledge';

/** What the bot asks of the knowledge base: one answer (or suggestions) for a question. */
export type KnowledgeAnswers = Pick<KnowledgeBase, 'answer'>;
