import { eraseFromTicket, redactorOf } from '../../../ticketing/domain/erasure';
import { isDueForArchive } from '../../../ticketing/domain/retention';
import { addCustomerMessage, changeStatus, openTicket } from '../../../ticketing/domain/ticket';
import { at, organisation, ticketInput } from './fixtures';

const org = organisation();
const opened = at('2025-01-10 10:00');

function closedOn(local: string) {
  let ticket = openTicket(ticketInput(), org, 'SR-2025-000001', opened);
  ticket = changeStatus(ticket, 'in_progress', 'agent:ola', opened);
  ticket = changeStatus(ticket, 'resolved', 'agent:ola', opened);
  return changeStatus(ticket, 'closed', 'agent:ola', at(local));
}

describe('which tickets are due for the archive', () => {
  it('takes a ticket closed for the whole period, by the clock it is given', () => {
    const ticket = closedOn('2025-02-01 12:00');
    expect(isDueForArchive(ticket, at('2026-02-01 11:59'), 365)).toBe(false);
    expect(isDueForArchive(ticket, at('2026-02-01 12:00'), 365)).toBe(true);
    expect(isDueForArchive(ticket, at('2025-03-01 12:00'), 28)).toBe(true);
  });

  it('never takes a ticket that is not closed, however old', () => {
    const working = changeStatus(openTicket(ticketInput(), org, 'SR-2025-000002', opened), 'in_progress', 'agent:ola', opened);
    const resolved = changeStatus(working, 'resolved', 'agent:ola', opened);
    expect(isDueForArchive(resolved, at('2030-01-01 00:00'), 365)).toBe(false);
  });
});

describe("erasing a person's data", () => {
  const person = { adminId: 'adm-1', name: 'Jan Kowalski', email: 'jan@contoso.pl', phone: '+48 600 100 123' };

  it('replaces the e-mail, the phone in any spelling and the name, and drops the contact that was theirs', () => {
    let ticket = openTicket(
      ticketInput({
        description: 'Proszę dzwonić na 600-100-123 albo +48600100123, pisać na JAN@contoso.pl. Jan Kowalski',
        contact: { email: 'jan@contoso.pl', phone: '+48600100123', preferred: 'phone' },
      }),
      org,
      'SR-2025-000003',
      opened,
    );
    ticket = addCustomerMessage(ticket, 'adm-1', 'Pan Kowalski z działu IT prosi o kontakt', opened, org);
    const erased = eraseFromTicket(ticket, person)!;
    expect(erased.description).toBe('Proszę dzwonić na [erased] albo [erased], pisać na [erased]. [erased]');
    expect(erased.messages.at(-1)).toMatchObject({ author: 'erased', text: 'Pan [erased] z działu IT prosi o kontakt' });
    expect(erased.adminId).toBe('erased');
    expect(erased.contact).toEqual({ preferred: 'phone' });
    expect(JSON.stringify(erased)).not.toMatch(/kowalski|jan@|600.?100.?123|adm-1/i);
  });

  it('leaves alone a ticket without their data, and words that only contain theirs', () => {
    const other = openTicket(
      ticketInput({ adminId: 'adm-2', contact: { email: 'ewa@contoso.pl', preferred: 'email' }, description: 'Janina, 600100 1234' }),
      organisation({ administrators: [{ id: 'adm-2', name: 'Ewa Nowak', email: 'ewa@contoso.pl', chatIdentities: [] }] }),
      'SR-2025-000004',
      opened,
    );
    expect(eraseFromTicket(other, person)).toBeNull();
    expect(redactorOf({ adminId: 'adm-1' })('adm-10 i adm-1.')).toBe('adm-10 i erased.');
  });
});
