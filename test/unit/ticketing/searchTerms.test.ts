import { parseSearchQuery, searchTermsOf, termsOfText, MAX_TERMS_PER_TICKET } from '../../../ticketing/domain/searchTerms';
import { openTicket } from '../../../ticketing/domain/ticket';
import { organisation, ticketInput } from './fixtures';

const one = (word: string) => termsOfText(word)[0];

describe('search terms', () => {
  it('read the forms of a Polish word as one term, whatever the case and diacritics', () => {
    for (const forms of [
      ['drukarka', 'drukarki', 'drukarce', 'DRUKARKĘ', 'drukarkami'],
      ['poczta', 'poczty', 'poczcie', 'Pocztą'],
      ['użytkownik', 'użytkownicy', 'uzytkownikow', 'UŻYTKOWNIKA'],
      ['komputer', 'komputerze', 'komputery'],
      ['Łódź', 'lodz', 'LODZ'],
    ]) {
      expect(new Set(forms.map(one)).size).toBe(1);
    }
    expect(one('drukarka')).not.toBe(one('poczta'));
  });

  it('leave out words too short or too common to find anything by, and keep numbers without leading zeros', () => {
    expect(termsOfText('Nie działa i to jest w ogóle źle')).toEqual([one('działa'), one('ogóle'), one('źle')]);
    expect(termsOfText('zamówienie 000123')).toEqual([one('zamówienie'), '123']);
  });

  it('of a ticket cover its number, organisation, contact, words and conversation, at most a bounded number', () => {
    const t = openTicket(
      ticketInput({ contact: { phone: '+48 601 222 333', email: 'anna.kowalska@contoso.pl', preferred: 'phone' } }),
      organisation(),
      'SR-2026-000123',
      new Date('2026-03-10T09:00:00Z'),
    );
    const terms = searchTermsOf({
      ...t,
      messages: [...t.messages, { at: t.createdAt, from: 'customer', author: 'adm-1', text: 'Restart routera nie pomógł' }],
    });
    for (const term of ['123', one('contoso'), one('kowalska'), '601222333', '48601222333', one('wiadomości'), one('routera')])
      expect(terms).toContain(term);
    const long = openTicket(
      ticketInput({ description: Array.from({ length: 400 }, (_, i) => `slowo${i}`).join(' ') }),
      organisation(),
      'SR-2026-000124',
      new Date('2026-03-10T09:00:00Z'),
    );
    expect(searchTermsOf(long)).toHaveLength(MAX_TERMS_PER_TICKET);
  });
});

describe('a search query', () => {
  it('is a ticket id when it is one, typed any way', () => {
    expect(parseSearchQuery(' sr-2026-123 ')).toEqual({ kind: 'id', id: 'SR-2026-000123' });
    expect(parseSearchQuery('SR-2026-000123')).toEqual({ kind: 'id', id: 'SR-2026-000123' });
  });

  it('is a phone number when digits are spaced as one, else the terms of its words', () => {
    expect(parseSearchQuery('+48 601 222 333')).toEqual({ kind: 'terms', terms: ['601222333'] });
    expect(parseSearchQuery('Drukarce Kowalskiej')).toEqual({ kind: 'terms', terms: [one('drukarka'), one('kowalskiej')] });
    expect(parseSearchQuery('i w to')).toEqual({ kind: 'terms', terms: [] });
  });
});
