import { callIsolated } from '../../support/isolated';

/**
 * Every pattern and loop that runs on a customer's text, fed 100,000 characters shaped to make a
 * backtracking regular expression (or a per-letter loop) go quadratic. Each call runs in a child
 * process that is given up on after a generous wait, so a runaway one fails the test instead of
 * blocking it; the bench (`npm run bench:hostile`) measures the time.
 */

const N = 100_000;
const dots = '.'.repeat(N);
const punctuation = '!?,;:.'.repeat(N / 6);

describe('bot commands: commandKey() trims trailing punctuation without backtracking', () => {
  it.each([
    ['a run of dots then a letter', `${dots}x`, `${dots}x`],
    ['a run of mixed punctuation then a space and a word', `${punctuation} anuluj`, `${punctuation} anuluj`],
    ['only dots', dots, ''],
    ['a command after 100k spaces', `${' '.repeat(N)}Anuluj!!!`, 'anuluj'],
  ])('%s', async (_name, text, folded) => {
    expect(await callIsolated('bot/commands.ts', 'commandKey', [text])).toBe(folded);
  });

  it('a command word drowned in punctuation is not a command', async () => {
    expect(await callIsolated('bot/commands.ts', 'isCommand', [`anuluj${dots}x`, 'commands.cancel'])).toBe(false);
  });
});

describe('trailing punctuation of an organisation name', () => {
  it('is trimmed without backtracking', async () => {
    expect(await callIsolated('common/text.ts', 'trimTrailing', [`contoso${'.,;'.repeat(N / 3)}x`, '.,;'])).toBe(
      `contoso${'.,;'.repeat(N / 3)}x`,
    );
    expect(await callIsolated('common/text.ts', 'trimTrailing', [`contoso${'.,;'.repeat(N / 3)}`, '.,;'])).toBe('contoso');
  });
});

describe('knowledge: words() with the grade pattern', () => {
  it.each([
    ['a grade word glued to itself after a non-ASCII letter', 'priorytetą'.repeat(N / 10)],
    ['a grade word followed by 100k spaces and no letter', `poziom${' '.repeat(N)}x`],
    ['a grade list that never ends on a word boundary', `sev a${' i a'.repeat(N / 4)}x`],
    ['the grade words one after another', 'severity '.repeat(N / 9)],
  ])('%s', async (_name, text) => {
    const words = (await callIsolated('knowledge/normalize.ts', 'words', [text])) as string[];
    expect(words.length).toBeGreaterThan(0);
  });

  it('still turns a real grade into its own word', async () => {
    expect(await callIsolated('knowledge/normalize.ts', 'words', [`${' '.repeat(N)}priorytet B`])).toEqual(['priorytet', 'bbbb']);
  });
});

describe('knowledge: masking a recorded question', () => {
  it.each([
    ['one 100k-letter word of Polish letters', 'priorytetą'.repeat(N / 10), 'priorytetą'.repeat(N / 10)],
    ['a 100k-letter word ending in an @', `${'a'.repeat(N)}@`, `${'a'.repeat(N)}@`],
    ['an address after 100k dots', `${dots} jan@firma.pl`, `${dots} [e-mail]`],
  ])('%s', async (_name, text, masked) => {
    expect(await callIsolated('knowledge/learning/mask.ts', 'maskPersonalData', [text])).toBe(masked);
  });
});

describe('the whole answer pipeline (spelling, trigrams, coverage)', () => {
  it.each([
    ['one 100k-letter word', 'a'.repeat(N)],
    ['one 100k-letter word of Polish letters', 'ż'.repeat(N)],
    ['dots', dots],
    ['words and punctuation', 'abonament, '.repeat(N / 11)],
  ])('%s gets an answer (or none) instead of hanging', async (_name, text) => {
    const result = (await callIsolated('test/fixtures/hostile/textPipelines.ts', 'answer', [text])) as { answered: boolean };
    expect(typeof result.answered).toBe('boolean');
  });
});

describe('e-mail and language checks', () => {
  it('an e-mail check on an address that never ends is false', async () => {
    expect(await callIsolated('test/fixtures/hostile/textPipelines.ts', 'email', [`a@${dots}@`])).toBe(false);
    expect(await callIsolated('test/fixtures/hostile/textPipelines.ts', 'email', [`a@b${'.c'.repeat(N / 2)} `])).toBe(false);
    expect(await callIsolated('test/fixtures/hostile/textPipelines.ts', 'email', ['anna.kowalska@contoso.pl'])).toBe(true);
  });

  it('language detection on 100k characters of near-words', async () => {
    expect(await callIsolated('test/fixtures/hostile/textPipelines.ts', 'locale', ['hows '.repeat(N / 5)])).toBeNull();
  });
});

describe('mail: the new text of a mail', () => {
  it.each([
    ['a sign-off on every line', 'Pozdrawiam\n'.repeat(N / 11)],
    ['a signature delimiter on every line', '--\n'.repeat(N / 3)],
    ['one line of 100k digits and spaces', '1 '.repeat(N / 2)],
    ['a quote intro that never ends', `On ${'1'.repeat(N)} wrote`],
    ['an Outlook header on every line', 'Od: a\n'.repeat(N / 6)],
    ['short lines of contact details', 'tel. 600 100 200\n'.repeat(N / 17)],
  ])('%s is read without backtracking', async (_name, text) => {
    expect(typeof (await callIsolated('ticketing/mail/newText.ts', 'newText', [text]))).toBe('string');
  });
});

describe('grading: the impact a description names', () => {
  it.each([
    ['100k digits', '1'.repeat(N)],
    ['a number before 100k letters', `12 ${'a'.repeat(N)}`],
    ['nobody and 100k words that never say received', `nikt ${'a '.repeat(N / 2)}`],
    ['impact words one after another', 'nikt nie działa wszyscy '.repeat(N / 24)],
  ])('%s gets a grade', async (_name, text) => {
    expect(['A', 'B', 'C']).toContain(await callIsolated('test/fixtures/hostile/textPipelines.ts', 'grade', [text]));
  });
});
