import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import WebSocket from 'ws';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { startRedisServer, type RedisServerHandle } from '../../support/redisServer';
import { FAQ_ANSWER, FAQ_QUESTION, waitFor } from './faultFixtures';

/**
 * The web chat during a Redis outage, as the README promises and the Teams path already does:
 * a page can start a conversation, and a question typed there is echoed and answered from the
 * knowledge base in memory over the WebSocket stream; steps that need Redis say so.
 */

const dir = mkdtempSync(join(tmpdir(), 'desk-webchat-outage-'));
let redisServer: RedisServerHandle;
let desk: DeskApp;

beforeAll(async () => {
  redisServer = await startRedisServer({ dir });
  desk = await startDeskApp('webchat-outage', { env: { REDIS_URL: redisServer.url } });
});
afterAll(async () => {
  // Redis back on its port first, so the service's shutdown meets the Redis it knew.
  if (redisServer) redisServer = await startRedisServer({ dir, port: Number(new URL(redisServer.url).port) });
  await desk?.close().catch(() => undefined);
  await redisServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Frame {
  activities: Array<{ id: string; text?: string; from: { role?: string }; channelData?: { clientActivityID?: string } }>;
  watermark: string;
}

test('with Redis stopped a web-chat page starts, its question is echoed and answered over the stream', async () => {
  await redisServer.stop();
  await waitFor(async () => (await fetch(`${desk.url}/readyz`)).status === 503, '/readyz to report not ready');

  const generated = await fetch(`${desk.url}/v3/directline/tokens/generate`, { method: 'POST' });
  expect(generated.status).toBe(200);
  const { token, conversationId } = (await generated.json()) as { token: string; conversationId: string };
  const auth = { authorization: `Bearer ${token}` };
  const started = await fetch(`${desk.url}/v3/directline/conversations`, { method: 'POST', headers: auth });
  expect(started.status).toBeLessThan(300);
  const { streamUrl } = (await started.json()) as { streamUrl: string };

  const frames: Frame[] = [];
  const socket = new WebSocket(streamUrl.replace(/^ws:\/\/[^/]+/, desk.url.replace('http', 'ws')));
  socket.on('message', (data) => {
    if (String(data)) frames.push(JSON.parse(String(data)) as Frame);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });

  const activities = () => frames.flatMap((f) => f.activities);
  const ask = async (text: string, clientActivityID: string) => {
    const posted = await fetch(`${desk.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, from: { id: 'x' }, channelData: { clientActivityID } }),
    });
    expect(posted.status).toBe(200);
    return ((await posted.json()) as { id: string }).id;
  };
  try {
    const id = await ask(FAQ_QUESTION, 'client-1');
    await waitFor(
      async () => activities().some((a) => a.from.role === 'bot' && FAQ_ANSWER.test(a.text ?? '')),
      'the FAQ answer on the stream',
    );
    // The customer's own message comes back (Web Chat marks it sent only then), with the id the POST gave.
    expect(activities().find((a) => a.channelData?.clientActivityID === 'client-1')?.id).toBe(id);

    await ask('rozmowa z człowiekiem', 'client-2');
    await waitFor(async () => activities().some((a) => /chwilowo niedostępna/.test(a.text ?? '')), 'the "temporarily unavailable" answer');
    expect(new Set(activities().map((a) => a.id)).size).toBe(activities().length);
  } finally {
    socket.close();
  }
});
