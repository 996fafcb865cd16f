import type { RequestHandler, Server } from 'restify';
import { z } from 'zod';
import { parseBody, route } from '../common/http';
import type { Logger } from '../common/logger';
import type { KnowledgeBase } from './knowledgeBase';
import { LOCALES } from '../common/locale';

export const MAX_QUESTION_LENGTH = 2000;

export const answerRequestSchema = z
  .object({
    question: z
      .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
      .trim()
      .min(1, 'must not be empty')
      .max(MAX_QUESTION_LENGTH, `must be at most ${MAX_QUESTION_LENGTH} characters`),
    locale: z
      .enum(LOCALES, {
        errorMap: () => ({ message: `must be one of: ${LOCALES.join(', ')}` }),
      })
      .default('pl'),
  })
  .strict();

/**
 * POST /api/kb/answer {"question": "...", "locale": "pl"} -> AnswerResult. `before` runs ahead
 * of the route (the composition root puts the per-client rate limit there).
 */
export function registerKnowledgeRoutes(
  server: Server,
  kb: KnowledgeBase,
  logger: Logger,
  options: { before?: RequestHandler[] } = {},
): void {
  server.post(
    '/api/kb/answer',
    ...(options.before ?? []),
    route(logger, (req, res) => {
      const { question, locale } = parseBody(req, answerRequestSchema);
      const result = kb.answer(question, locale);
      logger.debug({ answered: result.answered, articleId: result.source?.articleId, confidence: result.confidence }, 'kb answer');
      res.json(result);
    }),
  );
}
