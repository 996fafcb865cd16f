import type { AddressInfo } from 'net';
import type { Server } from 'restify';
import type { RedisClient } from '../../../common/redisConnection';
import WebSocket from 'ws';
import { ActivityHandler, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { DirectLine, ConnectionStatus } from 'botframework-directlinejs';
import { createServer } from '../../../bot/server';
import { silentLogger } from '../../../common/logger';
import { registerDirectLine, TokenSigner, type DirectLine as WebChannel } from '../../../bot/directline';
import { testRedis, uniquePrefix } from '../../support/redis';
import { nth } from '../../support/nth';
import { until } from '../../support/waitFor';
import { fetchAjax } from './nodeAjax';
import { loadConfig } from '../../../common/config';

const SECRET = 'directline-test-secret-0123456789';

/** A bot that greets new members, echoes messages and remembers where each conversation lives. */
class EchoBot extends ActivityHandler {
  readonly references = new Map<string, Partial<ConversationReference>>();
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      this.references.set(context.activity.conversation.id, TurnContext.getConversationReference(context.activity));
      await context.sendActivity('Dzień dobry!');
      await next();
    });
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text}`);
      await next();
    });
  }
}

let server: Server;
let redis: RedisClient;
let web: WebChannel;
let base: string;
const bot = new EchoBot();
const clients: Array<{ end(): void; unsubscribe(): void }> = [];

const prefix = uniquePrefix('directline');

/** One instance of the service's web channel; several share Redis, the prefix and the secret. */
async function startInstance(): Promise<{ server: Server; web: WebChannel; base: string }> {
  const instance = createServer({ logger: silentLogger });
  const channel = registerDirectLine(instance, {
    bot,
    redis,
    prefix,
    logger: silentLogger,
    ...loadConfig({ DIRECTLINE_SECRET: SECRET, DIRECTLINE_TOKENS_PER_MINUTE: '40' }).directLine,
  });
  await new Promise<void>((resolve) => instance.listen(0, '127.0.0.1', resolve));
  return { server: instance, web: channel, base: `http://127.0.0.1:${(instance.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  redis = testRedis();
  ({ server, web, base } = await startInstance());
  // directlinejs uses WebSocket only when the global exists (as in a browser).
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
});

afterAll(async () => {
  for (const c of clients) {
    c.unsubscribe();
    c.end();
  }
  delete (globalThis as { WebSocket?: unknown }).WebSocket;
  await web.close();
  await closeServer(server);
  redis.disconnect();
});

/**
 * Closes a server without waiting for its clients: a turn's connector call or a client's keep-alive
 * socket still open after the clients ended would otherwise hold close() (seen at load 40).
 */
async function closeServer(instance: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => instance.close(() => resolve()));
  instance.server.closeAllConnections();
  await closed;
}

async function newToken(): Promise<{ token: string; conversationId: string }> {
  const res = await fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST' });
  expect(res.status).toBe(200);
  return (await res.json()) as { token: string; conversationId: string };
}

/** A directlinejs client as Web Chat makes it, with every activity it receives collected. */
function connect(options: { token: string; conversationId?: string; webSocket: boolean }, at = base) {
  const directLine = new DirectLine({ domain: `${at}/v3/directline`, ajax: fetchAjax as never, pollingInterval: 200, ...options });
  const received: Activity[] = [];
  const errors: unknown[] = [];
  const subscription = directLine.activity$.subscribe(
    (a) => received.push(a as Activity),
    (err) => errors.push(err),
  );
  clients.push({ end: () => directLine.end(), unsubscribe: () => subscription.unsubscribe() });
  return { directLine, received, errors };
}

function post(directLine: DirectLine, text: string, clientActivityID: string): Promise<string> {
  return new Promise((resolve, reject) => {
    directLine
      .postActivity({ type: 'message', from: { id: 'ignored', name: 'Ala' }, text, channelData: { clientActivityID } } as never)
      .subscribe(resolve, reject);
  });
}

const texts = (activities: Activity[]) => activities.map((a) => a.text);

