import { explainDeadline } from '../../../ticketing/domain/explain';
import { pauseClock, resumeClock } from '../../../ticketing/domain/sla';
import { changeGrade, changeStatus, openTicket } from '../../../ticketing/domain/ticket';
import type { Ticket } from '../../../ticketing/domain/types';
import { at, organisation, ticketInput, deliveredReply } from './fixtures';

const org = organisation();

/**
 * A pause of the first-response clock itself: through the ticket a question always is the
 * first response, so the clock is paused directly here (as a clock stored before that rule).
 */
function withPause(ticket: Ticket, from: Date, to?: Date): Ticket {
  const paused = pauseClock(ticket.sla, from);
  const sla = to ? resumeClock(paused, to) : paused;
  return { ...ticket, status: to ? ticket.status : 'waiting_on_customer', sla };
}

function workedTicket() {
  let ticket = openTicket(ticketInput(), org, 'SR-2026-000001', at('2026-03-10 10:00'));
  ticket = changeStatus(ticket, 'in_progress', 'agent:a1', at('2026-03-10 11:00'));
  ticket = withPause(ticket, at('2026-03-10 12:00'), at('2026-03-10 14:00'));
  return changeGrade(
    ticket,
    org,
    'C',
    'agent:a1',
    { reason: 'wrong_initial_grade', evidence: 'one user affected, not all' },
    at('2026-03-10 15:00'),
  );
}

describe('explainDeadline', () => {
  it('tells where the deadline comes from, step by step, in English', () => {
    const explanation = explainDeadline(workedTicket(), at('2026-03-10 16:00'));
    expect(explanation.state).toBe('running');
    expect(explanation.pausedWorkingMs).toBe(2 * 3_600_000);
    expect(explanation.summary).toBe(
      'first response due 2026-03-13 12:00 (warning at 2026-03-12 15:45); ' +
        'grade C technical: 45 h on the extended (09:00-24:00 every day, Europe/Warsaw) calendar, counted from 2026-03-10 10:00; ' +
        'paused working time excluded: 2 h',
    );
    expect(explanation.steps.map((s) => s.text)).toEqual([
      '2026-03-10 10:00: deadline - -> 2026-03-11 10:00 (grade B technical: first response within 15 h of working time on the extended calendar (Europe/Warsaw))',
      '2026-03-10 15:00: deadline 2026-03-11 12:00 -> 2026-03-13 12:00 (grade B -> C: wrong initial grade: one user affected, not all)',
    ]);
  });

  it('speaks Polish and says when the clock is paused', () => {
    const paused = withPause(workedTicket(), at('2026-03-10 16:00'));
    const explanation = explainDeadline(paused, at('2026-03-10 18:00'), 'pl');
    expect(explanation.state).toBe('paused');
    expect(explanation.summary).toMatch(/^zegar jest wstrzymany/);
    expect(explanation.pausedWorkingMs).toBe(4 * 3_600_000);
  });

  it('shows a 20 s pause as 20 s, not as nothing', () => {
    const opened = openTicket(ticketInput(), org, 'SR-2026-000001', at('2026-03-10 10:00'));
    const paused = withPause(opened, at('2026-03-10 11:00'), new Date(at('2026-03-10 11:00').getTime() + 20_000));
    const explanation = explainDeadline(paused, at('2026-03-10 12:00'));
    expect(explanation.pausedWorkingMs).toBe(20_000);
    expect(explanation.summary).toContain('paused working time excluded: 20 s');
  });

  it('states a recorded result and, beside it, what a later regrade would have made of it', () => {
    const opened = openTicket(ticketInput(), org, 'SR-2026-000001', at('2026-03-10 10:00'));
    const late = deliveredReply(opened, 'a1', 'Przepraszamy za zwłokę.', at('2026-03-11 11:00'));
    const lowered = changeGrade(late, org, 'C', 'agent:a1', { reason: 'agreed_with_customer', agreedBy: 'adm-1' }, at('2026-03-11 12:00'));
    const explanation = explainDeadline(lowered, at('2026-03-11 12:00'));
    expect(explanation.outcome).toMatchObject({ result: 'missed', grade: 'B' });
    expect(explanation.alternatives).toEqual([expect.objectContaining({ grade: 'C', result: 'met' })]);
    expect(explanation.summary).toContain('result: missed (grade B, deadline 2026-03-11 10:00); a recorded result never changes');
    expect(explanation.summary).toContain('later, grade B -> C: agreed with the customer (adm-1) would have made it met');
  });
});
