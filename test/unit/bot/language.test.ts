import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { catalogueKeys, detectLocale, localeFromTag, t } from '../../../bot/i18n';
import { deadlineInWords } from '../../../bot/deadlineWords';
import { isCommand, ticketIdIn } from '../../../bot/commands';
import { nth } from '../../support/nth';

const pl = JSON.parse(readFileSync(join(__dirname, '../../../bot/i18n/pl.json'), 'utf8')) as Record<string, string>;
const en = JSON.parse(readFileSync(join(__dirname, '../../../bot/i18n/en.json'), 'utf8')) as Record<string, string>;

describe('message catalogues', () => {
  it('say the same things in Polish and English, with the same placeholders', () => {
    expect(catalogueKeys('en')).toEqual(catalogueKeys('pl'));
    for (const key of Object.keys(pl)) {
      const names = (text = '') => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([key, names(en[key])]).toEqual([key, names(pl[key])]);
    }
  });

  it('are the only place user-visible text lives: every key the bot names exists', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/t\(\w+, '([\w.]+)'/g)) used.add(nth(m, 1));
      }
    };
    for (const dir of ['bots', 'dialogs', 'proactive', 'cards', 'teams']) walk(join(__dirname, '../../../bot', dir));
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !(key in pl))).toEqual([]);
  });

  it('fills placeholders and refuses to send a half-filled sentence', () => {
    expect(t('pl', 'verify.codeWrong', { left: 3 })).toBe('Kod jest nieprawidłowy. Pozostałe próby: 3.');
    expect(t('en', 'verify.codeWrong', { left: 3 })).toBe('That code is not right. Attempts left: 3.');
    expect(() => t('pl', 'verify.codeWrong')).toThrow('message "verify.codeWrong" needs a value for {left}');
  });
});

describe('choosing the language', () => {
  it('follows the client locale, defaulting to Polish', () => {
    expect(localeFromTag('en-US')).toBe('en');
    expect(localeFromTag('pl-PL')).toBe('pl');
    expect(localeFromTag('de-DE')).toBeNull();
    expect(localeFromTag(undefined)).toBeNull();
  });

  it('recognises a Polish or English message, and stays silent on names and codes', () => {
    expect(detectLocale('Jak zmienić hasło?')).toBe('pl');
    expect(detectLocale('jak zmienic haslo')).toBe('pl');
    expect(detectLocale('How do I reset my password?')).toBe('en');
    expect(detectLocale('Contoso')).toBeNull();
    expect(detectLocale('E-mail')).toBeNull();
    expect(detectLocale('What is Skype Connect?')).toBe('en');
    // Polish without diacritics, whose short words English also has ("i", "do", "to").
    expect(detectLocale('i do ilu krajow dzwonie?')).toBe('pl');
    expect(detectLocale('i w jakich godzinach to obsluguja?')).toBe('pl');
    expect(detectLocale('Do I need to be an admin to call support?')).toBe('en');
    expect(detectLocale('123456')).toBeNull();
  });

  it('understands commands in either language, whatever the punctuation or case', () => {
    expect(isCommand('Anuluj!', 'commands.cancel')).toBe(true);
    expect(isCommand('cancel', 'commands.cancel')).toBe(true);
    expect(isCommand('Rozmowa z człowiekiem', 'commands.human')).toBe(true);
    expect(isCommand('talk to a person', 'commands.human')).toBe(true);
    expect(isCommand('anuluj subskrypcję', 'commands.cancel')).toBe(false);
    // Typed without diacritics or with a space before the punctuation, as people do.
    expect(isCommand('rozmowa z czlowiekiem', 'commands.human')).toBe(true);
    expect(isCommand('Otworz zgloszenie !', 'commands.openTicket')).toBe(true);
    expect(ticketIdIn('status sr-2026-000123 prosze')).toBe('SR-2026-000123');
    expect(ticketIdIn('status 2026-000123')).toBeNull();
  });
});

describe('deadlines in words', () => {
  const now = new Date('2026-03-10T09:00:00Z'); // Tuesday 10:00 in Warsaw
  it('says today, tomorrow, a weekday or a date in the organisation time zone', () => {
    expect(deadlineInWords('2026-03-10T10:00:00Z', 'Europe/Warsaw', 'pl', now)).toBe('dziś do 11:00');
    expect(deadlineInWords('2026-03-11T09:00:00Z', 'Europe/Warsaw', 'pl', now)).toBe('jutro do 10:00');
    expect(deadlineInWords('2026-03-16T09:00:00Z', 'Europe/Warsaw', 'pl', now)).toBe('w poniedziałek do 10:00');
    expect(deadlineInWords('2026-03-13T16:00:00Z', 'Europe/Warsaw', 'en', now)).toBe('by 17:00 on Friday');
    expect(deadlineInWords('2026-03-25T09:00:00Z', 'Europe/Warsaw', 'pl', now)).toBe('25 marca do 10:00');
    expect(deadlineInWords('2026-03-25T09:00:00Z', 'Europe/Warsaw', 'en', now)).toBe('by 10:00 on 25 March');
  });

  it('counts days in the organisation zone, not in UTC', () => {
    // 23:30 UTC on Tuesday is already Wednesday 00:30 in Warsaw: "tomorrow", not "today".
    expect(deadlineInWords('2026-03-10T23:30:00Z', 'Europe/Warsaw', 'en', now)).toBe('tomorrow by 00:30');
    expect(deadlineInWords('2026-03-10T23:30:00Z', 'America/New_York', 'en', now)).toBe('today by 19:30');
  });

  it('says a deadline at midnight, the close of a 09:00-24:00 day, as 24:00 of that day', () => {
    // Wednesday 00:00 in Warsaw is the end of Tuesday's working range, not "tomorrow 00:00".
    expect(deadlineInWords('2026-03-10T23:00:00Z', 'Europe/Warsaw', 'pl', now)).toBe('dziś do 24:00');
    expect(deadlineInWords('2026-03-11T23:00:00Z', 'Europe/Warsaw', 'en', now)).toBe('tomorrow by 24:00');
  });

  it('keeps wall-clock time across the change to summer time', () => {
    const friday = new Date('2026-03-27T08:00:00Z'); // Friday 09:00 CET
    expect(deadlineInWords('2026-03-30T07:00:00Z', 'Europe/Warsaw', 'pl', friday)).toBe('w poniedziałek do 09:00');
  });
});
