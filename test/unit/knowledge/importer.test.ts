import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { draftsToYaml, importArticle } from '../../../knowledge/importer';
import { nth } from '../../support/nth';

const fixture = (...p: string[]): string => readFileSync(join(__dirname, '../../fixtures/knowledge', ...p), 'utf8');

describe('importer on small fixtures', () => {
  it('splits a plain-text FAQ at its question lines and drops page chrome', () => {
    const result = importArticle(fixture('raw', 'faq-plain.txt'));
    expect(result.shape).toBe('plain');
    expect(result.drafts.map((d) => d.title)).toEqual(['Jak włączyć przekierowanie połączeń?', 'Ile kosztuje przekierowanie?']);
    // The indented note stays with its numbered step.
    expect(nth(result.drafts, 0).answer).toMatch(/2\. Wybierz Połączenia\.\nJeśli nie widzisz tej opcji/);
    expect(nth(result.drafts, 1).answer).toBe('Przekierowanie na numery Skype jest bezpłatne.');
    expect(result.skipped.join('\n')).toMatch(/artykuł okazał się pomocny/);
  });

  it('splits Markdown at headings and turns links, notes and tables into plain text', () => {
    const result = importArticle(fixture('raw', 'guide.md'));
    expect(result.shape).toBe('markdown');
    expect(result.drafts.map((d) => [d.id, d.title])).toEqual([
      ['resetowanie-hasla', 'Resetowanie hasła'],
      ['limity', 'Limity'],
    ]);
    expect(nth(result.drafts, 0).answer).toBe(
      'Administrator może zresetować hasło w centrum administracyjnym. Zobacz instrukcję.\n\nNowe hasło działa od razu.',
    );
    expect(nth(result.drafts, 1).answer).toBe('Plan – Limit\nBasic – 10');
    expect(nth(result.drafts, 0).review).toContain('title is a heading: rephrase it as the question people ask');
    expect(result.skipped).toEqual(['"Przewodnik": no text under the heading']);
  });

  it('writes a draft in the articles format that a reviewer can load', () => {
    const yaml = draftsToYaml(importArticle(fixture('raw', 'faq-plain.txt')), 'faq-plain.txt');
    expect(yaml.startsWith('# DRAFT imported from faq-plain.txt')).toBe(true);
    const doc = parse(yaml) as { source: string; entries: { id: string; answer: string }[] };
    expect(doc.source).toBe('faq-plain.txt');
    expect(doc.entries.map((e) => e.id)).toEqual(['jak-wlaczyc-przekierowanie-polaczen', 'ile-kosztuje-przekierowanie']);
  });
});

describe('importer on the three seed articles', () => {
  it('seed 000 (plain text): the question line and the passages whose questions the export lost', () => {
    const { shape, drafts } = importArticle(fixture('seeds', '000_70248f5353ce7e0c.txt'));
    expect(shape).toBe('plain');
    expect(nth(drafts, 0).title).toBe('Jak połączyć konto pakietu Microsoft Office z kontem Skype?');
    expect(drafts.some((d) => /wygasają na koniec miesiąca/.test(d.answer))).toBe(true);
    expect(drafts.find((d) => /Algieria/.test(d.answer))?.review[0]).toMatch(/no question/);
    expect(drafts.some((d) => /okazał się pomocny/.test(d.title + d.answer))).toBe(false);
  });

  it('seed 001 (plain text): one draft per heading line, lists kept whole', () => {
    const titles = importArticle(fixture('seeds', '001_26d639b59518149c.txt')).drafts.map((d) => d.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Kupowanie abonamentu kanałów Skype Connect',
        'Zmiana abonamentu kanałów Skype Connect',
        'Anulowanie abonamentu kanałów',
      ]),
    );
    const cancel = importArticle(fixture('seeds', '001_26d639b59518149c.txt')).drafts.find(
      (d) => d.title === 'Anulowanie abonamentu kanałów',
    );
    expect(cancel?.answer).toMatch(/1\. Wyświetl profil SIP[\s\S]*5\. Kliknij pozycję Anuluj abonament\./);
  });

  it('seed 002 (Markdown): one draft per section, front matter and video embeds left out', () => {
    const { shape, drafts } = importArticle(fixture('seeds', '002_d53d2deadf6aee8d.txt'));
    expect(shape).toBe('markdown');
    const titles = drafts.map((d) => d.title);
    expect(titles).toEqual(
      expect.arrayContaining(['Telefon pomocy technicznej', 'Godziny pracy pomocy technicznej', 'Role i obowiązki administratorów']),
    );
    expect(drafts.find((d) => d.title === 'Telefon pomocy technicznej')?.answer).toMatch(/1 800 865 9408/);
    expect(drafts.map((d) => d.answer).join('\n')).not.toMatch(/ms\.author|\[!VIDEO|<a name/);
  });
});
