import { readFileSync } from 'fs';
import { join } from 'path';
import { openTicket } from '../../../../ticketing/domain/ticket';
import {
  acknowledgement,
  howToReachSupport,
  mailCatalogueKeys,
  noticeMail,
  replyLanguage,
  ticketLanguage,
} from '../../../../ticketing/mail/mailTexts';
import { at, organisation, ticketInput } from '../fixtures';

const catalogue = (lang: string) =>
  JSON.parse(readFileSync(join(__dirname, `../../../../ticketing/mail/i18n/${lang}.json`), 'utf8')) as Record<string, string>;

describe('the mail catalogue', () => {
  it('says the same things in Polish and English, with the same placeholders', () => {
    expect(mailCatalogueKeys('en')).toEqual(mailCatalogueKeys('pl'));
    const [pl, en] = [catalogue('pl'), catalogue('en')];
    const names = (text = '') => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(pl)) expect([key, names(en[key])]).toEqual([key, names(pl[key])]);
  });
});

describe('the language of a mail to a customer', () => {
  const polishOrg = organisation();
  const englishOrg = organisation({ language: 'en' });

  it('is English when the customer wrote in English, Polish when in Polish, whatever the organisation says', () => {
    expect(replyLanguage('How much does a licence cost?\nPlease tell me the price.', polishOrg)).toBe('en');
    expect(replyLanguage('How much does a licence cost?', null)).toBe('en');
    expect(replyLanguage('Ile kosztuje licencja?\nProszę o cenę.', englishOrg)).toBe('pl');
  });

  it("is the organisation's when the words say too little, and Polish for a stranger", () => {
    expect(replyLanguage('Teams', englishOrg)).toBe('en');
    expect(replyLanguage('Teams', polishOrg)).toBe('pl');
    expect(replyLanguage('SR-2026-000001', null)).toBe('pl');
  });

  it("of an agent's answer or a notice follows the ticket's own words", () => {
    const english = openTicket(
      ticketInput({ title: 'Outlook does not start', description: 'Outlook does not start on my laptop since the update.' }),
      polishOrg,
      'SR-2026-000001',
      at('2026-03-10 10:00'),
    );
    expect(ticketLanguage(english, polishOrg)).toBe('en');
    expect(noticeMail(english, { kind: 'closed' }, 'en', at('2026-03-10 11:00')).paragraphs).toEqual([
      'Your support request SR-2026-000001 has been closed.',
      'This is an automatic message.',
    ]);
  });
});

describe('the acknowledgement and the refusal', () => {
  const org = organisation();
  const ticket = openTicket(ticketInput(), org, 'SR-2026-000007', at('2026-03-10 10:00'));

  it('name the ticket, its grade and the deadline in words in Polish', () => {
    const ack = acknowledgement(ticket, 'pl', at('2026-03-10 10:00'));
    expect(ack.subject).toBe(`[SR-2026-000007] ${ticket.title}`);
    expect(ack.paragraphs[0]).toBe('Dziękujemy, otworzyliśmy zgłoszenie SR-2026-000007.');
    expect(ack.paragraphs[1]).toMatch(
      /^Priorytet: [ABC] \((krytyczny|wysoki|niekrytyczny)\)\. Odpowiemy najpóźniej: \S+, \d+ \S+ 2026, godz\. \d\d:\d\d/,
    );
  });

  it('and in English', () => {
    const ack = acknowledgement(ticket, 'en', at('2026-03-10 10:00'));
    expect(ack.paragraphs[0]).toBe('Thank you, we have opened support request SR-2026-000007 for you.');
    expect(ack.paragraphs[1]).toMatch(/^Grade: [ABC] \((critical|high|non-critical)\)\. We will answer by \S+ \d+ \S+ 2026 at \d\d:\d\d/);
    expect(howToReachSupport('Licence price', 'en').paragraphs[1]).toMatch(/^Please write to us in the support chat/);
    expect(howToReachSupport('', 'pl').subject).toBe('Jak skontaktować się z pomocą techniczną');
  });
});
