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
