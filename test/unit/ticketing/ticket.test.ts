import {
  addAgentReply,
  addCustomerMessage,
  askCustomer,
  assign,
  changeGrade,
  changeStatus,
  isOpen,
  markSlaBreach,
  markSlaWarning,
  openTicket,
} from '../../../ticketing/domain/ticket';
import type { Ticket, TicketStatus } from '../../../ticketing/domain/types';
import { at, organisation, premier, ticketInput, wall, deliveredReply } from './fixtures';

const org = organisation();
const ID = 'SR-2026-000123';
const created = at('2026-03-10 10:00');

/** Freezes a ticket deeply, so an operation that changed its input would throw. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(frozen);
    Object.freeze(value);
  }
  return value;
}

const fresh = (): Ticket => frozen(openTicket(ticketInput(), org, ID, created));

const QUESTION = 'Czy możecie przesłać logi z Exchange?';

/** Moves a ticket; waiting on the customer is always on a question. */
function moveTo(ticket: Ticket, to: TicketStatus, now: Date): Ticket {
  return to === 'waiting_on_customer' ? askCustomer(ticket, 'a1', QUESTION, now) : changeStatus(ticket, to, 'agent:a1', now);
}

/** A ticket driven to a status along legal transitions. */
function inStatus(status: TicketStatus): Ticket {
  const paths: Record<TicketStatus, TicketStatus[]> = {
    new: [],
    in_progress: ['in_progress'],
    waiting_on_customer: ['in_progress', 'waiting_on_customer'],
    resolved: ['in_progress', 'resolved'],
    closed: ['in_progress', 'resolved', 'closed'],
  };
  return paths[status].reduce((t, to, i) => frozen(moveTo(t, to, at(`2026-03-10 1${i + 1}:00`))), fresh());
}

describe('openTicket', () => {
  it('opens a new ticket with its SLA clock and a created entry naming the deadline', () => {
    const ticket = fresh();
    expect(ticket).toMatchObject({ id: ID, orgId: 'contoso', status: 'new', assignee: null, grade: 'B', category: 'technical' });
    expect(wall(ticket.sla.dueAt)).toBe('Wed 2026-03-11 10:00');
    expect(ticket.history).toEqual([
      expect.objectContaining({
        kind: 'created',
        actor: 'admin:adm-1',
        deadlineBefore: null,
        deadlineAfter: ticket.sla.dueAt,
        reason: expect.stringMatching(/15 h.*extended/),
      }),
    ]);
    expect(isOpen(ticket)).toBe(true);
  });

  it('refuses someone who is not an administrator of the organisation', () => {
    expect(() => openTicket(ticketInput({ adminId: 'intruder' }), org, ID, created)).toThrow(
      expect.objectContaining({ code: 'not_administrator', message: expect.stringMatching(/contact their administrator/) }),
    );
  });

  it('refuses a grade the organisation may not choose, never lowering it silently', () => {
    expect(() => openTicket(ticketInput({ grade: 'A' }), org, ID, created)).toThrow(
      expect.objectContaining({ code: 'severity_not_allowed' }),
    );
    const a = openTicket(ticketInput({ orgId: 'fabrikam', grade: 'A' }), premier(), ID, created);
    expect(a.grade).toBe('A');
    expect(wall(a.sla.dueAt)).toBe('Tue 2026-03-10 11:00');
  });

  it.each([
    [{ title: '  ' }, /title is required/],
    [{ description: '' }, /description is required/],
    [{ title: 'x'.repeat(201) }, /title is longer than 200/],
    [{ category: 'hardware' as never }, /category must be one of/],
    [{ grade: 'D' as never }, /grade must be one of/],
    [{ orgId: 'other' }, /orgId "other"/],
    [{ contact: { preferred: 'phone' as const, email: 'jan@contoso.pl' } }, /contact.phone is required/],
    [{ contact: { preferred: 'email' as const, email: 'not-an-address' } }, /contact.email "not-an-address"/],
  ])('refuses %j as invalid_ticket naming the field', (overrides, message) => {
    expect(() => openTicket(ticketInput(overrides), org, ID, created)).toThrow(
      expect.objectContaining({ code: 'invalid_ticket', message: expect.stringMatching(message) }),
    );
  });

  it('refuses an id that is not a ticket id', () => {
    expect(() => openTicket(ticketInput(), org, '123', created)).toThrow(/SR-2026-000123/);
  });
});

