import fc from 'fast-check';
import { explainDeadline, explainGoals } from '../../../ticketing/domain/explain';
import { pauseClock, resumeClock } from '../../../ticketing/domain/sla';
import {
  addCustomerMessage,
  askCustomer,
  changeGrade,
  changeStatus,
  markSlaBreach,
  markSlaWarning,
  openTicket,
} from '../../../ticketing/domain/ticket';
import { goalClock, markGoalEvent } from '../../../ticketing/domain/goals';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../../ticketing/domain/slaPolicy';
import { DomainError, type Grade, type SlaOutcome, type Ticket } from '../../../ticketing/domain/types';
import { at, premier, ticketInput, delivered, deliveredReply } from './fixtures';

const org = premier();
const MINUTE = 60_000;
/** The default policy with a resolution goal, so every goal's results are in play. */
const policy: SlaPolicy = {
  ...DEFAULT_SLA_POLICY,
  rules: DEFAULT_SLA_POLICY.rules.map((r) => ({ ...r, targets: { ...r.targets, resolution: { businessDays: 2 } } })),
};

/** One thing that can happen to a ticket, `after` minutes after the previous one. */
type Step =
  | { op: 'regrade'; grade: Grade; after: number }
  | { op: 'ask' | 'reply' | 'customer' | 'resolve' | 'reopen' | 'start' | 'warning' | 'breach' | 'goalBreach'; after: number };

const after = fc.integer({ min: 0, max: 36 * 60 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('regrade' as const), grade: fc.constantFrom<Grade>('A', 'B', 'C'), after }),
  fc.record({
    op: fc.constantFrom(
      'ask' as const,
      'reply' as const,
      'customer' as const,
      'resolve' as const,
      'reopen' as const,
      'start' as const,
      'warning' as const,
      'breach' as const,
      'goalBreach' as const,
    ),
    after,
  }),
);

function apply(ticket: Ticket, s: Step, now: Date): Ticket {
  switch (s.op) {
    case 'regrade':
      return changeGrade(ticket, org, s.grade, 'agent:a1', { reason: 'agreed_with_customer', agreedBy: 'adm-1' }, now, undefined, policy);
    case 'ask':
      return delivered(ticket, askCustomer(ticket, 'a1', 'Czy możecie przesłać logi?', now), now);
    case 'reply':
      return deliveredReply(ticket, 'a1', 'Sprawdzamy.', now);
    case 'customer':
      return addCustomerMessage(ticket, 'adm-1', 'Mamy nowe informacje.', now);
    case 'resolve':
      return changeStatus(ticket, 'resolved', 'agent:a1', now);
    case 'reopen':
      return changeStatus(ticket, 'in_progress', 'agent:a1', now);
    case 'start':
      return changeStatus(ticket, 'in_progress', 'agent:a1', now);
    // The timers fire at their due time; a stale event changes nothing.
    case 'warning':
      return markSlaWarning(ticket, ticket.sla.version, now) ?? ticket;
    case 'breach':
      return markSlaBreach(ticket, ticket.sla.version, now) ?? ticket;
    case 'goalBreach': {
      const next = markGoalEvent(ticket, 'next_response_breach', goalClock(ticket, 'next_response')?.version ?? 0, now) ?? ticket;
      return markGoalEvent(next, 'resolution_breach', goalClock(next, 'resolution')?.version ?? 0, now) ?? next;
    }
  }
}

/** The parts of a result: each one, once set, never changes (a missed goal may still get its late response). */
const facts = (t: Ticket) => ({
  outcome: t.sla.outcome,
  met: t.sla.met,
  breachedAt: t.sla.breachedAt,
  firstResponseAt: t.sla.firstResponseAt,
  resolution: t.resolution?.outcome,
});
/** Decided next responses: each keeps its result, apart from the agent whose late reply files a missed one. */
const nextResults = (t: Ticket) =>
  [...(t.nextResponse?.outcomes ?? []), ...(t.nextResponse?.clock?.outcome ? [t.nextResponse.clock.outcome] : [])].map(
    ({ by: _by, ...o }: SlaOutcome) => o,
  );
type Facts = ReturnType<typeof facts>;

