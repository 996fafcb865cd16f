import { randomBytes } from 'crypto';
import { once } from 'events';
import { connect, type AddressInfo, type Socket } from 'net';
import type { Server } from 'restify';
import type { RedisClient } from '../../../common/redisConnection';
import WebSocket from 'ws';
import { waitFor } from '../../support/waitFor';
import { ActivityHandler } from 'botbuilder';
import { createServer } from '../../../bot/server';
import { registerDirectLine, type DirectLine } from '../../../bot/directline';
import { TokenLedger } from '../../../bot/directline/tokenLedger';
import { loadConfig } from '../../../common/config';
import { silentLogger } from '../../../common/logger';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { callFrom as callDeskFrom, withinOneMinute, type Answer, type CallOptions } from '../../support/callFrom';
import { testRedis, uniquePrefix } from '../../support/redis';

/**
 * What one web-chat client can make the service keep and fan out: the size of what it posts,
 * bytes per hour, a conversation's length, sockets per conversation; and, behind a reverse
 * proxy, who "one client" is (X-Forwarded-For only from a trusted proxy).
 */

const LIMIT = 5;
let desk: DeskApp;
beforeAll(async () => {
  desk = await startDeskApp('webchat-growth', { env: { TRUSTED_PROXIES: '127.0.0.1', DIRECTLINE_TOKENS_PER_MINUTE: String(LIMIT) } });
});
afterAll(() => desk?.close());

const callFrom = (localAddress: string, method: string, path: string, options?: CallOptions): Promise<Answer> =>
  callDeskFrom(desk.url, localAddress, method, path, options);

describe('behind a reverse proxy', () => {
  it("a trusted proxy's X-Forwarded-For names the client: each has its own limit", async () => {
    await withinOneMinute();
    const generate = (client: string) =>
      callFrom('127.0.0.1', 'POST', '/v3/directline/tokens/generate', { forwardedFor: `198.51.100.1, ${client}` });
    for (let i = 0; i < LIMIT; i += 1) expect((await generate('203.0.113.7')).status).toBe(200);
    expect((await generate('203.0.113.7')).status).toBe(429);
    expect((await generate('203.0.113.8')).status).toBe(200);
  });

  it("anyone else's X-Forwarded-For is ignored: a client cannot dodge its limit by writing one", async () => {
    await withinOneMinute();
    const statuses = [];
    for (let i = 0; i <= LIMIT; i += 1)
      statuses.push(
        (await callFrom('127.0.0.9', 'POST', '/v3/directline/tokens/generate', { forwardedFor: `203.0.113.${100 + i}` })).status,
      );
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(statuses[LIMIT]).toBe(429);
  });
});

