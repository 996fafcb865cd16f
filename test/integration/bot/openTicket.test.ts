import { chat, deskWorld, buttonsOf, type DeskWorld, verifiedChat } from '../../fixtures/bot/deskWorld';
import { nth } from '../../support/nth';
import { keysMatching } from '../../support/redis';

let world: DeskWorld;
beforeEach(async () => {
  world = await deskWorld('bot-ticket');
});
afterEach(() => world.close());

const verified = (orgId: string, adminId: string, options?: Parameters<typeof chat>[1]) => verifiedChat(world, orgId, adminId, options);

const CONFIRM = { type: 'message', value: { action: 'confirm_ticket' } };

describe('opening a ticket in Polish', () => {
  it('walks the administrator through the request and opens one ticket with the deadline in words', async () => {
    const c = await verified('contoso', 'jan');
    expect((await c.say('rozmowa z człowiekiem'))[0]).toMatch(/Czego dotyczy zgłoszenie\?/);
    expect(buttonsOf(nth(c.replies, 0))).toEqual(['Problem techniczny', 'Rozliczenia i subskrypcja', 'Pytanie przedsprzedażowe']);
    expect((await c.say('Problem techniczny'))[0]).toMatch(/Opisz problem/);
    expect((await c.say('za krótki'))[0]).toMatch(/Opis jest za krótki/);
    expect((await c.say('Poczta nie wychodzi u nikogo w firmie od rana'))[0]).toMatch(/Kogo lub czego dotyczy/);
    expect((await c.say('Wszyscy użytkownicy, Exchange Online'))[0]).toContain(
      'Skontaktujemy się z Tobą na dane z profilu: e-mail jan.kowalski@contoso.pl, telefon +48 601 234 123. Czy są poprawne?',
    );
    expect((await c.say('Dane są poprawne'))[0]).toMatch(/forma kontaktu/);
    const grade = await c.say('Telefon');
    // Mail down for everyone reads as A, but Contoso's standard contract caps the suggestion at B.
    expect(grade[0]).toBe(
      'Proponuję priorytet B – wysoki – najwyższy możliwy w tym przypadku. Sam opis uzasadniałby priorytet A – krytyczny: opis wskazuje, że usługa nie działa u wielu użytkowników.',
    );
    expect(grade[1]).toBe('Priorytet A (krytyczny) jest dostępny tylko dla organizacji z umową wsparcia premier.');
    expect(buttonsOf(nth(c.replies, 2))).toEqual(['B – wysoki', 'C – niekrytyczny']);

    const summary = await c.say('B – wysoki');
    expect(nth(c.replies, 0).attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(summary[0]).toMatch(/Podsumowanie zgłoszenia.*Contoso.*Problem techniczny.*B – wysoki.*Poczta nie wychodzi.*Action\.Submit/s);

    const done = await c.say(CONFIRM);
    expect(done[0]).toMatch(
      /^Założyłem zgłoszenie (SR-2026-\d{6})\. Konsultant odpowie jutro do 10:00\.\n\nKolejne wiadomości z tego czatu dopiszę do zgłoszenia \1 – konsultant zobaczy każdą\. Napisz „anuluj”, aby wrócić do rozmowy ze mną\.$/,
    );
    const ticket = nth(await world.tickets.list({ orgId: 'contoso' }), 0);
    expect(ticket).toMatchObject({
      adminId: 'jan',
      category: 'technical',
      grade: 'B',
      description: 'Poczta nie wychodzi u nikogo w firmie od rana',
      affected: 'Wszyscy użytkownicy, Exchange Online',
      contact: { email: 'jan.kowalski@contoso.pl', phone: '+48 601 234 123', preferred: 'phone' },
    });
    expect(nth(done, 0)).toContain(ticket.id);
    expect(ticket.conversation).toMatchObject({ conversation: { id: c.conversationId }, channelId: 'webchat' });
  });

  it('keeps a description typed at the category question and reads answers typed past the buttons', async () => {
    const c = await verified('contoso', 'jan');
    await c.say('rozmowa z człowiekiem');
    // "5.7.1" names no category (botbuilder alone read it as the first button).
    expect((await c.say('Poczta nie wychodzi u nikogo w firmie od rana, kod 5.7.1'))[0]).toMatch(
      /^Zapisałem opis problemu\. Czego dotyczy zgłoszenie\?/,
    );
    expect(buttonsOf(nth(c.replies, 0))).toEqual(['Problem techniczny', 'Rozliczenia i subskrypcja', 'Pytanie przedsprzedażowe']);
    expect((await c.say('techniczne'))[0]).toMatch(/Kogo lub czego dotyczy/);
    expect((await c.say('Wszyscy użytkownicy'))[0]).toMatch(/Czy są poprawne\?/);
    expect((await c.say('hmm'))[0]).toMatch(
      /^Nie rozpoznałem odpowiedzi\. .*Czy są poprawne\?\nWybierz jedną z możliwości: „Dane są poprawne”, „Zmień dane” – albo napisz „anuluj”\./s,
    );
    expect((await c.say('tak'))[0]).toMatch(/forma kontaktu/);
    expect((await c.say('mailem'))[0]).toMatch(/^Proponuję priorytet B – wysoki/);
    // "tak" to the suggestion takes it.
    const summary = await c.say('tak');
    expect(summary[0]).toMatch(
      /Podsumowanie zgłoszenia.*Problem techniczny.*B – wysoki.*Poczta nie wychodzi u nikogo w firmie od rana, kod 5\.7\.1/s,
    );
    await c.say(CONFIRM);
    expect(nth(await world.tickets.list({ orgId: 'contoso' }), 0)).toMatchObject({
      category: 'technical',
      grade: 'B',
      description: 'Poczta nie wychodzi u nikogo w firmie od rana, kod 5.7.1',
      affected: 'Wszyscy użytkownicy',
      contact: { preferred: 'email' },
    });
  });

  it('takes the category and the description from one message that gives both, and a grade by its letter', async () => {
    const c = await verified('contoso', 'jan');
    await c.say('rozmowa z człowiekiem');
    expect((await c.say('Pytanie o fakturę: faktura za listopad ma złą kwotę licencji'))[0]).toMatch(/Kogo lub czego dotyczy/);
    await c.say('Dział księgowości');
    await c.say('Dane są poprawne');
    await c.say('E-mail');
    expect(buttonsOf(nth(c.replies, -1))).toEqual(['C – niekrytyczny', 'B – wysoki']);
    expect((await c.say('priorytet b'))[0]).toMatch(/Podsumowanie zgłoszenia.*Rozliczenia i subskrypcja.*B – wysoki/s);
  });

  it('asks only for the contact detail the person says is wrong, and keeps one on "bez zmian"', async () => {
    const onlyNumber = await verified('contoso', 'jan');
    await onlyNumber.say('rozmowa z człowiekiem');
    await onlyNumber.say('Awaria: poczta nie wychodzi u nikogo w firmie od rana');
    await onlyNumber.say('Wszyscy');
    expect((await onlyNumber.say('tak, ale numer mam inny'))[0]).toBe(
      'Podaj numer telefonu do kontaktu. Napisz „bez zmian”, aby zostawić +48 601 234 123.',
    );
    expect((await onlyNumber.say('mój numer to 600-700-800'))[0]).toMatch(/forma kontaktu/);

    const both = await verified('contoso', 'jan');
    await both.say('rozmowa z człowiekiem');
    await both.say('Awaria: poczta nie wychodzi u nikogo w firmie od rana');
    await both.say('Wszyscy');
    expect((await both.say('Zmień dane'))[0]).toBe(
      'Podaj adres e-mail do kontaktu. Napisz „bez zmian”, aby zostawić jan.kowalski@contoso.pl.',
    );
    expect((await both.say('ten sam'))[0]).toMatch(/^Podaj numer telefonu do kontaktu/);
    expect((await both.say('zadzwońcie'))[0]).toMatch(/^To nie wygląda na numer telefonu/);
    expect((await both.say('tel. 600 111 222 (komórka)'))[0]).toMatch(/forma kontaktu/);

    for (const c of [onlyNumber, both]) {
      await c.say('Telefon');
      await c.say('B – wysoki');
      await c.say(CONFIRM);
    }
    const tickets = await world.tickets.list({ orgId: 'contoso' });
    const contactOf = (c: typeof both) =>
      tickets.find((tk) => (tk.conversation?.conversation as { id?: string }).id === c.conversationId)?.contact;
    expect(contactOf(onlyNumber)).toEqual({ email: 'jan.kowalski@contoso.pl', phone: '600-700-800', preferred: 'phone' });
    expect(contactOf(both)).toEqual({ email: 'jan.kowalski@contoso.pl', phone: '600 111 222', preferred: 'phone' });
  });

  it('takes more of the problem told after "a ticket or a question?" for the ticket, and offers both messages as its description', async () => {
    const c = await verified('contoso', 'jan');
    expect((await c.say('problem z licencją office'))[0]).toMatch(/^Czy chcesz założyć zgłoszenie, czy zadajesz pytanie\?/);
    expect((await c.say('pisze ze produkt nie jest licencjonowany, word i excel tylko do odczytu'))[0]).toMatch(
      /^Czego dotyczy zgłoszenie\?/,
    );
    expect((await c.say('Problem techniczny'))[0]).toMatch(
      /Możesz też użyć swojej wiadomości: „problem z licencją office\npisze ze produkt nie jest licencjonowany, word i excel tylko do odczytu”/,
    );
  });

  it('offers the words the request was asked with as its description', async () => {
    const c = await verified('contoso', 'jan');
    expect((await c.say('od rana nikt u nas w firmie nie może wysłać maili, pomóżcie'))[0]).toMatch(/^Czego dotyczy zgłoszenie\?/);
    expect((await c.say('Problem techniczny'))[0]).toMatch(
      /^Opisz problem: .* Możesz też użyć swojej wiadomości: „od rana nikt u nas w firmie nie może wysłać maili, pomóżcie”/,
    );
    expect(buttonsOf(nth(c.replies, 0))).toEqual(['Użyj tego opisu']);
    expect((await c.say('użyj tego'))[0]).toMatch(/Kogo lub czego dotyczy/);
    for (const text of ['Wszyscy', 'Dane są poprawne', 'E-mail', 'B – wysoki']) await c.say(text);
    await c.say(CONFIRM);
    expect(nth(await world.tickets.list({ orgId: 'contoso' }), 0).description).toBe(
      'od rana nikt u nas w firmie nie może wysłać maili, pomóżcie',
    );

    // Asked for in so many words, a request has nothing to offer.
    await c.say('anuluj');
    await c.say('załóż zgłoszenie');
    await c.say('Problem techniczny');
    expect(buttonsOf(nth(c.replies, 0))).toEqual([]);
    expect(nth(c.replies, 0).text).toBe('Opisz problem: co się dzieje, od kiedy i jaki ma wpływ na pracę.');
  });

  it('opens exactly one ticket when the confirming turn is retried', async () => {
    const c = await verified('contoso', 'jan');
    for (const text of [
      'rozmowa z człowiekiem',
      'Problem techniczny',
      'Przycisk Wyślij w Outlooku wygląda źle',
      'Jeden użytkownik',
      'Dane są poprawne',
      'E-mail',
      'B – wysoki',
    ]) {
      await c.say(text);
    }
    // A turn that crashed after creating the ticket never saved its state: replay it from the saved state.
    const saved = await snapshotBotState();
    const first = await c.say(CONFIRM);
    await restoreBotState(saved);
    const retried = await c.say(CONFIRM);
    expect(retried).toEqual(first);
    expect(await world.tickets.list({ orgId: 'contoso' })).toHaveLength(1);
  });
});

describe('ticket status in Polish', () => {
  it("shows the organisation's own ticket and its list, and refuses another organisation's without revealing it", async () => {
    const own = (await world.tickets.create(ticketFor('contoso', 'jan'), 'status-own')).ticket;
    const other = (await world.tickets.create(ticketFor('fabrikam', 'ola'), 'status-other')).ticket;
    const c = await verified('contoso', 'jan');
    const status = await c.say(`status ${own.id}`);
    expect(status[0]).toBe(
      `Zgłoszenie ${own.id}: Teams nie startuje\nStan: nowe\nPriorytet: B – wysoki\nPierwsza odpowiedź: jutro do 10:00`,
    );
    const refused = await c.say(`status ${other.id}`);
    const missing = await c.say('status SR-2026-999999');
    expect(refused[0]).toBe(`Nie znalazłem zgłoszenia ${other.id} wśród zgłoszeń Twojej organizacji.`);
    expect(missing[0]).toBe('Nie znalazłem zgłoszenia SR-2026-999999 wśród zgłoszeń Twojej organizacji.');
    const list = await c.say('moje zgłoszenia');
    expect(list[0]).toBe(`Zgłoszenia Twojej organizacji:\n- ${own.id} (B) Teams nie startuje – nowe`);
  });
});

function ticketFor(orgId: string, adminId: string) {
  return {
    orgId,
    adminId,
    category: 'technical' as const,
    grade: 'B' as const,
    title: 'Teams nie startuje',
    description: 'Teams nie startuje u jednej osoby',
    affected: 'Jedna osoba',
    contact: { email: 'x@example.pl', preferred: 'email' as const },
  };
}

async function snapshotBotState(): Promise<Map<string, string>> {
  const saved = new Map<string, string>();
  for (const key of await keysMatching(world.redis, `${world.prefix}*bot:state:*`)) saved.set(key, (await world.redis.get(key))!);
  return saved;
}

async function restoreBotState(saved: Map<string, string>): Promise<void> {
  for (const [key, value] of saved) await world.redis.set(key, value);
}
