import { editsBetween, Spelling } from '../../../bot/intents/spelling';
import { wordsOf } from '../../../bot/intents/classifier';
import { onlyGreeting, readsAsQuestion, withoutGreeting } from '../../../bot/intents/messageShape';

describe('typo tolerance of the intent classifier', () => {
  const spelling = new Spelling(['status', 'thanks', 'czesc', 'anuluj', 'anuluj', 'ty', 'zgloszenie', 'help', 'stop', 'oznacza']);

  it('reads a word one edit away (a transposition is one) as the training word', () => {
    expect(spelling.correct(['stauts', 'thnaks', 'czsec'])).toEqual(['status', 'thanks', 'czesc']);
  });

  it('allows two edits only in long words, and leaves short and known words alone', () => {
    expect(spelling.correct(['zgloszenai', 'anlouj', 'tu', 'status'])).toEqual(['zgloszenie', 'anlouj', 'tu', 'status']);
  });

  it('reads a four-letter word only through two swapped letters, and never past a different first letter', () => {
    expect(spelling.correct(['hepl', 'stoi', 'helo'])).toEqual(['help', 'stoi', 'helo']);
    expect(spelling.correct(['rozlacza', 'xtatus'])).toEqual(['rozlacza', 'xtatus']);
  });
});

describe('edits between two words', () => {
  it('counts inserts, deletes, replacements and swaps of neighbours, and stops past the bound', () => {
    expect(editsBetween('stauts', 'status', 2)).toBe(1);
    expect(editsBetween('dziki', 'dzieki', 2)).toBe(1);
    expect(editsBetween('anlouj', 'anuluj', 2)).toBe(2);
    expect(editsBetween('kot', 'kot', 2)).toBe(0);
    expect(editsBetween('abcdef', 'uvwxyz', 1)).toBe(2);
    expect(editsBetween('a', 'abcd', 1)).toBe(2);
  });
});

describe('the shape of a message', () => {
  it('drops a greeting before a request, and keeps a greeting that is all there is', () => {
    expect(withoutGreeting('Dzień dobry, chcę dopisać coś do zgłoszenia')).toBe('chcę dopisać coś do zgłoszenia');
    expect(withoutGreeting('hi there! show my tickets')).toBe('show my tickets');
    expect(withoutGreeting('Dzień dobry!')).toBe('Dzień dobry!');
    expect(withoutGreeting('Zgłaszam awarię')).toBe('Zgłaszam awarię');
  });

  it('knows a message that is nothing but a greeting', () => {
    expect(onlyGreeting('Helo!')).toBe(true);
    expect(onlyGreeting('Dzień dobry państwu')).toBe(true);
    expect(onlyGreeting('hej, jest tu ktoś?')).toBe(false);
    expect(onlyGreeting('')).toBe(false);
  });

  it('knows a question by its mark or its first word', () => {
    expect(readsAsQuestion('kto może założyć zgłoszenie')).toBe(true);
    expect(readsAsQuestion('Who may open a ticket?')).toBe(true);
    expect(readsAsQuestion('Zgłaszam awarię poczty')).toBe(false);
  });

  it('reads a request for an example or a definition as a question, and "na przykład" inside a report as none', () => {
    expect(readsAsQuestion('Przykład problemu o średniej ważności')).toBe(true);
    expect(readsAsQuestion('podaj przykłady spraw krytycznych')).toBe(true);
    expect(readsAsQuestion('give me an example of a severity B issue')).toBe(true);
    expect(readsAsQuestion('Na przykład Outlook nie wysyła poczty')).toBe(false);
    expect(readsAsQuestion('Przykładowo: nie działa mi Teams')).toBe(false);
  });
});

describe('chat shorthand', () => {
  it('is written out before the words are read, and a Polish "u" stays a word', () => {
    expect(wordsOf('wat can u do? pls')).toEqual(['what', 'can', 'u', 'do', 'please']);
    expect(wordsOf('cant log in, dont know why')).toEqual(['can', 't', 'log', 'in', 'don', 't', 'know', 'why']);
    expect(wordsOf('u nas nie działa')).toEqual(['u', 'nas', 'nie', 'dziala']);
  });

  it('drops the fillers of a chatty message', () => {
    expect(wordsOf('Słuchajcie, generalnie poczta nie działa')).toEqual(['poczta', 'nie', 'dziala']);
    expect(wordsOf('so basically my outlook is down')).toEqual(['so', 'my', 'outlook', 'is', 'down']);
  });
});
