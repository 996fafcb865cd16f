import { buttonsOf, chat, deskWorld, type DeskWorld, verifiedChat } from '../../fixtures/bot/deskWorld';
import { nth } from '../../support/nth';

// What a newcomer types instead of pressing a button, and what they read back.
let world: DeskWorld;
beforeEach(async () => {
  world = await deskWorld('bot-natural');
});
afterEach(() => world.close());

const verified = (orgId: string, adminId: string, options?: Parameters<typeof chat>[1]) => verifiedChat(world, orgId, adminId, options);

/** Up to the question whether the profile's contact details are right. */
async function upToContact(c: Awaited<ReturnType<typeof verifiedChat>>, category: string, description: string): Promise<void> {
  await c.say(category);
  await c.say(description);
  await c.say('cała firma');
}

describe('yes, no and contact methods typed in words', () => {
  it('takes "tak" as confirming the contact details and "mail" as the e-mail preference', async () => {
    const c = await verified('contoso', 'jan');
    await c.say('rozmowa z człowiekiem');
    await upToContact(c, 'Problem techniczny', 'Jak ustawić hasło, które nigdy nie wygasa?');
    expect((await c.say('tak'))[0]).toMatch(/forma kontaktu/);
    expect((await c.say('mail'))[0]).toMatch(/^Proponuję priorytet/);
  });

  it('takes "no" as wanting to change the details, and "email" in English', async () => {
    const c = await verified('contoso', 'jan', { locale: 'en-US' });
    await c.say('talk to a person');
    await upToContact(c, 'Technical problem', 'How do I set a password that never expires?');
    expect((await c.say('no'))[0]).toBe('What e-mail address should we use? Type "no change" to keep jan.kowalski@contoso.pl.');
    await c.say('it@contoso.pl');
    await c.say('+48 22 100 20 30');
    expect((await c.say('email'))[0]).toMatch(/^I suggest grade/);
  });

  it('takes "yes" in a Polish chat as being an administrator', async () => {
    const c = chat(world);
    await c.say('rozmowa z człowiekiem');
    expect((await c.say('yes'))[0]).toBe('Podaj nazwę lub identyfikator swojej organizacji.');
  });
});

describe('a ticket whose first-response deadline has passed', () => {
  const ticket = {
    orgId: 'contoso',
    adminId: 'jan',
    category: 'technical' as const,
    grade: 'B' as const,
    title: 'Teams nie startuje',
    description: 'Teams nie startuje u jednej osoby',
    affected: 'Jedna osoba',
    contact: { email: 'x@example.pl', preferred: 'email' as const },
  };

  it('is shown as late, not as due "today by" an hour already gone', async () => {
    // Created Tuesday 10:00 in Warsaw, due Wednesday 10:00; asked about on Thursday at 11:00.
    const { id } = (await world.tickets.create(ticket, 'late-1')).ticket;
    world.clock.advance(49 * 3_600_000);
    const pl = await verified('contoso', 'jan');
    expect((await pl.say(`status ${id}`))[0]).toMatch(
      /\nPierwsza odpowiedź: termin minął 11 marca o 10:00\. Przepraszamy za opóźnienie\.$/,
    );
    const en = await verified('contoso', 'jan', { locale: 'en-US' });
    expect((await en.say(`status ${id}`))[0]).toMatch(/\nFirst response: overdue since 10:00 on 11 March\. We are sorry for the delay\.$/);
  });
});

describe('a message with an attachment and no text', () => {
  const screenshot = {
    type: 'message',
    attachments: [{ contentType: 'image/png', contentUrl: 'https://example.com/screen.png', name: 'screen.png' }],
  };

  // This world keeps no files (no attachment store): the file is named, not passed over in silence.
  it('gets an answer that names the file it could not keep, in the chat language', async () => {
    expect(await chat(world).say(screenshot)).toEqual([
      'Nie mogę przyjąć pliku screen.png: this desk keeps no files. Reszta wiadomości została zachowana.',
    ]);
    expect(await chat(world, { locale: 'en-US' }).say(screenshot)).toEqual([
      'I could not accept screen.png: this desk keeps no files. Everything else in your message is kept.',
    ]);
  });
});