describe('state machine', () => {
  const legal: Record<TicketStatus, TicketStatus[]> = {
    new: ['in_progress'],
    in_progress: ['waiting_on_customer', 'resolved'],
    waiting_on_customer: ['in_progress', 'resolved'],
    resolved: ['closed', 'in_progress'],
    closed: ['in_progress'],
  };
  const statuses = Object.keys(legal) as TicketStatus[];
  const pairs = statuses.flatMap((from) => statuses.map((to) => [from, to, legal[from].includes(to)] as const));

  it.each(pairs)('%s -> %s legal: %s', (from, to, allowed) => {
    const ticket = inStatus(from);
    const move = () => moveTo(ticket, to, at('2026-03-10 18:00'));
    if (allowed) expect(move().status).toBe(to);
    else if (from === 'new' && to === 'waiting_on_customer')
      expect(move().status).toBe(to); // the question is the first reply: new -> in_progress -> waiting
    else
      expect(move).toThrow(
        expect.objectContaining({ code: 'illegal_transition', message: expect.stringContaining(`${from} ticket cannot become ${to}`) }),
      );
  });

  it('never waits on the customer without a question to them', () => {
    const working = inStatus('in_progress');
    expect(() => changeStatus(working, 'waiting_on_customer', 'agent:a1', at('2026-03-10 18:00'))).toThrow(
      expect.objectContaining({ code: 'question_required' }),
    );
    expect(() => askCustomer(working, 'a1', '  ', at('2026-03-10 18:00'))).toThrow(expect.objectContaining({ code: 'question_required' }));
  });

  it('asking the customer sends the question as a reply and pauses on it', () => {
    const waiting = askCustomer(inStatus('in_progress'), 'a1', QUESTION, at('2026-03-10 18:00'));
    expect(waiting.messages.at(-1)).toMatchObject({ from: 'agent', author: 'a1', text: QUESTION });
    expect(waiting.sla.pauses.at(-1)).toEqual({ from: at('2026-03-10 18:00').toISOString(), question: QUESTION });
    // A question is a response too, once it reaches the customer (see domain/delivery.ts).
    expect(waiting.sla.firstResponseAt).toBeUndefined();
    expect(waiting.history.slice(-3).map((h) => h.kind)).toEqual(['reply', 'status', 'deadline']);
  });

  it('resolving a ticket nobody answered records that as its outcome, and reopening changes nothing', () => {
    const resolved = changeStatus(inStatus('in_progress'), 'resolved', 'agent:a1', at('2026-03-10 18:00'));
    expect(resolved.sla.outcome).toEqual({
      result: 'resolved_without_response',
      at: at('2026-03-10 18:00').toISOString(),
      dueAt: resolved.sla.dueAt,
      grade: 'B',
    });
    expect(resolved.history.at(-1)?.reason).toMatch(/resolved without a response/);
    const reopened = changeStatus(resolved, 'in_progress', 'agent:a1', at('2026-03-12 10:00'));
    expect(reopened.sla).toEqual(resolved.sla);
  });

  it('records every change with actor, before and after', () => {
    const ticket = changeStatus(fresh(), 'in_progress', 'agent:a1', at('2026-03-10 11:00'), 'looking into it');
    expect(ticket.history.at(-1)).toEqual({
      at: at('2026-03-10 11:00').toISOString(),
      actor: 'agent:a1',
      kind: 'status',
      from: 'new',
      to: 'in_progress',
      reason: 'looking into it',
    });
    expect(ticket.updatedAt).toBe(at('2026-03-10 11:00').toISOString());
  });

  it('reopens a resolved or closed ticket back to in_progress, recorded as reopened', () => {
    for (const from of ['resolved', 'closed'] as const) {
      const reopened = changeStatus(inStatus(from), 'in_progress', 'agent:a1', at('2026-03-12 10:00'));
      expect(reopened.status).toBe('in_progress');
      expect(reopened.history.at(-1)).toMatchObject({ kind: 'status', from, to: 'in_progress', reason: 'reopened' });
      expect(isOpen(reopened)).toBe(true);
    }
    expect(isOpen(inStatus('resolved'))).toBe(false);
    expect(isOpen(inStatus('closed'))).toBe(false);
  });

  it('a deadline that passed unanswered is recorded as missed before the ticket changes', () => {
    const moved = changeStatus(fresh(), 'in_progress', 'agent:a1', at('2026-03-11 10:30'));
    expect(moved.sla).toMatchObject({ breached: true, breachedAt: at('2026-03-11 10:00').toISOString(), outcome: { result: 'missed' } });
    expect(moved.history.map((h) => h.kind).slice(-2)).toEqual(['sla_breach', 'status']);
  });
});

