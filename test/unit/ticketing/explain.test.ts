import { explainDeadline } from '../../../ticketing/domain/explain';
import { changeGrade, changeStatus, openTicket } from '../../../ticketing/domain/ticket';
import { at, organisation, ticketInput } from './fixtures';

const org = organisation();

function workedTicket() {
  let ticket = openTicket(ticketInput(), org, 'SR-2026-000001', at('2026-03-10 10:00'));
  ticket = changeStatus(ticket, 'in_progress', 'agent:a1', at('2026-03-10 11:00'));
  ticket = changeStatus(ticket, 'waiting_on_customer', 'agent:a1', at('2026-03-10 12:00'));
  ticket = changeStatus(ticket, 'in_progress', 'agent:a1', at('2026-03-10 14:00'));
  return changeGrade(ticket, org, 'C', 'agent:a1', 'customer cannot provide logs', at('2026-03-10 15:00'));
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
      '2026-03-10 12:00: deadline 2026-03-11 10:00 -> - (paused: waiting on the customer)',
      '2026-03-10 14:00: deadline - -> 2026-03-11 12:00 (resumed: in progress)',
      '2026-03-10 15:00: deadline 2026-03-11 12:00 -> 2026-03-13 12:00 (grade B -> C: customer cannot provide logs)',
    ]);
  });

  it('speaks Polish and says when the clock is paused', () => {
    const paused = changeStatus(workedTicket(), 'waiting_on_customer', 'agent:a1', at('2026-03-10 16:00'));
    const explanation = explainDeadline(paused, at('2026-03-10 18:00'), 'pl');
    expect(explanation.state).toBe('paused');
    expect(explanation.summary).toMatch(/^zegar jest wstrzymany/);
    expect(explanation.pausedWorkingMs).toBe(4 * 3_600_000);
    expect(explanation.steps.at(-1)?.text).toBe('2026-03-10 16:00: termin 2026-03-13 12:00 -> - (paused: waiting on the customer)');
  });
});
