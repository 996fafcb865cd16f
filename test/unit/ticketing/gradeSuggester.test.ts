import { GradeSuggester } from '../../../ticketing/domain/grading/gradeSuggester';

const suggester = new GradeSuggester();

describe('suggested grade from the description', () => {
  it.each([
    ['Poczta nie wysyła się u wszystkich pracowników', 'A'],
    ['Mail is not sending for everyone', 'A'],
    ['Witryna SharePoint nie działa dla całej firmy', 'A'],
    ['Przycisk w Outlooku wygląda dziwnie, jest rozjechany', 'B'],
    ['An Outlook button looks wrong', 'B'],
    ['Jeden użytkownik nie może otworzyć skrzynki współdzielonej', 'B'],
    ['Jak ustawić hasło, które nigdy nie wygasa?', 'C'],
    ['How do I set a password that never expires?', 'C'],
  ])('%s -> %s', (description, grade) => {
    const suggestion = suggester.suggest(description);
    expect(suggestion.grade).toBe(grade);
    expect(suggestion.confidence).toBeGreaterThan(0.5);
  });

  it.each([
    [
      'an outage told calmly',
      'Drobna sprawa: od rana nikt w biurze nie dostaje maili z zewnątrz, zerknijcie jak będziecie mieli chwilę',
      'A',
    ],
    ['urgency shouted about how something looks', 'PILNE!!! Logo firmy w stopce Outlooka ma zły kolor!!!', 'C'],
    ['a how-to question with words of trouble in it', 'How do I give an auditor read-only access to two mailboxes?', 'C'],
    ['a team kept out, however calmly', 'Nic pilnego, ale dział kadr (4 osoby) nie może się zalogować do SharePointa', 'B'],
    ['many who get by another way meanwhile', 'Nobody in sales gets mail on their phones, they are managing on laptops for now', 'B'],
    ['a thousand people counted with a separator', 'The all-hands for 1,500 employees cannot start, the event errors out', 'A'],
    ['everyone else being fine', 'One user cannot open encrypted mail; everyone else can', 'B'],
    ['a service said to be down, no one named', 'sharepoint lezy, 503 na kazdej stronie', 'A'],
    [
      'the one person who does it, due within hours',
      'Nasza jedyna księgowa nie może się zalogować, a przelewy z wypłatami muszą wyjść za 2 godziny',
      'A',
    ],
    ['a group address is no scope', 'Grupa dynamiczna wszyscy@contoso.pl przestała dodawać nowe osoby', 'B'],
    ['one person with a way round it', 'Jednej osobie Outlook nie pokazuje kalendarza, w przeglądarce da się go otworzyć', 'C'],
  ])('%s', (_case, description, grade) => {
    expect(suggester.suggest(description).grade).toBe(grade);
  });

  it('names the impact that decided the grade, and none when the classifier did', () => {
    expect(suggester.suggest('Konto prezesa zostało przejęte, wysyła phishing').reason).toBe('breach');
    expect(suggester.suggest('Jak dodać alias do skrzynki?').reason).toBe('question');
    expect(suggester.suggest('Czy da się to ustawić do piątku? Nowi ludzie zaczynają od poniedziałku').reason).toBe('deadline');
    expect(suggester.suggest('qwerty zxcvb').reason).toBeUndefined();
  });

  it('reads money words as money only in a billing request', () => {
    const complaint = 'Pobraliście z naszej karty trzy razy więcej niż zwykle';
    expect(suggester.suggest(complaint, 'billing').grade).toBe('B');
    expect(suggester.suggest('The federation certificate expired overnight and nobody can sign in', 'technical').grade).toBe('A');
  });

  it('falls back to B, with no confidence, when it knows none of the words', () => {
    expect(suggester.suggest('qwerty zxcvb')).toEqual({ grade: 'B', confidence: 0 });
  });

  it('learns from the examples it is given what words that name no impact mean', () => {
    const tiny = new GradeSuggester([
      { grade: 'A', text: 'fioletowy alarm w serwerowni' },
      { grade: 'C', text: 'zielona karteczka na monitorze' },
    ]);
    expect(tiny.suggest('znowu fioletowy alarm').grade).toBe('A');
    expect(tiny.suggest('zielona karteczka').grade).toBe('C');
  });
});