test('two conversations at once each see only their own messages, with the echo carrying its clientActivityID', async () => {
  const alice = connect({ ...(await newToken()), webSocket: true });
  const bob = connect({ ...(await newToken()), webSocket: false });

  const [aliceId, bobId] = await Promise.all([
    post(alice.directLine, 'pytanie Alicji', 'alice-1'),
    post(bob.directLine, 'pytanie Boba', 'bob-1'),
  ]);

  await until('alice echo', () => texts(alice.received).includes('echo: pytanie Alicji'));
  await until('bob echo', () => texts(bob.received).includes('echo: pytanie Boba'));
  expect(texts(alice.received)).toEqual(['Dzień dobry!', 'pytanie Alicji', 'echo: pytanie Alicji']);
  expect(texts(bob.received)).toEqual(['Dzień dobry!', 'pytanie Boba', 'echo: pytanie Boba']);

  const aliceEcho = alice.received.find((a) => a.text === 'pytanie Alicji')!;
  expect(aliceEcho.id).toBe(aliceId);
  expect(aliceEcho.channelData).toEqual({ clientActivityID: 'alice-1' });
  expect(aliceEcho.from).toMatchObject({ role: 'user', name: 'Ala' });
  expect(aliceEcho.from.id).toMatch(/^dl_/);
  const bobEcho = bob.received.find((a) => a.text === 'pytanie Boba')!;
  expect(bobEcho.id).toBe(bobId);
  expect(bobEcho.channelData).toEqual({ clientActivityID: 'bob-1' });
  expect(bob.received.find((a) => a.text === 'echo: pytanie Boba')!.replyToId).toBe(bobId);
});

test('a proactive message (an agent reply) reaches the open chat, and a reload shows the whole conversation', async () => {
  const { token, conversationId } = await newToken();
  const first = connect({ token, conversationId: undefined, webSocket: true });
  await until('greeting', () => texts(first.received).includes('Dzień dobry!'));

  await web.adapter.continueConversationAsync('', bot.references.get(conversationId)!, async (context) => {
    await context.sendActivity('Odpowiedź konsultanta');
  });
  await until('proactive message', () => texts(first.received).includes('Odpowiedź konsultanta'));

  const reloaded = connect({ token, conversationId, webSocket: false });
  await until('history after reload', () => reloaded.received.length >= 2);
  expect(texts(reloaded.received)).toEqual(['Dzień dobry!', 'Odpowiedź konsultanta']);
});

test('any instance serves a conversation: a chat open on one sees what is posted through another at once', async () => {
  const other = await startInstance();
  try {
    const { token, conversationId } = await newToken();
    const here = connect({ token, webSocket: true });
    await until('greeting', () => texts(here.received).includes('Dzień dobry!'));
    // The same client's next request lands on the other instance (a load balancer's choice).
    const conversation = `${other.base}/v3/directline/conversations/${conversationId}/activities`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const posted = await fetch(conversation, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'message', text: 'pytanie przez drugą instancję', from: { id: 'x' } }),
    });
    expect(posted.status).toBe(200);
    await until("echo on the first instance's stream", () => texts(here.received).includes('echo: pytanie przez drugą instancję'));
    await post(here.directLine, 'i przez pierwszą', 'multi-2');
    await until('echo on the first instance', () => texts(here.received).includes('echo: i przez pierwszą'));
    const history = (await (await fetch(conversation, { headers })).json()) as { activities: Activity[] };
    expect(texts(history.activities)).toEqual(texts(here.received));
  } finally {
    await other.web.close();
    await closeServer(other.server);
  }
});

