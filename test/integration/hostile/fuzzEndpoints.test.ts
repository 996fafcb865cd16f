import { randomInt, randomUUID } from 'crypto';
import { appendFileSync, readFileSync } from 'fs';
import { join } from 'path';
import fc from 'fast-check';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { keptAliveFetch } from '../../support/keptAliveFetch';
import { hostileRequests, type HostileRequest } from '../../support/hostileBodies';
import { TEST_TOKENS, ticketBody } from '../../support/ticketingApiServer';

/**
 * Every JSON endpoint of the whole service (the ticketing API as its OpenAPI document lists it,
 * the knowledge API, the bot and the web chat's Direct Line) gets thousands of hostile bodies.
 * Each must be answered with a 2xx or a 4xx carrying a JSON error: never a 5xx, never a dropped
 * connection; the service keeps answering and Object.prototype stays clean.
 */

type Schema = Parameters<typeof hostileRequests>[0];

interface Target {
  /** The method and the route as the server registered it, e.g. `POST /api/tickets/:id/replies`. */
  name: string;
  method: string;
  path: string;
  headers: () => Record<string, string>;
  schema?: Schema;
  runs: number;
}

const BODIES_PER_ENDPOINT = 480;
/**
 * The ticketing API's operations share one budget of bodies, so each new endpoint is fuzzed
 * without the suite growing with the API (at load 40 the run had passed its 600 s ceiling).
 */
const TICKETING_API_BODIES = 9_000;

/**
 * Reproducible: every run prints its seed, and FUZZ_SEED=<seed> replays it. Each endpoint's
 * bodies come from the seed and the endpoint's name, so the order the endpoints run in does not
 * change them. Every body that ever failed is kept in the corpus and sent again on every run.
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomInt(2 ** 31);
const CORPUS = join(__dirname, '../../fixtures/fuzz/corpus.jsonl');
interface CorpusEntry {
  route: string;
  contentType: string | null;
  body: string;
  found: string;
}
const corpus = (): CorpusEntry[] =>
  readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CorpusEntry);
const seedOf = (name: string) => (SEED + [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0)) >>> 0;
const QUERIES_PER_GET = 60;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

let desk: DeskApp;
const targets: Target[] = [];
const statuses = new Map<number, number>();
let bodiesSent = 0;

/** The Bot Framework activity's main fields, so that bodies are activity-shaped often enough to reach the bot. */
const activitySchema: Schema = {
  type: 'object',
  required: ['type'],
  properties: {
    type: {
      enum: [
        'message',
        'conversationUpdate',
        'event',
        'invoke',
        'messageReaction',
        'typing',
        'endOfConversation',
        'installationUpdate',
        'x',
      ],
    },
    text: { type: 'string' },
    deliveryMode: { enum: ['expectReplies', 'normal'] },
    channelId: { enum: ['msteams', 'emulator', 'webchat', 'directline'] },
    conversation: {
      type: 'object',
      properties: { id: { type: 'string' }, tenantId: { type: 'string' }, conversationType: { enum: ['personal', 'channel'] } },
    },
    from: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, aadObjectId: { type: 'string' } } },
    recipient: { type: 'object', properties: { id: { type: 'string' } } },
    serviceUrl: { type: 'string' },
    locale: { type: 'string' },
    name: { enum: ['webchat/join', 'signin/verifyState', 'adaptiveCard/action', 'x'] },
    value: { type: 'object', properties: { action: { enum: ['confirm_ticket', 'cancel_ticket'] } } },
    membersAdded: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } },
    attachments: { type: 'array', items: { type: 'object', properties: { contentType: { type: 'string' }, content: {} } } },
    channelData: {
      type: 'object',
      properties: { tenant: { type: 'object', properties: { id: { type: 'string' } } }, clientActivityID: { type: 'string' } },
    },
    timestamp: { type: 'string' },
  },
};

