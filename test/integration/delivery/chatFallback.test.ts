import { randomUUID } from 'crypto';
import { simpleParser } from 'mailparser';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { openFrom, teamsChat } from './chatConversations';
import { startSmtpPeer, type SmtpPeer } from '../../support/smtpPeer';
import { TEST_TOKENS, ticketBody } from '../../support/ticketingApiServer';
import { closedPort } from '../../support/closedPort';
import { until } from '../../support/waitFor';
import { startConnectorPeer } from '../../fixtures/bot/connectorPeer';
import type { Ticket } from '../../../ticketing/domain/types';
import { keys } from '../../../ticketing/store/keys';

/**
 * Agents' replies and notices on their way to the customer, through the whole service: the
 * chat first (Emulator- and Teams-shaped conversations), retried with back-off, then e-mail to
 * the real SMTP peer; each message's state says how far it got, and the first response counts
 * only when a reply arrived.
 */

const DEAD_TEAMS_HOST = 'smba.unreachable-desk-test.invalid';
const JAN = 'jan.nowak@fabrikam.pl';
let smtp: SmtpPeer;
let desk: DeskApp;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  desk = await startDeskApp('delivery', {
    env: {
      SMTP_URL: smtp.url,
      DELIVERY_RETRY_SECONDS: '0.2,0.4',
      TEAMS_SERVICE_HOSTS: `smba.trafficmanager.net,${DEAD_TEAMS_HOST}`,
    },
  });
});
afterAll(async () => {
  await desk?.close();
  await smtp?.stop();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Ticket & { error?: string } }> {
  const res = await fetch(desk.url + path, {
    method,
    headers: { authorization: `Bearer ${TEST_TOKENS.agent}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Ticket & { error?: string } };
}

function emulatorChat(serviceUrl: string) {
  return {
    channelId: 'emulator',
    serviceUrl,
    locale: 'pl-PL',
    conversation: { id: `emu-${randomUUID()}` },
    user: { id: 'user-1' },
    bot: { id: 'desk-bot' },
  };
}

const open = (conversation: Record<string, unknown>): Promise<string> => openFrom(desk, conversation);

/** The ticket once its message `index` has reached a final state (delivered or failed). */
function settled(id: string, index: number): Promise<Ticket> {
  return until(`message ${index + 1} of ${id} delivered or failed`, async () => {
    const ticket = (await desk.app.tickets.get(id))!;
    const state = ticket.messages[index]?.delivery?.state;
    return (state === 'delivered' || state === 'failed') && ticket;
  });
}

/** The mails to Jan about a ticket, parsed. */
async function mailsAbout(id: string) {
  const raw = smtp.messages.filter((m) => m.to.includes(JAN) && m.subject.includes(id));
  return Promise.all(raw.map(async (m) => ({ subject: m.subject, headers: m.headers, text: (await simpleParser(m.raw)).text ?? '' })));
}

describe('a reply whose chat cannot be reached', () => {
  it('is retried, then goes by e-mail, and only its arrival by e-mail is the first response (Emulator, connection refused)', async () => {
    const id = await open(emulatorChat(`http://127.0.0.1:${await closedPort()}`));
    const replied = await call('POST', `/api/tickets/${id}/replies`, { text: 'Proszę zrestartować usługę Exchange.' });
    expect(replied.status).toBe(201);
    expect(replied.body.messages[0]!.delivery).toMatchObject({ state: 'queued', channel: 'chat' });
    expect(replied.body.sla.firstResponseAt).toBeUndefined();

    const ticket = await settled(id, 0);
    const delivery = ticket.messages[0]!.delivery!;
    expect(delivery).toMatchObject({ state: 'delivered', channel: 'email', to: JAN });
    expect(delivery.fallback).toMatch(/^the chat service 127\.0\.0\.1:\d+ refused the connection$/);
    // Three chat attempts (the first and two retries), then one e-mail.
    expect(ticket.history.filter((h) => h.kind === 'delivery').map((h) => h.reason)).toEqual([
      expect.stringMatching(/^message 1: chat unreachable \(.* refused the connection\); sending it by e-mail$/),
      expect.stringMatching(/^first response delivered by e-mail after .*: SLA met$/),
    ]);
    expect(ticket.sla.firstResponseAt).toBe(delivery.at);
    expect(ticket.chatUnreachable).toBeUndefined();

    const [mail, ...more] = await mailsAbout(id);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(`Re: [${id}] Outlook nie synchronizuje poczty`);
    expect(mail!.text).toContain('Proszę zrestartować usługę Exchange.');
    expect(mail!.text).toContain(`Zgłoszenie ${id}. Aby odpowiedzieć, odpowiedz na tę wiadomość.`);
    expect(mail!.headers['message-id']).toBe((await desk.app.tickets.get(id))!.messages[0]!.mailId);
  });

  it('goes by e-mail at once when the Teams host does not resolve, and so do the notices after it', async () => {
    const id = await open(teamsChat(`https://${DEAD_TEAMS_HOST}/emea/`));
    await call('POST', `/api/tickets/${id}/replies`, { text: 'Sprawdzamy konfigurację konektora.' });
    const ticket = await settled(id, 0);
    expect(ticket.messages[0]!.delivery).toMatchObject({ state: 'delivered', channel: 'email', attempts: 1 });
    expect(ticket.messages[0]!.delivery!.fallback).toBe(`the chat service ${DEAD_TEAMS_HOST} does not exist (its name does not resolve)`);
    expect(ticket.chatUnreachable?.reason).toMatch(/does not resolve/);

    const resolved = await call('POST', `/api/tickets/${id}/resolve`, { reason: 'Konektor poprawiony po stronie partnera.' });
    const notice = resolved.body.messages.at(-1)!;
    expect(notice).toMatchObject({ author: 'desk', notice: { kind: 'resolved' }, delivery: { state: 'queued', channel: 'email' } });
    const after = await settled(id, resolved.body.messages.length - 1);
    expect(after.messages.at(-1)!.delivery).toMatchObject({ state: 'delivered', channel: 'email', attempts: 1 });
    const mails = await until('the resolution by mail', async () => {
      const all = await mailsAbout(id);
      return all.length === 2 && all;
    });
    expect(mails[1]!.text).toContain(`Twoje zgłoszenie ${id} zostało rozwiązane.`);
    expect(mails[1]!.text).toContain('Rozwiązanie: Konektor poprawiony po stronie partnera.');
    expect(mails[1]!.headers['auto-submitted']).toBe('auto-replied');
    // Threaded under the reply mailed before it.
    expect(mails[1]!.headers['in-reply-to']).toBe(mails[0]!.headers['message-id']);
  });

  it('fails with its reason when e-mail cannot take it either; the clock keeps running, and the agent can send it again', async () => {
    const refusing = await startSmtpPeer({ rejectRecipients: [JAN] });
    const strict = await startDeskApp('delivery-refused', {
      env: { SMTP_URL: refusing.url, DELIVERY_RETRY_SECONDS: '0.2' },
    });
    try {
      const { ticket: opened } = await strict.app.tickets.create(
        {
          ...(ticketBody() as Parameters<DeskApp['app']['tickets']['create']>[0]),
          conversation: teamsChat(`https://${DEAD_TEAMS_HOST}/emea/`),
        },
        `refused-${randomUUID()}`,
      );
      await strict.app.tickets.reply(opened.id, 'alice', 'Proszę o logi.');
      const failed = await until('the reply failed', async () => {
        const t = (await strict.app.tickets.get(opened.id))!;
        return t.messages[0]!.delivery!.state === 'failed' && t;
      });
      // This instance does not trust that host at all: a reference it may not send to is dead at once.
      expect(failed.messages[0]!.delivery!.fallback).toMatch(/is not a Bot Framework service host for msteams/);
      expect(failed.messages[0]!.delivery!.reason).toMatch(new RegExp(`^the mail server refused ${JAN.replace(/\./g, '\\.')} \\(550`));
      expect(failed.sla.firstResponseAt).toBeUndefined();
      expect(failed.history.at(-1)!.reason).toMatch(/^message 1 not delivered: the mail server refused/);
      // The SLA timers still owe this ticket its warning and breach.
      expect(await strict.app.redis.client.zrange(keys.slaDue(strict.prefix), 0, -1)).toEqual(
        expect.arrayContaining([`${opened.id}|breach|${failed.sla.version}`]),
      );

      const res = await fetch(`${strict.url}/api/tickets/${opened.id}/messages/1/retry`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKENS.agent}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(200);
      const again = (await res.json()) as Ticket;
      expect(again.messages[0]!.delivery).toMatchObject({ state: 'queued', channel: 'chat', attempts: 0 });
      const delivered = await fetch(`${strict.url}/api/tickets/${opened.id}/messages/1/retry`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKENS.agent}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(delivered.status).toBe(409);
    } finally {
      await strict.close();
      await refusing.stop();
    }
  });
});

describe('a connector that fails, then recovers', () => {
  it('gets the reply on a retry, in the chat, and no mail goes out (Teams-shaped conversation)', async () => {
    const connector = await startConnectorPeer({ failFirst: 1 });
    try {
      const chat = teamsChat(connector.url);
      const id = await open(chat);
      await call('POST', `/api/tickets/${id}/replies`, { text: 'Proszę wyczyścić pamięć podręczną Teams.' });
      const ticket = await settled(id, 0);
      expect(ticket.messages[0]!.delivery).toMatchObject({ state: 'delivered', channel: 'chat', attempts: 2 });
      expect(connector.refused).toHaveLength(1);
      expect(connector.received.map((a) => a.body.text)).toEqual([
        `Odpowiedź konsultanta w sprawie zgłoszenia ${id}:\n\nProszę wyczyścić pamięć podręczną Teams.\n\nOdpisz tutaj – Twoje wiadomości trafią do zgłoszenia, dopóki jest otwarte.`,
      ]);
      expect(connector.received[0]!.path).toBe(`/v3/conversations/${chat.conversation.id}/activities/1700000000000`);
      expect(ticket.sla.firstResponseAt).toBe(ticket.messages[0]!.delivery!.at);
      expect(await mailsAbout(id)).toEqual([]);
    } finally {
      await connector.close();
    }
  });
});

describe('files an agent attaches to a reply', () => {
  it('reach the chat customer as links that open them, and the link opens nothing else (Teams-shaped conversation)', async () => {
    const connector = await startConnectorPeer();
    try {
      const id = await open(teamsChat(connector.url));
      const form = new FormData();
      form.append('file', new Blob(['Kroki naprawy konektora'], { type: 'text/plain' }), 'instrukcja.txt');
      const uploaded = await fetch(`${desk.url}/api/tickets/${id}/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKENS.agent}` },
        body: form,
      });
      expect(uploaded.status).toBe(201);
      const [file] = ((await uploaded.json()) as { attachments: { id: string }[] }).attachments;
      await call('POST', `/api/tickets/${id}/replies`, { text: 'Instrukcja w załączniku.', attachments: [file!.id] });
      const ticket = await settled(id, 0);
      expect(ticket.messages[0]!.delivery).toMatchObject({ state: 'delivered', channel: 'chat' });

      const text = connector.received.at(-1)!.body.text as string;
      expect(text).toContain('Instrukcja w załączniku.\n\nZałączniki od konsultanta:\n- [instrukcja.txt](');
      const link = /\[instrukcja\.txt\]\((http[^)]+)\)/.exec(text)![1]!;
      const opened = await fetch(link);
      expect(opened.status).toBe(200);
      expect(await opened.text()).toBe('Kroki naprawy konektora');
      // The link is signed for this file of this ticket: another file, or a changed ticket, opens nothing.
      expect((await fetch(link.replace(file!.id, 'A'.repeat(22)))).status).toBe(403);
      expect((await fetch(link.replace(`t=${id}`, 't=SR-2026-999999'))).status).toBe(403);
    } finally {
      await connector.close();
    }
  });
});

