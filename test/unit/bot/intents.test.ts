import { readFileSync } from 'fs';
import { join } from 'path';
import { loadArticles } from '../../../knowledge/loader';
import { SearchEngine } from '../../../knowledge/search/engine';
import { evaluateIntents, readIntentSet, type IntentReport } from '../../../bot/intents/evaluation';
import { IntentRecognizer, statedIntent } from '../../../bot/intents/recognizer';
import type { Locale } from '../../../common/locale';
import { asksAfterTicket, asksWhoAnswers, questionAnnounced } from '../../../bot/intents/messageShape';

const recognizer = new IntentRecognizer(new SearchEngine(loadArticles()));
const measure = (file: string): IntentReport =>
  evaluateIntents(readIntentSet(join(__dirname, '../../fixtures/bot', file)), (text) => recognizer.recognize(text));
const share = (report: IntentReport, group: string, what: 'direct' | 'reached'): number => {
  const g = report.groups.get(group)!;
  return (what === 'direct' ? g.direct : g.direct + g.askedRight) / g.total;
};

// Floors a little under the figures measured with `npm run eval:intents` (see test/fixtures/bot/README.md):
// a change that makes the bot understand people worse fails here. "Reached" counts a message whose
// intent the bot took at once or offered in its one question back.
describe('intent recognition on phrasings written by people who never saw the catalogue', () => {
  it.each([
    ['intents-tune.jsonl', 0.88, 0.98, 0.96],
    ['intents-blind.jsonl', 0.87, 0.97, 0.96],
    ['intents-blind-I3.jsonl', 0.88, 0.97, 0.96],
    ['intents-I4.jsonl', 0.88, 0.98, 0.96],
    ['intents-I5.jsonl', 0.88, 0.97, 0.96],
    ['intents-I6.jsonl', 0.87, 0.97, 0.96],
    ['intents-I7.jsonl', 0.86, 0.96, 0.96],
    ['intents-I8.jsonl', 0.86, 0.97, 0.96],
    ['intents-I9.jsonl', 0.88, 0.97, 0.96],
    ['intents-I10.jsonl', 0.82, 0.95, 0.94],
    ['intents-I11.jsonl', 0.85, 0.96, 0.94],
    ['intents-I12.jsonl', 0.83, 0.96, 0.95],
    ['intents-I13.jsonl', 0.88, 0.95, 0.96],
    ['intents-I14.jsonl', 0.85, 0.96, 0.94],
    ['intents-I15.jsonl', 0.9, 0.97, 0.95],
    // The tenth round's report set, read as a tuning set since the eleventh (85.9% -> 87.4% at once).
    ['intents-I16.jsonl', 0.86, 0.96, 0.95],
    // The eleventh round's report set, unread: the next round may read it once it has a new one.
    ['intents-I17.jsonl', 0.88, 0.95, 0.96],
  ])('keeps %s above its floor, and never takes a question for ticket work unasked', (file, direct, reached, englishReached, known = 0) => {
    const report = measure(file);
    expect(share(report, 'all', 'direct')).toBeGreaterThanOrEqual(direct);
    expect(share(report, 'all', 'reached')).toBeGreaterThanOrEqual(reached);
    expect(share(report, 'pl', 'reached')).toBeGreaterThanOrEqual(reached);
    expect(share(report, 'en', 'reached')).toBeGreaterThanOrEqual(englishReached);
    // Any beyond the known ones, by their text.
    expect(report.questionsToTicket.map((c) => c.text).slice(known)).toEqual([]);
  });
});

