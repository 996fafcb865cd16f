import type { AddressInfo } from 'net';
import type { Server } from 'restify';
import { silentLogger } from '../../../common/logger';
import { createServer } from '../../../bot/server';
import { registerKnowledgeRoutes } from '../../../knowledge/http';
import { loadKnowledgeBase } from '../../../knowledge/knowledgeBase';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer({ logger: silentLogger });
  registerKnowledgeRoutes(server, loadKnowledgeBase(), silentLogger);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = async (body: string | undefined, contentType = 'application/json') => {
  const res = await fetch(`${base}/api/kb/answer`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': contentType },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

describe('POST /api/kb/answer', () => {
  it('answers a covered question with the documented shape', async () => {
    const { status, json } = await post(JSON.stringify({ question: 'jak anulowac kanaly skype connect', locale: 'pl' }));
    expect(status).toBe(200);
    expect(json).toEqual({
      answered: true,
      answer: expect.stringMatching(/Anuluj abonament/),
      confidence: expect.any(Number),
      source: { articleId: 'skype-connect-channels-cancel', title: expect.any(String) },
      suggestions: [],
      related: [],
    });
  });

  it('returns related articles beside an answer, as suggestions are returned', async () => {
    const { json } = await post(JSON.stringify({ question: 'Ile minut Skype mam w Office 365?', locale: 'pl' }));
    expect(json).toMatchObject({ answered: true, suggestions: [] });
    expect(json.related).toEqual(
      expect.arrayContaining([{ question: expect.any(String), articleId: expect.any(String), confidence: expect.any(Number) }]),
    );
  });

  it('defaults to Polish and says when a question is not covered', async () => {
    const { status, json } = await post(JSON.stringify({ question: 'przepis na bigos' }));
    expect(status).toBe(200);
    expect(json).toMatchObject({ answered: false, source: null, suggestions: [], related: [] });
  });

  it('answers in English for locale en', async () => {
    const { json } = await post(JSON.stringify({ question: 'How do I cancel Skype Connect channels', locale: 'en' }));
    expect(json.answer).toMatch(/Cancel subscription/);
  });

  it.each([
    ['no body', undefined, /JSON object/],
    ['a body that is not JSON', '{"question": ', /./],
    ['a JSON array', '["jak"]', /JSON object/],
    ['a missing question', '{"locale": "pl"}', /question: is required/],
    ['a question that is not a string', '{"question": 42}', /question: must be a string/],
    ['an empty question', '{"question": "   "}', /question: must not be empty/],
    ['a question over 2,000 characters', JSON.stringify({ question: 'a'.repeat(2001) }), /question: must be at most 2000 characters/],
    ['an unknown locale', '{"question": "jak", "locale": "de"}', /locale: must be one of: pl, en/],
    ['a locale that is not a string', '{"question": "jak", "locale": 1}', /locale: must be one of/],
    ['an unknown field', '{"question": "jak", "lang": "pl"}', /lang/],
  ])('rejects %s with a 400 JSON error that names the problem', async (_case, body, message) => {
    const { status, json } = await post(body);
    expect(status).toBe(400);
    expect(typeof json.error).toBe('string');
    expect(json.message).toMatch(message);
  });

  it('accepts a question of exactly 2,000 characters', async () => {
    const { status } = await post(JSON.stringify({ question: `skype ${'a'.repeat(1994)}` }));
    expect(status).toBe(200);
  });
});
