import { randomUUID } from 'crypto';
import { readdir, readFile } from 'fs/promises';
import { join } from 'path';
import { botChat, codeInOutbox, askForPin, openTicketThroughBot } from '../../support/botChat';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { TEST_TOKENS } from '../../support/ticketingApiServer';
import { nth } from '../../support/nth';

/**
 * A whole working day in one test, logged at debug: PIN verification (right and wrong codes, an
 * unknown address, SMS), a ticket opened through the bot, the web chat's Direct Line, agents and
 * the operator on the API with their bearer tokens. Then the captured log is searched for every
 * secret and personal detail that went through the service: none may appear in full.
 */

const ANNA = { org: 'contoso', email: 'anna.kowalska@contoso.pl', phone: '+48 600 100 200' };
const JAN = { org: 'fabrikam', email: 'jan.nowak@fabrikam.pl', phone: '+48 601 200 300' };
const NEW_ADMIN = { email: 'zofia.mazur@northwind.pl', phone: '+48 605 777 888' };

let desk: DeskApp;
const secrets: { what: string; value: string }[] = [];

beforeAll(async () => {
  desk = await startDeskApp('no-secrets', { logLevel: 'debug' });
  // The web channel's connector key is the process's own: read it where the bot presents it.
  let connectorAuthorization = '';
  desk.app.server.pre((req, _res, next) => {
    if (req.url?.startsWith('/directline/connector/')) connectorAuthorization = req.headers.authorization ?? '';
    next();
  });
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(desk.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
  };

  // Anna verifies with the code by e-mail and opens a ticket through the bot.
  const annasChat = botChat(desk.url);
  const ticketId = await openTicketThroughBot(annasChat, desk.outbox, ANNA);
  // Jan by SMS, with a wrong code; and someone typing an address that is not registered.
  const jansChat = botChat(desk.url);
  await askForPin(jansChat, JAN.org, JAN.email, 'SMS');
  const jansCode = await codeInOutbox(desk.outbox, JAN.phone);
  await jansChat.say(String((Number(jansCode) + 1) % 1_000_000).padStart(6, '0'));
  await jansChat.say(jansCode);
  await askForPin(botChat(desk.url), 'contoso', 'ktos.obcy@contoso.pl');

  // The web chat: a token, a conversation, a question, a refresh.
  const generated = (await (await fetch(`${desk.url}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as {
    token: string;
    conversationId: string;
  };
  const dl = (path: string, token: string, body?: unknown) =>
    fetch(`${desk.url}/v3/directline${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
  expect((await dl('/conversations', generated.token)).status).toBe(201);
  expect(
    (
      await dl(`/conversations/${generated.conversationId}/activities`, generated.token, {
        type: 'message',
        text: `Mój e-mail to ${ANNA.email}, telefon ${ANNA.phone}`,
        from: { id: 'ignored' },
      })
    ).status,
  ).toBe(200);
  const refreshed = (await (await dl('/tokens/refresh', generated.token)).json()) as { token: string };
  expect(connectorAuthorization).toMatch(/^Bearer .{32,}$/);

  // Agents and the operator, with their tokens; one call with a token that is not valid.
  expect((await api('POST', '/api/queues/claim', TEST_TOKENS.agent, { categories: ['technical'] })).status).toBe(200);
  expect((await api('POST', `/api/tickets/${ticketId}/replies`, TEST_TOKENS.agent, { text: `Zadzwonię pod ${ANNA.phone}` })).status).toBe(
    201,
  );
  expect((await api('GET', `/api/tickets/${ticketId}`, TEST_TOKENS.system)).status).toBe(200);
  expect(
    (
      await api('POST', '/api/organisations', TEST_TOKENS.operator, {
        id: 'northwind',
        name: 'Northwind',
        contract: 'standard',
        administrators: [{ id: 'zofia', name: 'Zofia Mazur', email: NEW_ADMIN.email, phone: NEW_ADMIN.phone }],
      })
    ).status,
  ).toBe(201);
  expect((await api('GET', '/api/tickets', 'wrong-token-but-long-enough-123')).status).toBe(401);

  const codes = await Promise.all(
    (await readdir(desk.outbox))
      .filter((f) => f.endsWith('.json'))
      .map(async (f) => (JSON.parse(await readFile(join(desk.outbox, f), 'utf8')) as { code: string }).code),
  );
  expect(codes).toHaveLength(2); // Anna's by e-mail, Jan's by SMS; the unknown address got none
  const directLineSecret = `directline-secret-${desk.prefix}`;
  secrets.push(
    ...codes.map((code) => ({ what: 'PIN code', value: code })),
    ...Object.entries(TEST_TOKENS).map(([role, value]) => ({ what: `${role} API token`, value })),
    { what: 'invalid API token', value: 'wrong-token-but-long-enough-123' },
    { what: 'Direct Line token', value: generated.token },
    { what: 'refreshed Direct Line token', value: refreshed.token },
    { what: 'Direct Line token signature', value: nth(generated.token.split('.'), 2) },
    { what: 'DIRECTLINE_SECRET', value: directLineSecret },
    { what: 'connector key', value: connectorAuthorization.replace(/^Bearer /, '') },
  );
  for (const person of [ANNA, JAN, NEW_ADMIN]) {
    const digits = person.phone.replace(/\D/g, '');
    secrets.push(
      { what: 'e-mail', value: person.email },
      { what: 'phone', value: person.phone },
      { what: 'phone digits', value: digits },
      { what: 'national phone number', value: person.phone.replace(/^\+48 /, '') },
    );
  }
});
afterAll(() => desk?.close());

describe('the log of a full working flow at debug level', () => {
  it('covers the flow: verification, delivery, the ticket, the web chat and the API calls are all logged', () => {
    const log = desk.logLines.join('');
    for (const expected of [
      'verification code requested',
      'verification code written to the outbox',
      'administrator verified',
      'ticket opened',
      'bot turn',
      '"route":"/api/tickets/:id/replies"',
      '"route":"/v3/directline/tokens/refresh"',
      '"status":401',
    ]) {
      expect(log).toContain(expected);
    }
    // The people are there, masked: the log knows whom it is about without saying it in full.
    expect(log).toMatch(/a\*+@contoso\.pl/);
    expect(log).toMatch(/\+48 \*\*\* \*\*\* \*00/);
  });

  it('holds no PIN code, token, secret, full e-mail address or phone number', () => {
    const leaks: string[] = [];
    for (const { what, value } of secrets) {
      // Digits are matched as a whole number, so a code is not "found" inside a timestamp.
      const pattern = /^\d+$/.test(value)
        ? new RegExp(`(?<!\\d)${value}(?!\\d)`)
        : new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
      for (const line of desk.logLines) if (pattern.test(line)) leaks.push(`${what} "${value}" in ${line.slice(0, 400)}`);
    }
    expect(leaks).toEqual([]);
  });
});
