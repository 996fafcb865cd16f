import { Terms } from '../../../knowledge/search/terms';

const terms = new Terms();
const of = (text: string): string[] => terms.of(text);

describe('words made from a word of the lemma table', () => {
  it('reads a noun of quality and its adjective as one, when the table has only one of them', () => {
    expect(terms.ofQuestion('całodobowością')).toEqual(of('całodobowy'));
    expect(terms.ofQuestion('odpowiedzialni')).toEqual(of('odpowiedzialność'));
  });

  it('reads a verb made with -ować through its noun', () => {
    expect(terms.ofQuestion('ankietowanie')).toEqual(of('ankietach'));
    expect(terms.ofQuestion('modyfikowanie')).toEqual(of('modyfikacja'));
    expect(terms.ofQuestion('anulacji')).toEqual(of('anulować'));
  });

  it('reads a word of recurrence through the word it is made from', () => {
    expect(terms.ofQuestion('comiesięcznie')).toEqual(of('miesięcznie'));
    expect(terms.ofQuestion('Corolli')).toEqual(['corolli']);
  });

  it('reads an adverbial participle through its verb', () => {
    expect(terms.ofQuestion('zgłaszając')).toEqual(of('zgłaszający'));
  });

  it('leaves words of the table as the table reads them', () => {
    expect(terms.ofQuestion('ważny')).not.toEqual(of('ważność'));
  });
});

describe('adjectives led by a number', () => {
  it('reads the number in digits and the noun', () => {
    expect(terms.ofQuestion('trzydniowy')).toEqual(of('3 dni'));
    expect(terms.ofQuestion('sześćdziesięciominutowy')).toEqual(of('60 minut'));
    expect(terms.ofQuestion('trzystukanałowy')).toEqual(of('300 kanałów'));
    expect(terms.ofQuestion('dwudziestoczterogodzinny')).toEqual(of('24 godziny'));
  });

  it('leaves a word that only starts like a number alone', () => {
    expect(terms.ofQuestion('trzymać')).toEqual(of('trzymać'));
    expect(terms.ofQuestion('dwukrotnie')).toEqual(of('dwukrotnie'));
  });
});
