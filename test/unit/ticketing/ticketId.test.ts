import { formatTicketId, parseTicketId } from '../../../ticketing/domain/ticketId';

describe('ticket ids', () => {
  it('formats the year and a six-digit sequence', () => {
    expect(formatTicketId(2026, 123)).toBe('SR-2026-000123');
    expect(formatTicketId(2027, 1_234_567)).toBe('SR-2027-1234567');
  });

  it('parses what it formats and nothing else', () => {
    expect(parseTicketId(formatTicketId(2026, 42))).toEqual({ year: 2026, seq: 42 });
    for (const bad of ['SR-2026-123', 'sr-2026-000123', 'SR-26-000123', 'SR-2026-000000', 'SR-2026-000123 ', '']) {
      expect(parseTicketId(bad)).toBeNull();
    }
  });

  it('refuses a sequence below 1 or a year that is not four digits', () => {
    expect(() => formatTicketId(2026, 0)).toThrow(/positive integer/);
    expect(() => formatTicketId(2026, 1.5)).toThrow(/positive integer/);
    expect(() => formatTicketId(26, 1)).toThrow(/4-digit year/);
  });
});
