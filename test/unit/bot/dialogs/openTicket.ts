import type { Activity } from 'botbuilder';
import { buttonsOf, chat, verifiedChat } from '../../../fixtures/bot/deskWorld';
import { memoryDeskWorld, type MemoryDeskWorld } from '../../../fixtures/bot/memoryDesk';
import { nth } from '../../../support/nth';
import { ticketInput } from '../../ticketing/fixtures';

/*
 * Opening a ticket and asking where it stands, as an administrator sees it, on in-memory
 * services that run the domain's own rules: the grades the contract and category allow, the
 * suggested grade, the SLA deadline on the organisation's calendar. The clock is Tuesday
 * 2026-03-10 10:00 in Warsaw.
 */
let world: MemoryDeskWorld;
describe('the ticket dialogs', () => {
  beforeEach(() => {
    world = memoryDeskWorld();
  });

  const verified = (orgId: string, adminId: string, options?: Parameters<typeof chat>[1]) => verifiedChat(world, orgId, adminId, options);

  const CONFIRM: Partial<Activity> = { type: 'message', value: { action: 'confirm_ticket' } };

  describe('opening a ticket, in Polish', () => {
    it("caps the suggested grade at what a standard contract allows, and opens the ticket with that grade and the calendar's deadline", async () => {
      const c = await verified('contoso', 'jan');
      expect((await c.say('załóż zgłoszenie'))[0]).toMatch(/Czego dotyczy zgłoszenie\?/);
      expect(buttonsOf(nth(c.replies, 0))).toEqual(['Problem techniczny', 'Rozliczenia i subskrypcja', 'Pytanie przedsprzedażowe']);
      expect((await c.say('Problem techniczny'))[0]).toMatch(/Opisz problem/);
      expect((await c.say('za krótki'))[0]).toBe('Opis jest za krótki (co najmniej 10 znaków). Napisz, co dokładnie się dzieje.');
      expect((await c.say('Poczta nie wychodzi u nikogo w firmie od rana'))[0]).toMatch(/Kogo lub czego dotyczy/);
      expect((await c.say('Wszyscy użytkownicy'))[0]).toContain(
        'Skontaktujemy się z Tobą na dane z profilu: e-mail jan.kowalski@contoso.pl, telefon +48 601 234 123. Czy są poprawne?',
      );
      expect((await c.say('Dane są poprawne'))[0]).toMatch(/forma kontaktu/);
      const grade = await c.say('Telefon');
      expect(grade[0]).toBe(
        'Proponuję priorytet B – wysoki – najwyższy możliwy w tym przypadku. Sam opis uzasadniałby priorytet A – krytyczny: opis wskazuje, że usługa nie działa u wielu użytkowników.',
      );
      expect(grade[1]).toBe('Priorytet A (krytyczny) jest dostępny tylko dla organizacji z umową wsparcia premier.');
      expect(buttonsOf(nth(c.replies, 2))).toEqual(['B – wysoki', 'C – niekrytyczny']);

      const summary = await c.say('B – wysoki');
      expect(nth(c.replies, 0).attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(summary[0]).toMatch(/Podsumowanie zgłoszenia.*Contoso.*Problem techniczny.*B – wysoki.*Poczta nie wychodzi/s);
      expect(await world.tickets.list()).toEqual([]);

      const done = await c.say(CONFIRM);
      const ticket = nth(await world.tickets.list({ orgId: 'contoso' }), 0);
      expect(done[0]).toMatch(new RegExp(`^Założyłem zgłoszenie ${ticket.id}\\. Konsultant odpowie jutro do 10:00\\.`));
      expect(ticket).toMatchObject({
        adminId: 'jan',
        category: 'technical',
        grade: 'B',
        title: 'Poczta nie wychodzi u nikogo w firmie od rana',
        affected: 'Wszyscy użytkownicy',
        contact: { email: 'jan.kowalski@contoso.pl', phone: '+48 601 234 123', preferred: 'phone' },
        // Grade B on a standard contract: the first response is due one business day later.
        sla: { dueAt: '2026-03-11T09:00:00.000Z' },
        conversation: { conversation: { id: c.conversationId }, channelId: 'webchat' },
      });
    });

    it('offers A to a premier organisation for a critical technical problem, due within the hour, with contact details edited', async () => {
      const c = await verified('fabrikam', 'ola');
      for (const step of ['załóż zgłoszenie', 'Problem techniczny', 'Poczta nie wychodzi u nikogo w firmie od rana', 'Cała firma'])
        await c.say(step);
      expect((await c.say('Zmień dane'))[0]).toMatch(/adres e-mail/);
      expect((await c.say('biuro(at)fabrikam'))[0]).toBe('To nie wygląda na adres e-mail. Podaj go w postaci nazwa@firma.pl.');
      expect((await c.say('biuro@fabrikam.pl'))[0]).toMatch(/numer telefonu/);
      expect((await c.say('zadzwońcie'))[0]).toBe('To nie wygląda na numer telefonu. Podaj go np. jako +48 600 100 200.');
      await c.say('+48 22 111 22 33');
      const grade = await c.say('E-mail');
      expect(grade[0]).toMatch(/^Proponuję priorytet A – krytyczny/);
      expect(buttonsOf(nth(c.replies, 1))).toEqual(['A – krytyczny', 'B – wysoki', 'C – niekrytyczny']);
      await c.say('A – krytyczny');
      expect((await c.say('tak'))[0]).toMatch(/^Założyłem zgłoszenie SR-2026-\d{6}\. Konsultant odpowie dziś do 11:00\./);
      expect(nth(await world.tickets.list({ orgId: 'fabrikam' }), 0)).toMatchObject({
        grade: 'A',
        sla: { dueAt: '2026-03-10T10:00:00.000Z' },
        contact: { email: 'biuro@fabrikam.pl', phone: '+48 22 111 22 33', preferred: 'email' },
      });
    });

    it('suggests the grade from who is affected as well as from the description', async () => {
      const suggestionFor = async (affected: string) => {
        const c = await verified('fabrikam', 'ola');
        for (const step of [
          'załóż zgłoszenie',
          'Problem techniczny',
          'Outlook nie wysyła wiadomości, zostają w skrzynce nadawczej',
          affected,
          'Dane są poprawne',
        ])
          await c.say(step);
        return (await c.say('E-mail'))[0];
      };
      expect(await suggestionFor('Wszyscy w firmie, około 40 osób')).toMatch(/^Proponuję priorytet A – krytyczny/);
      expect(await suggestionFor('Tylko ja')).toMatch(/^Proponuję priorytet B – wysoki/);
    });

    it('refuses A for billing even to a premier organisation, and suggests C for a how-to question', async () => {
      const c = await verified('fabrikam', 'ola');
      for (const step of [
        'załóż zgłoszenie',
        'Rozliczenia i subskrypcja',
        'Jak ustawić hasło użytkownika, które nigdy nie wygasa?',
        'Jeden użytkownik',
        'Dane są poprawne',
      ])
        await c.say(step);
      const grade = await c.say('E-mail');
      expect(grade[0]).toMatch(/^Proponuję priorytet C – niekrytyczny: to pytanie o to, jak coś zrobić lub ustawić/);
      expect(grade[1]).toMatch(/sprawy rozliczeniowe i przedsprzedażowe mają najwyżej priorytet B/);
      expect(buttonsOf(nth(c.replies, 2))).toEqual(['C – niekrytyczny', 'B – wysoki']);
      await c.say('C – niekrytyczny');
      await c.say('tak');
      expect(nth(await world.tickets.list(), 0)).toMatchObject({ category: 'billing', grade: 'C' });
    });

    it('explains and asks again on "pomoc", cancels mid-dialog, opens nothing, and calls the old card expired', async () => {
      const c = await verified('contoso', 'jan');
      await c.say('załóż zgłoszenie');
      await c.say('Problem techniczny');
      const help = await c.say('pomoc');
      expect(help[0]).toMatch(/^Oto, co możesz napisać/);
      expect(help[1]).toMatch(/Opisz problem/);
      expect(await c.say('anuluj')).toEqual(['Dobrze, przerwałem. Możesz zadać pytanie albo napisać „pomoc”.']);
      expect(await c.say(CONFIRM)).toEqual(['Ten formularz nie jest już aktywny. Napisz „załóż zgłoszenie”, aby zacząć od nowa.']);
      expect(await world.tickets.list()).toEqual([]);
    });

    it('opens nothing when the summary is declined', async () => {
      const c = await verified('contoso', 'jan', { channelId: 'sms' });
      for (const step of [
        'załóż zgłoszenie',
        'Problem techniczny',
        'Przycisk Wyślij w Outlooku wygląda źle',
        'Jeden użytkownik',
        'Dane są poprawne',
        'E-mail',
      ])
        await c.say(step);
      // A channel without cards gets the summary as text.
      const summary = await c.say('B – wysoki');
      expect(nth(c.replies, 0).attachments ?? []).toHaveLength(0);
      expect(summary[0]).toMatch(/^Podsumowanie zgłoszenia\nOrganizacja: Contoso\n.*Napisz „tak” lub „nie”\.$/s);
      expect(await c.say('może')).toEqual(['Potwierdź zgłoszenie przyciskiem albo napisz „tak” lub „nie”.']);
      expect(await c.say('nie')).toEqual(['Dobrze, nie założyłem zgłoszenia.']);
      expect(await world.tickets.list()).toEqual([]);
    });

    it('verifies first when the person is not verified yet, then goes on to the request', async () => {
      const c = chat(world);
      expect((await c.say('załóż zgłoszenie'))[0]).toMatch(/Czy jesteś administratorem\?/);
      for (const step of ['Tak', 'Contoso', 'jan.kowalski@contoso.pl', 'E-mail']) await c.say(step);
      expect((await c.say(world.verifier.codeSentTo('jan.kowalski@contoso.pl')))[1]).toMatch(/Czego dotyczy zgłoszenie\?/);
    });
  });

  describe('where a ticket stands', () => {
    it("shows the organisation's own ticket and list, and answers for another organisation's as for none", async () => {
      const own = (await world.tickets.create(ticketFor('contoso', 'jan'))).ticket;
      const other = (await world.tickets.create(ticketFor('fabrikam', 'ola'))).ticket;
      const c = await verified('contoso', 'jan');
      expect(await c.say(`status ${own.id}`)).toEqual([
        `Zgłoszenie ${own.id}: Teams nie startuje\nStan: nowe\nPriorytet: B – wysoki\nPierwsza odpowiedź: jutro do 10:00`,
      ]);
      expect(await c.say(`status ${other.id}`)).toEqual([`Nie znalazłem zgłoszenia ${other.id} wśród zgłoszeń Twojej organizacji.`]);
      expect(await c.say('status SR-2026-999999')).toEqual(['Nie znalazłem zgłoszenia SR-2026-999999 wśród zgłoszeń Twojej organizacji.']);
      expect(await c.say('moje zgłoszenia')).toEqual([`Zgłoszenia Twojej organizacji:\n- ${own.id} (B) Teams nie startuje – nowe`]);
    });

    it('says a deadline that has passed is overdue', async () => {
      const own = (await world.tickets.create(ticketFor('contoso', 'jan'))).ticket;
      world.clock.advance(2 * 24 * 3600_000);
      const c = await verified('contoso', 'jan');
      expect((await c.say(`status ${own.id}`))[0]).toMatch(/Pierwsza odpowiedź: termin minął .*11.* 10:00\. Przepraszamy za opóźnienie\.$/);
    });

    it('says there are none yet', async () => {
      const c = await verified('contoso', 'jan', { locale: 'en-US' });
      expect(await c.say('my tickets')).toEqual(['Your organisation has no requests yet.']);
    });
  });

  describe('opening a ticket, in English', () => {
    it('refuses A to a standard organisation and gives the deadline in English', async () => {
      const c = await verified('contoso', 'jan', { locale: 'en-US' });
      expect((await c.say('talk to a person'))[0]).toMatch(/What is the request about\?/);
      for (const step of ['Technical problem', 'Mail is not sending for everyone in the company', 'All users', 'The details are correct'])
        await c.say(step);
      const grade = await c.say('E-mail');
      expect(grade[0]).toBe(
        'I suggest grade B – high, the highest possible here. The description alone would mean A – critical: the description says a service is down for many users.',
      );
      expect(grade[1]).toBe('Grade A (critical) is available only to organisations with a premier support contract.');
      expect((await c.say('B – high'))[0]).toMatch(/Request summary.*Technical problem.*Open the request/s);
      const done = await c.say(CONFIRM);
      const ticket = nth(await world.tickets.list(), 0);
      expect(done[0]).toMatch(new RegExp(`^I opened request ${ticket.id}\\. An agent will answer tomorrow by 10:00\\.`));
      expect(ticket).toMatchObject({ grade: 'B', sla: { dueAt: '2026-03-11T09:00:00.000Z' } });
    });

    it('refuses A for billing, cancels mid-dialog, and answers status questions, in English', async () => {
      const c = await verified('fabrikam', 'ola', { locale: 'en-US' });
      for (const step of [
        'talk to a person',
        'Billing and subscription',
        'How do I set a password that never expires?',
        'One user',
        'The details are correct',
      ])
        await c.say(step);
      const grade = await c.say('Phone');
      expect(grade[0]).toMatch(/^I suggest grade C – non-critical/);
      expect(grade[1]).toBe('Grade A (critical) is for technical problems only; billing and pre-sales requests are at most grade B.');
      expect(await c.say('cancel')).toEqual(['All right, I stopped. Ask a question or write "help".']);
      expect(await world.tickets.list()).toEqual([]);

      const own = (await world.tickets.create(ticketFor('fabrikam', 'ola'))).ticket;
      expect(await c.say(`status ${own.id}`)).toEqual([
        `Request ${own.id}: Teams nie startuje\nStatus: new\nGrade: B – high\nFirst response: tomorrow by 10:00`,
      ]);
      expect(await c.say('my tickets')).toEqual([`Your organisation's requests:\n- ${own.id} (B) Teams nie startuje – new`]);
    });
  });

  /** A ticket of an organisation, opened outside the chat (by the API or by mail). */
  const ticketFor = (orgId: string, adminId: string) => ticketInput({ orgId, adminId, title: 'Teams nie startuje' });
});
