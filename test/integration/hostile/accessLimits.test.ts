import { randomUUID } from 'crypto';
import { askForPin, botChat, type BotChat } from '../../support/botChat';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { callFrom as callDeskFrom, withinOneMinute, type Answer, type CallOptions } from '../../support/callFrom';
import { TEST_TOKENS, ticketBody } from '../../support/ticketingApiServer';
import { readOutbox } from '../ticketing/verification/fixtures';

/**
 * What a stranger on the internet can do: ask for web-chat tokens and knowledge answers only so
 * often per address; an agent's token is no operator's; an organisation's administrator sees
 * only their own organisation's tickets.
 */

const LIMIT = 5;
let desk: DeskApp;

beforeAll(async () => {
  desk = await startDeskApp('access', {
    env: {
      KB_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      DIRECTLINE_TOKENS_PER_MINUTE: String(LIMIT),
      DIRECTLINE_ACTIVITIES_PER_MINUTE: String(LIMIT),
    },
  });
});
afterAll(() => desk?.close());

const callFrom = (localAddress: string, method: string, path: string, options?: CallOptions): Promise<Answer> =>
  callDeskFrom(desk.url, localAddress, method, path, options);

const call = (method: string, path: string, options: { body?: unknown; token?: string } = {}) =>
  callFrom('127.0.0.1', method, path, options);

describe('rate limits per client on the public endpoints', () => {
  it.each([
    ['web-chat tokens', '/v3/directline/tokens/generate', undefined, '127.0.0.2', '127.0.0.3'],
    ['knowledge answers', '/api/kb/answer', { question: 'Jaki jest numer telefonu pomocy technicznej?' }, '127.0.0.4', '127.0.0.5'],
  ])('%s: past the limit a 429 JSON error with Retry-After, other clients unaffected', async (_name, path, body, client, otherClient) => {
    await withinOneMinute();
    for (let i = 0; i < LIMIT; i += 1) expect((await callFrom(client, 'POST', path, { body })).status).toBe(200);
    const refused = await callFrom(client, 'POST', path, { body });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: 'rate_limited', message: expect.stringMatching(/too many requests/) });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect((await callFrom(otherClient, 'POST', path, { body })).status).toBe(200);
  });

  it('web-chat messages: a client posting faster than the limit gets a 429, and the bot never sees those', async () => {
    await withinOneMinute();
    const { token, conversationId } = (await callFrom('127.0.0.7', 'POST', '/v3/directline/tokens/generate')).body as {
      token: string;
      conversationId: string;
    };
    const post = (text: string) =>
      callFrom('127.0.0.7', 'POST', `/v3/directline/conversations/${conversationId}/activities`, {
        token,
        body: { type: 'message', text },
      });
    for (let i = 0; i < LIMIT; i += 1) expect((await post(`pytanie ${i}`)).status).toBe(200);
    const refused = await post('jeszcze jedno');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const transcript = (await callFrom('127.0.0.8', 'GET', `/v3/directline/conversations/${conversationId}/activities`, { token }))
      .body as { activities: { text?: string }[] };
    expect(transcript.activities.map((a) => a.text)).not.toContain('jeszcze jedno');
  });
});