test('no sequence of regrades, pauses, reopens, replies and timer events changes a recorded outcome', () => {
  fc.assert(
    fc.property(fc.constantFrom<Grade>('A', 'B', 'C'), fc.array(step, { maxLength: 25 }), (grade, steps) => {
      let now = at('2026-03-13 16:00').getTime(); // a Friday afternoon: weekends and closed hours come into play
      let ticket = openTicket(ticketInput({ orgId: org.id, grade }), org, 'SR-2026-000001', new Date(now), policy);
      const recorded: Partial<Facts> = {};
      let nextRecorded: ReturnType<typeof nextResults> = [];
      for (const s of steps) {
        now += s.after * MINUTE;
        let applied = false;
        try {
          ticket = apply(ticket, s, new Date(now));
          applied = true;
        } catch (err) {
          if (!(err instanceof DomainError)) throw err; // a refused step (illegal transition...) changes nothing
        }
        const next = nextResults(ticket);
        expect(next.slice(0, nextRecorded.length)).toEqual(nextRecorded);
        nextRecorded = next;
        const current = facts(ticket);
        for (const key of Object.keys(current) as (keyof Facts)[]) {
          if (recorded[key] !== undefined) expect(current[key]).toEqual(recorded[key]);
          else if (current[key] !== undefined) Object.assign(recorded, { [key]: current[key] });
        }
        // Every recorded miss is a breach at a deadline, and every met response came by one.
        if (ticket.sla.outcome?.result === 'met')
          expect(Date.parse(ticket.sla.firstResponseAt!)).toBeLessThanOrEqual(Date.parse(ticket.sla.outcome.dueAt!));
        // A status change after an unanswered deadline finds the miss (a raise may move the deadline into the past: the timer fires then).
        if (applied && ['ask', 'reply', 'resolve', 'reopen', 'start'].includes(s.op) && !ticket.sla.outcome && ticket.sla.dueAt !== null) {
          expect(Date.parse(ticket.sla.dueAt)).toBeGreaterThan(now);
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('the paused time in the explanation equals the pauses, to the second', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ gapS: fc.integer({ min: 1, max: 7200 }), pauseS: fc.integer({ min: 1, max: 7200 }) }), {
        minLength: 1,
        maxLength: 6,
      }),
      (pauses) => {
        const created = at('2026-03-10 10:00');
        let ticket = openTicket(ticketInput({ orgId: org.id, grade: 'A' }), org, 'SR-2026-000001', created); // 24x7: every second counts
        let now = created.getTime();
        let total = 0;
        for (const { gapS, pauseS } of pauses) {
          now += gapS * 1000;
          const paused = pauseClock(ticket.sla, new Date(now));
          now += pauseS * 1000;
          ticket = { ...ticket, sla: resumeClock(paused, new Date(now)) };
          total += pauseS;
        }
        const explanation = explainDeadline(ticket, new Date(now));
        expect(explanation.pausedWorkingMs).toBe(total * 1000);
        const s = total % 60;
        const m = Math.floor(total / 60) % 60;
        const h = Math.floor(total / 3600);
        const expected = [h ? `${h} h` : '', m ? `${m} min` : '', s ? `${s} s` : ''].filter(Boolean).join(' ');
        expect(explanation.summary).toContain(`paused working time excluded: ${expected}`);
      },
    ),
    { numRuns: 200 },
  );
});

test('the resolution goal explains the waits on the customer, to the second, as they happened through the ticket', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ gapS: fc.integer({ min: 1, max: 7200 }), waitS: fc.integer({ min: 1, max: 7200 }) }), {
        minLength: 1,
        maxLength: 6,
      }),
      (waits) => {
        const created = at('2026-03-10 10:00');
        // Grade A counts 24x7 in real time: every second of a wait is working time.
        let ticket = openTicket(ticketInput({ orgId: org.id, grade: 'A' }), org, 'SR-2026-000001', created, policy);
        let now = created.getTime();
        let total = 0;
        for (const { gapS, waitS } of waits) {
          now += gapS * 1000;
          ticket = delivered(ticket, askCustomer(ticket, 'a1', 'Czy możecie przesłać logi?', new Date(now)), new Date(now));
          now += waitS * 1000;
          ticket = addCustomerMessage(ticket, 'adm-1', 'Przesyłam logi.', new Date(now));
          total += waitS;
        }
        const resolution = explainGoals(ticket, new Date(now + 1000))[1]!;
        expect(resolution.pausedWorkingMs).toBe(total * 1000);
        const s = total % 60;
        const m = Math.floor(total / 60) % 60;
        const h = Math.floor(total / 3600);
        const expected = [h ? `${h} h` : '', m ? `${m} min` : '', s ? `${s} s` : ''].filter(Boolean).join(' ');
        expect(resolution.summary).toContain(`paused working time excluded: ${expected}`);
      },
    ),
    { numRuns: 100 },
  );
});