describe('two instances', () => {
  it('make each attempt exactly once: every post reaches the connector once, and each message is delivered once', async () => {
    const second = await startDeskApp('delivery-second', {
      prefix: desk.prefix,
      env: { SMTP_URL: smtp.url, DELIVERY_RETRY_SECONDS: '0.2,0.4', TEAMS_SERVICE_HOSTS: `smba.trafficmanager.net,${DEAD_TEAMS_HOST}` },
    });
    // Two refusals at most per message: fewer than its three chat attempts, so all stay in the chat.
    const connector = await startConnectorPeer({ failFirst: 2 });
    try {
      const ids = await Promise.all([1, 2, 3, 4, 5].map(() => open(emulatorChat(connector.url))));
      for (const [i, id] of ids.entries()) {
        const via = i % 2 === 0 ? desk : second;
        const res = await fetch(`${via.url}/api/tickets/${id}/replies`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TEST_TOKENS.agent}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text: `Odpowiedź numer ${i + 1}.` }),
        });
        expect(res.status).toBe(201);
      }
      const tickets = await Promise.all(ids.map((id) => settled(id, 0)));
      const attempts = tickets.reduce((sum, t) => sum + t.messages[0]!.delivery!.attempts, 0);
      expect(tickets.map((t) => t.messages[0]!.delivery!.state)).toEqual(ids.map(() => 'delivered'));
      // Every attempt either failed at the connector or delivered there: none was made twice.
      expect(connector.refused.length + connector.received.length).toBe(attempts);
      expect(connector.received).toHaveLength(5);
      expect(connector.refused).toHaveLength(2);
      expect(new Set(connector.received.map((a) => a.body.text)).size).toBe(5);
    } finally {
      await connector.close();
      await second.close();
    }
  });
});
