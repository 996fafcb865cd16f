import fc from 'fast-check';
import { dueEventsOf } from '../../../ticketing/domain/dueEvents';
import { goalClock, goalOf, isGoalEventOwed, markGoalEvent } from '../../../ticketing/domain/goals';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../../ticketing/domain/slaPolicy';
import { pauseClock } from '../../../ticketing/domain/sla';
import { isQueued } from '../../../ticketing/domain/queueScore';
import {
  addCustomerMessage,
  askCustomer,
  assign,
  changeGrade,
  changeStatus,
  isClockRunning,
  isOpen,
  isSlaEventOwed,
  markSlaBreach,
  markSlaWarning,
  openTicket,
  OPEN_STATUSES,
} from '../../../ticketing/domain/ticket';
import { GOAL_EVENT_KINDS, type SlaEventKind, type Ticket, type TicketStatus } from '../../../ticketing/domain/types';
import { at, premier, ticketInput, deliveredReply } from './fixtures';

/**
 * "Is the ticket open / is the clock running / is this SLA event owed" is one rule in the
 * domain; the timers (dueEventsOf), the event handlers (markSlaWarning/Breach) and the queues
 * (isQueued) must all follow it.
 */
const org = premier();
const created = at('2026-03-10 10:00');
/** The default policy with a resolution goal too, so that every goal's events are in play. */
const policy: SlaPolicy = {
  ...DEFAULT_SLA_POLICY,
  rules: DEFAULT_SLA_POLICY.rules.map((r) => ({ ...r, targets: { ...r.targets, resolution: { businessDays: 2 } } })),
};
const fresh = () => openTicket(ticketInput({ orgId: org.id, grade: 'A' }), org, 'SR-2026-000042', created, policy);
const minutes = (n: number) => new Date(created.getTime() + n * 60_000);
const KINDS: SlaEventKind[] = ['warning', 'breach'];

describe('open tickets and the running clock', () => {
  const working = changeStatus(fresh(), 'in_progress', 'agent:ola', minutes(5));
  const byStatus: Record<TicketStatus, Ticket> = {
    new: fresh(),
    in_progress: working,
    // Through the ticket a question is the first response; an unanswered paused clock is built directly.
    waiting_on_customer: { ...working, status: 'waiting_on_customer', sla: pauseClock(working.sla, minutes(10)) },
    resolved: changeStatus(working, 'resolved', 'agent:ola', minutes(10)),
    closed: changeStatus(changeStatus(working, 'resolved', 'agent:ola', minutes(10)), 'closed', 'agent:ola', minutes(11)),
  };

  it.each([
    ['new', true, true],
    ['in_progress', true, true],
    ['waiting_on_customer', true, false],
    ['resolved', false, false],
    ['closed', false, false],
  ] as const)('an unanswered %s ticket: open %s, clock running %s', (status, open, running) => {
    const ticket = byStatus[status];
    expect(ticket.sla.firstResponseAt).toBeUndefined();
    expect(isOpen(ticket)).toBe(open);
    expect(OPEN_STATUSES.includes(status)).toBe(open);
    expect(isClockRunning(ticket)).toBe(running);
    for (const kind of KINDS) expect(isSlaEventOwed(ticket, kind)).toBe(running);
    expect(isQueued(ticket)).toBe(open);
  });

  it('the first response stops its clock for good; the ticket stays open and owes only the resolution goal its events', () => {
    const answered = deliveredReply(fresh(), 'ola', 'Sprawdzamy.', minutes(20));
    expect(isOpen(answered)).toBe(true);
    expect(isClockRunning(answered)).toBe(false);
    expect(dueEventsOf(answered).map((e) => e.kind)).toEqual(['resolution_warning', 'resolution_breach']);
    const waitingAfterAnswer = askCustomer(answered, 'ola', 'Czy już działa?', minutes(30));
    expect(isClockRunning(addCustomerMessage(waitingAfterAnswer, 'adm-1', 'Już działa?', minutes(40)))).toBe(false);
  });

  it('after the warning only the breach is owed, after the breach nothing', () => {
    const ticket = fresh();
    const warned = markSlaWarning(ticket, ticket.sla.version, minutes(45))!;
    expect(KINDS.filter((k) => isSlaEventOwed(warned, k))).toEqual(['breach']);
    const breached = markSlaBreach(warned, ticket.sla.version, minutes(60))!;
    expect(isClockRunning(breached)).toBe(true); // still unanswered: the breach is a fact, the clock still counts
    expect(KINDS.filter((k) => isSlaEventOwed(breached, k))).toEqual([]);
  });
});

