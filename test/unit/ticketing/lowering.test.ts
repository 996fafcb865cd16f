import { checkLowering, customerSilenceEndsAt } from '../../../ticketing/domain/lowering';
import { askCustomer, openTicket } from '../../../ticketing/domain/ticket';
import { at, organisation, ticketInput, wall } from './fixtures';

const org = organisation();
/** A billing B ticket (office hours, 8 h a business day) that asked the customer on Friday at 16:00. */
const asked = () =>
  askCustomer(
    openTicket(ticketInput({ category: 'billing' }), org, 'SR-2026-000009', at('2026-03-13 10:00')),
    'a1',
    'Jaki numer faktury?',
    at('2026-03-13 16:00'),
  );

describe('customer not responding', () => {
  it('waits the configured business days of the ticket calendar: office hours skip the weekend', () => {
    expect(wall(customerSilenceEndsAt(asked(), { customerWaitBusinessDays: 1 }))).toBe('Mon 2026-03-16 16:00');
    expect(wall(customerSilenceEndsAt(asked(), { customerWaitBusinessDays: 2 }))).toBe('Tue 2026-03-17 16:00');
    expect(wall(customerSilenceEndsAt(asked(), { customerWaitBusinessDays: 0.5 }))).toBe('Mon 2026-03-16 12:00');
  });

  it('refuses before that time and records the working time waited after it', () => {
    const rules = { customerWaitBusinessDays: 1 };
    expect(() => checkLowering(asked(), org, { reason: 'customer_not_responding' }, rules, at('2026-03-16 15:59'))).toThrow(
      expect.objectContaining({ code: 'lowering_refused', message: expect.stringContaining('waited on the customer for 7 h 59 min') }),
    );
    // Friday 16:00-17:00 and Monday 09:00-17:00
    expect(checkLowering(asked(), org, { reason: 'customer_not_responding' }, rules, at('2026-03-16 17:30'))).toEqual({
      reason: 'customer_not_responding',
      waitedMs: 9 * 3_600_000,
    });
  });
});
