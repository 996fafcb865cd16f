import { createServer, request, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import { randomUUID } from 'crypto';
import WebSocket from 'ws';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { TEST_TOKENS, ticketBody } from '../../support/ticketingApiServer';
import { waitFor } from '../../support/waitFor';

/**
 * Who the service believes and where it sends what it holds: an identity a channel asserts only
 * counts when the channel's token was checked, and a conversation reference can only lead to the
 * channel it belongs to, never to a host of the caller's choosing with the service's credentials.
 */

const ANNA_AAD = '4d2f1c9e-7b3a-4e8d-9f61-0a5b2c3d4e5f';
const CONTOSO_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A host that records every request that reaches it: where a leaked credential would land. */
interface Catcher {
  url: string;
  requests: { path: string; authorization?: string }[];
  close(): Promise<void>;
}

async function startCatcher(): Promise<Catcher> {
  const requests: Catcher['requests'] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"caught"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let desk: DeskApp;
let catcher: Catcher;

beforeAll(async () => {
  catcher = await startCatcher();
  desk = await startDeskApp('trust', { logLevel: 'info', env: { PUBLIC_URL: 'https://desk.example.com' } });
});
afterAll(async () => {
  await desk?.close();
  await catcher?.close();
});

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(desk.url + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function activity(overrides: Record<string, unknown>) {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    locale: 'pl-PL',
    serviceUrl: desk.url,
    deliveryMode: 'expectReplies',
    from: { id: 'user-1', name: 'User' },
    conversation: { id: `conv-${randomUUID()}` },
    recipient: { id: 'desk-bot', name: 'Desk' },
    text: 'rozmowa z człowiekiem',
    ...overrides,
  };
}

/** What the person reads in the replies, cards included. */
const texts = (body: { activities?: unknown[] }) => JSON.stringify(body.activities ?? []);

async function waitForLog(pattern: RegExp): Promise<string> {
  for (let i = 0; i < 300; i += 1) {
    const line = desk.logLines.find((l) => pattern.test(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no log line matching ${pattern}`);
}

describe('identities a channel asserts', () => {
  it("an unauthenticated Teams-shaped request with an administrator's AAD object id is not taken for her", async () => {
    const { status, body } = await post(
      '/api/messages',
      activity({
        channelId: 'msteams',
        from: { id: '29:anyone', name: 'Someone', aadObjectId: ANNA_AAD },
        conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: CONTOSO_TENANT },
        channelData: { tenant: { id: CONTOSO_TENANT } },
        serviceUrl: desk.url,
      }),
    );
    expect(status).toBe(200);
    expect(texts(body)).not.toMatch(/Anna Kowalska/);
    expect(texts(body)).toMatch(/Czy jesteś administratorem\?/);
  });
});

describe('where replies may go', () => {
  it('refuses an activity whose serviceUrl is not a host of its channel, and calls nothing', async () => {
    const teams = await post(
      '/api/messages',
      activity({ channelId: 'msteams', serviceUrl: 'https://evil.example/teams/', deliveryMode: undefined }),
    );
    expect(teams.status).toBe(400);
    expect(teams.body).toMatchObject({ error: 'invalid_activity', message: expect.stringMatching(/serviceUrl/) });
    // The web channel is this service's own Direct Line endpoint, never /api/messages.
    const web = await post('/api/messages', activity({ channelId: 'directline', serviceUrl: catcher.url, deliveryMode: undefined }));
    expect(web.status).toBe(400);
    expect(web.body).toMatchObject({ error: 'invalid_activity', message: expect.stringMatching(/directline/) });
    expect(catcher.requests).toEqual([]);
  });

  it('refuses a ticket whose conversation reference is not a chat of this service', async () => {
    const reference = (overrides: Record<string, unknown>) => ({
      channelId: 'directline',
      serviceUrl: `${desk.url}/directline/connector`,
      conversation: { id: 'victim' },
      bot: { id: 'support-desk' },
      user: { id: 'dl_x' },
      ...overrides,
    });
    const cases: [string, unknown][] = [
      ['web chat with a foreign service URL', reference({ serviceUrl: catcher.url })],
      ['Teams with a host that is not Bot Framework', reference({ channelId: 'msteams', serviceUrl: 'https://evil.example/' })],
      ['a channel this service does not run', reference({ channelId: 'slack', serviceUrl: 'https://slack.botframework.com/' })],
      ['no conversation id', reference({ conversation: {} })],
      ['not a reference at all', { hello: 'world' }],
    ];
    for (const [, conversation] of cases) {
      const { status, body } = await post('/api/tickets', ticketBody({ conversation }), TEST_TOKENS.system);
      expect({ conversation, status, error: body.error }).toEqual({ conversation, status: 400, error: 'invalid_conversation' });
    }
    const ok = await post('/api/tickets', ticketBody({ conversation: reference({}) }), TEST_TOKENS.system);
    expect(ok.status).toBe(201);
  });

  it('never sends the connector key to a host a stored reference names: web-chat replies go to this service only', async () => {
    // A reference stored before references were checked (or by a bug): it names a foreign host.
    const { ticket } = await desk.app.tickets.create(
      {
        ...(ticketBody() as Parameters<DeskApp['app']['tickets']['create']>[0]),
        conversation: {
          channelId: 'directline',
          serviceUrl: catcher.url,
          conversation: { id: 'victim-conversation' },
          bot: { id: 'support-desk' },
        },
      },
      `stored-${randomUUID()}`,
    );
    const reply = await post(`/api/tickets/${ticket.id}/replies`, { text: 'Proszę sprawdzić ustawienia.' }, TEST_TOKENS.agent);
    expect(reply.status).toBe(201);
    await waitForLog(new RegExp(`message not delivered on this attempt.*${ticket.id}|${ticket.id}.*message not delivered on this attempt`));
    expect(catcher.requests).toEqual([]);
  });
});

describe('customer messages relayed by the bot', () => {
  it("cannot be written in another person's name, least of all another organisation's administrator", async () => {
    const created = await post('/api/tickets', ticketBody(), TEST_TOKENS.system);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const foreign = await post(
      `/api/tickets/${id}/customer-messages`,
      { text: 'Proszę zamknąć.', author: 'anna.kowalska' },
      TEST_TOKENS.system,
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body.error).toBe('author_not_administrator');
    const own = await post(`/api/tickets/${id}/customer-messages`, { text: 'Dodatkowe informacje.' }, TEST_TOKENS.system);
    expect(own.status).toBe(201);
  });
});

describe('web-chat tokens and stream URLs', () => {
  const directLine = async (path: string, token?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${desk.url}/v3/directline${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: '{}',
    });
    return { status: res.status, body: (await res.json()) as { token: string; conversationId: string; streamUrl?: string } };
  };

  it('builds the stream URL from PUBLIC_URL, whatever Host and X-Forwarded-Proto say', async () => {
    const { body: generated } = await directLine('/tokens/generate');
    // fetch sets Host itself: a raw request says what an attacker's client would.
    const url = new URL(`${desk.url}/v3/directline/conversations`);
    const started = await new Promise<{ status: number; body: { streamUrl: string } }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            host: 'evil.example',
            'x-forwarded-proto': 'http',
            authorization: `Bearer ${generated.token}`,
            'content-type': 'application/json',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(started.status).toBe(201);
    expect(started.body.streamUrl).toMatch(
      new RegExp(`^wss://desk\\.example\\.com/v3/directline/conversations/${generated.conversationId}/stream\\?`),
    );
  });

  it('a refreshed token replaces the old one: the old one stops working once the new one is used', async () => {
    const { body: generated } = await directLine('/tokens/generate');
    expect((await directLine('/conversations', generated.token)).status).toBe(201);
    const refreshed = await directLine('/tokens/refresh', generated.token);
    expect(refreshed.status).toBe(200);
    const post = (token: string) =>
      fetch(`${desk.url}/v3/directline/conversations/${generated.conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ type: 'message', text: 'Dzień dobry' }),
      });
    expect((await post(refreshed.body.token)).status).toBe(200);
    expect((await post(generated.token)).status).toBe(403);
    expect((await directLine('/tokens/refresh', generated.token)).status).toBe(403);
  });

  it('a page reloaded before its renewed token reached it resumes with the token before, and only that one', async () => {
    const { body: generated } = await directLine('/tokens/generate');
    expect((await directLine('/conversations', generated.token)).status).toBe(201);
    // The renewal happened, but its answer never reached the page (it was reloaded meanwhile).
    const lost = await directLine('/tokens/refresh', generated.token);
    expect(lost.status).toBe(200);
    const reloaded = await directLine('/tokens/refresh', generated.token);
    expect(reloaded.status).toBe(200);
    expect(reloaded.body.conversationId).toBe(generated.conversationId);
    // Two renewals back is too old, and once the newest is used the one before it stops too.
    expect((await directLine('/tokens/refresh', generated.token)).status).toBe(403);
    expect((await directLine('/conversations', reloaded.body.token)).status).toBeLessThan(300);
    expect((await directLine('/tokens/refresh', lost.body.token)).status).toBe(403);
  });

  it('a refreshed token closes the streams opened with the old one; the new token opens a stream', async () => {
    const { body: generated } = await directLine('/tokens/generate');
    const { body: started } = await directLine('/conversations', generated.token);
    const local = (url: string) => url.replace('wss://desk.example.com', desk.url.replace('http:', 'ws:'));
    const socket = new WebSocket(local(started.streamUrl!));
    let closeCode: number | undefined;
    socket.once('close', (code) => (closeCode = code));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

    const refreshed = await directLine('/tokens/refresh', generated.token);
    expect(refreshed.status).toBe(200);
    await waitFor(() => closeCode !== undefined, 'the stream opened with the replaced token to close');
    expect(closeCode).toBe(4001);

    // The client resumes with its newest token and gets a stream again.
    const resumed = await fetch(`${desk.url}/v3/directline/conversations/${generated.conversationId}`, {
      headers: { authorization: `Bearer ${refreshed.body.token}` },
    });
    const again = new WebSocket(local(((await resumed.json()) as { streamUrl: string }).streamUrl));
    await new Promise((resolve, reject) => again.once('open', resolve).once('error', reject));
    again.close();
  });

  it('a stream URL serves one client: a second connection with it is refused', async () => {
    const { body: generated } = await directLine('/tokens/generate');
    const { body: started } = await directLine('/conversations', generated.token);
    const streamUrl = started.streamUrl!.replace('wss://desk.example.com', desk.url.replace('http:', 'ws:'));
    const open = (url: string) =>
      new Promise<{ socket?: WebSocket; status?: number }>((resolve) => {
        const socket = new WebSocket(url);
        socket.once('open', () => resolve({ socket }));
        socket.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
        socket.once('error', () => resolve({ status: -1 }));
      });
    const first = await open(streamUrl);
    expect(first.socket).toBeDefined();
    const second = await open(streamUrl);
    expect(second).toEqual({ status: 403 });
    first.socket!.close();
  });
});