test('a token for another conversation is refused with 403', async () => {
  const mine = await newToken();
  const theirs = await newToken();
  await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${theirs.token}` } });

  for (const [method, path] of [
    ['GET', '/activities'],
    ['POST', '/activities'],
    ['GET', ''],
  ] as const) {
    const res = await fetch(`${base}/v3/directline/conversations/${theirs.conversationId}${path}`, {
      method,
      headers: { authorization: `Bearer ${mine.token}`, 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify({ type: 'message', text: 'wtrącam się' }) : undefined,
    });
    expect([method + path, res.status]).toEqual([method + path, 403]);
    expect(((await res.json()) as { error: string }).error).toBe('token_wrong_conversation');
  }
  const transcript = await fetch(`${base}/v3/directline/conversations/${theirs.conversationId}/activities`, {
    headers: { authorization: `Bearer ${theirs.token}` },
  });
  expect(texts(((await transcript.json()) as { activities: Activity[] }).activities)).not.toContain('wtrącam się');
});

test('an expired or forged token is refused, and directlinejs reports it cannot connect', async () => {
  const { conversationId } = await newToken();
  const expired = new TokenSigner(SECRET, 60).issue(conversationId, 'dl_someone', Date.now() - 61_000).token;
  const forged = new TokenSigner('another-secret-0123456789abcdef', 1800).issue(conversationId, 'dl_someone', Date.now()).token;

  for (const [token, error] of [
    [expired, 'token_expired'],
    [forged, 'token_invalid'],
  ]) {
    const res = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe(error);
  }

  const client = connect({ token: expired, webSocket: false });
  const statuses: ConnectionStatus[] = [];
  client.directLine.connectionStatus$.subscribe((s) => statuses.push(s));
  await until('failed connection', () => statuses.includes(ConnectionStatus.FailedToConnect));
  expect(client.received).toEqual([]);
});

test('a refreshed token keeps the conversation and a WebSocket with a bad token is refused', async () => {
  const { token, conversationId } = await newToken();
  await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const refreshed = (await (
    await fetch(`${base}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
  ).json()) as { token: string; conversationId: string };
  expect(refreshed.conversationId).toBe(conversationId);
  const res = await fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, {
    headers: { authorization: `Bearer ${refreshed.token}` },
  });
  expect(res.status).toBe(200);

  const other = await newToken();
  const refused = await new Promise<number>((resolve) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/v3/directline/conversations/${conversationId}/stream?t=${other.token}`);
    ws.on('unexpected-response', (_req, response) => resolve(response.statusCode ?? 0));
    ws.on('open', () => resolve(101));
    ws.on('error', () => undefined);
  });
  expect(refused).toBe(403);
});

test('bad requests get errors that name the problem', async () => {
  const { token, conversationId } = await newToken();
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: auth });

  const noType = await fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ text: 'hej' }),
  });
  expect(noType.status).toBe(400);
  expect(((await noType.json()) as { message: string }).message).toMatch(/type/);

  const badWatermark = await fetch(`${base}/v3/directline/conversations/${conversationId}/activities?watermark=abc`, { headers: auth });
  expect(badWatermark.status).toBe(400);
  expect(((await badWatermark.json()) as { message: string }).message).toMatch(/watermark/);

  const noToken = await fetch(`${base}/v3/directline/conversations/${conversationId}/activities`);
  expect(noToken.status).toBe(401);

  const connector = await fetch(`${base}/directline/connector/v3/conversations/${conversationId}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text: 'udaję bota' }),
  });
  expect(connector.status).toBe(401);
});

test('posting activities is rate limited per client, and the refusal says so', async () => {
  const { token, conversationId } = await newToken();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  // All at once, so that they fall in one window however slow the machine is.
  const replies = await Promise.all(
    Array.from({ length: 130 }, () =>
      fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'typing' }),
      }),
    ),
  );
  const refused = replies.filter((r) => r.status === 429);
  expect(replies.filter((r) => r.status !== 200 && r.status !== 429)).toEqual([]);
  expect(refused.length).toBeGreaterThanOrEqual(10);
  expect(((await nth(refused, 0).json()) as { message: string }).message).toMatch(/at most 120 per 60 s/);
});

// Last: it uses up this client's tokens for the minute.
test('new tokens are rate limited per client', async () => {
  // All at once, so that they fall in one window however slow the machine is.
  const statuses = await Promise.all(
    Array.from({ length: 100 }, async () => (await fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST' })).status),
  );
  expect(statuses).toContain(429);
});