/** Any sequence of what agents, customers and timers do to a ticket. */
type Step = (t: Ticket, now: Date) => Ticket;
const steps: fc.Arbitrary<Step>[] = [
  fc.constantFrom<TicketStatus>('in_progress', 'waiting_on_customer', 'resolved', 'closed').map(
    (to): Step =>
      (t, now) =>
        t.status === to
          ? t
          : tryStep(
              () =>
                to === 'waiting_on_customer' ? askCustomer(t, 'ola', 'Pytanie do klienta', now) : changeStatus(t, to, 'agent:ola', now),
              t,
            ),
  ),
  fc.constant<Step>((t, now) => tryStep(() => deliveredReply(t, 'ola', 'Odpowiedź', now), t)),
  fc.constant<Step>((t, now) => tryStep(() => addCustomerMessage(t, 'adm-1', 'Pytanie', now), t)),
  fc.constantFrom<'A' | 'B' | 'C'>('A', 'B', 'C').map(
    (g): Step =>
      (t, now) =>
        tryStep(
          () => changeGrade(t, org, g, 'agent:ola', { reason: 'agreed_with_customer', agreedBy: 'adm-1' }, now, undefined, policy),
          t,
        ),
  ),
  fc.constantFrom(...GOAL_EVENT_KINDS).map(
    (kind): Step =>
      (t, now) =>
        markGoalEvent(t, kind, goalClock(t, goalOf(kind))?.version ?? 0, now) ?? t,
  ),
  fc.constant<Step>((t, now) => tryStep(() => assign(t, t.assignee ? null : 'ola', 'agent:ola', now), t)),
  fc.constant<Step>((t, now) => markSlaWarning(t, t.sla.version, now) ?? t),
  fc.constant<Step>((t, now) => markSlaBreach(t, t.sla.version, now) ?? t),
];

function tryStep(step: () => Ticket, unchanged: Ticket): Ticket {
  try {
    return step();
  } catch {
    return unchanged; // a refused step (illegal transition, closed ticket) changes nothing
  }
}

test('the timers, the event handlers and the queues agree with the one rule after any history', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.oneof(...steps), fc.integer({ min: 1, max: 600 })), { maxLength: 12 }), (history) => {
      let ticket = fresh();
      let elapsed = 0;
      for (const [step, gap] of history) {
        elapsed += gap;
        ticket = step(ticket, minutes(elapsed));
        const owed = KINDS.filter((k) => isSlaEventOwed(ticket, k));
        const owedGoals = GOAL_EVENT_KINDS.filter((k) => isGoalEventOwed(ticket, k));
        expect(dueEventsOf(ticket).map((e) => e.kind)).toEqual([...owed, ...owedGoals]);
        for (const kind of GOAL_EVENT_KINDS) {
          const version = goalClock(ticket, goalOf(kind))?.version ?? 0;
          expect(markGoalEvent(ticket, kind, version, minutes(elapsed)) !== null).toBe(owedGoals.includes(kind));
          expect(markGoalEvent(ticket, kind, version + 1, minutes(elapsed))).toBeNull();
        }
        for (const kind of KINDS) {
          const mark = kind === 'warning' ? markSlaWarning : markSlaBreach;
          expect(mark(ticket, ticket.sla.version, minutes(elapsed)) !== null).toBe(owed.includes(kind));
          expect(mark(ticket, ticket.sla.version + 1, minutes(elapsed))).toBeNull(); // another version is stale
        }
        expect(isQueued(ticket)).toBe(isOpen(ticket) && ticket.assignee === null);
        if (isClockRunning(ticket)) expect(['new', 'in_progress']).toContain(ticket.status);
      }
    }),
    { numRuns: 150 },
  );
});
