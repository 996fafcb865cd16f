import { contentWords, normalize, words } from '../../../knowledge/normalize';

describe('words and normalize', () => {
  it('splits on punctuation and drops Polish stop words typed with or without diacritics', () => {
    expect(contentWords('Jak anulować abonament, który się odnawia?')).toEqual(['jak', 'anulowac', 'abonament', 'odnawia']);
    expect(normalize('ktory sie odnawia')).toBe('odnawia');
    expect(normalize('którymi planami, tymi')).toBe('planami');
  });

  it('keeps question words that change the meaning (ile, kiedy, nie)', () => {
    expect(contentWords('Ile kanałów? Kiedy nie działa?')).toEqual(['ile', 'kanalow', 'kiedy', 'nie', 'dziala']);
  });

  it("drops an inflection ending after an apostrophe (Skype'a -> skype)", () => {
    expect(contentWords("minuty Skype'a")).toEqual(['minuty', 'skype']);
    // Longer endings are no stop words: they go too, and a word starting with a quote stays.
    expect(contentWords("minutki skype'owe z Office'owych planów, 'Nowe'")).toEqual(['minutki', 'skype', 'office', 'planow', 'nowe']);
  });

  it('drops an ending of two letters or more after a hyphen (PIN-em -> pin, USA-owych -> usa), not a grade or a word', () => {
    expect(contentWords('kodem PIN-em z profili SIP-owymi, pakiety USA-owych, w Teams-ów')).toEqual([
      'kodem',
      'pin',
      'profili',
      'sip',
      'pakiety',
      'usa',
      'teams',
    ]);
    expect(words('severity-A e-mailem')).toEqual(['severity', 'a', 'e', 'mailem']);
  });

  it('turns a severity letter into a word of its own, so A, B and C stay apart', () => {
    const [a, b] = [words('ważność A'), words('Waznosc b')];
    expect(a[1]).not.toEqual(b[1]);
    expect(words('priorytet (c)')).toContain('cccc');
    expect(words('ważność abonamentu')).toEqual(['waznosc', 'abonamentu']);
  });
});