beforeAll(async () => {
  desk = await startDeskApp('fuzz', {
    env: {
      KB_RATE_LIMIT_PER_MINUTE: '100000000',
      DIRECTLINE_TOKENS_PER_MINUTE: '100000000',
      DIRECTLINE_ACTIVITIES_PER_MINUTE: '100000000',
    },
  });
  const created = await call(
    'POST',
    '/api/tickets',
    { authorization: `Bearer ${TEST_TOKENS.system}`, 'idempotency-key': randomUUID() },
    JSON.stringify(ticketBody()),
  );
  expect(created.status).toBe(201);
  const ticketId = JSON.parse(created.text).id as string;

  const openapi = JSON.parse((await call('GET', '/api/openapi.json')).text) as {
    paths: Record<string, Record<string, { 'x-roles': string[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  };
  const operationsWithBodies = Object.values(openapi.paths)
    .flatMap((ops) => Object.keys(ops))
    .filter((m) => m !== 'get').length;
  const bodiesPerOperation = Math.max(100, Math.ceil(TICKETING_API_BODIES / operationsWithBodies));
  for (const [template, operations] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const token = TEST_TOKENS[op['x-roles'][0] as 'agent' | 'system' | 'operator'];
      targets.push({
        name: `${method.toUpperCase()} ${template.replace(/\{(\w+)\}/g, ':$1')}`,
        method: method.toUpperCase(),
        path: concrete(template, ticketId),
        headers: () => ({ authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() }),
        schema: op.requestBody?.content['application/json']?.schema,
        runs: method === 'get' ? QUERIES_PER_GET : bodiesPerOperation,
      });
    }
  }

  const generated = JSON.parse((await call('POST', '/v3/directline/tokens/generate')).text) as { token: string; conversationId: string };
  const directLine = () => ({ authorization: `Bearer ${generated.token}` });
  targets.push(
    {
      name: 'POST /api/kb/answer',
      method: 'POST',
      path: '/api/kb/answer',
      headers: () => ({}),
      schema: { type: 'object', required: ['question'], properties: { question: { type: 'string' }, locale: { enum: ['pl', 'en'] } } },
      runs: BODIES_PER_ENDPOINT,
    },
    {
      name: 'POST /api/messages',
      method: 'POST',
      path: '/api/messages',
      headers: () => ({}),
      schema: activitySchema,
      runs: 2 * BODIES_PER_ENDPOINT,
    },
    { name: 'POST /v3/directline/tokens/generate', method: 'POST', path: '/v3/directline/tokens/generate', headers: () => ({}), runs: 100 },
    { name: 'POST /v3/directline/tokens/refresh', method: 'POST', path: '/v3/directline/tokens/refresh', headers: directLine, runs: 100 },
    {
      name: 'POST /v3/directline/conversations',
      method: 'POST',
      path: '/v3/directline/conversations',
      headers: directLine,
      schema: { type: 'object', properties: { locale: { type: 'string' } } },
      runs: 100,
    },
    {
      name: 'POST /v3/directline/conversations/:conversationId/activities',
      method: 'POST',
      path: `/v3/directline/conversations/${generated.conversationId}/activities`,
      headers: directLine,
      schema: activitySchema,
      runs: 2 * BODIES_PER_ENDPOINT,
    },
    {
      name: 'GET /v3/directline/conversations/:conversationId',
      method: 'GET',
      path: `/v3/directline/conversations/${generated.conversationId}`,
      headers: directLine,
      runs: QUERIES_PER_GET,
    },
    {
      name: 'GET /v3/directline/conversations/:conversationId/activities',
      method: 'GET',
      path: `/v3/directline/conversations/${generated.conversationId}/activities`,
      headers: directLine,
      runs: QUERIES_PER_GET,
    },
    // The local connector only takes this service's own bot (a derived key): strangers are turned away.
    {
      name: 'POST /directline/connector/v3/conversations/:conversationId/activities',
      method: 'POST',
      path: `/directline/connector/v3/conversations/${generated.conversationId}/activities`,
      headers: () => ({}),
      schema: activitySchema,
      runs: 100,
    },
    {
      name: 'POST /directline/connector/v3/conversations/:conversationId/activities/:replyToId',
      method: 'POST',
      path: `/directline/connector/v3/conversations/${generated.conversationId}/activities/x1`,
      headers: () => ({ authorization: 'Bearer forged' }),
      schema: activitySchema,
      runs: 100,
    },
    // File uploads (multipart): whatever arrives, a clean refusal or the files accepted.
    {
      name: 'POST /api/tickets/:id/attachments',
      method: 'POST',
      path: `/api/tickets/${ticketId}/attachments`,
      headers: () => ({ authorization: `Bearer ${TEST_TOKENS.agent}` }),
      runs: 100,
    },
    {
      name: 'POST /v3/directline/conversations/:conversationId/upload',
      method: 'POST',
      path: `/v3/directline/conversations/${generated.conversationId}/upload`,
      headers: directLine,
      runs: 100,
    },
    // The learning loop's edits rebuild the knowledge base, so fewer bodies; an agent's token gets past the door.
    {
      name: 'POST /api/kb/articles/:id/phrasings',
      method: 'POST',
      path: '/api/kb/articles/m365-phone-hours-language/phrasings',
      headers: () => ({ authorization: `Bearer ${TEST_TOKENS.agent}` }),
      schema: { type: 'object', required: ['question'], properties: { question: { type: 'string' } } },
      runs: 100,
    },
    {
      name: 'POST /api/kb/articles',
      method: 'POST',
      path: '/api/kb/articles',
      headers: () => ({ authorization: `Bearer ${TEST_TOKENS.agent}` }),
      schema: { type: 'object', required: ['title', 'answer'], properties: { title: { type: 'string' }, answer: { type: 'string' } } },
      runs: 100,
    },
    // Sign-out: a signed-in change, so without a session (and its CSRF token) every body is refused.
    {
      name: 'POST /auth/logout',
      method: 'POST',
      path: '/auth/logout',
      headers: () => ({}),
      runs: 100,
    },
    {
      name: 'GET /api/console/me',
      method: 'GET',
      path: '/api/console/me',
      headers: () => ({ authorization: `Bearer ${TEST_TOKENS.agent}` }),
      runs: QUERIES_PER_GET,
    },
    {
      name: 'GET /api/console/organisation-names',
      method: 'GET',
      path: '/api/console/organisation-names',
      headers: () => ({ authorization: `Bearer ${TEST_TOKENS.agent}` }),
      runs: QUERIES_PER_GET,
    },
  );
});

afterAll(() => desk?.close());

/** One raw HTTP call over the shared keep-alive pool. */
async function call(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
  contentType: string | null = 'application/json',
) {
  const allHeaders: Record<string, string> = { ...headers };
  if (body !== undefined && contentType) allHeaders['content-type'] = contentType;
  const init = {
    method,
    headers: allHeaders,
    body: method === 'GET' || body === undefined ? undefined : typeof body === 'string' ? body : new Uint8Array(body),
  };
  const res = await keptAliveFetch(desk.url + path, init);
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

function concrete(template: string, ticketId: string): string {
  return template
    .replace('/api/tickets/{id}', `/api/tickets/${ticketId}`)
    .replace('/api/organisations/{id}', '/api/organisations/contoso')
    .replace('{adminId}', 'anna.kowalska')
    .replace('{category}', 'technical');
}

/** The service's answer to one hostile request must be a success or a clean JSON client error. */
function checkAnswer(target: Target, request: HostileRequest, answer: { status: number; contentType: string; text: string }): void {
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  const what = `${target.name} with ${request.kind} (${request.contentType}, ${Buffer.byteLength(request.body)} bytes) answered ${answer.status} ${answer.text.slice(0, 300)}`;
  if (answer.status >= 500) {
    // Kept for every later run (commit the corpus file with the fix).
    if (!corpus().some((e) => e.route === target.name && e.body === request.body)) {
      appendFileSync(
        CORPUS,
        `${JSON.stringify({ route: target.name, contentType: request.contentType, body: request.body, found: `FUZZ_SEED=${SEED}: ${answer.status}` })}\n`,
      );
    }
    throw new Error(`server error (FUZZ_SEED=${SEED}): ${what}`);
  }
  if (answer.status < 400) return;
  if (!answer.contentType.includes('application/json')) throw new Error(`error without a JSON body: ${what}`);
  const error = JSON.parse(answer.text) as { error?: unknown; message?: unknown };
  if (typeof error.error !== 'string' || typeof error.message !== 'string' || !error.message)
    throw new Error(`error body without error and message: ${what}`);
}

/** Query strings for the GET routes: unknown, repeated and prototype-named parameters, odd values. */
const hostileQuery = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'limit',
        'offset',
        'orgId',
        'status',
        'grade',
        'category',
        'breached',
        'locale',
        'watermark',
        '__proto__',
        'constructor[prototype][polluted]',
        '__proto__[polluted]',
        'x',
      ),
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.fullUnicodeString({ maxLength: 10 }),
        fc.constantFrom('-1', '1e9', 'NaN', '', 'true', 'A', 'technical', '\uD800'),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

async function fuzz(target: Target): Promise<void> {
  if (target.method === 'GET') {
    await fc.assert(
      fc.asyncProperty(hostileQuery, async (query) => {
        checkAnswer(
          target,
          { kind: `query ?${query}`, body: '', contentType: null },
          await call('GET', `${target.path}?${query}`, target.headers()),
        );
      }),
      { numRuns: target.runs, endOnFailure: true, seed: seedOf(target.name) },
    );
    return;
  }
  await fc.assert(
    fc.asyncProperty(hostileRequests(target.schema), async (request) => {
      bodiesSent += 1;
      checkAnswer(target, request, await call(target.method, target.path, target.headers(), request.body, request.contentType));
    }),
    { numRuns: target.runs, endOnFailure: true, seed: seedOf(target.name) },
  );
}

describe('hostile bodies on every JSON endpoint', () => {
  it('prints its seed (FUZZ_SEED replays the run)', () => {
    console.log(`fuzzEndpoints: FUZZ_SEED=${SEED}`);
    expect(Number.isInteger(SEED)).toBe(true);
  });

  it('answers every body that ever failed (the corpus) with a 2xx or a 4xx JSON error', async () => {
    const entries = corpus();
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const target = targets.find((t) => t.name === entry.route);
      if (!target) throw new Error(`the corpus names ${entry.route}, which the service no longer has`);
      checkAnswer(
        target,
        { kind: `corpus: ${entry.found}`, body: entry.body, contentType: entry.contentType },
        await call(target.method, target.path, target.headers(), entry.body, entry.contentType),
      );
    }
  });

  it('lists the whole ticketing API from its OpenAPI document, and the bot, knowledge and Direct Line endpoints', () => {
    const names = targets.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/tickets',
        'POST /api/tickets/:id/replies',
        'PUT /api/organisations/:id',
        'POST /api/kb/answer',
        'POST /api/messages',
      ]),
    );
    // Every route the server has that takes a body is fuzzed (pages, static files and the event stream take none).
    const routes = (
      desk.app.server as unknown as { router: { getRoutes(): Record<string, { method: string; path: string }> } }
    ).router.getRoutes();
    const withBodies = Object.values(routes)
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.path}`);
    expect(withBodies.filter((route) => !names.includes(route))).toEqual([]);
  });

  it('answers each body (and each GET query) with a 2xx or a 4xx JSON error, never a 5xx', async () => {
    // A few endpoints at a time over keep-alive connections: the 2-core machine stays busy, not swamped.
    // Every endpoint runs to the end (or its first failure), so one run names every faulty endpoint.
    const queue = [...targets];
    const failures: string[] = [];
    await Promise.all(
      [1, 2, 3].map(async () => {
        for (let target = queue.shift(); target; target = queue.shift())
          await fuzz(target).catch((err: Error) =>
            failures.push(err.message.split('\n').find((l) => l.startsWith('Got error')) ?? err.message),
          );
      }),
    );
    expect(failures).toEqual([]);
    expect(bodiesSent).toBeGreaterThanOrEqual(10_000);
    // The hostility reached the validators and beyond: refusals, successes and the size limit all seen.
    expect(statuses.get(400)).toBeGreaterThan(1000);
    expect(statuses.get(413)).toBeGreaterThan(10);
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
  });

  it('is still up and its Object.prototype is clean afterwards', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
