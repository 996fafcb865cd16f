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

  it('explains the next-response and resolution goals in the same words as the first response: state, calendar, pauses to the second, results, regrades', () => {
    let t = deliveredReply(open(), 'ola', 'Sprawdzamy.', at('2026-03-10 10:30'));
    expect(explainGoals(t, at('2026-03-10 10:35'))[0]!.summary).toBe('no next response is owed: every customer message is answered');
    t = addCustomerMessage(t, 'adm-1', 'Nadal nie działa.', at('2026-03-10 11:00'));
    t = askCustomer(t, 'ola', 'Czy dotyczy wszystkich?', at('2026-03-10 12:00'));
    t = addCustomerMessage(t, 'adm-1', 'Tak.', new Date(at('2026-03-10 13:00').getTime() + 17_000));
    t = changeGrade(
      t,
      org,
      'C',
      'agent:ola',
      { reason: 'agreed_with_customer', agreedBy: 'adm-1' },
      at('2026-03-10 15:00'),
      undefined,
      policy,
    );
    const [next, resolution] = explainGoals(t, at('2026-03-10 16:00'));
    // The question answered the 11:00 message; "Tak." at 13:00:17 started a new clock, recomputed with C's 45 h.
    expect(next!.summary).toBe(
      'next response due 2026-03-13 13:00 (warning at 2026-03-12 16:45); ' +
        'grade C: 45 h on the extended (09:00-24:00 every day, Europe/Warsaw) calendar, counted from 2026-03-10 13:00; ' +
        'earlier next responses: 1 met',
    );
    expect(next!.steps).toEqual(['2026-03-10 15:00: grade B -> C, the running goal recomputed from its start with the new target']);
    expect(resolution!.pausedWorkingMs).toBe(3_600_000 + 17_000);
    expect(resolution!.summary).toBe(
      'resolution due 2026-03-12 11:00 (warning at 2026-03-11 18:30); ' +
        'grade C: 30 h on the extended (09:00-24:00 every day, Europe/Warsaw) calendar, counted from 2026-03-10 10:00; ' +
        'paused working time excluded: 1 h 17 s',
    );

    t = changeStatus(t, 'resolved', 'agent:ola', at('2026-03-10 17:00'));
    // Reopened and raised back to B: the resolution was decided at the resolve, and stays.
    t = changeStatus(t, 'in_progress', 'agent:ola', at('2026-03-10 18:00'), 'drukarka znowu nie działa');
    t = changeGrade(t, org, 'B', 'agent:ola', 'cały dział bez drukarki', at('2026-03-10 18:30'), undefined, policy);
    const [nextPl, resolutionPl] = explainGoals(t, at('2026-03-10 19:00'), 'pl');
    expect(nextPl!.summary).toBe(
      'żadna kolejna odpowiedź nie jest należna: każda wiadomość klienta ma odpowiedź; ' +
        'wcześniejsze kolejne odpowiedzi: 1 dotrzymane, 1 rozwiązane bez odpowiedzi',
    );
    expect(resolutionPl!.summary).toBe(
      'rozwiązanie: wynik ustalony 2026-03-10 17:00: dotrzymane; ' +
        'priorytet C: 30 h według kalendarza extended (codziennie 09:00-24:00, Europe/Warsaw), liczone od 2026-03-10 10:00; ' +
        'wyłączony czas wstrzymania: 1 h 17 s; wynik: dotrzymane (priorytet C, termin 2026-03-12 11:00); zapisany wynik się nie zmienia; ' +
        'później zmiana (grade C -> B: cały dział bez drukarki) dałaby wynik: jeszcze przed terminem (termin 2026-03-12 11:00); zapisana obok wyniku',
    );
    expect(resolutionPl!.steps).toEqual([
      '2026-03-10 15:00: priorytet B -> C, trwający cel przeliczony od początku z nowym terminem',
      '2026-03-10 18:30: priorytet C -> B po ustaleniu wyniku; wynik się nie zmienia',
    ]);
  });
});
