import { loadLemmas } from '../../../knowledge/morphology/lemmas';

describe('the generated lemma table', () => {
  const lemmas = loadLemmas();
  const lemmaOf = (form: string): string => lemmas.get(form) ?? form;

  it('keeps function words and adverbs apart from nouns they fold into ("ile" of "ił", "tyle" of "tył")', () => {
    expect(lemmaOf('ile')).toBe('ile');
    expect(lemmaOf('tyle')).toBe('tyle');
    expect(lemmaOf('potem')).toBe('potem');
  });

  it('links words the dictionary lists apart to their lemma', () => {
    expect(lemmaOf('ilu')).toBe('ile');
    expect(lemmaOf('majac')).toBe('miec');
    expect(lemmaOf('trybie')).toBe(lemmaOf('trybu'));
  });
});