describe('replies and messages', () => {
  it('the first agent reply stops the clock, records a met SLA and takes a new ticket to in_progress', () => {
    const replied = deliveredReply(fresh(), 'a1', 'Dzień dobry, sprawdzamy.', at('2026-03-10 11:30'));
    expect(replied.status).toBe('in_progress');
    expect(replied.sla).toMatchObject({
      firstResponseAt: at('2026-03-10 11:30').toISOString(),
      responseWorkingMs: 1.5 * 3_600_000,
      met: true,
    });
    expect(replied.messages).toEqual([
      {
        at: at('2026-03-10 11:30').toISOString(),
        from: 'agent',
        author: 'a1',
        text: 'Dzień dobry, sprawdzamy.',
        delivery: expect.objectContaining({ state: 'delivered', at: at('2026-03-10 11:30').toISOString() }),
      },
    ]);
    expect(replied.history.slice(-3)).toEqual([
      expect.objectContaining({ kind: 'reply', actor: 'agent:a1' }),
      expect.objectContaining({ kind: 'status', from: 'new', to: 'in_progress' }),
      expect.objectContaining({ kind: 'delivery', reason: expect.stringMatching(/first response delivered .* after 1 h 30 min.*met/) }),
    ]);
  });

  it('records a missed SLA when the first reply comes after the deadline', () => {
    const replied = deliveredReply(fresh(), 'a1', 'Przepraszamy za zwłokę.', at('2026-03-11 12:00'));
    expect(replied.sla.met).toBe(false);
    expect(replied.history.find((h) => h.kind === 'delivery')?.reason).toMatch(/missed/);
  });

  it('later replies keep the first response', () => {
    const first = deliveredReply(fresh(), 'a1', 'one', at('2026-03-10 11:00'));
    const second = deliveredReply(frozen(first), 'a2', 'two', at('2026-03-11 12:00'));
    expect(second.sla).toEqual(first.sla);
    expect(second.messages).toHaveLength(2);
  });

  it('refuses an empty reply and a reply to a closed ticket', () => {
    expect(() => addAgentReply(fresh(), 'a1', '   ', at('2026-03-10 11:00'))).toThrow(expect.objectContaining({ code: 'invalid_message' }));
    expect(() => addAgentReply(inStatus('closed'), 'a1', 'hi', at('2026-03-12 11:00'))).toThrow(
      expect.objectContaining({ code: 'ticket_closed' }),
    );
  });

  it("a customer's message takes a ticket waiting on them back to in_progress and resumes the clock", () => {
    const answered = addCustomerMessage(inStatus('waiting_on_customer'), 'adm-1', 'Logi w załączniku.', at('2026-03-10 15:00'));
    expect(answered.status).toBe('in_progress');
    expect(answered.sla.pauses.at(-1)?.to).toBe(at('2026-03-10 15:00').toISOString());
    expect(answered.messages.at(-1)).toMatchObject({ from: 'customer', author: 'adm-1', text: 'Logi w załączniku.' });
    // The question never reached the customer here, so the clock still runs: resuming moves the deadline.
    expect(answered.history.map((h) => h.kind).slice(-3)).toEqual(['customer_message', 'status', 'deadline']);
  });

  it("a customer's message leaves other statuses alone", () => {
    expect(addCustomerMessage(fresh(), 'adm-1', 'Jeszcze jedno', at('2026-03-10 10:30')).status).toBe('new');
  });

  it("takes a message from another administrator of the ticket's organisation, never from anyone else", () => {
    const anna = { id: 'adm-2', name: 'Anna Nowak', email: 'anna@contoso.pl', chatIdentities: [] };
    const withAnna = organisation({ administrators: [...org.administrators, anna] });
    const added = addCustomerMessage(fresh(), 'adm-2', 'Dotyczy też mojego działu.', at('2026-03-10 10:30'), withAnna);
    expect(added.messages.at(-1)).toMatchObject({ from: 'customer', author: 'adm-2', text: 'Dotyczy też mojego działu.' });
    const refused = expect.objectContaining({ code: 'author_not_administrator' });
    // Without the organisation, or with another organisation that has an adm-2, nobody but the requester writes.
    expect(() => addCustomerMessage(fresh(), 'adm-2', 'x', at('2026-03-10 10:30'))).toThrow(refused);
    expect(() => addCustomerMessage(fresh(), 'adm-2', 'x', at('2026-03-10 10:30'), premier({ administrators: [anna] }))).toThrow(refused);
    expect(() => addCustomerMessage(fresh(), 'stranger', 'x', at('2026-03-10 10:30'), withAnna)).toThrow(refused);
  });
});

describe('assign', () => {
  it('assigns and unassigns with history', () => {
    const assigned = assign(fresh(), 'a1', 'agent:a1', at('2026-03-10 10:05'));
    expect(assigned.assignee).toBe('a1');
    expect(assigned.history.at(-1)).toMatchObject({ kind: 'assigned', from: null, to: 'a1' });
    const unassigned = assign(frozen(assigned), null, 'agent:lead', at('2026-03-10 10:10'));
    expect(unassigned.assignee).toBeNull();
    expect(unassigned.history.at(-1)).toMatchObject({ kind: 'unassigned', from: 'a1', to: null, actor: 'agent:lead' });
  });

  it('changes nothing when the agent already holds the ticket, and refuses a closed ticket', () => {
    const assigned = assign(fresh(), 'a1', 'agent:a1', at('2026-03-10 10:05'));
    expect(assign(assigned, 'a1', 'agent:a1', at('2026-03-10 10:06'))).toBe(assigned);
    expect(() => assign(inStatus('closed'), 'a1', 'agent:a1', at('2026-03-12 10:00'))).toThrow(
      expect.objectContaining({ code: 'ticket_closed' }),
    );
  });
});

