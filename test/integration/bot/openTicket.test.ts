import { chat, deskWorld, buttonsOf, type DeskWorld } from '../../fixtures/bot/deskWorld';
import { nth } from '../../support/nth';

let world: DeskWorld;
beforeEach(async () => {
  world = await deskWorld('bot-ticket');
});
afterEach(() => world.close());

/** A chat whose conversation is already verified for an administrator. */
async function verifiedChat(orgId: string, adminId: string, options: Parameters<typeof chat>[1] = {}) {
  const c = chat(world, options);
  await world.verifier.markVerified({ conversationId: c.scope, orgId, adminId });
  return c;
}

const CONFIRM = { type: 'message', value: { action: 'confirm_ticket' } };

describe('opening a ticket in Polish', () => {
  it('walks the administrator through the request and opens one ticket with the deadline in words', async () => {
    const c = await verifiedChat('contoso', 'jan');
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
      'Proponuję priorytet B – wysoki, najwyższy możliwy w tym przypadku. Z opisu wynikałby A – krytyczny: opis wskazuje, że usługa nie działa lub problem dotyczy wielu użytkowników.',
    );
    expect(grade[1]).toBe('Priorytet A (krytyczny) jest dostępny tylko dla organizacji z umową wsparcia premier.');
    expect(buttonsOf(nth(c.replies, 2))).toEqual(['B – wysoki', 'C – niekrytyczny']);

    const summary = await c.say('B – wysoki');
    expect(nth(c.replies, 0).attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(summary[0]).toMatch(/Podsumowanie zgłoszenia.*Contoso.*Problem techniczny.*B – wysoki.*Poczta nie wychodzi.*Action\.Submit/s);

    const done = await c.say(CONFIRM);
    expect(done[0]).toMatch(
      /^Założyłem zgłoszenie (SR-2026-\d{6})\. Konsultant odpowie do jutra 10:00\.\n\nKolejne wiadomości z tego czatu dopiszę do zgłoszenia \1 – konsultant zobaczy każdą\. Napisz „anuluj”, aby wrócić do rozmowy ze mną\.$/,
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

  it('offers A to a premier organisation for a critical technical problem, and lets the contact be edited', async () => {
    const c = await verifiedChat('fabrikam', 'ola');
    await c.say('rozmowa z człowiekiem');
    await c.say('Problem techniczny');
    await c.say('Poczta nie wychodzi u nikogo w firmie od rana');
    await c.say('Cała firma');
    await c.say('Zmień dane');
    expect((await c.say('biuro@fabrikam.pl'))[0]).toMatch(/numer telefonu/);
    await c.say('+48 22 111 22 33');
    const grade = await c.say('E-mail');
    expect(grade[0]).toMatch(/^Proponuję priorytet A – krytyczny/);
    expect(buttonsOf(nth(c.replies, 1))).toEqual(['A – krytyczny', 'B – wysoki', 'C – niekrytyczny']);
    await c.say('A – krytyczny');
    const done = await c.say('tak');
    expect(done[0]).toMatch(/^Założyłem zgłoszenie SR-2026-\d{6}\. Konsultant odpowie dziś do 11:00\.\n\n/);
    const ticket = nth(await world.tickets.list({ orgId: 'fabrikam' }), 0);
    expect(ticket).toMatchObject({ grade: 'A', contact: { email: 'biuro@fabrikam.pl', phone: '+48 22 111 22 33', preferred: 'email' } });
  });

  it('refuses A for billing even for a premier organisation, and suggests C for a how-to question', async () => {
    const c = await verifiedChat('fabrikam', 'ola');
    await c.say('rozmowa z człowiekiem');
    await c.say('Rozliczenia i subskrypcja');
    await c.say('Jak ustawić hasło użytkownika, które nigdy nie wygasa?');
    await c.say('Jeden użytkownik');
    await c.say('Dane są poprawne');
    const grade = await c.say('E-mail');
    expect(grade[0]).toMatch(/^Proponuję priorytet C – niekrytyczny: opis wskazuje na pytanie/);
    expect(grade[1]).toMatch(/sprawy rozliczeniowe i przedsprzedażowe mają najwyżej priorytet B/);
    expect(buttonsOf(nth(c.replies, 2))).toEqual(['C – niekrytyczny', 'B – wysoki']);
  });

  it('opens exactly one ticket when the confirming turn is retried', async () => {
    const c = await verifiedChat('contoso', 'jan');
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

  it('cancels mid-dialog and opens nothing', async () => {
    const c = await verifiedChat('contoso', 'jan');
    await c.say('rozmowa z człowiekiem');
    await c.say('Problem techniczny');
    // Help at a prompt explains, then asks the same question again.
    const help = await c.say('pomoc');
    expect(help[0]).toMatch(/^Oto, co możesz napisać/);
    expect(help[1]).toMatch(/Opisz problem/);
    expect(await c.say('anuluj')).toEqual(['Dobrze, przerwałem. Możesz zadać pytanie albo napisać „pomoc”.']);
    expect(await c.say(CONFIRM)).toEqual(['Ten formularz nie jest już aktywny. Napisz „załóż zgłoszenie”, aby zacząć od nowa.']);
    expect(await world.tickets.list({ orgId: 'contoso' })).toHaveLength(0);
  });

  it('shows a plain-text summary on a channel without cards', async () => {
    const c = await verifiedChat('contoso', 'jan', { channelId: 'sms' });
    for (const text of [
      'rozmowa z człowiekiem',
      'Problem techniczny',
      'Przycisk Wyślij w Outlooku wygląda źle',
      'Jeden użytkownik',
      'Dane są poprawne',
      'E-mail',
    ]) {
      await c.say(text);
    }
    const summary = await c.say('B – wysoki');
    expect(nth(c.replies, 0).attachments ?? []).toHaveLength(0);
    expect(summary[0]).toMatch(/^Podsumowanie zgłoszenia\nOrganizacja: Contoso\n.*Napisz „tak” lub „nie”\.$/s);
    expect((await c.say('tak'))[0]).toMatch(/^Założyłem zgłoszenie/);
  });
});

describe('ticket status in Polish', () => {
  it("shows the organisation's own ticket and its list, and refuses another organisation's without revealing it", async () => {
    const own = (await world.tickets.create(ticketFor('contoso', 'jan'), 'status-own')).ticket;
    const other = (await world.tickets.create(ticketFor('fabrikam', 'ola'), 'status-other')).ticket;
    const c = await verifiedChat('contoso', 'jan');
    const status = await c.say(`status ${own.id}`);
    expect(status[0]).toBe(
      `Zgłoszenie ${own.id}: Teams nie startuje\nStan: nowe\nPriorytet: B – wysoki\nPierwsza odpowiedź: do jutra 10:00`,
    );
    const refused = await c.say(`status ${other.id}`);
    const missing = await c.say('status SR-2026-999999');
    expect(refused[0]).toBe(`Nie znalazłem zgłoszenia ${other.id} wśród zgłoszeń Twojej organizacji.`);
    expect(missing[0]).toBe('Nie znalazłem zgłoszenia SR-2026-999999 wśród zgłoszeń Twojej organizacji.');
    const list = await c.say('moje zgłoszenia');
    expect(list[0]).toBe(`Zgłoszenia Twojej organizacji:\n- ${own.id} (B) Teams nie startuje – nowe`);
  });

  it('verifies first when the conversation is not verified yet', async () => {
    const c = chat(world);
    expect((await c.say('moje zgłoszenia'))[0]).toMatch(/Czy jesteś administratorem\?/);
  });
});

describe('in English', () => {
  it('opens a ticket, refusing A for a standard organisation, with the deadline in English', async () => {
    const c = await verifiedChat('contoso', 'jan', { locale: 'en-US' });
    expect((await c.say('talk to a person'))[0]).toMatch(/What is the request about\?/);
    await c.say('Technical problem');
    await c.say('Mail is not sending for everyone in the company');
    await c.say('All users');
    await c.say('The details are correct');
    const grade = await c.say('E-mail');
    expect(grade[0]).toBe(
      'I suggest grade B – high, the highest possible here. The description alone would mean A – critical: the description says a service is down or many users are affected.',
    );
    expect(grade[1]).toBe('Grade A (critical) is available only to organisations with a premier support contract.');
    const summary = await c.say('B – high');
    expect(summary[0]).toMatch(/Request summary.*Technical problem.*Open the request/s);
    expect((await c.say(CONFIRM))[0]).toMatch(
      /^I opened request (SR-2026-\d{6})\. An agent will answer by tomorrow 10:00\.\n\nI will add your next messages in this chat to request \1 – the agent will see each one\. Write "cancel" to talk to me again\.$/,
    );
  });

  it('refuses A for billing, suggesting C for a how-to question', async () => {
    const c = await verifiedChat('fabrikam', 'ola', { locale: 'en-US' });
    for (const text of [
      'talk to a person',
      'Billing and subscription',
      'How do I set a password that never expires?',
      'One user',
      'The details are correct',
    ])
      await c.say(text);
    const grade = await c.say('Phone');
    expect(grade[0]).toMatch(/^I suggest grade C – non-critical/);
    expect(grade[1]).toBe('Grade A (critical) is for technical problems only; billing and pre-sales requests are at most grade B.');
  });

  it('opens one ticket on a retried turn, cancels mid-dialog, and answers status questions', async () => {
    const c = await verifiedChat('contoso', 'jan', { locale: 'en-US' });
    for (const text of [
      'talk to a person',
      'Technical problem',
      'An Outlook button looks wrong',
      'One user',
      'The details are correct',
      'E-mail',
      'B – high',
    ])
      await c.say(text);
    const saved = await snapshotBotState();
    const first = await c.say(CONFIRM);
    await restoreBotState(saved);
    expect(await c.say(CONFIRM)).toEqual(first);
    const ticket = nth(await world.tickets.list({ orgId: 'contoso' }), 0);
    expect(await world.tickets.list({ orgId: 'contoso' })).toHaveLength(1);

    await c.say('talk to a person');
    expect(await c.say('cancel')).toEqual(['All right, I stopped. Ask a question or write "help".']);

    expect(nth(await c.say(`status ${ticket.id}`), 0)).toBe(
      `Request ${ticket.id}: An Outlook button looks wrong\nStatus: new\nGrade: B – high\nFirst response: by tomorrow 10:00`,
    );
    const other = (await world.tickets.create(ticketFor('fabrikam', 'ola'), 'status-other-en')).ticket;
    expect((await c.say(`status ${other.id}`))[0]).toBe(`I found no request ${other.id} among your organisation's requests.`);
    expect(nth(await c.say('my tickets'), 0)).toBe(`Your organisation's requests:\n- ${ticket.id} (B) An Outlook button looks wrong – new`);
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
  for (const key of await world.redis.keys(`${world.prefix}bot:state:*`)) saved.set(key, (await world.redis.get(key))!);
  return saved;
}

async function restoreBotState(saved: Map<string, string>): Promise<void> {
  for (const [key, value] of saved) await world.redis.set(key, value);
}
