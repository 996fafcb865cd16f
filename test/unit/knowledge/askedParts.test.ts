import { askedParts } from '../../../knowledge/search/askedParts';

describe('askedParts', () => {
  it.each([
    [
      'two questions joined by "i"',
      'jaki to będzie priorytet i kiedy się odezwiecie?',
      ['jaki to będzie priorytet', 'kiedy się odezwiecie?'],
    ],
    [
      'two questions joined by ", a"',
      'Kiedy dzwonić do pomocy, a kiedy radzić sobie samemu?',
      ['Kiedy dzwonić do pomocy', 'kiedy radzić sobie samemu?'],
    ],
    ['"co" asked before "ile"', 'Co to jest ważność B i ile czekam na odpowiedź?', ['Co to jest ważność B', 'ile czekam na odpowiedź?']],
    ['two sentences with question marks', 'Ile to kosztuje? Gdzie to kupię?', ['Ile to kosztuje?', 'Gdzie to kupię?']],
    ['an English pair', 'How do I cancel it and when does it stop?', ['How do I cancel it', 'when does it stop?']],
  ])('parts %s', (_kind, message, parts) => {
    expect(askedParts(message)).toEqual(parts);
  });

  it.each([
    ['one question', 'Jak włączyć minuty i kanały?'],
    ['context told before one question', 'Padła poczta w całej firmie. Jak szybko się odezwą?'],
    ['a greeting before the question', 'Hej, a jak mi się skończą minuty, to co?'],
    ['a word only starting like a question word', 'Kupiłem Office i ktoś mi mówił o minutach?'],
    ['sentences without a question mark', 'jaki numer pomocy. Microsoft 365 w USA'],
  ])('finds no second question in %s', (_kind, message) => {
    expect(askedParts(message)).toEqual([]);
  });
});