describe('changeGrade', () => {
  it('lowering needs a reason', () => {
    expect(() => changeGrade(fresh(), org, 'C', 'agent:a1', undefined, at('2026-03-10 12:00'))).toThrow(
      expect.objectContaining({ code: 'reason_required' }),
    );
    expect(() => changeGrade(fresh(), org, 'C', 'agent:a1', ' ', at('2026-03-10 12:00'))).toThrow(
      expect.objectContaining({ code: 'reason_required' }),
    );
  });

  it('lowering with a reason recomputes the deadline from creation and records both changes', () => {
    const lowered = changeGrade(
      fresh(),
      org,
      'C',
      'agent:a1',
      { reason: 'agreed_with_customer', agreedBy: 'adm-1' },
      at('2026-03-10 12:00'),
    );
    expect(lowered.grade).toBe('C');
    expect(wall(lowered.sla.dueAt)).toBe('Fri 2026-03-13 10:00'); // 45 h from Tue 10:00: 14 + 15 + 15 + 1
    expect(lowered.history.slice(-2)).toEqual([
      expect.objectContaining({
        kind: 'grade',
        from: 'B',
        to: 'C',
        reason: 'agreed with the customer (adm-1)',
        lowering: { reason: 'agreed_with_customer', agreedBy: 'adm-1' },
      }),
      expect.objectContaining({
        kind: 'deadline',
        deadlineBefore: at('2026-03-11 10:00').toISOString(),
        deadlineAfter: lowered.sla.dueAt,
        reason: expect.stringMatching(/B -> C: agreed with the customer/),
      }),
    ]);
  });

  it('raising must pass eligibility', () => {
    expect(() => changeGrade(fresh(), org, 'A', 'agent:a1', 'outage', at('2026-03-10 12:00'))).toThrow(
      expect.objectContaining({ code: 'severity_not_allowed' }),
    );
    const premierTicket = openTicket(ticketInput({ orgId: 'fabrikam' }), premier(), ID, created);
    const raised = changeGrade(premierTicket, premier(), 'A', 'agent:a1', undefined, at('2026-03-10 10:30'));
    expect(raised.grade).toBe('A');
    expect(wall(raised.sla.dueAt)).toBe('Tue 2026-03-10 11:00');
  });

  it('refuses a ticket that is not open', () => {
    expect(() => changeGrade(inStatus('resolved'), org, 'C', 'agent:a1', 'why', at('2026-03-12 10:00'))).toThrow(
      expect.objectContaining({ code: 'ticket_not_open' }),
    );
  });
});

describe('SLA events', () => {
  const ticket = fresh();
  const version = ticket.sla.version;
  const now = at('2026-03-10 21:15');

  it('a warning of the current version is recorded once', () => {
    const warned = markSlaWarning(ticket, version, now);
    expect(warned?.sla.warned).toBe(true);
    expect(warned?.history.at(-1)).toMatchObject({ kind: 'sla_warning', actor: 'sla' });
    expect(markSlaWarning(frozen(warned!), version, now)).toBeNull();
  });

  it('a breach is recorded once, at the deadline', () => {
    const breached = markSlaBreach(ticket, version, at('2026-03-11 10:00'));
    expect(breached?.sla).toMatchObject({ breached: true, breachedAt: ticket.sla.dueAt });
    expect(markSlaBreach(frozen(breached!), version, at('2026-03-11 10:00'))).toBeNull();
    expect(markSlaWarning(breached!, version, at('2026-03-11 10:00'))).toBeNull();
  });

  it('is stale for another version, an answered, paused or closed ticket', () => {
    expect(markSlaWarning(ticket, version + 1, now)).toBeNull();
    expect(markSlaBreach(ticket, version - 1, now)).toBeNull();
    const answered = deliveredReply(ticket, 'a1', 'hi', at('2026-03-10 11:00'));
    expect(markSlaBreach(answered, answered.sla.version, now)).toBeNull();
    const paused = { ...ticket, status: 'waiting_on_customer' as const };
    expect(markSlaWarning(paused, paused.sla.version, now)).toBeNull();
    const closed = inStatus('closed');
    expect(markSlaBreach(closed, closed.sla.version, now)).toBeNull();
  });
});
