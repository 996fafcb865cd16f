import {
  beginAttempt,
  deliveryDueOf,
  endAttempt,
  parseDeliveryMember,
  queueNewMessages,
  retryDelivery,
  type DeliveryPolicy,
} from '../../../ticketing/domain/delivery';
import { withNotices } from '../../../ticketing/domain/notices';
import { addAgentReply, changeStatus, openTicket } from '../../../ticketing/domain/ticket';
import type { Ticket } from '../../../ticketing/domain/types';
import { at, organisation, ticketInput } from './fixtures';

const org = organisation();
const POLICY: DeliveryPolicy = { retryDelaysMs: [1_000, 5_000], leaseMs: 60_000 };
const CHAT = { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'a:1' } };
const opened = at('2026-03-10 10:00');
const chatTicket = (): Ticket => openTicket(ticketInput({ conversation: CHAT }), org, 'SR-2026-000001', opened);

/** The ticket with an agent's reply queued at `now`, and the reply's index. */
function replied(ticket: Ticket, now: Date, text = 'Sprawdzamy.'): [Ticket, number] {
  const next = queueNewMessages(ticket, addAgentReply(ticket, 'a1', text, now), now);
  return [next, next.messages.length - 1];
}

/** One attempt of message `index` begun and ended at `now`. */
function attempt(ticket: Ticket, index: number, outcome: Parameters<typeof endAttempt>[3], now: Date): Ticket {
  const version = ticket.messages[index]!.delivery!.version;
  const sent = beginAttempt(ticket, index, version, now, POLICY)!;
  expect(sent.messages[index]!.delivery).toMatchObject({ state: 'sent' });
  return endAttempt(sent, index, version + 1, outcome, now, POLICY)!;
}

const refused = { ok: false as const, permanent: false, reason: 'the chat service 127.0.0.1:9 refused the connection' };

