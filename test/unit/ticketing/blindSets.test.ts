import { join } from 'path';
import { GradeSuggester } from '../../../ticketing/domain/grading/gradeSuggester';
import { gradeOf, readGradeSet } from '../../eval/grades';
import { outcomeOf, readMailSet } from '../../eval/mailText';

/**
 * The blind sets of test/fixtures/ticketing kept above the floor they reached, so a change that
 * makes the desk grade requests or read mails worse fails here with the cases it got wrong.
 */
const fixture = (name: string) => join(__dirname, '../../fixtures/ticketing', name);

describe('grading the requests of a blind set', () => {
  it.each([
    ['grades-G1.jsonl', 0.97, 4],
    ['grades-G2.jsonl', 0.94, 6],
    ['grades-G3.jsonl', 0.92, 8],
    ['grades-G4.jsonl', 0.82, 21],
  ])('%s: at least %s graded right, at most %s outages graded lower', (name, floor, outagesLower) => {
    const suggester = new GradeSuggester();
    const cases = readGradeSet(fixture(name));
    const wrong = cases
      .map((c) => ({ c, given: gradeOf(c, suggester).grade }))
      .filter(({ c, given }) => given !== c.grade)
      .map(({ c, given }) => `${c.grade}->${given}: ${c.subject} ${c.text}`);
    expect({ right: 1 - wrong.length / cases.length >= floor, wrong }).toMatchObject({ right: true });
    expect(wrong.filter((w) => w.startsWith('A->')).length).toBeLessThanOrEqual(outagesLower);
  });
});

describe('reading the mails of a blind set', () => {
  it.each([
    ['mails-M1.jsonl', 0.95, 0],
    ['mails-M2.jsonl', 0.95, 0],
    ['mails-M3.jsonl', 0.97, 1],
  ])('%s: at least %s read exactly, at most %s mails that lost words', async (name, floor, lostAtMost) => {
    const cases = readMailSet(fixture(name));
    const outcomes = await Promise.all(cases.map((c, i) => outcomeOf(c, i + 1)));
    const lost = outcomes.filter((o) => o.lost.length > 0).map((o) => o.text);
    expect({ lost: lost.length <= lostAtMost, texts: lost }).toMatchObject({ lost: true });
    const exact = outcomes.filter((o) => o.lost.length === 0 && o.quoteKept.length === 0).length;
    expect(exact / cases.length).toBeGreaterThanOrEqual(floor);
  });
});