// The chat where a ticket is open: a status message is answered with the ticket when the recogniser
// reads its status or the thread's wider reading matches; nothing else ever is (see the README).
describe("progress asks in a ticket's thread, written by people who never saw the catalogue", () => {
  it.each([
    // The other messages answered with the ticket add "it works on the phone" (W1), a deputy's
    // address (W2), when to call (W3), or ask about a refund (W3): read as a status by the
    // recogniser since before the thread's reading, an extra reply each, kept.
    ['waiting-W1.jsonl', 0.95, 1],
    ['waiting-W2.jsonl', 0.93, 1],
    ['waiting-W3.jsonl', 0.95, 2],
    // The tenth round's thread set, read as a tuning set since the eleventh (41/70 -> 59/70); the
    // three others answered with the ticket: two adds ("it works now", "that part is sorted") and
    // a refund question the base is asked first about.
    ['waiting-W4.jsonl', 0.82, 3],
    // The eleventh round's thread set, unread (50 -> 54 of 70 in that round; no other message shown it).
    ['waiting-W5.jsonl', 0.75, 0],
  ])('answers the status messages of %s with the ticket above its floor, and no other message', (file, floor, known) => {
    const rows = readFileSync(join(__dirname, '../../fixtures/bot', file), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { text: string; label: string });
    const answered = (text: string) => {
      const reading = recognizer.recognize(text);
      return ('intent' in reading ? reading.intent === 'ticket_status' : reading.ask.includes('ticket_status')) || asksAfterTicket(text);
    };
    const status = rows.filter((row) => row.label === 'status');
    expect(status.filter((row) => answered(row.text)).length / status.length).toBeGreaterThanOrEqual(floor);
    expect(rows.filter((row) => row.label !== 'status' && answered(row.text)).map((row) => row.text)).toHaveLength(known);
  });
});

describe("a ticket's thread: waiting told in other words", () => {
  it('reads days counted, a promise not kept and an update asked for as asking after the ticket', () => {
    for (const text of [
      'to już czwarty dzień czekania',
      "we're on day 5 and still nothing",
      'no reply since Tuesday',
      'od 3 dni nikt się nie odzywa',
      'Mieliście zadzwonić przed południem, jest 15:00',
      'you were supposed to get back to me yesterday',
      'jakiś update?',
      'Proszę o aktualizację, szef pyta',
      'any chance of hearing back this week?',
      'Czy konsultant zdążył już przejrzeć te zrzuty?',
      'halo, jest tu ktoś?',
      'is anyone actually working on it?',
    ])
      expect({ text, asks: asksAfterTicket(text) }).toEqual({ text, asks: true });
  });

  it('leaves more for the agent alone, even with days or escalation in it', () => {
    for (const text of [
      'od 3 dni nie działa też drukarka sieciowa',
      'the problem escalated to the whole sales team today',
      'dodaję: od wczoraj błąd 0x80070005',
      'jestem dostępny jutro od 9',
    ])
      expect({ text, asks: asksAfterTicket(text) }).toEqual({ text, asks: false });
  });
});

