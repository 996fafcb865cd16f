import { Terms } from '../../../knowledge/search/terms';
import { thresholdsOf, withThresholds } from '../../../knowledge/search/thresholds';

const terms = new Terms();
const of = (text: string): string[] => terms.of(text);
const rules = thresholdsOf(
  ['Liczby kanałów powyżej 100 są zaokrąglane w dół.', 'Dzwonisz do ponad 60 krajów.', 'Obsługuje do 300 kanałów naraz.'],
  of,
);

describe('thresholds', () => {
  it('reads a limit stated as a rule (powyżej, above), not a count (ponad 60 krajów)', () => {
    expect(rules).toEqual([{ limit: 100, words: of('powyżej 100'), context: expect.arrayContaining(of('kanałów')), stated: [300] }]);
  });

  it("gives a number past the limit, next to a word of the rule, the rule's words", () => {
    expect(withThresholds(of('zamawiam 240 kanałów'), rules)).toEqual([...of('zamawiam 240 kanałów'), ...of('powyżej 100')]);
    expect(withThresholds(of('liczba kanałów większa niż 100'), rules)).toEqual(expect.arrayContaining(of('powyżej')));
  });

  it('leaves a number at or under the limit, counting something else, or stated by a fact (300 kanałów) alone', () => {
    for (const q of ['zamawiam 40 kanałów', 'zamawiam 100 kanałów', 'Microsoft 365 w Kanadzie', '250 krajów', 'limit 300 kanałów']) {
      expect(withThresholds(of(q), rules)).toEqual(of(q));
    }
  });
});
