// TEMPORARY-LOCAL-STANDIN-Z: never committed; removed once the real knowledge/http.ts lands.
import type { Server, RequestHandler } from 'restify';
import { z } from 'zod';
import { parseBody, route } from '../common/http';
import type { Logger } from '../common/logger';
import type { Metrics } from '../common/metrics';
import type { KnowledgeBase } from './knowledgeBase';

const schema = z.object({ question: z.string().trim().min(1).max(1000), locale: z.enum(['pl', 'en']).optional() }).strict();

export function registerKnowledgeRoutes(server: Server, kb: KnowledgeBase, logger: Logger, options: { before?: RequestHandler[]; metrics?: Metrics } = {}): void {
  const before = (options.before ?? []).map((h) => (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], next: Parameters<RequestHandler>[2]) => void h(req, res, next));
  server.post('/api/kb/answer', ...before, route(logger, async (req, res) => {
    const body = parseBody(req, schema);
    const result = kb.answer(body.question, body.locale ?? 'pl');
    options.metrics?.kbAnswers.inc({ outcome: result.answered ? 'answered' : result.suggestions.length ? 'suggested' : 'abstained' });
    res.json(result);
  }));
}