describe('intent recognition', () => {
  it('takes the command phrasings and the buttons at their word', () => {
    expect(statedIntent('Załóż zgłoszenie')).toBe('open_ticket');
    expect(statedIntent('Zadaję pytanie')).toBe('question');
    expect(statedIntent('status SR-2026-000123')).toBe('ticket_status');
    expect(statedIntent('sr-2026-000123')).toBe('ticket_status');
    expect(statedIntent('dodaj do SR-2026-000123: restart nic nie dał')).toBe('add_to_ticket');
    expect(statedIntent('uzupełnij SR-2026-000123 o zrzut ekranu')).toBe('add_to_ticket');
    expect(statedIntent('Update SR-2026-000123: now it fails for everyone')).toBe('add_to_ticket');
    expect(statedIntent('update on SR-2026-000123?')).not.toBe('add_to_ticket');
    expect(statedIntent('Jak zresetować hasło?')).toBeNull();
  });

  it('understands requests in ordinary words', () => {
    expect(recognizer.recognize('Chcę zgłosić problem')).toMatchObject({ intent: 'open_ticket' });
    expect(recognizer.recognize('poczta nie działa w całej firmie od rana, pomóżcie')).toMatchObject({ intent: 'open_ticket' });
    expect(recognizer.recognize('pokaż wszystkie moje zgłoszenia')).toMatchObject({ intent: 'list_tickets' });
    expect(recognizer.recognize('I want to speak with a real person')).toMatchObject({ intent: 'talk_to_person' });
    expect(recognizer.recognize('Ile kosztują minuty Skype w Office 365?')).toMatchObject({ intent: 'question' });
  });

  it('reads through typos, a greeting before the request, and a question about ticket work', () => {
    expect(recognizer.recognize('stauts SR-2026-000123')).toMatchObject({ intent: 'ticket_status' });
    expect(recognizer.recognize('thnaks')).toMatchObject({ intent: 'thanks' });
    expect(recognizer.recognize('Witam, w sprawie SR-2026-000123 chcę dopisać nowy numer telefonu')).toMatchObject({
      intent: 'add_to_ticket',
    });
    expect(recognizer.recognize('Dzień dobry, jestem tu pierwszy raz.')).toMatchObject({ intent: 'greeting' });
    expect(recognizer.recognize('Helo')).toMatchObject({ intent: 'greeting' });
    const hello = recognizer.recognize('Hej, mam dwa plany minut w Skypie, który zużywa się najpierw?');
    expect('intent' in hello ? hello.intent : hello.ask).toContain('question');
    const about = recognizer.recognize('Who is allowed to open a support request?');
    expect('ask' in about && about.ask).toContain('question');
  });

  it('takes ticket work the desk is asked to do at its word, and still asks about a question about tickets', () => {
    for (const [text, intent] of <[string, string][]>[
      ['Can you open a case for me? Teams meetings are broken for everyone.', 'open_ticket'],
      ['hej, możecie to jakoś zgłosić do technicznych? skype się nie łączy od rana', 'open_ticket'],
      ['Zapomniałem napisać w zgłoszeniu, że chodzi o 40 skrzynek. Możecie to dopisać?', 'add_to_ticket'],
      ['Czy mogę porozmawiać z konsultantem?', 'talk_to_person'],
      ['can I speak with an agent please?', 'talk_to_person'],
      ['Please create a support case, Teams calls drop for everyone in our office.', 'open_ticket'],
      ['Zgłaszam awarię: Skype Connect nie łączy rozmów wychodzących.', 'open_ticket'],
      // Asked for outright, not as a question: the problem's words (a question to the base) weigh less.
      ['Please create a support case. Skype minutes from Office never arrived.', 'open_ticket'],
    ])
      expect(recognizer.recognize(text)).toEqual({ intent, fastPath: false });
    // Asked to act as a question, read as a question (the problem's words weigh more): asked, never answered outright.
    for (const text of [
      'Czy możesz zgłosić, że minuty Skype nie doszły?',
      'can u open a case, minutes from office 365 not showing in skype',
    ])
      expect(recognizer.recognize(text)).toEqual({ ask: ['open_ticket', 'question'] });
    for (const text of [
      'Who may open a support ticket?',
      'Czy mogę założyć zgłoszenie w nocy?',
      'a jak nie mam konta Skype, to zakładam nowe przy aktywacji?',
    ]) {
      const reading = recognizer.recognize(text);
      expect('intent' in reading ? reading.intent : reading.ask).toContain('question');
    }
  });

  it('takes ticket work asked for with an order ("open a ticket", "dopiszcie") and asks about progress on something reported', () => {
    for (const [text, intent] of <[string, string][]>[
      ['Open a ticket for me, the Skype minutes never showed up', 'open_ticket'],
      ['Do mojego zgłoszenia dopiszcie, że problem dotyczy też Outlooka', 'add_to_ticket'],
    ])
      expect(recognizer.recognize(text)).toEqual({ intent, fastPath: false });
    // "How is what I reported going?" is about the customer's ticket, whatever the problem's words.
    for (const text of [
      'Zgłosiłem awarię Teams wczoraj, na jakim jest etapie?',
      'I reported a mail outage this morning, any update?',
      'Czy ktoś już nad tym pracuje? Wczoraj zgłaszałam, że Skype Connect nie działa',
    ])
      expect(recognizer.recognize(text)).toEqual({ ask: ['ticket_status', 'question'] });
    // Without anything reported before, the same words ask about the products.
    for (const text of ['Is there any update to the Skype minutes plans?', 'co się dzieje z minutami, gdy anuluję Office?'])
      expect(recognizer.recognize(text)).toEqual({ intent: 'question', fastPath: false });
  });

  it("takes a detail of a ticket put right as more for it, and ticket work asked for outright over the base's article on its problem", () => {
    for (const text of [
      'W moim zgłoszeniu jest błędny numer telefonu, poprawny to 601 222 333',
      'pomyliłam się przy adresie w zgłoszeniu, ma być biuro@firma.pl',
      'I typed the wrong email address on my ticket, it should be it@contoso.com',
    ])
      expect(recognizer.recognize(text)).toEqual({ intent: 'add_to_ticket', fastPath: false });
    // A mistake that is no detail of a ticket, or a question about one, is not.
    expect(recognizer.recognize('Sorry, pomyliłem się, anuluj to zgłoszenie')).not.toMatchObject({ intent: 'add_to_ticket' });
    expect(recognizer.recognize('Co zrobić, gdy w zgłoszeniu podałem zły numer?')).not.toMatchObject({ intent: 'add_to_ticket' });
    // The grades' examples are in the base, so the problem alone reads as a question about them.
    for (const text of [
      'Proszę o zgłoszenie krytyczne: nikt w firmie nie może dołączyć do spotkań w Skype dla firm',
      'Please create a severity A ticket. Nobody in our company can join Skype for Business meetings.',
    ])
      expect(recognizer.recognize(text)).toEqual({ intent: 'open_ticket', fastPath: false });
  });

  it("takes progress asked on a named ticket for its status, the customer's tickets in other words for the list, and a talk asked for", () => {
    for (const text of [
      'Czy pomoc techniczna już odpowiedziała na zgłoszenie, które wysłałem rano?',
      'Has anyone replied to the case I raised on Monday?',
    ])
      expect(recognizer.recognize(text)).toEqual({ intent: 'ticket_status', fastPath: false });
    // Reported, but no ticket named: it may still be a question about the service, so the bot asks.
    expect(recognizer.recognize('I reported a mail outage this morning, any update?')).toEqual({ ask: ['ticket_status', 'question'] });
    for (const text of ['a ile my mamy otwartych zgłoszeń?', "what've we got open with you?", 'list everything we have ever reported'])
      expect(recognizer.recognize(text)).toEqual({ intent: 'list_tickets', fastPath: false });
    expect(recognizer.recognize('Jakie zgłoszenia mogę założyć jako administrator?')).not.toMatchObject({ intent: 'list_tickets' });
    expect(recognizer.recognize('da się porozmawiać z jakimś konsultantem?')).toEqual({ intent: 'talk_to_person', fastPath: false });
    // A ticket pointed at ("the sharepoint case") names it as well as "the ticket I opened" does.
    expect(recognizer.recognize('so is the teams case going anywhere')).toEqual({ intent: 'ticket_status', fastPath: false });
    for (const text of ['pokaż, które moje zgłoszenia są jeszcze otwarte', 'Which requests do we have open right now?'])
      expect(recognizer.recognize(text)).toEqual({ intent: 'list_tickets', fastPath: false });
  });

  it('takes more given for a ticket outright as more for it, and the same asked as a question is asked about', () => {
    for (const text of [
      'Do zgłoszenia o skrzynkach dodaję: problem dotyczy też kalendarzy.',
      'Co do zgłoszenia o poczcie: dodaję, że błąd wraca co godzinę',
      'proszę zaktualizować moje zgłoszenie, od rana działa już tylko w przeglądarce',
      'update my ticket: the printer works again, only scanning fails',
      'please note in my case that we already restarted the server',
    ])
      expect(recognizer.recognize(text)).toEqual({ intent: 'add_to_ticket', fastPath: false });
    expect(recognizer.recognize('Jak dodać załącznik do zgłoszenia?')).not.toEqual({ intent: 'add_to_ticket', fastPath: false });
  });

  it('takes a human asked for instead of the bot for a hand-over, and a question asked as a choice or indirectly for a question', () => {
    for (const text of [
      'Is there a real person I can chat with?',
      'potrzebuje zywej osoby, nie bota',
      'mozesz mnie przekierowac do zywej osoby?',
      'ej, możesz mnie przełączyć do jakiejś osoby?',
    ])
      expect(recognizer.recognize(text)).toEqual({ intent: 'talk_to_person', fastPath: false });
    // A human named in a question about something else is no hand-over.
    for (const text of [
      'Does a human answer the support line?',
      'Ile wody dziennie powinien pić dorosły człowiek?',
      'Jak przełączyć połączenie do innej osoby w Teams?',
    ])
      expect(recognizer.recognize(text)).not.toEqual({ intent: 'talk_to_person', fastPath: false });
    // A question typed without a question mark, as a choice or indirectly, is asked about.
    for (const text of [
      'nie jestem adminem w firmie, mogę w ogóle coś zgłosić czy muszę iść do naszego IT',
      'Please tell me if support is helping also in configuration of shared mailbox.',
    ])
      expect(recognizer.recognize(text)).toEqual({ ask: ['open_ticket', 'question'] });
    // ...unless announced as one ("wondering"): the base answers it.
    expect(recognizer.recognize('wondering if support helps with third-party Outlook plugins or nah')).toEqual({
      intent: 'question',
      fastPath: false,
    });
  });

  it('takes more said outright for a ticket, and progress asked of a ticket pointed at, at their word', () => {
    expect(recognizer.recognize('dopisz do tamtej sprawy, że drukarka też nie działa')).toMatchObject({ intent: 'add_to_ticket' });
    expect(recognizer.recognize('add to case 5521 that printing fails too')).toMatchObject({ intent: 'add_to_ticket' });
    expect(recognizer.recognize('zerknij, co z tym zgłoszeniem od wczoraj')).toMatchObject({ intent: 'ticket_status' });
    expect(recognizer.recognize('mam zgłoszenie z ważnością B od rana, co jest grane?')).toMatchObject({ intent: 'ticket_status' });
    // Asked how to, it stays a question (or is asked about).
    expect(recognizer.recognize('jak mogę dopisać coś do zgłoszenia?')).not.toMatchObject({ intent: 'add_to_ticket' });
  });

  it('never offers a hello, a thanks or "stop" for a message that asks something', () => {
    // The classifier hesitates between these and ticket work here; the question is offered in their place.
    expect(recognizer.recognize('is that usable from kenya')).toEqual({ ask: ['talk_to_person', 'question'] });
    expect(recognizer.recognize('would that be usable from oman')).toEqual({ ask: ['talk_to_person', 'question'] });
    expect(recognizer.recognize('is it usable from the uae')).toEqual({ ask: ['open_ticket', 'question'] });
  });

  it('takes calling it off for cancel, and leaves "nie trzeba" to answer a prompt', () => {
    for (const text of [
      'dobra, nieważne',
      'nvm, scrap that',
      'ok, forget it',
      'odpuszczam',
      'no wait, we no longer need a ticket',
      'jednak nie chcę zakładać zgłoszenia',
      'nie, rozmyśliłam się',
      'a jednak zmieniłem zdanie',
      'sorry, changed my mind',
    ])
      expect(recognizer.recognize(text)).toMatchObject({ intent: 'cancel' });
    // Said outright, it is stated as "anuluj" is (and so stops a prompt); "nieważne" is not.
    expect(statedIntent('nvm, scrap that')).toBe('cancel');
    expect(statedIntent('nie, rozmyśliłem się')).toBe('cancel');
    expect(statedIntent("I don't need the ticket after all")).toBe('cancel');
    expect(statedIntent('dobra, nieważne')).toBeNull();
    expect(recognizer.recognize('nie trzeba')).not.toMatchObject({ intent: 'cancel' });
  });

  it('takes a bare "any news?" for a ticket\'s status (or asks), and keeps news about a product a question', () => {
    const status = (text: string) => {
      const reading = recognizer.recognize(text);
      return 'intent' in reading ? [reading.intent] : reading.ask;
    };
    for (const text of [
      'any news?',
      'i co?',
      'Jakieś wieści?',
      'no i? coś już wiadomo?',
      'nadal nic??',
      'kiedy to naprawicie?',
      'when will it be fixed?',
      'ile jeszcze mam czekać?',
    ])
      expect(status(text)).toContain('ticket_status');
    for (const text of ['co nowego w Skype dla firm?', 'any news about Teams calling plans?', 'i co z minutami po anulowaniu planu?'])
      expect(status(text)).not.toContain('ticket_status');
  });

  it("takes a ticket's status asked for without naming a ticket, over a question the knowledge base answers, for the question", () => {
    expect(recognizer.recognize('Co się stanie z pieniędzmi, jeśli zmniejszę liczbę kanałów w trakcie okresu abonamentu?')).toEqual({
      intent: 'question',
      fastPath: false,
    });
    for (const text of ['Co z moim zgłoszeniem?', 'any news on my case?', 'jaki jest staus mojego zgłsozenia?'])
      expect(recognizer.recognize(text)).toEqual({ intent: 'ticket_status', fastPath: false });
  });

  it('takes a question about problems and severities for a question, and a reported problem for a ticket', () => {
    for (const text of [
      'Przykład problemu o średniej ważności',
      'Podaj przykład problemu krytycznego',
      'Jaki problem ma ważność B?',
      'example of a severity B problem',
    ])
      expect(recognizer.recognize(text)).toMatchObject({ intent: 'question' });
    for (const text of ['mam problem z Outlookiem', 'zgłaszam awarię', 'nie działa mi Teams, potrzebuję pomocy'])
      expect(recognizer.recognize(text)).toMatchObject({ intent: 'open_ticket' });
  });

  it('takes a problem stated in a few words for a ticket when the base has nothing on it, whatever the classifier hears', () => {
    // The classifier heard "cancel", "thanks", "a ticket's list" or "help" in these.
    for (const text of [
      'teams się wiesza',
      'word nie zapisuje plików',
      "can't access my mailbox",
      'we lost all our teams chat history',
      'sso login broken',
    ])
      expect({ text, reading: recognizer.recognize(text) }).toEqual({ text, reading: { intent: 'open_ticket', fastPath: false } });
    // The base has entries near these (verification locked after wrong codes, what a critical problem is): asked.
    for (const text of ['konto zablokowane', 'wszystko nam padło'])
      expect({ text, reading: recognizer.recognize(text) }).toEqual({ text, reading: { ask: ['open_ticket', 'question'] } });
    // Not a problem for a new ticket: one solved, one of the bot, one of a ticket named, an order, a question.
    for (const text of [
      'Dziękuję, problem rozwiązany.',
      'nie kontynuuj',
      'dopisz do zgłoszenia, że błąd wrócił',
      'dlaczego teams się wiesza?',
    ])
      expect({ text, reading: recognizer.recognize(text) }).not.toEqual({ text, reading: { intent: 'open_ticket', fastPath: false } });
  });

  it('takes a problem after a hello for a problem, not a greeting, and adding to no ticket for a problem', () => {
    // The hello won: the greeting and nothing more.
    for (const text of ['hej, outlook mi świruje', 'Dzień dobry, outlook mi nie działa'])
      expect({ text, reading: recognizer.recognize(text) }).toEqual({ text, reading: { intent: 'open_ticket', fastPath: false } });
    const outage = recognizer.recognize('Good morning. Urgent: email outage.');
    expect('ask' in outage ? outage.ask[0] : outage.intent).toBe('open_ticket');
    // A hello with no problem after it stays a greeting.
    for (const text of ['Witam, jestem tu nowa.', 'Dzień dobry, z tej strony Anna z działu IT.'])
      expect({ text, reading: recognizer.recognize(text) }).toEqual({ text, reading: { intent: 'greeting', fastPath: false } });
    // "dodać" with no ticket spoken of was a menu [Dodaj do zgłoszenia] [Rozmowa z konsultantem].
    expect(recognizer.recognize('nie moge dodac gościa do zespołu')).toEqual({ intent: 'open_ticket', fastPath: false });
    expect(recognizer.recognize('dodaj do zgłoszenia że nadal nie działa')).toEqual({ intent: 'add_to_ticket', fastPath: false });
  });

  it('reads a question announced with its topic or its question as a question, and leaves ticket work and problems to their rules', () => {
    // The classifier heard a hello, "help", a ticket or nothing sure in these.
    for (const text of [
      'witam, chciałbym zapytać o skype',
      'Dzień dobry, pytanie odnośnie rozliczeń',
      'Mam takie pytanie dotyczące profilu SIP',
      'chciałam się dowiedzieć jak zmienić hasło',
      'I wanted to ask about billing',
      "quick q - what's the US support phone number?",
    ])
      expect({ text, reading: recognizer.recognize(text) }).toEqual({ text, reading: { intent: 'question', fastPath: false } });
    expect(questionAnnounced('witam, chciałbym zapytać o skype')).toBe('skype');
    expect(questionAnnounced('Interesuje mnie pomoc przedsprzedażna, mam pytanie')).toBe('pomoc przedsprzedażna');
    expect(questionAnnounced('mam pytanie, ile minut dostaję w Office 365 Personal?')).toBe('ile minut dostaję w Office 365 Personal?');
    // Still to come: the bot says "go ahead".
    for (const text of [
      'hej, jest ktoś? mam pytanko',
      'Przepraszam, czy mogę zadać pytanie?',
      'hello? anyone there, got a q',
      "Hi there, I'd like to ask a few things.",
    ])
      expect({ text, asked: questionAnnounced(text) }).toEqual({ text, asked: '' });
    for (const text of [
      'Szanowni Państwo, chciałbym uzyskać pewną informację.',
      'Dobry, można jedną rzecz podpytać?',
      'yo, got a sec for a question?',
      'Mam pewną wątpliwość i chciałbym ją wyjaśnić.',
      'Dzień dobry, nurtuje mnie jedna sprawa.',
      'Dear Sir or Madam, I am writing with a query.',
      "Hello. I'd like to clarify something, please.",
    ])
      expect({ text, asked: questionAnnounced(text) }).toEqual({ text, asked: '' });
    // Tickets in general are a question; the person's own ticket is not.
    expect(recognizer.recognize('Dzień dobry, mam pytanie - jaki poziom ważności dostanie zgłoszenie, gdy nie działa poczta?')).toEqual({
      intent: 'question',
      fastPath: false,
    });
    // Announced, but about their ticket, a problem, or no announcement at all.
    expect(recognizer.recognize('chciałbym zapytać, co z moim zgłoszeniem SR-2026-000123')).toMatchObject({ intent: 'ticket_status' });
    expect(recognizer.recognize('Witam, chciałem się dowiedzieć czy jest już coś wiadomo w sprawie SR-7781')).toMatchObject({
      intent: 'ticket_status',
    });
    // "pytania?" listing what the bot does announces nothing.
    expect(questionAnnounced('cześć, możesz mi powiedzieć w czym mi pomożesz? zgłoszenia, pytania?')).toBeUndefined();
    expect(recognizer.recognize('mam pytanie, bo outlook nie wysyła maili od rana')).not.toEqual({ intent: 'question', fastPath: false });
    expect(recognizer.recognize('can I check the status of my ticket')).toMatchObject({ intent: 'ticket_status' });
    expect(recognizer.recognize('mam sprawę, outlook nie działa')).toMatchObject({ intent: 'open_ticket' });
    for (const text of ['mam problem z outlookiem', 'I have an issue with Teams', 'quota exceeded on OneDrive'])
      expect({ text, asked: questionAnnounced(text) }).toEqual({ text, asked: undefined });
  });

  it('hears a question to come in any mix of words that name nothing, and only there', () => {
    // Words no announcement pattern knows, in orders none was written for: still nothing asked yet.
    for (const text of [
      'Przepraszam, że zawracam głowę, ale potrzebuję porady.',
      'Dzień dobry, czy mogę zająć chwilkę?',
      'Szanowna Obsługo, mam prośbę o wyjaśnienie pewnej kwestii. Proszę o chwilę cierpliwości, zaraz napiszę szczegóły.',
      'Mam kilka pytań, opiszę za chwilę.',
      'Good morning, I was hoping you could help me with a query.',
      'Sorry to bother you, I need some advice.',
      // Who they are, that it is urgent, thanks in advance: still nothing asked.
      'Jestem administratorem w naszej firmie i chciałbym się czegoś dowiedzieć.',
      'dzień dobry!! mam pilne pytanie',
      'Dzień dobry, czy mogę liczyć na odpowiedź na kilka pytań? Z góry dziękuję.',
      "Hello, I'm the IT admin at our company and I need to check something.",
    ]) {
      expect({ text, asked: questionAnnounced(text) }).toEqual({ text, asked: '' });
      expect({ text, reading: recognizer.recognize(text) }).toEqual({ text, reading: { intent: 'question', fastPath: false } });
    }
    // A word of substance (a service, a fault, a ticket, a person), thanks, or no asking at all is something said.
    for (const text of [
      'potrzebuję pomocy z outlookiem',
      'potrzebuję pomocy, nie działa poczta',
      'I need help with my ticket',
      'Thank you for your help.',
      'What can you help me with?',
      'proszę o kontakt',
      'prosze o kontakt z pracownikiem pomocy',
      'I have new info for my support request',
      'Hello, is anyone there?',
      'Nie mam pytań.',
    ])
      expect({ text, asked: questionAnnounced(text) }).toEqual({ text, asked: undefined });
  });

  it('tells a question of who answers from a wish for a person', () => {
    for (const text of [
      'Dzień dobry, rozmawiam z botem czy z człowiekiem?',
      'czy jesteś botem?',
      'Hey, am I talking to a bot or a real person?',
      'is this automated?',
    ])
      expect({ text, asks: asksWhoAnswers(text) }).toEqual({ text, asks: true });
    for (const text of [
      'Czy mogę rozmawiać z człowiekiem, a nie z botem?',
      'chcę rozmawiać z człowiekiem',
      'Is it possible to talk to a real person?',
    ])
      expect({ text, asks: asksWhoAnswers(text) }).toEqual({ text, asks: false });
  });

  it('offers a question, not a hello, thanks or help, beside ticket work for a statement it is unsure of', () => {
    // The classifier's second guess was "help": [pomoc] [Załóż zgłoszenie].
    expect(recognizer.recognize('wiadomości trafiają do spamu')).toEqual({ ask: ['open_ticket', 'question'] });
    // A "cancel" it is unsure of may be meant ("Please abort this."): it stays.
    expect(recognizer.recognize('Please abort this.')).toEqual({ ask: ['cancel', 'open_ticket'] });
  });

  it('offers the question when it hesitates between two kinds of ticket work over a question it can answer', () => {
    // Phrasings that lean every question towards ticket work, so the hesitation is certain.
    const training = [
      { text: 'czy moja sprawa o minuty jest już rozwiązana?', intent: 'ticket_status' },
      { text: 'moje sprawy o minuty Skype', intent: 'list_tickets' },
      { text: 'jak zresetować hasło', intent: 'question' },
      { text: 'dzięki', intent: 'thanks' },
    ] as const;
    const engine = new SearchEngine(loadArticles());
    // A base with only a close entry for it: the bot asks, offering the question.
    const close = {
      answer: (question: string, locale?: Locale) => ({ ...engine.answer(question, locale), answered: false, confidence: 0.5 }),
    };
    const text = 'Czy minuty Skype przechodzą na kolejny miesiąc?';
    expect(new IntentRecognizer(close, [...training]).recognize(text)).toEqual({ ask: ['list_tickets', 'question'] });
    // The real base answers it, and the message names no ticket: it is the question.
    expect(new IntentRecognizer(engine, [...training]).recognize(text)).toEqual({ intent: 'question', fastPath: false });
  });

  it('takes an unsure reading of a question the knowledge base surely answers for that question', () => {
    // "dzwonić" leans it to talking to a person; the knowledge base answers it at 0.97.
    expect(recognizer.recognize('do ilu krajów mogę dzwonić?')).toEqual({ intent: 'question', fastPath: false });
    // The same with a detail, which leans the classifier (unsure) to adding to a ticket: a fresh
    // chat was offered "Dodaj do zgłoszenia" for it.
    expect(recognizer.recognize('Do ilu krajów mogę dzwonić z planem połączeń?')).toEqual({ intent: 'question', fastPath: false });
    // Answered far less surely (0.68), a request about a ticket is still asked about, never answered.
    expect(
      recognizer.recognize('Zgłaszałam wczoraj problem z fakturą i do tej pory cisza. Możesz sprawdzić, czy ktoś coś z tym robi?'),
    ).toHaveProperty('ask');
  });

  it('reads a message again once the knowledge base stops answering it (an agent edited the base)', () => {
    const engine = new SearchEngine(loadArticles());
    let edited = false;
    const kb = {
      answer: (question: string, locale?: Locale) => {
        const found = engine.answer(question, locale);
        return edited ? { ...found, answered: false, confidence: 0 } : found;
      },
    };
    const leaning = new IntentRecognizer(kb, [
      { text: 'czy moja sprawa o minuty jest już rozwiązana?', intent: 'ticket_status' },
      { text: 'moje sprawy o minuty Skype', intent: 'list_tickets' },
      { text: 'jak zresetować hasło', intent: 'question' },
      { text: 'dzięki', intent: 'thanks' },
    ]);
    const text = 'Czy minuty Skype przechodzą na kolejny miesiąc?';
    expect(leaning.recognize(text)).toEqual({ intent: 'question', fastPath: false });
    edited = true;
    expect(leaning.recognize(text)).toEqual({ ask: ['list_tickets', 'ticket_status'] });
  });

  it('answers the same way every time it is built (no random start)', () => {
    const again = new IntentRecognizer(new SearchEngine(loadArticles()));
    for (const text of ['co z moim zgłoszeniem?', 'nie działa mi outlook', 'dzięki!'])
      expect(again.recognize(text)).toEqual(recognizer.recognize(text));
  });
});
