import { buttonsOf, chat } from '../../../fixtures/bot/deskWorld';
import { memoryDeskWorld, type MemoryDeskWorld } from '../../../fixtures/bot/memoryDesk';
import { nth } from '../../../support/nth';
import { ticketInput } from '../../ticketing/fixtures';

/*
 * Which rule of the turn table (bot/bots/turnRules.ts) answers a message, as the person sees it:
 * the real intent recognizer and knowledge base, in-memory services behind them.
 */
let world: MemoryDeskWorld;
describe('the turn table', () => {
  beforeEach(() => {
    world = memoryDeskWorld();
  });

  const ASK_ADMIN = /Czy jesteś administratorem\?|Are you an administrator\?/;

  /** Asks a question the knowledge base answers; the first reply must be that answer with its source. */
  async function askAnswered(c: ReturnType<typeof chat>, question: string) {
    const found = world.kb.answer(question, 'pl');
    expect(found.answered).toBe(true);
    const replies = await c.say(question);
    expect(replies[0]).toContain(found.answer);
    expect(replies[0]).toContain(found.source!.title);
    return { found, replies };
  }

  describe('requests and questions', () => {
    it.each([
      ['Chcę zgłosić problem'],
      ['zgłoszenie'],
      ['Od rana nikt w firmie nie może wysłać maila, pomóżcie'],
      ['I need to report an outage, Teams is down for everyone'],
    ])('"%s" starts a support request (verification first), not an answer', async (text) => {
      expect((await chat(world).say(text)).join('\n')).toMatch(ASK_ADMIN);
    });

    it('answers a question typed at a button prompt, then asks the prompt again; the button still answers it', async () => {
      const c = chat(world);
      expect((await c.say('Chcę zgłosić problem')).join('\n')).toMatch(ASK_ADMIN);
      const question = 'Jak zadzwonić do pomocy technicznej?';
      const { replies } = await askAnswered(c, question);
      // The pending question again, not "Did this help?" (its Tak/Nie would be ambiguous).
      expect(replies.slice(1).join('\n')).toMatch(ASK_ADMIN);
      expect(replies.join('\n')).not.toMatch(/Czy to pomogło/);
      expect((await c.say('Tak')).join('\n')).toMatch(/nazwę lub identyfikator/);
    });

    it('takes what is typed at a prompt for words as the answer, even when it reads like a question', async () => {
      const c = chat(world);
      await c.say('Chcę zgłosić problem');
      await c.say('Tak');
      expect((await c.say('Jak zadzwonić do pomocy technicznej?')).join('\n')).not.toContain(
        world.kb.answer('Jak zadzwonić do pomocy technicznej?', 'pl').answer,
      );
    });

    it('answers a question with its source, asks whether it helped, and records the answer', async () => {
      const c = chat(world);
      const question = 'Jak zadzwonić do pomocy technicznej?';
      const { found, replies } = await askAnswered(c, question);
      expect(replies[1]).toBe('Czy to pomogło? [Tak] [Nie]');

      const sorry = await c.say('Nie');
      expect(sorry).toEqual([expect.stringMatching(/^Przykro mi, że to nie pomogło\..*\[Załóż zgłoszenie\]$/)]);
      expect(world.feedback.counts.get(found.source!.articleId)).toEqual({ helpful: 0, unhelpful: 1 });
      // The question is closed: a second "Nie" is no feedback, and "Tak" now answers nothing either.
      await c.say(question);
      expect(await c.say('Tak')).toEqual(['Dziękuję! Cieszę się, że mogłem pomóc.']);
      expect(world.feedback.counts.get(found.source!.articleId)).toEqual({ helpful: 1, unhelpful: 1 });
    });

    it('keeps the question behind a picked suggestion and a "Nie" for the learning loop', async () => {
      const c = chat(world);
      const question = 'kanały';
      expect(world.kb.answer(question, 'pl').suggestions.length).toBeGreaterThan(1);
      await c.say(question);
      const picked = nth(buttonsOf(nth(c.replies, 0)), 0);
      const found = world.kb.answer(picked, 'pl');
      expect(found.answered).toBe(true);
      expect((await c.say(picked))[0]).toContain(found.answer);
      await c.say('Nie');
      const articleId = found.source!.articleId;
      expect(world.feedback.learned).toEqual([
        { outcome: 'suggestion_chosen', articleId, question, locale: 'pl' },
        { outcome: 'unhelpful', articleId, question, locale: 'pl' },
      ]);
    });

    it.each([['webchat'], ['msteams']])(
      'shows related articles under an answer as card buttons in %s; one picked is a suggestion chosen for the question',
      async (channelId) => {
        const question = ['Ile minut Skype mam w Office 365?', 'jak aktywować minuty skype', 'Jak zadzwonić do pomocy technicznej?'].find(
          (q) => world.kb.answer(q, 'pl').related.length > 0,
        );
        if (!question) throw new Error('none of the questions gets related articles any more: pick new ones');
        const c = chat(world, { channelId });
        const { found } = await askAnswered(c, question);
        const related = found.related.map((s) => s.question);
        expect(nth(c.replies, 0).attachments?.[0]?.content).toMatchObject({ text: 'Zobacz też:' });
        expect(buttonsOf(nth(c.replies, 0))).toEqual(related);
        expect(related.length).toBeLessThanOrEqual(2);

        const picked = nth(related, 0);
        const shown = world.kb.answer(picked, 'pl');
        expect(shown.source?.articleId).toBe(nth(found.related, 0).articleId);
        expect((await c.say(picked))[0]).toContain(shown.answer);
        expect(world.feedback.learned).toEqual([
          { outcome: 'suggestion_chosen', articleId: shown.source!.articleId, question, locale: 'pl' },
        ]);
      },
    );

    it("titles the related articles in the chat's language", async () => {
      const c = chat(world, { locale: 'en-US' });
      const question = 'How do I activate Skype minutes?';
      const found = world.kb.answer(question, 'en');
      expect(found.related.length).toBeGreaterThan(0);
      await c.say(question);
      expect(nth(c.replies, 0).attachments?.[0]?.content).toMatchObject({ text: 'See also:' });
      expect(buttonsOf(nth(c.replies, 0))).toEqual(found.related.map((s) => world.entries.entry(s.articleId)!.titleEn));
    });

    it('asks whether a question about tickets is a request or a question, and answers the message asked about', async () => {
      const c = chat(world);
      const question = 'Kto może założyć zgłoszenie w naszej firmie?';
      expect(await c.say(question)).toEqual(['Czy chcesz założyć zgłoszenie, czy zadajesz pytanie? [Załóż zgłoszenie] [Zadaję pytanie]']);
      const found = world.kb.answer(question, 'pl');
      const answer = await c.say('Zadaję pytanie');
      expect(answer[0]).toContain(found.answered ? found.answer : nth(found.suggestions, 0).question);
      expect(answer.join('\n')).not.toMatch(ASK_ADMIN);

      await c.say(question);
      expect((await c.say('Załóż zgłoszenie'))[0]).toMatch(ASK_ADMIN);
    });

    it('says it found nothing, offering a request, for a question the knowledge base cannot answer', async () => {
      expect(await chat(world).say('Jak upiec sernik?')).toEqual([
        expect.stringMatching(/^Niestety nie znalazłem odpowiedzi.*\[Załóż zgłoszenie\]$/s),
      ]);
    });
  });

  describe('follow-ups', () => {
    const FIRST = 'Jaki jest czas reakcji dla zgłoszenia o ważności A?';

    it('reads a fragment that goes on from the last question with it ("a dla C?")', async () => {
      const c = chat(world);
      await askAnswered(c, FIRST);
      const inContext = world.kb.answer(`${FIRST} a dla C?`, 'pl');
      expect(inContext.answered).toBe(true);
      const replies = await c.say('a dla C?');
      expect(replies[0]).toContain(inContext.answer);
      // After "Czy to pomogło?" is answered, the question is still there to lean on.
      await c.say('tak, dzięki');
      expect((await c.say('a dla B?'))[0]).toContain(world.kb.answer(`${FIRST} a dla B?`, 'pl').answer);
    });

    it('answers a follow-up whose words sound like a request ("what about emergency calls?"), but not a request', async () => {
      const first = 'Do Office 365 Skype minutes cover calls to mobile phones?';
      const c = chat(world, { locale: 'en-US' });
      expect((await c.say(first))[0]).toContain(world.kb.answer(first, 'en').answer);
      // Alone, "about" makes it a request for help.
      expect((await chat(world, { locale: 'en-US' }).say('what about emergency calls?'))[0]).toMatch(/^Here is what you can write/);
      const inContext = world.kb.answer(`${first.replace(/^Do /, '')} what about emergency calls?`, 'en');
      expect(inContext.answered).toBe(true);
      expect((await c.say('what about emergency calls?'))[0]).toContain(inContext.answer);
      // The person's own tickets are a request, whatever the question before.
      expect((await c.say('and what about my tickets?')).join('\n')).toMatch(ASK_ADMIN);
      // From a Polish client too: too short to tell its language, it asks in the question's.
      const fromPolish = chat(world, { locale: 'pl-PL' });
      await fromPolish.say(first);
      expect((await fromPolish.say('what about emergency calls?'))[0]).toContain(inContext.answer);
    });

    it('answers a follow-up the classifier takes for help, but not a message asking the bot what it can do', async () => {
      const first = 'Po ilu minutach od aktywacji pojawiają się minuty Skype z Office?';
      const countries = world.kb.answer('Do ilu krajów mogę dzwonić z minut Skype?', 'pl');
      // Alone, it reads as a request for help.
      expect((await chat(world).say('i do jakich krajow moge dzwonic?'))[0]).toMatch(/^Oto, co możesz napisać/);
      const c = chat(world);
      await askAnswered(c, first);
      expect((await c.say('i do jakich krajow moge dzwonic?'))[0]).toContain(countries.answer);
      await askAnswered(c, first);
      expect((await c.say('ok, a jakie masz funkcje?'))[0]).toMatch(/^Oto, co możesz napisać/);
    });

    it('answers a hesitant follow-up that the base answers alone, but never a request', async () => {
      const first = 'Ile darmowych minut daje Office 365 Personal na Skype?';
      const emergency = world.kb.answer('Czy przez Skype można zadzwonić na numer alarmowy?', 'pl');
      const c = chat(world);
      await askAnswered(c, first);
      expect((await c.say('a na alarmowy zadzwonię?'))[0]).toContain(emergency.answer);
      await askAnswered(c, first);
      // A talk with a consultant asked for is the hand-over (it starts with who may open a ticket), never an answer.
      expect((await c.say('a mogę porozmawiać z konsultantem?'))[0]).toMatch(
        /^Zgłoszenia do pomocy technicznej zakładają i śledzą tylko administratorzy/,
      );
    });

    it('answers what a thanks goes on to ask, and keeps the thanks as "it helped"', async () => {
      const first = 'Ile minut Skype dostaję z Office 365 Personal?';
      const minutes = world.kb.answer(first, 'pl');
      const expiry = world.kb.answer('czy niewykorzystane minuty przechodzą na następny miesiąc', 'pl');
      const c = chat(world);
      await askAnswered(c, first);
      expect((await c.say('dzięki! a niewykorzystane przechodzą na następny miesiąc?'))[0]).toContain(expiry.answer);
      expect(world.feedback.counts.get(minutes.source!.articleId)).toEqual({ helpful: 1, unhelpful: 0 });
      // A thanks that asks nothing more is only a thanks.
      expect(await c.say('dzięki, to wszystko')).toEqual(['Dziękuję! Cieszę się, że mogłem pomóc.']);
    });

    it('answers "ok" that goes on to ask more, and takes a plain "ok" or thanks for "it helped"', async () => {
      const first = 'What is the Microsoft 365 support phone number in the United States?';
      const numbers = world.kb.answer(first, 'en');
      const c = chat(world, { locale: 'en-US' });
      await c.say(first);
      expect((await c.say('ok and the one for the uk'))[0]).toContain(numbers.answer);
      expect(await c.say('ok')).toEqual(['Thank you! Glad I could help.']);
      await c.say(first);
      expect(await c.say('thanks, that is what i needed')).toEqual(['Thank you! Glad I could help.']);
      expect(world.feedback.counts.get(numbers.source!.articleId)).toEqual({ helpful: 2, unhelpful: 0 });
    });

    it('reads loosely, with the question before, a longer follow-up nothing else reads as a question', async () => {
      const c = chat(world);
      await askAnswered(c, 'Jak długo ważny jest abonament kanałów Skype Connect?');
      const rules = world.kb.answer('Czy kanały Skype Connect można przenieść na inny profil SIP?', 'pl');
      expect(rules.answered).toBe(true);
      expect((await c.say('ok a mozna go potem przeniesc na inny profil sip'))[0]).toContain(rules.answer);
    });

    it('answers a question about cancelling when there is nothing to cancel', async () => {
      const c = chat(world, { locale: 'en-US' });
      await c.say('How often can I change my Skype Connect channel subscription?');
      const reply = (await c.say('and how do I cancel it?'))[0];
      expect(reply).toContain(world.kb.answer('How do I cancel a Skype Connect channel subscription?', 'en').answer);
      expect(await chat(world).say('anuluj')).toEqual(['Nie ma nic do przerwania. W czym mogę pomóc?']);
    });

    it('leaves a fragment alone in a fresh chat, and a message that says what it asks by itself', async () => {
      expect(world.kb.answer('a dla C?', 'pl').answered).toBe(false);
      expect((await chat(world).say('a dla C?')).join('\n')).not.toContain(world.kb.answer(`${FIRST} a dla C?`, 'pl').answer);
      const c = chat(world);
      await askAnswered(c, FIRST);
      await askAnswered(c, 'Do ilu krajów mogę dzwonić z minut Skype?');
    });
  });

  describe('small talk, help and what has no words', () => {
    it('greets in other words, thanks back, and says what it can do', async () => {
      const c = chat(world);
      expect((await c.say('pokaż wszystkie moje zgłoszenia'))[0]).toMatch(ASK_ADMIN);
      await c.say('anuluj');
      expect((await c.say('siemanko'))[0]).toMatch(/^Dzień dobry!/);
      expect(buttonsOf(nth(c.replies, 0))).toEqual(['pomoc', 'Załóż zgłoszenie']);
      expect(await c.say('wielkie dzięki za pomoc')).toEqual(['Proszę bardzo! Jeśli masz jeszcze jakieś pytanie, po prostu je napisz.']);
      expect((await c.say('pomoc'))[0]).toMatch(/^Oto, co możesz napisać/);
    });

    it('answers in the language of the message outside a dialog, whatever the client says', async () => {
      const c = chat(world, { locale: 'pl-PL' });
      expect(nth(await c.say('What is the technical support phone number?'), 1)).toBe('Did this help? [Yes] [No]');
      expect(nth(await c.say('Jak zadzwonić do pomocy technicznej?'), 1)).toBe('Czy to pomogło? [Tak] [Nie]');
    });

    it('names a file it cannot keep (this world keeps none), and calls a card button with no dialog behind it expired', async () => {
      const c = chat(world);
      expect(
        await c.say({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'https://example.test/a.png' }] }),
      ).toEqual(['Nie mogę przyjąć pliku file: this desk keeps no files. Reszta wiadomości została zachowana.']);
      expect(await c.say({ type: 'message', value: { action: 'confirm_ticket' } })).toEqual([
        'Ten formularz nie jest już aktywny. Napisz „załóż zgłoszenie”, aby zacząć od nowa.',
      ]);
    });
  });

  describe("a ticket's thread in the chat", () => {
    /** A chat an agent's reply about a new Contoso ticket has reached (what reply delivery records). */
    async function threadChat() {
      const c = chat(world);
      const { ticket } = await world.tickets.create(ticketInput({ adminId: 'jan' }));
      await world.awaiting.set(c.scope, ticket.id);
      return { c, id: ticket.id };
    }

    it('adds the customer\'s messages to the ticket, says so once, and leaves the thread on "anuluj"', async () => {
      const { c, id } = await threadChat();
      expect(await c.say('Restart nie pomógł, nadal to samo')).toEqual([
        `Dziękuję, dodałem Twoją odpowiedź do zgłoszenia ${id}.\n\nPiszesz w sprawie ${id} – konsultant zobaczy każdą wiadomość. Napisz „anuluj”, aby wrócić do rozmowy ze mną.`,
      ]);
      expect(await c.say('Dodam, że dotyczy to tylko laptopa')).toEqual([]);
      // The ticket no longer needed is for the agent to read (and close), not a way out of the thread.
      expect(await c.say('Jednak nie potrzebuję już zgłoszenia')).toEqual([]);
      expect((await world.tickets.get(id))!.messages.map((m) => [m.from, m.author, m.text])).toEqual([
        ['customer', 'jan', 'Restart nie pomógł, nadal to samo'],
        ['customer', 'jan', 'Dodam, że dotyczy to tylko laptopa'],
        ['customer', 'jan', 'Jednak nie potrzebuję już zgłoszenia'],
      ]);
      expect(await c.say('anuluj')).toEqual([`Dobrze, kolejne wiadomości nie trafią już do zgłoszenia ${id}. W czym mogę pomóc?`]);
      expect(await world.awaiting.get(c.scope)).toBeNull();
    });

    it('asks whether a question the knowledge base can answer is for the ticket, and adds it when told', async () => {
      const { c, id } = await threadChat();
      const question = 'Jak zadzwonić do pomocy technicznej?';
      expect(await c.say(question)).toEqual([
        `Czy to wiadomość do zgłoszenia ${id}, czy pytanie do mnie? [Dodaj do zgłoszenia] [Zadaję pytanie]`,
      ]);
      expect((await c.say('Dodaj do zgłoszenia'))[0]).toMatch(new RegExp(`^Dziękuję, dodałem Twoją odpowiedź do zgłoszenia ${id}`));
      expect((await world.tickets.get(id))!.messages.map((m) => m.text)).toEqual([question]);
    });

    it('answers a question about the status in the thread with the ticket, and still adds it for the agent', async () => {
      const { c, id } = await threadChat();
      await world.verifier.markVerified({ conversationId: c.scope, orgId: 'contoso', adminId: 'jan' });
      await c.say('Restart nie pomógł, nadal to samo');
      const replies = await c.say('jaki jest status mojego zgłoszenia?');
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(new RegExp(`^Zgłoszenie ${id}`));
      expect((await world.tickets.get(id))!.messages.map((m) => m.text)).toEqual([
        'Restart nie pomógł, nadal to samo',
        'jaki jest status mojego zgłoszenia?',
      ]);
    });

    it('answers "when will someone reply?" in the thread with the ticket and its deadline', async () => {
      const { c, id } = await threadChat();
      await world.verifier.markVerified({ conversationId: c.scope, orgId: 'contoso', adminId: 'jan' });
      await c.say('Restart nie pomógł, nadal to samo');
      const replies = await c.say('kiedy ktoś się odezwie?');
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(new RegExp(`^Zgłoszenie ${id}.*\\nPierwsza odpowiedź: `, 's'));
      expect((await world.tickets.get(id))!.messages.map((m) => m.text)).toEqual([
        'Restart nie pomógł, nadal to samo',
        'kiedy ktoś się odezwie?',
      ]);
    });

    it('answers "i co, coś wiadomo?" and "dalej cisza" in the thread with the ticket, as it adds them for the agent', async () => {
      const { c, id } = await threadChat();
      await world.verifier.markVerified({ conversationId: c.scope, orgId: 'contoso', adminId: 'jan' });
      await c.say('Restart nie pomógł, nadal to samo');
      const asks = [
        'i co, coś wiadomo?',
        'nadal nic?',
        'dalej cisza, nikt się nie odezwał',
        'czy ktoś z technicznych już to widział?',
        'minęły już trzy dni i żadnego telefonu',
        'just following up on this one',
      ];
      for (const text of asks)
        expect(await c.say(text)).toEqual([expect.stringMatching(new RegExp(`^Zgłoszenie ${id}.*\\nPierwsza odpowiedź: `, 's'))]);
      expect((await world.tickets.get(id))!.messages.map((m) => m.text)).toEqual(['Restart nie pomógł, nadal to samo', ...asks]);
    });

    it('tells a customer back in a quiet thread that the message reached the ticket, and where it stands', async () => {
      const { c, id } = await threadChat();
      await world.verifier.markVerified({ conversationId: c.scope, orgId: 'contoso', adminId: 'jan' });
      await c.say('Restart nie pomógł, nadal to samo');
      // A day later: the verification has run out, yet this chat is where the ticket's replies come.
      world.clock.advance(26 * 3600_000);
      // Neither a status nor an ask the thread reads: what matters is that it comes after a quiet spell.
      expect(await c.say('Pisałam w poniedziałek. Drukarka w sekretariacie też przestała drukować')).toEqual([
        `Dodałem to do zgłoszenia ${id} – konsultant to zobaczy. Oto jego obecny stan:`,
        expect.stringMatching(new RegExp(`^Zgłoszenie ${id}.*\nPierwsza odpowiedź: `, 's')),
      ]);
      // The conversation is live again: the next message goes quietly.
      world.clock.advance(60_000);
      expect(await c.say('i skaner też')).toEqual([]);
      expect((await world.tickets.get(id))!.messages).toHaveLength(3);
    });

    it('confirms a message added with the button, also once the thread has been joined', async () => {
      const { c, id } = await threadChat();
      await c.say('Restart nie pomógł, nadal to samo');
      expect((await c.say('Jak zadzwonić do pomocy technicznej?'))[0]).toMatch(/^Czy to wiadomość do zgłoszenia/);
      expect(await c.say('Dodaj do zgłoszenia')).toEqual([`Dodałem to do zgłoszenia ${id} – konsultant to zobaczy.`]);
      expect((await world.tickets.get(id))!.messages.map((m) => m.text)).toEqual([
        'Restart nie pomógł, nadal to samo',
        'Jak zadzwonić do pomocy technicznej?',
      ]);
    });

    it('stops adding to a ticket that has been resolved: the message is read afresh', async () => {
      const { c, id } = await threadChat();
      world.tickets.change(id, (ticket) => ({ ...ticket, status: 'resolved' }));
      expect((await c.say('Jak upiec sernik?'))[0]).toMatch(/^Niestety nie znalazłem odpowiedzi/);
      expect((await world.tickets.get(id))!.messages).toEqual([]);
      expect(await world.awaiting.get(c.scope)).toBeNull();
    });
  });
});
