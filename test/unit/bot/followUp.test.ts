import { afterThanks, answerSpeaksTo, goesOnToAsk, movesTheQuestion, questionInContext, speaksToTheBot } from '../../../bot/followUp';

describe('a follow-up read with the question before it', () => {
  const previous = 'Ile minut dostaję co miesiąc w Office 365 Personal?';

  it.each([
    ['a w Family?'],
    ['i w weekend'],
    ['A co z numerami alarmowymi?'],
    ['and for Business plans?'],
    ['what about landlines?'],
    ['Family?'],
    ['ok, a w weekend?'],
    ['a w nocy też mogę zadzwonić?'],
  ])('"%s" is read with the previous question, without its question words', (text) => {
    const read = questionInContext(text, previous);
    expect(read).toMatch(new RegExp(`${text.replace(/[?]/g, '\\?')}$`));
    // "Ile" asked a number; the follow-up says what it asks itself.
    expect(read).not.toMatch(/\bIle\b/);
    expect(read).toContain('Office 365 Personal');
  });

  it.each([
    ['a message that says what it asks by itself', 'Do ilu krajów mogę dzwonić z minut Skype w ramach Office?'],
    ['a statement with no follow-up opening', 'mam problem z pocztą'],
    ['a longer phrase with only a question mark', 'numer pomocy technicznej w Niemczech?'],
    ['nothing but signs', '??'],
    ['a request, however it opens', 'a mogę porozmawiać z konsultantem?'],
    ['a request to report it', 'a czy da się to zgłosić?'],
    ['a request in English', 'and can I talk to someone about it?'],
    ['a request to do it for them', 'a możesz założyć zgłoszenie? licznik pokazuje zero'],
    ['a request for a person', 'i czy mogę to omówić z pracownikiem działu obsługi?'],
    ['a question about their own ticket', 'a co z moim zgłoszeniem w sprawie minut?'],
    ['a ticket being opened', 'ok, to zakładam zgłoszenie, bo minuty zniknęły'],
  ])('leaves alone %s, however loosely read', (_, text) => {
    expect(questionInContext(text, previous)).toBeUndefined();
    expect(questionInContext(text, previous, { loose: true })).toBeUndefined();
  });

  it('reads loosely a longer message that opens as a follow-up or points back', () => {
    for (const text of ['do they work if im travelling in morocco', 'ok and whats the deadline to use the office ones each month']) {
      expect(questionInContext(text, previous)).toBeUndefined();
      expect(questionInContext(text, previous, { loose: true })).toMatch(new RegExp(`${text}$`));
    }
    expect(questionInContext('how do I reset the password in the admin center', previous, { loose: true })).toBeUndefined();
  });

  it.each([
    ['a przy zwykłych zgłoszeniach?', true],
    ['what about emergency calls?', true],
    ['what about south korea', true],
    ['And for Family plans?', true],
    ['a dla B?', true],
    ['a dla B', false],
    ['a mogę porozmawiać z konsultantem?', false],
    ['what about my tickets?', false],
    ['a przy moim zgłoszeniu?', false],
    ['a co z naszym abonamentem?', false],
  ])('"%s" moves the question to something else: %s', (text, moves) => {
    expect(movesTheQuestion(text)).toBe(moves);
  });

  it.each([
    ['ok, a jakie masz funkcje?', true],
    ['and what can you do?', true],
    ['a co jeszcze umiesz?', true],
    ['a co jak ich nie wykorzystam?', false],
    ['i do jakich krajow moge dzwonic?', false],
  ])('"%s" speaks to the bot itself: %s', (text, toTheBot) => {
    expect(speaksToTheBot(text)).toBe(toTheBot);
  });

  it.each([
    ['ok and the one for the uk', true],
    ['thanks, what are the hours then', true],
    ['tak, ale czy to działa w Chinach?', true],
    ['Bardzo pomocne, dziękuję za szybką odpowiedź.', false],
    ['nie do końca', false],
    ['dzięki, o to chodziło', false],
  ])('"%s" goes on to ask something: %s', (text, asks) => {
    expect(goesOnToAsk(text)).toBe(asks);
  });

  it('needs a question before it', () => {
    expect(questionInContext('a w Family?', undefined)).toBeUndefined();
  });

  it('takes an answer only when it speaks to what the follow-up adds', () => {
    const expiry = 'Niewykorzystane minuty wygasają na koniec każdego miesiąca.';
    const perMonth = 'Co miesiąc dostajesz 60 minut bezpłatnych rozmów.';
    expect(answerSpeaksTo('a kiedy wygasają?', expiry)).toBe(true);
    // Polish endings differ: "wygasaja" (no diacritics) still finds "wygasają".
    expect(answerSpeaksTo('a kiedy wygasaja', expiry)).toBe(true);
    expect(answerSpeaksTo('a kiedy wygasają?', perMonth)).toBe(false);
    // "a dla C?" adds no word of meaning: the answer found in context stands.
    expect(answerSpeaksTo('a dla C?', perMonth)).toBe(true);
    // Nor do words that only point back or hold the sentence together ("przy", "then", "they").
    expect(answerSpeaksTo('a przy B?', perMonth)).toBe(true);
    // A grade named with its word ("sev A", "ważność C") is the letter the answer names.
    const times = 'First response: severity A within 1 hour; B within 1 business day; C within 3 business days.';
    expect(answerSpeaksTo('what about sev A?', times)).toBe(true);
    expect(answerSpeaksTo('a dla ważności C?', 'Pierwsza odpowiedź: ważność A – 1 godzina, B – 1 dzień roboczy, C – 3 dni.')).toBe(true);
    expect(answerSpeaksTo('and when do they expire then?', 'Unused minutes expire at the end of each month.')).toBe(true);
    expect(answerSpeaksTo('and when do they expire then?', 'You get 60 free minutes a month.')).toBe(false);
  });
});

describe('what a thanks goes on to ask', () => {
  it.each([
    ['dzięki, a ile kanałów można mieć?', 'a ile kanałów można mieć?'],
    ['ok thx, whats the max number of channels', 'whats the max number of channels'],
    ['great thanks. how many countries can i call', 'how many countries can i call'],
    ['Dziękuję bardzo, a z którego konta to schodzi', 'a z którego konta to schodzi'],
    ['cool, thanks - and when does it renew', 'and when does it renew'],
  ])('"%s" asks "%s"', (text, asked) => expect(afterThanks(text)).toBe(asked));

  it.each(['dzięki, to wszystko', 'thanks, that is what i needed', 'Perfect, exactly what I needed.', 'thanks!', 'ok, a w weekend?'])(
    '"%s" asks nothing after a thanks',
    (text) => expect(afterThanks(text)).toBeUndefined(),
  );
});
