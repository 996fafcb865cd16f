import { Spelling } from '../../../knowledge/search/spelling';

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
