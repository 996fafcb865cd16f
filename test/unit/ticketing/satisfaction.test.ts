import { ratingIn } from '../../../ticketing/domain/satisfaction';

describe('a typed answer to "how would you rate our help?"', () => {
  it.each([
    ['5', { rating: 5 }],
    ['4/5', { rating: 4 }],
    ['3 na 5', { rating: 3 }],
    ['5 gwiazdek!', { rating: 5 }],
    ['2 stars', { rating: 2 }],
    ['4, szybko i konkretnie', { rating: 4, comment: 'szybko i konkretnie' }],
    ['Super!', { rating: 5 }],
    ['SUPER, dzięki za pomoc', { rating: 5, comment: 'dzięki za pomoc' }],
    ['super dziękuję', { rating: 5, comment: 'dziękuję' }],
    ['Świetnie', { rating: 5 }],
    ['bardzo dobrze', { rating: 5 }],
    ['dobrze', { rating: 4 }],
    ['średnio', { rating: 3 }],
    ['słabo', { rating: 2 }],
    ['Słabo - czekałem dwa dni', { rating: 2, comment: 'czekałem dwa dni' }],
    ['bardzo słabo', { rating: 1 }],
    ['fatalnie.', { rating: 1 }],
    ['Excellent.', { rating: 5 }],
    ['good', { rating: 4 }],
    ['bad', { rating: 2 }],
    ['very bad, nobody called back', { rating: 1, comment: 'nobody called back' }],
    ['👍', { rating: 5 }],
    ['Dzień dobry, daję 5', { rating: 5 }],
    ['Witam, 4/5 — szybko poszło', { rating: 4, comment: 'szybko poszło' }],
    ['Dzień dobry! Oceniam na 3, długo czekałem', { rating: 3, comment: 'długo czekałem' }],
    ['Cześć, super, dziękuję za pomoc', { rating: 5, comment: 'dziękuję za pomoc' }],
    ['Witam serdecznie. Słabo - nikt nie oddzwonił', { rating: 2, comment: 'nikt nie oddzwonił' }],
    ['Hi there, I give it 4 stars', { rating: 4 }],
    ['Good morning! 5/5, thanks a lot', { rating: 5, comment: 'thanks a lot' }],
    ['Hello, very bad - nobody called back', { rating: 1, comment: 'nobody called back' }],
  ])('%s is a rating', (text, expected) => {
    expect(ratingIn(text)).toEqual(expected);
  });

  it.each([
    'słabo działa nadal',
    'nadal nie działa',
    '5 minut temu znowu padło',
    '50 osób',
    '6',
    '0',
    'ok',
    'Jaki jest numer telefonu?',
    '',
    'Dzień dobry!',
    'Dzień dobry, słabo działa nadal',
    'Witam, daję 2 pliki w załączniku',
    'Hello, 5 minutes ago it broke again',
    'Hi, ok',
  ])('%s is a message, not a rating', (text) => {
    expect(ratingIn(text)).toBeNull();
  });

  it('keeps a long comment to the limit a rating takes', () => {
    expect(ratingIn(`3, ${'x'.repeat(2_000)}`)!.comment).toHaveLength(1_000);
  });
});