describe('roles', () => {
  it('refuses every operator-only route to an agent token and a system token with 403, changing nothing', async () => {
    const openapi = (await call('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { 'x-roles': string[] }>> };
    const operatorOnly = Object.entries(openapi.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op['x-roles'].join() === 'operator')
        .map(([method]) => ({ method: method.toUpperCase(), path })),
    );
    expect(operatorOnly.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /api/organisations', 'PUT /api/organisations/{id}', 'DELETE /api/organisations/{id}']),
    );

    const intruder = {
      id: 'intruder',
      name: 'Intruder',
      contract: 'premier',
      administrators: [{ id: 'eve', name: 'Eve', email: 'eve@intruder.example' }],
    };
    for (const token of [TEST_TOKENS.agent, TEST_TOKENS.system]) {
      for (const { method, path } of operatorOnly) {
        const concrete = path.replace('{id}', 'contoso').replace('{adminId}', 'anna.kowalska');
        const answer = await call(method, concrete, { token, body: method === 'GET' || method === 'DELETE' ? undefined : intruder });
        expect([`${method} ${path}`, answer.status, answer.body?.error]).toEqual([`${method} ${path}`, 403, 'forbidden']);
      }
    }
    const contoso = await call('GET', '/api/organisations/contoso', { token: TEST_TOKENS.operator });
    expect(contoso.body).toMatchObject({ id: 'contoso', administrators: [expect.objectContaining({ id: 'anna.kowalska' })] });
    expect((await call('GET', '/api/organisations/intruder', { token: TEST_TOKENS.operator })).status).toBe(404);
  });
});

describe("one organisation's administrator and another's tickets", () => {
  let fabrikamTicket: { id: string; title: string };
  let contosoTicket: { id: string; title: string };
  let anna: BotChat;

  beforeAll(async () => {
    const open = async (body: Record<string, unknown>) => {
      const res = await fetch(`${desk.url}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKENS.system}`, 'idempotency-key': randomUUID() },
        body: JSON.stringify(ticketBody(body)),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; title: string };
    };
    fabrikamTicket = await open({ title: 'Fabrikam: tajny projekt Orion nie synchronizuje' });
    contosoTicket = await open({
      orgId: 'contoso',
      adminId: 'anna.kowalska',
      title: 'Contoso: Teams nie startuje',
      contact: { email: 'anna.kowalska@contoso.pl', preferred: 'email' },
    });

    // Anna verifies herself as Contoso's administrator with the code from the outbox.
    anna = botChat(desk.url);
    expect((await askForPin(anna, 'contoso', 'anna.kowalska@contoso.pl')).join(' ')).toMatch(/kod został wysłany/);
    expect((await anna.say(await codeFor('anna.kowalska@contoso.pl'))).texts[0]).toBe('Dziękuję, weryfikacja zakończona.');
    // She asked for a person, so the ticket form follows; she only wants to look around.
    expect((await anna.say('anuluj')).texts[0]).toMatch(/przerwałem/);
  });

  async function codeFor(address: string): Promise<string> {
    for (let i = 0; i < 100; i += 1) {
      const message = (await readOutbox(desk.outbox)).reverse().find((m) => m.to === address);
      if (message) return message.code;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no code for ${address} in the outbox`);
  }

  it("says another organisation's ticket does not exist, however it is asked for, and shows her own", async () => {
    for (const asked of [
      `status ${fabrikamTicket.id}`,
      fabrikamTicket.id,
      fabrikamTicket.id.toLowerCase(),
      `stan ${fabrikamTicket.id}`,
      `status  ${fabrikamTicket.id} `,
    ]) {
      const answer = (await anna.say(asked)).texts.join('\n');
      expect(answer).toContain(`Nie znalazłem zgłoszenia ${fabrikamTicket.id} wśród zgłoszeń Twojej organizacji.`);
      expect(answer).not.toMatch(/Orion|Stan:|Priorytet/);
    }
    const own = (await anna.say(`status ${contosoTicket.id}`)).texts.join('\n');
    expect(own).toContain(`Zgłoszenie ${contosoTicket.id}: ${contosoTicket.title}`);
  });

  it("lists only her organisation's tickets", async () => {
    const list = (await anna.say('moje zgłoszenia')).texts.join('\n');
    expect(list).toContain(contosoTicket.id);
    expect(list).not.toContain(fabrikamTicket.id);
  });

  it('gives a chat that is not verified no ticket at all, and the API nothing without an API token', async () => {
    const stranger = botChat(desk.url);
    expect((await stranger.say(`status ${contosoTicket.id}`)).texts.join(' ')).toMatch(/Czy jesteś administratorem\?/);
    const webChatToken = (await callFrom('127.0.0.6', 'POST', '/v3/directline/tokens/generate')).body.token as string;
    for (const token of [undefined, webChatToken, 'not-a-token']) {
      const answer = await call('GET', `/api/tickets/${contosoTicket.id}`, { token });
      expect(answer.status).toBe(401);
      expect(answer.body.error).toBe('unauthorized');
    }
  });
});
