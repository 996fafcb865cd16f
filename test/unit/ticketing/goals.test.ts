import { explainGoals } from '../../../ticketing/domain/explain';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../../ticketing/domain/slaPolicy';
import { addAgentReply, addCustomerMessage, askCustomer, changeGrade, changeStatus, openTicket } from '../../../ticketing/domain/ticket';
import { at, deliveredReply, organisation, ticketInput, wall } from './fixtures';

/** Technical tickets on the default extended calendar (09:00-24:00), with a resolution goal of 2 business days (30 h). */
const policy: SlaPolicy = {
  ...DEFAULT_SLA_POLICY,
  version: 7,
  rules: DEFAULT_SLA_POLICY.rules.map((r) => ({ ...r, targets: { ...r.targets, resolution: { businessDays: 2 } } })),
};
const org = organisation();
const open = () => openTicket(ticketInput({ grade: 'B' }), org, 'SR-2026-000042', at('2026-03-10 10:00'), policy);

describe('next-response and resolution goals', () => {
  it('a new ticket keeps its policy version and starts the resolution clock; the next response waits for a customer message', () => {
    const ticket = open();
    expect(ticket.terms).toEqual({ policyVersion: 7, nextResponseMs: 15 * 3_600_000, resolutionMs: 30 * 3_600_000 });
    // 30 h of 09:00-24:00: 14 on Tuesday, 15 on Wednesday, 1 on Thursday.
    expect(wall(ticket.resolution!.dueAt)).toBe('Thu 2026-03-12 10:00');
    expect(ticket.nextResponse).toBeUndefined();
    // Before the first response, a customer message is the first response's business.
    expect(addCustomerMessage(ticket, 'adm-1', 'Jeszcze jedno.', at('2026-03-10 10:10')).nextResponse).toBeUndefined();
  });

  it('each customer message after an answer is owed a next response; the reply decides it and files it', () => {
    let t = deliveredReply(open(), 'ola', 'Sprawdzamy.', at('2026-03-10 10:30'));
    t = addCustomerMessage(t, 'adm-1', 'Nadal nie działa.', at('2026-03-10 23:00'));
    // 15 h of 09:00-24:00: one hour on Tuesday, 14 on Wednesday.
    expect(wall(t.nextResponse!.clock!.dueAt)).toBe('Wed 2026-03-11 23:00');
    const second = addCustomerMessage(t, 'adm-1', 'Halo?', at('2026-03-11 09:00'));
    expect(second.nextResponse!.clock).toEqual(t.nextResponse!.clock); // the first message still awaits its answer
    t = addAgentReply(second, 'ewa', 'Już poprawiamy.', at('2026-03-11 12:00'));
    expect(t.nextResponse).toEqual({
      outcomes: [
        { result: 'met', at: at('2026-03-11 12:00').toISOString(), dueAt: t.nextResponse!.outcomes[0]!.dueAt, grade: 'B', by: 'ewa' },
      ],
    });
    t = addCustomerMessage(t, 'adm-1', 'Dziękuję, jeszcze drukarka.', at('2026-03-11 13:00'));
    expect(t.nextResponse!.clock!.version).toBeGreaterThan(1000); // a new clock: its timer entries are new members
    t = changeStatus(t, 'resolved', 'agent:ewa', at('2026-03-11 14:00'));
    expect(t.nextResponse!.outcomes.map((o) => o.result)).toEqual(['met', 'resolved_without_response']);
    expect(t.resolution!.outcome).toMatchObject({ result: 'met', grade: 'B' });
  });

  it('waiting on the customer pauses the resolution clock; the explanation counts the pause to the second', () => {
    let t = askCustomer(open(), 'ola', 'Czy dotyczy wszystkich?', at('2026-03-10 11:00'));
    expect(t.resolution!.dueAt).toBeNull();
    expect(explainGoals(t, at('2026-03-10 12:00'))[1]).toMatchObject({ goal: 'resolution', state: 'paused', pausedWorkingMs: 3_600_000 });
    const answeredAt = new Date(at('2026-03-10 13:00').getTime() + 17_000);
    t = addCustomerMessage(t, 'adm-1', 'Tak, wszystkich.', answeredAt);
    const resolution = explainGoals(t, at('2026-03-10 14:00'))[1]!;
    expect(resolution).toMatchObject({ state: 'running', pausedWorkingMs: 2 * 3_600_000 + 17_000 });
    // 30 h from Tuesday 10:00 plus the 2 h 17 s paused: Thursday 12:00:17 instead of 10:00.
    expect(t.resolution!.dueAt).toBe(new Date(at('2026-03-12 12:00').getTime() + 17_000).toISOString());
  });

  it("a regrade recomputes the running goals with the ticket's own policy; a decided goal keeps its result", () => {
    const t = deliveredReply(open(), 'ola', 'Sprawdzamy.', at('2026-03-10 10:30'));
    const lowered = changeGrade(
      t,
      org,
      'C',
      'agent:ola',
      { reason: 'agreed_with_customer', agreedBy: 'adm-1' },
      at('2026-03-10 11:00'),
      undefined,
      policy,
    );
    expect(lowered.resolution!.dueAt).toBe(t.resolution!.dueAt); // C has the same 2-day resolution target here
    expect(lowered.terms!.policyVersion).toBe(7);
    expect(lowered.terms!.nextResponseMs).toBe(45 * 3_600_000);
    const resolved = changeStatus(t, 'resolved', 'agent:ola', at('2026-03-10 12:00'));
    const reopened = changeStatus(resolved, 'in_progress', 'agent:ola', at('2026-03-13 12:00'));
    expect(reopened.resolution!.outcome).toEqual(resolved.resolution!.outcome);
  });
});