describe('a suggestion pressed in an English chat', () => {
  it('is answered in English, though the suggestion is a Polish title', async () => {
    // Whichever of these vague questions the knowledge base currently answers with suggestions.
    const vague = ['phone', 'support', 'severity', 'skype minutes', 'subscription'].find((q) => {
      const found = world.kb.answer(q, 'en');
      return !found.answered && found.suggestions.length > 0;
    });
    const c = chat(world, { locale: 'en-US' });
    const offered = await c.say(vague!);
    expect(offered[0]).toMatch(/^I am not sure what exactly you are asking/);
    const suggestion = nth(buttonsOf(nth(c.replies, 0)), 0);
    const answer = await c.say(suggestion);
    expect(answer[0]).toMatch(/\n\nSource: /);
    expect(answer[1]).toBe('Did this help? [Yes] [No]');
    expect(await c.say('help')).toEqual([expect.stringMatching(/^Here is what you can write/)]);
  });
});

describe('a description or list of affected users longer than a ticket holds', () => {
  it('is refused at its own step with the limit, not with "something went wrong" after the summary', async () => {
    const c = await verified('contoso', 'jan');
    await c.say('rozmowa z człowiekiem');
    await c.say('Problem techniczny');
    const longDescription = await c.say('Outlook się zawiesza. '.repeat(1000));
    expect(longDescription[0]).toBe('Ten tekst jest za długi: najwyżej 20000 znaków. Skróć go, proszę.');
    await c.say('Outlook zawiesza się przy otwieraniu kalendarza');
    expect((await c.say('jan@contoso.pl, '.repeat(150)))[0]).toBe('Ten tekst jest za długi: najwyżej 2000 znaków. Skróć go, proszę.');
    expect((await c.say('Jeden użytkownik'))[0]).toMatch(/Czy są poprawne\?/);
    await c.say('Dane są poprawne');
    await c.say('E-mail');
    await c.say('C – niekrytyczny');
    expect((await c.say('tak'))[0]).toMatch(/^Założyłem zgłoszenie SR-2026-\d{6}\./);
  });
});

describe("an answer to an agent's reply longer than a ticket message holds", () => {
  it('is refused with the limit, and the next, shorter answer is added', async () => {
    const c = await verified('contoso', 'jan');
    const { ticket } = await world.tickets.create(
      {
        orgId: 'contoso',
        adminId: 'jan',
        category: 'technical',
        grade: 'B',
        title: 'Teams nie startuje',
        description: 'Teams nie startuje u jednej osoby',
        affected: 'Jedna osoba',
        contact: { email: 'x@example.pl', preferred: 'email' },
      },
      'long-answer',
    );
    await world.awaiting.set(c.scope, ticket.id);
    expect(await c.say('log: '.repeat(5000))).toEqual(['Ten tekst jest za długi: najwyżej 20000 znaków. Skróć go, proszę.']);
    expect(await c.say('Teams startuje po reinstalacji.')).toEqual([
      `Dziękuję, dodałem Twoją odpowiedź do zgłoszenia ${ticket.id}.\n\nPiszesz w sprawie ${ticket.id} – konsultant zobaczy każdą wiadomość. Napisz „anuluj”, aby wrócić do rozmowy ze mną.`,
    ]);
  });
});

describe('thanks', () => {
  it('is answered kindly, not with "no answer found" and a ticket offer', async () => {
    expect(await chat(world).say('Dzięki!')).toEqual(['Proszę bardzo! Jeśli masz jeszcze jakieś pytanie, po prostu je napisz.']);
    expect(await chat(world, { locale: 'en-US' }).say('thank you')).toEqual(["You're welcome! If you have another question, just ask."]);
  });
});
