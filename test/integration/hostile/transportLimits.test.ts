import { connect, type Socket } from 'net';
import { gzipSync, deflateSync } from 'zlib';
import { botChat } from '../../support/botChat';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { TEST_TOKENS } from '../../support/ticketingApiServer';
import { waitFor } from '../../support/waitFor';

/**
 * What reaches the service before any route's own checks: compressed bodies (a 64 KB gzip body
 * can expand to 66 MB), connections that trickle their headers, internal errors in 500
 * answers, and who may read /metrics.
 */

let desk: DeskApp;
let appDesk: DeskApp;

beforeAll(async () => {
  desk = await startDeskApp('transport');
  gzipBomb();
});
afterAll(async () => {
  await desk?.close();
  await appDesk?.close();
});

/** 64 MB of spaces inside a JSON string: about 64 KB once gzipped (made once: it takes a while). */
let bomb: Buffer | undefined;
function gzipBomb(): Buffer {
  bomb ??= gzipSync(Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.alloc(64 * 1024 * 1024, 0x20), Buffer.from('"}')]), {
    level: 9,
  });
  return bomb;
}

describe('compressed request bodies', () => {
  const routes = [
    ['POST', '/api/messages', {}],
    ['POST', '/api/kb/answer', {}],
    ['POST', '/api/tickets', { authorization: `Bearer ${TEST_TOKENS.system}` }],
    ['POST', '/v3/directline/tokens/generate', {}],
  ] as const;

  it.each(routes)('%s %s: a gzip bomb is refused with 415 before it is read', async (method, path, headers) => {
    const bomb = gzipBomb();
    expect(bomb.length).toBeLessThan(128 * 1024);
    const res = await fetch(desk.url + path, {
      method,
      headers: { ...headers, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: new Uint8Array(bomb),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({
      error: 'unsupported_content_encoding',
      message: expect.stringMatching(/Content-Encoding "gzip".*not accepted/),
    });
  });

  it('a small valid gzip or deflate JSON body is refused the same way (no client of the desk compresses)', async () => {
    for (const [encoding, body] of [
      ['gzip', gzipSync('{"question":"Jak zadzwonić do pomocy technicznej?"}')],
      ['deflate', deflateSync('{"question":"x"}')],
    ] as const) {
      const res = await fetch(`${desk.url}/api/kb/answer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: new Uint8Array(body),
      });
      expect(res.status).toBe(415);
    }
  });

  it('"identity" and no encoding are read as before', async () => {
    const body = JSON.stringify({ question: 'Jak zadzwonić do pomocy technicznej?' });
    expect(
      (
        await fetch(`${desk.url}/api/kb/answer`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-encoding': 'identity' },
          body,
        })
      ).status,
    ).toBe(200);
    expect(
      (await fetch(`${desk.url}/api/kb/answer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status,
    ).toBe(200);
  });

  it('/healthz answers while 20 bombs arrive at once', async () => {
    const bomb = gzipBomb();
    const bombs = Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${desk.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body: new Uint8Array(bomb),
        }).then((r) => r.status),
      ),
    );
    const health = await fetch(`${desk.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    expect(health.status).toBe(200);
    expect(new Set(await bombs)).toEqual(new Set([415]));
  });
});

describe('slow connections', () => {
  it('a client that trickles its headers one byte at a time is cut off', async () => {
    const socket: Socket = connect(Number(new URL(desk.url).port), '127.0.0.1');
    let closed = false;
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString();
    });
    socket.on('close', () => {
      closed = true;
    });
    socket.on('error', () => undefined);
    await new Promise((r) => socket.once('connect', r));
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    // Far longer than the headers may take, far shorter than Node's defaults (60 s, checked every 30 s).
    for (let i = 0; i < 100 && !closed; i += 1) {
      socket.write('X');
      await new Promise((r) => setTimeout(r, 400));
    }
    socket.destroy();
    expect(closed).toBe(true);
    expect(answer === '' || /^HTTP\/1\.1 408/.test(answer)).toBe(true);
  });
});

describe('kept-alive connections', () => {
  /** A raw connection that sends GET /healthz with keep-alive and reads the answers; `closed` once the server ends it. */
  async function keptAlive(url: string) {
    const socket: Socket = connect(Number(new URL(url).port), '127.0.0.1');
    const state = { answers: '', closed: false };
    socket.on('data', (d) => (state.answers += d.toString()));
    socket.on('close', () => (state.closed = true));
    socket.on('error', () => undefined);
    await new Promise((r) => socket.once('connect', r));
    const ask = () => socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    return { socket, state, ask };
  }
  const answered = (answers: string) => answers.match(/HTTP\/1\.1 200/g)?.length ?? 0;

  it('stay open for HTTP_KEEP_ALIVE_MS, longer than a load balancer in front keeps its own', async () => {
    const longer = await startDeskApp('transport-keep-alive', { env: { HTTP_KEEP_ALIVE_MS: '30000' } });
    const { socket, state, ask } = await keptAlive(longer.url);
    try {
      ask();
      await waitFor(() => answered(state.answers) === 1, 'the first answer');
      // Past Node's own 5 s, after which a balancer reusing the connection would get a 502.
      await new Promise((r) => setTimeout(r, 5_500));
      expect(state.closed).toBe(false);
      ask();
      await waitFor(() => answered(state.answers) === 2, 'the second answer, on the same connection');
    } finally {
      socket.destroy();
      await longer.close();
    }
  });
});

describe('500 answers', () => {
  it('never carry the internal error (here: the Bot Framework token check cannot reach its keys)', async () => {
    appDesk = await startDeskApp('transport-app-id', {
      env: { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-password' },
    });
    const chat = botChat(appDesk.url);
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'x', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(
      JSON.stringify({ iss: 'https://api.botframework.com', aud: '00000000-0000-0000-0000-000000000001', exp: 4102444800 }),
    ).toString('base64url');
    const turn = await fetch(`${appDesk.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${header}.${claims}.c2ln` },
      body: JSON.stringify({
        type: 'message',
        text: 'pomoc',
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: chat.conversationId },
        from: { id: 'u' },
        recipient: { id: 'b' },
      }),
    });
    const text = await turn.text();
    expect(turn.status).toBeGreaterThanOrEqual(400);
    if (turn.status >= 500) expect(JSON.parse(text)).toEqual({ error: 'internal', message: 'internal error' });
    else expect(JSON.parse(text)).toEqual({ error: 'unauthorized', message: expect.any(String) });
    expect(text).not.toMatch(/fetch|ENOTFOUND|EAI_AGAIN|getaddrinfo|login\.botframework|Error:/i);
  });
});

describe('GET /metrics', () => {
  it('needs an operator token', async () => {
    expect((await fetch(`${desk.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${desk.url}/metrics`, { headers: { authorization: `Bearer ${TEST_TOKENS.agent}` } })).status).toBe(403);
    const res = await fetch(`${desk.url}/metrics`, { headers: { authorization: `Bearer ${TEST_TOKENS.operator}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^# HELP desk_/m);
  });
});
