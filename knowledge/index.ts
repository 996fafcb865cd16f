/**
 * The knowledge package's face: what the conversation and the composition root (bot/) may use.
 * bot/ imports nothing deeper (test/unit/architecture/imports.test.ts).
 */
export { loadKnowledgeBase, type KnowledgeBase } from './knowledgeBase';
export { registerKnowledgeRoutes } from './http';
export type { AnswerResult, KbEntry, Suggestion } from './types';
export { LiveKnowledgeBase } from './learning/live';
export { KbRevisions } from './learning/edits';
export { QuestionLog } from './learning/questionLog';
export { recordingAnswers } from './learning/recording';
export { registerLearningRoutes, KNOWLEDGE_PAGE_PATH } from './learning/http';
export { loadArticles } from './loader';
export { topicWords } from './normalize';
