import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { HttpError, parseBody, route } from '../../common/http';
import type { Logger } from '../../common/logger';
import { fold } from '../../common/text';
import { insightsOf } from './insights';
import type { LiveKnowledgeBase } from './live';
import { knowledgePage } from './page';
import type { QuestionLog } from './questionLog';

export const KNOWLEDGE_PAGE_PATH = '/agent/knowledge';

export interface LearningDeps {
  kb: LiveKnowledgeBase;
  log: QuestionLog;
  /** Checks the request's token for an agent (or operator) and returns who it is; throws HttpError otherwise. */
  authorise(req: Request, res: Response): Promise<string>;
  clock: () => number;
  logger: Logger;
}

const text = (max: number) =>
  z.string({ required_error: 'is required' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const phrasingSchema = z.object({ question: text(500) }).strict();
const articleSchema = z.object({ title: text(300), answer: text(5000) }).strict();

/** A new article's id from its title: folded words joined by dashes, unique among the entries. */
function idFor(title: string, taken: (id: string) => boolean): string {
  const base = `draft-${
    fold(title)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 50) || 'article'
  }`;
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The learning loop's HTTP side (agent role): GET /api/kb/insights (what customers asked that the
 * base did not settle), POST /api/kb/articles/:id/phrasings (add a question as a phrasing of an
 * article), POST /api/kb/articles (draft a new article), GET /api/kb/revisions (for kb:export),
 * and the console's Knowledge page at /agent/knowledge.
 */
export function registerLearningRoutes(server: Server, deps: LearningDeps): void {
  const { kb, log, authorise, clock, logger } = deps;
  const page = knowledgePage();
  server.get(KNOWLEDGE_PAGE_PATH, (_req: Request, res: Response, next: () => void) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    res.end(page);
    next();
  });

  server.get(
    '/api/kb/insights',
    route(logger, async (req, res) => {
      await authorise(req, res);
      res.json(insightsOf(await log.recent(clock()), kb));
    }),
  );

  server.get(
    '/api/kb/revisions',
    route(logger, async (req, res) => {
      await authorise(req, res);
      res.json({ revisions: await kb.revisions.all() });
    }),
  );

  server.post(
    '/api/kb/articles/:id/phrasings',
    route(logger, async (req, res) => {
      const by = await authorise(req, res);
      const articleId = String(req.params.id);
      if (!kb.entry(articleId)) throw new HttpError(404, 'not_found', `no article with id "${articleId}"`);
      const { question } = parseBody(req, phrasingSchema);
      const revision = await kb.revisions.add({ kind: 'phrasing', articleId, question }, by, clock());
      // This instance applies it now; the others on the change channel.
      await kb.reload();
      res.json(201, revision);
    }),
  );

  server.post(
    '/api/kb/articles',
    route(logger, async (req, res) => {
      const by = await authorise(req, res);
      const { title, answer } = parseBody(req, articleSchema);
      const articleId = idFor(title, (id) => kb.entry(id) !== undefined);
      const revision = await kb.revisions.add({ kind: 'article', articleId, title, answer }, by, clock());
      await kb.reload();
      res.json(201, revision);
    }),
  );
}
