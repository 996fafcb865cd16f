import { askedAction, askedObject } from '../../../knowledge/search/askedObject';
import { Terms } from '../../../knowledge/search/terms';

const terms = new Terms();
const objectOf = (question: string): string | undefined => askedObject(question, (text) => terms.ofQuestion(text))?.term;

describe('the thing a question asks about', () => {
  it.each([
    ['Jak zresetować hasło do poczty?', 'haslo'],
    ['Ile kanałów mogę dokupić?', 'kanal'],
    ['Na ilu drukarkach mogę drukować?', 'drukarkach'],
    // The clause that asks, after the context told before it; modal verbs are skipped.
    ['Kupiłem pakiet przez pomyłkę — jak mogę odzyskać pieniądze?', 'pieniadz'],
    ['How many printers can I connect?', 'printers'],
    // An infinitive in "-ść" ("przenieść", "znaleźć") is the verb, the thing comes after it.
    ['Jak przenieść licencję na nowy komputer?', 'licencja'],
    // "Jak wygląda X" asks what X is like: the thing comes right after the verb.
    ['Jak wygląda zwrot pieniędzy za kanały?', 'zwrot'],
    // A new sentence asks anew.
    ['Czy da się przenieść pakiet? Jak zmienić konto?', 'konto'],
  ])('in "%s" is %s', (question, object) => {
    expect(objectOf(question)).toBe(object);
  });

  it.each([
    ['Jak zresetować hasło?', 'haslo', 'action'],
    ['Jakie szczepienia zrobić przed wyjazdem?', 'szczepienia', 'which'],
    ['Które subskrypcje dają minuty?', 'subskrypcja', 'which'],
    // After a copula it asks what the thing is; pronouns and adjectives are skipped, and the
    // head of a Polish compound comes first.
    ['Jaka jest stawka za minutę połączenia?', 'stawka', 'what'],
    ['Jaki jest adres e-mail pomocy?', 'adres', 'what'],
    ['Kupiłem pakiet. Jakie są moje opcje?', 'opcje', 'what'],
    ['Jaki jest maksymalny czas odpowiedzi?', 'czas', 'what'],
    // An English compound ends in its head, before a preposition or what the question asks on.
    ['What is the per-minute rate for calls to Germany?', 'rate', 'what'],
    ["What's the mailbox size limit?", 'limit', 'what'],
    ['Which balance is charged for channels?', 'balance', 'which'],
  ])('in "%s" is %s, asked %s', (question, term, asks) => {
    expect(askedObject(question, (text) => terms.ofQuestion(text))).toEqual({ term, asks });
  });

  it.each([
    // A time, not a way; a number; no clause opening with the question word; English.
    'Jak długo trwa aktywacja minut?',
    'Po ilu dniach wygasa pakiet?',
    // "Ile…" asking how long, with an adverb of what is usual before the verb.
    'Kliknąłem aktywację. Ile to normalnie trwa?',
    'Co się stanie, jak wpiszę 150 kanałów?',
    'Chcę zapytać, czy da się zmienić abonament?',
    'How do I reset my password?',
    // After a yes-or-no clause "jak…" tells when, not how.
    'Czy pakiet da się przenieść na inne konto, jak zmienimy firmę?',
    // After a preposition or in the instrumental "which" asks where, when or how; a verb is no thing.
    'W którym miejscu jest przycisk pomocy?',
    'Jakimi sposobami można się skontaktować?',
    'Jaki wybrać plan?',
    // English "what" naming no thing.
    'What happens if I cancel?',
    "What's the first thing I should check?",
  ])('is none in "%s"', (question) => {
    expect(objectOf(question)).toBeUndefined();
  });
});

describe('what a question asks to do', () => {
  const actionOf = (question: string): string | undefined => askedAction(question, (text) => terms.ofQuestion(text));

  it.each([
    ['Jak przelać minuty na inne konto?', 'przelac'],
    // Modal verbs are skipped; the clause that asks comes after the context told.
    ['Kupiłem pakiet przez pomyłkę — jak mogę odzyskać pieniądze?', 'odzyskac'],
    ['Jak przenieść licencję na nowy komputer?', 'przeniesc'],
  ])('in "%s" is %s', (question, action) => {
    expect(actionOf(question)).toBe(action);
  });

  it.each([
    // A count, a time, a thing asked which; "jak…" after a yes-or-no clause tells when.
    'Ile kanałów mogę dokupić?',
    'Jak długo trwa aktywacja minut?',
    'Jaki jest adres e-mail pomocy?',
    'Czy pakiet da się przenieść na inne konto, jak zmienimy firmę?',
  ])('is none in "%s"', (question) => {
    expect(actionOf(question)).toBeUndefined();
  });
});