describe('delivery of an outbound message', () => {
  it('queues a reply for the chat, and the clock keeps running until it is delivered', () => {
    const [ticket, index] = replied(chatTicket(), at('2026-03-10 10:30'));
    expect(ticket.messages[index]!.delivery).toMatchObject({ state: 'queued', channel: 'chat', attempts: 0, version: 1 });
    expect(ticket.sla.firstResponseAt).toBeUndefined();
    expect(deliveryDueOf(ticket)).toEqual([
      { ticketId: ticket.id, index, version: 1, dueAtMs: at('2026-03-10 10:30').getTime(), member: `${ticket.id}|${index}|1` },
    ]);
    const done = attempt(ticket, index, { ok: true }, at('2026-03-10 11:15'));
    expect(done.messages[index]!.delivery).toMatchObject({ state: 'delivered', channel: 'chat', attempts: 1 });
    // The first response is the delivery time, not the time the agent pressed send.
    expect(done.sla.firstResponseAt).toBe(at('2026-03-10 11:15').toISOString());
    expect(done.sla.responseWorkingMs).toBe(75 * 60_000);
    expect(deliveryDueOf(done)).toEqual([]);
  });

  it('retries a transient failure after each back-off, then falls back to e-mail, then fails with the reason', () => {
    const [queued, index] = replied(chatTicket(), at('2026-03-10 10:30'));
    let ticket = queued;
    ticket = attempt(ticket, index, refused, at('2026-03-10 10:30'));
    expect(ticket.messages[index]!.delivery).toMatchObject({
      state: 'queued',
      channel: 'chat',
      attempts: 1,
      reason: refused.reason,
      dueAt: new Date(at('2026-03-10 10:30').getTime() + 1_000).toISOString(),
    });
    ticket = attempt(ticket, index, refused, at('2026-03-10 10:31'));
    expect(ticket.messages[index]!.delivery).toMatchObject({ state: 'queued', channel: 'chat', attempts: 2 });
    ticket = attempt(ticket, index, refused, at('2026-03-10 10:32'));
    expect(ticket.messages[index]!.delivery).toMatchObject({ state: 'queued', channel: 'email', attempts: 0 });
    expect(ticket.messages[index]!.delivery!.fallback).toBe(refused.reason);
    expect(ticket.history.at(-1)!.reason).toBe(`message ${index + 1}: chat unreachable (${refused.reason}); sending it by e-mail`);
    expect(ticket.chatUnreachable).toBeUndefined(); // a refused connection may come back
    const mailRefused = { ok: false as const, permanent: true, reason: 'the mail server refused jan@contoso.pl (550 no such user)' };
    ticket = attempt(ticket, index, mailRefused, at('2026-03-10 10:33'));
    expect(ticket.messages[index]!.delivery).toMatchObject({
      state: 'failed',
      channel: 'email',
      reason: mailRefused.reason,
      fallback: refused.reason,
    });
    expect(ticket.history.at(-1)).toMatchObject({ kind: 'delivery', reason: `message ${index + 1} not delivered: ${mailRefused.reason}` });
    expect(ticket.sla.firstResponseAt).toBeUndefined();
    expect(deliveryDueOf(ticket)).toEqual([]);
  });

  it('takes a dead chat to e-mail at once, and later messages go by e-mail from the start', () => {
    const [queued, index] = replied(chatTicket(), at('2026-03-10 10:30'));
    let ticket = queued;
    const dead = { ok: false as const, permanent: true, reason: 'the chat service smba.invalid does not exist' };
    ticket = attempt(ticket, index, dead, at('2026-03-10 10:30'));
    expect(ticket.messages[index]!.delivery).toMatchObject({ state: 'queued', channel: 'email', attempts: 0 });
    expect(ticket.chatUnreachable).toEqual({ at: at('2026-03-10 10:30').toISOString(), reason: dead.reason });
    ticket = attempt(ticket, index, { ok: true, to: 'jan@contoso.pl' }, at('2026-03-10 10:40'));
    expect(ticket.messages[index]!.delivery).toMatchObject({ state: 'delivered', channel: 'email', to: 'jan@contoso.pl' });
    expect(ticket.sla.firstResponseAt).toBe(at('2026-03-10 10:40').toISOString());
    expect(ticket.history.at(-1)!.reason).toMatch(/^first response delivered by e-mail after 40 min/);
    const [next, second] = replied(ticket, at('2026-03-10 11:00'), 'Jeszcze jedno.');
    expect(next.messages[second]!.delivery).toMatchObject({ channel: 'email' });
  });

  it('does nothing for a stale job: another version, or a message already past that step', () => {
    const [ticket, index] = replied(chatTicket(), at('2026-03-10 10:30'));
    expect(beginAttempt(ticket, index, 2, at('2026-03-10 10:30'), POLICY)).toBeNull();
    const sent = beginAttempt(ticket, index, 1, at('2026-03-10 10:30'), POLICY)!;
    expect(beginAttempt(sent, index, 1, at('2026-03-10 10:30'), POLICY)).toBeNull(); // the second instance's copy
    expect(endAttempt(sent, index, 1, { ok: true }, at('2026-03-10 10:30'), POLICY)).toBeNull();
    // A send that never answered stays due at the end of its lease, so a crash loses nothing.
    expect(deliveryDueOf(sent)[0]!.dueAtMs).toBe(at('2026-03-10 10:31').getTime());
  });

  it('lets an agent send a failed message again, from the chat', () => {
    const [queued, index] = replied(chatTicket(), at('2026-03-10 10:30'));
    let ticket = queued;
    ticket = attempt(ticket, index, { ok: false, permanent: true, reason: 'gone' }, at('2026-03-10 10:30'));
    ticket = attempt(ticket, index, { ok: false, permanent: true, reason: 'no address' }, at('2026-03-10 10:31'));
    expect(retryDelivery(chatTicket(), 0, 'agent:a1', at('2026-03-10 10:32'))).toBeNull();
    const again = retryDelivery(ticket, index, 'agent:a1', at('2026-03-10 10:40'))!;
    expect(again.messages[index]!.delivery).toMatchObject({ state: 'queued', channel: 'chat', attempts: 0 });
    expect(again.chatUnreachable).toBeUndefined();
    expect(again.history.at(-1)).toMatchObject({ kind: 'delivery', actor: 'agent:a1' });
  });

  it('reads its due-set members back and refuses anything else', () => {
    expect(parseDeliveryMember('SR-2026-000001|3|7')).toEqual({ ticketId: 'SR-2026-000001', index: 3, version: 7 });
    expect(parseDeliveryMember('SR-2026-000001|breach|7')).toBeNull();
    expect(parseDeliveryMember('SR-2026-000001|3|7|x')).toBeNull();
  });
});

describe('notices', () => {
  it('queues a notice for a resolution with the note, which never counts as the first response', () => {
    const ticket = chatTicket();
    const resolved = changeStatus(
      changeStatus(ticket, 'in_progress', 'agent:a1', at('2026-03-10 10:10')),
      'resolved',
      'agent:a1',
      at('2026-03-10 10:20'),
      'Skrzynka odblokowana.',
    );
    const noticed = queueNewMessages(ticket, withNotices(ticket, resolved), at('2026-03-10 10:20'));
    const index = noticed.messages.length - 1;
    expect(noticed.messages[index]).toMatchObject({
      from: 'agent',
      author: 'desk',
      notice: { kind: 'resolved', note: 'Skrzynka odblokowana.' },
      delivery: { state: 'queued', channel: 'chat' },
    });
    const done = attempt(noticed, index, { ok: true }, at('2026-03-10 10:21'));
    expect(done.sla.firstResponseAt).toBeUndefined();
    expect(done.sla.outcome?.result).toBe('resolved_without_response');
  });

  it('tells the customer nothing about their own change', () => {
    const ticket = changeStatus(chatTicket(), 'in_progress', 'agent:a1', at('2026-03-10 10:10'));
    const closedByThem = changeStatus(
      changeStatus(ticket, 'resolved', 'admin:adm-1', at('2026-03-10 10:20')),
      'closed',
      'admin:adm-1',
      at('2026-03-10 10:21'),
    );
    expect(withNotices(ticket, closedByThem).messages).toHaveLength(0);
  });
});
