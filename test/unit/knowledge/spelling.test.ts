import { slipOf, Spelling } from '../../../knowledge/search/spelling';
import { Terms } from '../../../knowledge/search/terms';
import { WordForms } from '../../../knowledge/search/wordForms';

const vocabulary = ['abonament', 'kanałów', 'anulować', 'skype', 'plan', 'profil', 'profile'];
const known = new Set(vocabulary);
const frequency = (w: string): number => (w === 'profil' ? 5 : 1);
const spelling = new Spelling(vocabulary, (w) => known.has(w), frequency);

describe('word-level typo correction', () => {
  it.each([
    ['swapped letters', 'abonamnet', 'abonament'],
    ['a missing letter', 'anulowć', 'anulować'],
    ['an extra letter', 'skyppe', 'skype'],
    ['a changed letter', 'skupe', 'skype'],
  ])('corrects %s to the known word', (_kind, typed, expected) => {
    expect(spelling.correct(typed)).toBe(expected);
  });

  it('leaves known words, far-off words and short words alone', () => {
    expect(spelling.correct('abonament')).toBe('abonament');
    expect(spelling.correct('netflix')).toBe('netflix');
    expect(spelling.correct('abnmnt')).toBe('abnmnt');
    expect(spelling.correct('play')).toBe('play');
  });

  it('prefers the word more entries use when two are one edit away', () => {
    expect(spelling.correct('profilx')).toBe('profil');
  });
});

describe('typos of the forms a knowledge base uses', () => {
  it('counts a changed letter as a typo only for a neighbouring key or a letter spelt alike', () => {
    expect(slipOf('r', 'e')).toBe(true);
    expect(slipOf('o', 'u')).toBe(true);
    expect(slipOf('r', 'l')).toBe(false);
    const strict = new Spelling(
      ['dlugim', 'minut'],
      () => false,
      () => 1,
      slipOf,
    );
    expect(strict.correct('drugim')).toBe('drugim');
    expect(strict.correct('minot')).toBe('minut');
  });

  it('corrects a short typo to the lemma of the form it misspells, against the base words only', () => {
    const correct = new Terms().formSpelling(new Set(['minuta', 'klient']));
    expect(correct('miunt')).toBe('minuta');
    expect(correct('klieta')).toBe('klient');
    expect(correct('linia')).toBe('linia');
  });
});

describe('other Polish words', () => {
  it('leaves a real word one edit from a base word as typed, while a typo is still corrected', () => {
    const terms = new Terms();
    expect(terms.ofQuestion('otrzymać odłączać robocie')).toEqual(['otrzymac', 'odlaczac', 'robocie']);
    expect(terms.ofQuestion('abonamnet')).toEqual(['abonament']);
  });

  it("reads a long real word as a base word's typo only when that word has a letter more inside", () => {
    const correct = new Terms().formSpelling(new Set(['kanada', 'tydzien', 'dolaczac']));
    expect(correct('kandzie')).toBe('kanada');
    expect(correct('tygodni')).toBe('tygodni');
    expect(correct('odlaczac')).toBe('odlaczac');
  });
});

describe('typos of aliases', () => {
  it('swaps two letters back when that spells an alias, unless a form of the table is a typo away', () => {
    const terms = new Terms();
    expect(terms.ofQuestion('edukajca')).toEqual(['education']);
    expect(terms.ofQuestion('bizensowa')).toEqual(['biznesowy']);
  });
});

describe('nasal vowels spelt as said', () => {
  it('reads "on", "en" before a consonant as the nasal vowel when that spells a form of the table', () => {
    const terms = new Terms();
    expect(terms.ofQuestion('połonczyć')).toEqual(terms.ofQuestion('połączyć'));
    expect(terms.ofQuestion('konto')).toEqual(['konto']);
  });
});

describe('look-alikes of a question word', () => {
  it('finds no English look-alike for a Polish word spelt right ("numer" is no typo of "number")', () => {
    const terms = new Terms();
    const forms = new WordForms(['number', 'zlozyc', 'abonament'], (w) => terms.isPolish(w));
    expect(forms.of('numer').typos).toEqual([]);
    expect(forms.of('zalozyc').typos).toEqual(['zlozyc']);
    expect(forms.of('abonamnet').typos).toEqual(['abonament']);
  });
});
