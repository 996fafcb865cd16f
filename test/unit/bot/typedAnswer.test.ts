import { mentions, typedAnswerIn, type AnswerReading, type TypedChoice } from '../../../bot/typedAnswer';
import { choiceSaidAs, phrasingsOf } from '../../../bot/commands';
import { feedbackIn } from '../../../bot/faqFeedback';

const admin: TypedChoice[] = [
  choiceSaidAs('Tak', 'commands.yes', 'commands.amAdmin'),
  choiceSaidAs('Nie', 'commands.no', 'commands.notAdmin'),
];
const contact: TypedChoice[] = [
  choiceSaidAs('Dane są poprawne', 'commands.yes', 'commands.contactOk'),
  choiceSaidAs('Zmień dane', 'commands.no', 'commands.contactChange'),
];
const grade: TypedChoice[] = [
  choiceSaidAs('B – wysoki', 'commands.yes', 'commands.gradeB'),
  choiceSaidAs('C – niekrytyczny', 'commands.gradeC', 'commands.gradeC'),
];
const confirm: TypedChoice[] = [
  choiceSaidAs('confirm', 'commands.yes', 'commands.submit'),
  choiceSaidAs('cancel', 'commands.no', 'commands.dontSubmit'),
];

const read = (choices: TypedChoice[], texts: string[], reading: AnswerReading = {}) =>
  texts.map((text) => typedAnswerIn(text, choices, reading));
/** As at "Czy jesteś administratorem?", which people type past describing their problem. */
const describedPast = { describedPast: true };

describe('answers typed at a yes/no-like question', () => {
  it("reads a yes in a sentence, and a negation of the yes choice's own words as a no", () => {
    expect(read(admin, ['tak, jestem', 'jestem administratorem globalnym', 'no jestem', 'Yes, I am the admin'])).toEqual([0, 0, 0, 0]);
    expect(read(admin, ['nie jestem adminem', 'nope', "I'm not an admin", 'nie'])).toEqual([1, 1, 1, 1]);
  });

  it('at a question people type past, reads a no or a yes that answers, not one of the problem they describe', () => {
    expect(
      read(
        admin,
        ['raczej nie', 'niestety nie', 'chyba jednak nie', 'nie, wysyłam tylko pytanie', 'nie potrzebuję', 'no thanks', 'I am not'],
        describedPast,
      ),
    ).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(
      read(
        admin,
        [
          'nie wysyła maili od rana',
          'kwota się nie zgadza',
          'nikt nie może się zalogować',
          "it's not syncing",
          'no emails since 9am',
          'we dont have access to teams',
          'tak jak mówiłem, nie działa',
          'ok so the error says 0x80070005',
          'nie zgadza się kwota na fakturze',
        ],
        describedPast,
      ),
    ).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(read(admin, ['owszem', 'no ja, a kto inny', 'ok', 'yes please'], describedPast)).toEqual([0, 0, 0, 0]);
    // Where a described fault is the answer, it still says no.
    expect(read(contact, ['telefon się nie zgadza', 'ten mail już nie istnieje'])).toEqual([1, 1]);
  });

  it('takes neither for doubt, a question, or a message too long to be an answer', () => {
    expect(read(admin, ['nie wiem', 'nie jestem pewien', 'a jak to sprawdzić?', 'not sure'])).toEqual([
      'unsure',
      'unsure',
      'unsure',
      'unsure',
    ]);
    expect(typedAnswerIn('tak ale najpierw powiedz mi proszę jak długo to wszystko potrwa', admin)).toBeUndefined();
  });

  it('reads a change of contact data even beside an "ok", and the data confirmed in other words', () => {
    expect(
      read(contact, ['mail ok ale numer mam inny', 'numer jest nieaktualny', 'tak, ale zmień telefon', 'phone number is outdated']),
    ).toEqual([1, 1, 1, 1]);
    expect(read(contact, ['aktualne', 'wszystko się zgadza', 'tak', 'correct'])).toEqual([0, 0, 0, 0]);
  });

  it('takes a grade named in words or by its code, and a yes for the suggested one', () => {
    expect(read(grade, ['wysoki', 'może być', 'tak, wysoki priorytet', 'high please'])).toEqual([0, 0, 0, 0]);
    expect(read(grade, ['niski, nie pali się', 'to nic pilnego, może być C', 'low is fine', 'niekrytyczny'])).toEqual([1, 1, 1, 1]);
  });

  it('reads "send it" as a confirmation and "do not send" as none', () => {
    expect(read(confirm, ['tak, zgłaszaj', 'lecimy', 'looks good, submit', 'wszystko ok, wyślij'])).toEqual([0, 0, 0, 0]);
    expect(read(confirm, ['nie wysyłaj jeszcze', 'zła kategoria, popraw', 'jednak rezygnuję', 'no, cancel'])).toEqual([1, 1, 1, 1]);
  });
});

describe('mentions', () => {
  it("finds a phrase as written and a stem at a word's start, not inside a word", () => {
    const resend = phrasingsOf('commands.resendWords');
    expect(
      ['nic nie przyszło', 'nie dostałem smsa', 'poproszę nowy kod', "didn't get anything, resend pls"].map((text) =>
        mentions(text, resend),
      ),
    ).toEqual([true, true, true, true]);
    expect(mentions('przyszło, dzięki', resend)).toBe(false);
  });
});

describe('a message typed after "Did this help?"', () => {
  it('says the answer helped or did not, in its own words', () => {
    expect(['tak, dzięki', 'super, o to chodziło', 'Dziękuję, teraz wszystko jasne', 'perfect, thanks'].map(feedbackIn)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['nie bardzo', 'niestety nie', 'Nie do końca, brakuje godzin pomocy', 'not really'].map(feedbackIn)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    // Polish "no i" opens a sentence; a "nie" after it still says no, and so does a failure described.
    expect(['no i elegancko, dzięki', 'no i nadal nie działa', 'nie działa'].map(feedbackIn)).toEqual([true, false, false]);
  });

  it('is read as a message of its own when it asks or reports something new', () => {
    expect(
      [
        'ok, a ile to kosztuje?',
        'nie, mam inny problem: nie działa poczta',
        'a co jeśli nie jestem adminem',
        'chcę rozmawiać z konsultantem',
      ].map(feedbackIn),
    ).toEqual([undefined, undefined, undefined, undefined]);
  });
});
