import { askedObject } from '../../../knowledge/search/askedObject';
import { Terms } from '../../../knowledge/search/terms';

const terms = new Terms();
const objectOf = (question: string): string | undefined => askedObject(question, (text) => terms.ofQuestion(text));

describe('the thing a question asks about', () => {
  it.each([
    ['Jak zresetować hasło do poczty?', 'haslo'],
    ['Ile kanałów mogę dokupić?', 'kanal'],
    ['Na ilu drukarkach mogę drukować?', 'drukarkach'],
    // The clause that asks, after the context told before it; modal verbs are skipped.
    ['Kupiłem pakiet przez pomyłkę — jak mogę odzyskać pieniądze?', 'pieniadz'],
    ['How many printers can I connect?', 'printers'],
    // A new sentence asks anew.
    ['Czy da się przenieść pakiet? Jak zmienić konto?', 'konto'],
  ])('in "%s" is %s', (question, object) => {
    expect(objectOf(question)).toBe(object);
  });

  it.each([
    // A time, not a way; a number; no clause opening with the question word; English.
    'Jak długo trwa aktywacja minut?',
    'Po ilu dniach wygasa pakiet?',
    'Co się stanie, jak wpiszę 150 kanałów?',
    'Chcę zapytać, czy da się zmienić abonament?',
    'How do I reset my password?',
    // After a yes-or-no clause "jak…" tells when, not how.
    'Czy pakiet da się przenieść na inne konto, jak zmienimy firmę?',
  ])('is none in "%s"', (question) => {
    expect(objectOf(question)).toBeUndefined();
  });
});
