import { randomUUID } from 'crypto';
import { TicketStore } from '../../../ticketing/store/ticketStore';
import { botChat, openTicketThroughBot, type BotChat } from '../../support/botChat';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { TEST_TOKENS, ticketBody } from '../../support/ticketingApiServer';
import { until } from '../../support/waitFor';
import { webChat } from '../../support/webChat';
import WebSocket from 'ws';
import { startConnectorPeer } from '../../fixtures/bot/connectorPeer';

/**
 * What an operator watches: GET /metrics after real traffic (bot turns, an FAQ answer and an
 * abstention, a ticket opened through the bot, a claim and a reply, an SLA warning and breach),
 * and the structured log, where one request id follows a bot turn and the ticket it opens.
 */

const ANNA = { org: 'contoso', email: 'anna.kowalska@contoso.pl' };

let desk: DeskApp;
let chat: BotChat;
let botTurns = 0;
let ticketId: string;

/** One sample of the exposition: `name{labels} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

async function scrape(): Promise<{ contentType: string; text: string; samples: Sample[] }> {
  const res = await fetch(`${desk.url}/metrics`, { headers: { authorization: `Bearer ${TEST_TOKENS.operator}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  const samples = text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      // Values as Prometheus parses them (Go's ParseFloat: NaN and Inf in any case; prom-client writes "Nan").
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|nan|[+-]inf)$/i.exec(line);
      const [, name, labelText = '', value] = match ?? [];
      if (!name || !value) throw new Error(`not a Prometheus sample line: ${line}`);
      const labels = Object.fromEntries([...labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
      return { name, labels, value: Number(value) };
    });
  return { contentType: res.headers.get('content-type') ?? '', text, samples };
}

/** The value of the one sample with this name and (at least) these labels; 0 when there is none. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}

async function say(text: string, headers: Record<string, string> = {}) {
  botTurns += 1;
  return chat.say(text, headers);
}

async function api(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(desk.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

function logged(reqId: string): Array<Record<string, unknown>> {
  return desk.logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.reqId === reqId);
}

let connector: Awaited<ReturnType<typeof startConnectorPeer>>;
beforeAll(async () => {
  // The chat's connector, where the agent's reply arrives (and becomes the first response).
  connector = await startConnectorPeer();
  desk = await startDeskApp('observability', { logLevel: 'info' });
  chat = botChat(desk.url, { serviceUrl: connector.url });
});
afterAll(async () => {
  await desk?.close();
  await connector?.close();
});

describe('GET /metrics', () => {
  it('counts bot turns, FAQ answers and abstentions', async () => {
    expect((await say('Jaki jest numer telefonu pomocy technicznej w Wielkiej Brytanii?')).texts[0]).toMatch(/0800 032 6417/);
    expect((await say('Jak upiec sernik?')).texts[0]).toMatch(/nie znalazłem odpowiedzi/);
    const { contentType, samples } = await scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(valueOf(samples, 'desk_bot_turns_total', { channel: 'emulator' })).toBe(botTurns);
    expect(valueOf(samples, 'desk_kb_answers_total', { outcome: 'answered' })).toBe(1);
    expect(valueOf(samples, 'desk_kb_answers_total', { outcome: 'abstained' })).toBe(1);
  });

  it("counts the knowledge API's answers with the bot's", async () => {
    const res = await fetch(`${desk.url}/api/kb/answer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Jak upiec sernik?' }),
    });
    expect(((await res.json()) as { answered: boolean }).answered).toBe(false);
    expect(valueOf((await scrape()).samples, 'desk_kb_answers_total', { outcome: 'abstained' })).toBe(2);
  });

  it('counts a ticket opened through the bot by grade and category, as open and queued', async () => {
    const before = await scrape();
    const opened = desk.logLines.length;
    ticketId = await openTicketThroughBot({ ...chat, say }, desk.outbox, ANNA, { 'x-request-id': 'trace-ticket-42' });
    const { samples } = await scrape();
    expect(valueOf(samples, 'desk_tickets_opened_total', { grade: 'B', category: 'technical' })).toBe(1);
    expect(valueOf(samples, 'desk_open_tickets', { grade: 'B' })).toBe(1);
    expect(valueOf(samples, 'desk_open_tickets', { grade: 'A' })).toBe(0);
    expect(valueOf(samples, 'desk_queue_depth', { category: 'technical' })).toBe(1);
    expect(
      valueOf(samples, 'desk_bot_turns_total', { channel: 'emulator' }) -
        valueOf(before.samples, 'desk_bot_turns_total', { channel: 'emulator' }),
    ).toBe(botTurns - 2);
    expect(desk.logLines.length).toBeGreaterThan(opened);
  });

  it('records the first response by grade when an agent claims and answers', async () => {
    expect((await api('POST', '/api/queues/claim', TEST_TOKENS.agent, { categories: ['technical'] })).body.ticket).toMatchObject({
      id: ticketId,
    });
    expect(
      (await api('POST', `/api/tickets/${ticketId}/replies`, TEST_TOKENS.agent, { text: 'Sprawdzamy konfigurację poczty.' })).status,
    ).toBe(201);
    // Counted when the reply reaches the customer.
    const samples = await until('the first response counted', async () => {
      const { samples } = await scrape();
      return valueOf(samples, 'desk_first_response_working_seconds_count', { grade: 'B' }) === 1 && samples;
    });
    expect(valueOf(samples, 'desk_queue_depth', { category: 'technical' })).toBe(0);
    expect(valueOf(samples, 'desk_first_response_working_seconds_bucket', { grade: 'B', le: '+Inf' })).toBe(1);
  });

  it('counts SLA warnings and breaches when a ticket runs out of time', async () => {
    const created = await api('POST', '/api/tickets', TEST_TOKENS.system, ticketBody({ grade: 'C' }), { 'idempotency-key': randomUUID() });
    expect(created.status).toBe(201);
    // Its clock moved back a day: the warning and the breach are both overdue for the SLA timers.
    const store = new TicketStore(desk.app.redis.client, desk.prefix);
    const stored = (await store.get(created.body.id as string))!;
    const dayAgo = (ms: number) => new Date(Date.now() - 24 * 3600_000 + ms).toISOString();
    const { sla } = stored.ticket;
    expect(
      (
        await store.update(stored, {
          ...stored.ticket,
          sla: { ...sla, startedAt: dayAgo(0), warningAt: dayAgo(1000), dueAt: dayAgo(2000) },
        })
      ).status,
    ).toBe('ok');

    let samples: Sample[] = [];
    for (let i = 0; i < 100 && valueOf(samples, 'desk_sla_events_total', { kind: 'breach', grade: 'C' }) < 1; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      samples = (await scrape()).samples;
    }
    expect(valueOf(samples, 'desk_sla_events_total', { kind: 'warning', grade: 'C' })).toBe(1);
    expect(valueOf(samples, 'desk_sla_events_total', { kind: 'breach', grade: 'C' })).toBe(1);
    expect(valueOf(samples, 'desk_open_tickets', { grade: 'C' })).toBe(1);
  });

  it('shows HTTP latency by route, Redis and SLA queue health, timer entries and process figures', async () => {
    const { samples, text } = await scrape();
    expect(valueOf(samples, 'desk_http_request_duration_seconds_count', { route: '/api/messages', method: 'POST', status: '200' })).toBe(
      botTurns,
    );
    expect(
      valueOf(samples, 'desk_http_request_duration_seconds_count', { route: '/api/tickets/:id/replies', method: 'POST', status: '201' }),
    ).toBe(1);
    expect(valueOf(samples, 'desk_http_request_duration_seconds_bucket', { route: '/api/queues/claim', le: '+Inf' })).toBe(1);
    expect(valueOf(samples, 'desk_dependency_up', { dependency: 'redis' })).toBe(1);
    expect(valueOf(samples, 'desk_dependency_up', { dependency: 'sla_queue' })).toBe(1);
    expect(samples.some((s) => s.name === 'desk_sla_timer_entries' && s.labels.state === 'due')).toBe(true);
    expect(valueOf(samples, 'desk_process_resident_memory_bytes')).toBeGreaterThan(0);
    for (const name of [
      'desk_http_request_duration_seconds',
      'desk_bot_turns_total',
      'desk_kb_answers_total',
      'desk_tickets_opened_total',
      'desk_open_tickets',
      'desk_sla_events_total',
      'desk_first_response_working_seconds',
      'desk_queue_depth',
      'desk_dependency_up',
    ]) {
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
      expect(text).toMatch(new RegExp(`^# TYPE ${name} (counter|gauge|histogram)$`, 'm'));
    }
  });
});

describe('web chats on /metrics', () => {
  it('counts the chats streaming from this instance, and holds nothing for a chat once its streams close', async () => {
    const streaming = async () => {
      const { samples } = await scrape();
      return [
        valueOf(samples, 'desk_webchat_streams', { what: 'conversations' }),
        valueOf(samples, 'desk_webchat_streams', { what: 'sockets' }),
      ];
    };
    const chats = await Promise.all([webChat(desk.url), webChat(desk.url)]);
    const sockets = chats.map(
      ({ conversationId, token }) =>
        new WebSocket(
          `${desk.url.replace('http', 'ws')}/v3/directline/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}`,
        ),
    );
    await Promise.all(sockets.map((socket) => new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))));
    expect(await streaming()).toEqual([2, 2]);

    for (const socket of sockets) socket.close();
    await until('the closed streams to be forgotten', async () => (await streaming()).every((n) => n === 0));
  });
});

describe('request ids in the log', () => {
  it("carries the caller's x-request-id through the bot turn and the ticket it opened", () => {
    const lines = logged('trace-ticket-42');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'ticket opened', ticketId, orgId: 'contoso', grade: 'B', category: 'technical' }),
        // One line for the turn: the request's, with the turn's channel and conversation.
        expect.objectContaining({
          msg: 'request',
          route: '/api/messages',
          status: 200,
          channel: 'emulator',
          conversationId: chat.conversationId,
        }),
      ]),
    );
    expect(lines.filter((l) => l.msg === 'request' || l.msg === 'bot turn')).toHaveLength(1);
    // Every line of that turn is JSON with a level and a time; no other request's lines carry its id.
    for (const line of lines) expect(line).toMatchObject({ level: expect.any(Number), time: expect.any(Number) });
    expect(lines.filter((l) => l.msg === 'ticket opened')).toHaveLength(1);
  });

  it('makes one up when the caller sends none, answers with it, and logs the turn under it', async () => {
    const turn = await say('Jak upiec sernik?');
    expect(turn.requestId).toMatch(/^[\w.-]{8,64}$/);
    expect(logged(turn.requestId!)).toEqual(
      expect.arrayContaining([expect.objectContaining({ msg: 'request', route: '/api/messages', channel: 'emulator', type: 'message' })]),
    );
  });

  it('carries it through a ticket opened over the API, and refuses a malformed one', async () => {
    const created = await api('POST', '/api/tickets', TEST_TOKENS.system, ticketBody({ title: 'Przez API' }), {
      'idempotency-key': randomUUID(),
      'x-request-id': 'api-call.7',
    });
    expect(created.headers.get('x-request-id')).toBe('api-call.7');
    expect(logged('api-call.7')).toEqual(
      expect.arrayContaining([expect.objectContaining({ msg: 'ticket opened', ticketId: created.body.id })]),
    );
    const odd = await fetch(`${desk.url}/healthz`, { headers: { 'x-request-id': 'no spaces {or} braces' } });
    expect(odd.headers.get('x-request-id')).not.toBe('no spaces {or} braces');
  });
});
