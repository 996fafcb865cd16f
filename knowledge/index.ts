/**
 * The knowledge package's face: what the conversation and the composition root (bot/) may use.
 * bot/ imports nothing deeper (test/unit/architecture/imports.test.ts).
 */
export { loadKnowledgeBase, type KnowledgeBase } from './knowledgeBase';
export { registerKnowledgeRoutes } from './http';
export type { AnswerResult, KbEntry, Suggestion } from './types';
