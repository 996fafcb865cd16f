import { simpleParser } from 'mailparser';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { openFrom, teamsChat } from './chatConversations';
import { startSmtpPeer, type SmtpPeer } from '../../support/smtpPeer';
import { TEST_TOKENS } from '../../support/ticketingApiServer';
import { until } from '../../support/waitFor';
import { startConnectorPeer } from '../../fixtures/bot/connectorPeer';
import type { Ticket } from '../../../ticketing/domain/types';

/**
 * Internal notes through the whole service: agents read them beside the conversation, and
 * neither the customer's chat nor their mail ever carries one, while the replies around them
 * arrive.
 */

const DEAD_TEAMS_HOST = 'smba.unreachable-desk-test.invalid';
const JAN = 'jan.nowak@fabrikam.pl';
const SECRET = 'Wewnętrzne: klient ma zaległe faktury, nie obiecywać rabatu';
let smtp: SmtpPeer;
let desk: DeskApp;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  desk = await startDeskApp('internal-notes', {
    env: { SMTP_URL: smtp.url, TEAMS_SERVICE_HOSTS: `smba.trafficmanager.net,${DEAD_TEAMS_HOST}` },
  });
});
afterAll(async () => {
  await desk?.close();
  await smtp?.stop();
});

async function call(method: string, path: string, body?: unknown, as: keyof typeof TEST_TOKENS = 'agent') {
  const res = await fetch(desk.url + path, {
    method,
    headers: { authorization: `Bearer ${TEST_TOKENS[as]}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON the test inspects
}

const open = (conversation: Record<string, unknown>): Promise<string> => openFrom(desk, conversation);

/** A note, then a reply: the reply is what reaches the customer. */
async function noteThenReply(id: string, reply: string): Promise<void> {
  const noted = await call('POST', `/api/tickets/${id}/notes`, { text: SECRET });
  expect(noted.status).toBe(201);
  expect(noted.body).toMatchObject({ author: 'alice', text: SECRET });
  expect((await call('POST', `/api/tickets/${id}/replies`, { text: reply })).status).toBe(201);
  await until(`the reply on ${id} delivered`, async () => {
    const t = (await desk.app.tickets.get(id)) as Ticket;
    return t.messages.at(-1)?.delivery?.state === 'delivered';
  });
}

describe('an internal note', () => {
  it('is read by agents beside the ticket and never reaches the customer in the chat', async () => {
    const connector = await startConnectorPeer();
    try {
      const id = await open(teamsChat(connector.url));
      await noteThenReply(id, 'Sprawdzamy konfigurację.');
      const notes = await call('GET', `/api/tickets/${id}/notes`);
      expect(notes.body.items).toEqual([expect.objectContaining({ author: 'alice', text: SECRET })]);

      expect(connector.received).toHaveLength(1);
      expect(connector.received[0]!.body.text).toContain('Sprawdzamy konfigurację.');
      expect(JSON.stringify(connector.received)).not.toContain('zaległe');
      // Not part of the ticket: neither its messages nor what the bot reads carries it.
      const asBot = await call('GET', `/api/tickets/${id}`, undefined, 'system');
      expect(JSON.stringify(asBot.body)).not.toContain('zaległe');
      expect((await call('GET', `/api/tickets/${id}/notes`, undefined, 'system')).status).toBe(403);
      expect((await call('POST', `/api/tickets/${id}/notes`, { text: 'bot' }, 'system')).status).toBe(403);
    } finally {
      await connector.close();
    }
  });

  it('never reaches the customer by mail', async () => {
    const id = await open(teamsChat(`https://${DEAD_TEAMS_HOST}/emea/`));
    await noteThenReply(id, 'Proszę o logi z serwera.');
    const mails = await until('the reply by mail', async () => {
      const raw = smtp.messages.filter((m) => m.to.includes(JAN) && m.subject.includes(id));
      return raw.length > 0 && raw;
    });
    const texts = await Promise.all(mails.map(async (m) => `${m.subject}\n${(await simpleParser(m.raw)).text ?? ''}\n${m.raw}`));
    expect(texts.join('\n')).toContain('Proszę o logi z serwera.');
    expect(texts.join('\n')).not.toContain('zaległe');
    expect(smtp.messages.some((m) => m.raw.includes('rabatu'))).toBe(false);
  });

  it('is refused empty, too long or on a ticket that does not exist', async () => {
    const id = await open(teamsChat(`https://${DEAD_TEAMS_HOST}/emea/`));
    expect((await call('POST', `/api/tickets/${id}/notes`, { text: '   ' })).status).toBe(400);
    expect((await call('POST', `/api/tickets/${id}/notes`, { text: 'x'.repeat(4001) })).status).toBe(400);
    expect((await call('POST', '/api/tickets/SR-2026-999999/notes', { text: 'x' })).status).toBe(404);
  });
});