describe('what one client can store', () => {
  async function conversation(from: string) {
    const { token, conversationId } = (await callFrom(from, 'POST', '/v3/directline/tokens/generate')).body as {
      token: string;
      conversationId: string;
    };
    const post = (activity: unknown) =>
      callFrom(from, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: activity });
    return { token, conversationId, post };
  }

  it('an activity larger than a message needs is refused with 413, a 20,000-character message is not', async () => {
    const chat = await conversation('127.0.0.21');
    const big = await chat.post({ type: 'message', text: 'hej', channelData: { pad: 'x'.repeat(50_000) } });
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ error: 'activity_too_large', message: expect.stringMatching(/at most 49152 are kept/) });
    expect((await chat.post({ type: 'message', text: 'ż'.repeat(20_000) })).status).toBe(200);
  });

  it('past a megabyte an hour from one client, 429', async () => {
    const chat = await conversation('127.0.0.22');
    const statuses: number[] = [];
    for (let i = 0; i < 30 && !statuses.includes(429); i += 1)
      statuses.push((await chat.post({ type: 'event', name: 'x', channelData: { pad: 'x'.repeat(45_000) } })).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('one conversation', () => {
  let server: Server;
  let web: DirectLine;
  let redis: RedisClient;
  let base: string;
  const prefix = uniquePrefix('growth');
  beforeAll(async () => {
    redis = testRedis();
    server = createServer({ logger: silentLogger });
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text}`);
      await next();
    });
    web = registerDirectLine(server, {
      bot,
      redis,
      prefix,
      logger: silentLogger,
      limits: { activitiesPerConversation: 6, socketsPerConversation: 3 },
      ...loadConfig({ DIRECTLINE_SECRET: 'growth-test-secret-0123456789' }).directLine,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await web?.close();
    server?.close();
    redis?.disconnect();
  });

  async function start() {
    const { token, conversationId } = (await (await fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    const started = (await (
      await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
    ).json()) as { streamUrl: string };
    return { token, conversationId, streamUrl: started.streamUrl };
  }

  it('holds a bounded number of activities: then a 409 that says to start a new conversation', async () => {
    const { token, conversationId } = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: `m${i}` }),
      });
      statuses.push(res.status);
      if (res.status === 409)
        expect(await res.json()).toEqual({ error: 'conversation_full', message: expect.stringMatching(/start a new conversation/) });
      else await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 409, 409]);
  });

  it('holds one stream per conversation: resuming for a fresh stream URL closes the one before (the 429 cap backs it up)', async () => {
    const started = await start();
    const { conversationId } = started;
    let { token } = started;
    const sockets: { socket: WebSocket; closeCode?: number }[] = [];
    // Each stream URL serves one client, and a resumed token replaces the one before it.
    const freshStreamUrl = async () => {
      const resumed = (await (
        await fetch(`${base}/v3/directline/conversations/${conversationId}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { token: string; streamUrl: string };
      token = resumed.token;
      return resumed.streamUrl;
    };
    const open = async () => {
      const entry: { socket: WebSocket; closeCode?: number } = { socket: new WebSocket(await freshStreamUrl()) };
      entry.socket.once('close', (code) => (entry.closeCode = code));
      sockets.push(entry);
      return new Promise<number>((resolve) => {
        entry.socket.once('open', () => resolve(101));
        entry.socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        entry.socket.once('error', () => resolve(0));
      });
    };
    try {
      for (let i = 0; i < 4; i += 1) expect(await open()).toBe(101);
      await waitFor(() => sockets.slice(0, 3).every((s) => s.closeCode !== undefined), 'the replaced streams to close');
      expect(sockets.map((s) => s.closeCode)).toEqual([4001, 4001, 4001, undefined]);
    } finally {
      for (const s of sockets) s.socket.terminate();
    }
  });

  it('a revocation that arrives late (a token already replaced again) leaves the newest stream open', async () => {
    const { conversationId, streamUrl, token } = await start();
    const entry: { socket: WebSocket; closeCode?: number; texts: string[] } = { socket: new WebSocket(streamUrl), texts: [] };
    entry.socket.once('close', (code) => (entry.closeCode = code));
    entry.socket.on('message', (data) => {
      for (const a of (JSON.parse(String(data)) as { activities: { text?: string }[] }).activities) if (a.text) entry.texts.push(a.text);
    });
    try {
      await once(entry.socket, 'open');
      // The news of an older token, delivered after the stream of the current one opened.
      await redis.publish(new TokenLedger(redis, prefix).revocations, `${conversationId} an-older-token`);
      const sent = await fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'still there?' }),
      });
      expect(sent.status).toBe(200);
      await waitFor(() => entry.texts.includes('echo: still there?') || entry.closeCode !== undefined, 'the reply or a close');
      expect(entry.closeCode).toBeUndefined();
      expect(entry.texts).toContain('echo: still there?');
    } finally {
      entry.socket.terminate();
    }
  });

  it('a replaced stream leaves the cap at once, even when its client never answers the close (a phone gone to sleep)', async () => {
    const started = await start();
    const { conversationId } = started;
    let { token } = started;
    const clients: Socket[] = [];
    // A client that opens its stream and then reads nothing more, so the close handshake of the
    // replaced stream never completes.
    const openAndStall = async (): Promise<number> => {
      const resumed = (await (
        await fetch(`${base}/v3/directline/conversations/${conversationId}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { token: string; streamUrl: string };
      token = resumed.token;
      const url = new URL(resumed.streamUrl);
      const client = connect(Number(url.port), url.hostname);
      clients.push(client);
      client.write(
        `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
      const [head] = (await once(client, 'data')) as [Buffer];
      client.pause();
      return Number(/^HTTP\/1\.1 (\d+)/.exec(head.toString('latin1'))?.[1]);
    };
    try {
      for (let i = 0; i < 5; i += 1) expect(await openAndStall()).toBe(101);
    } finally {
      for (const c of clients) c.destroy();
    }
  });
});
