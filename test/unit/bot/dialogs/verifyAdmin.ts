import { buttonsOf, chat } from '../../../fixtures/bot/deskWorld';
import { memoryDeskWorld, type MemoryDeskWorld } from '../../../fixtures/bot/memoryDesk';
import { nth } from '../../../support/nth';

/*
 * Administrator verification as a person sees it, on in-memory services: the PIN limits come
 * from PinVerifier's constants; test/integration/bot/verification.test.ts runs them on Redis.
 */
let world: MemoryDeskWorld;
describe('the verification dialog', () => {
  beforeEach(() => {
    world = memoryDeskWorld();
  });

  const JAN = 'jan.kowalski@contoso.pl';

  /** Walks a chat up to "type the code"; returns the bot's answer to the channel choice. */
  async function askForCode(c: ReturnType<typeof chat>, words: { start: string; yes: string }, email = JAN, channel = 'E-mail') {
    for (const step of [words.start, words.yes, 'Contoso', email]) await c.say(step);
    return c.say(channel);
  }

  const PL = { start: 'rozmowa z człowiekiem', yes: 'Tak' };
  const EN = { start: 'talk to a person', yes: 'Yes' };
  const wrongCode = (right: string) => (right === '000000' ? '111111' : '000000');

  describe('verifying an administrator with a one-time code, in Polish', () => {
    it('asks who they are, sends a code to the registered address, and goes on to the request once it is typed', async () => {
      const c = chat(world);
      expect(await c.say('rozmowa z człowiekiem')).toEqual([
        'Zgłoszenia do pomocy technicznej zakładają i śledzą tylko administratorzy organizacji. Czy jesteś administratorem? [Tak] [Nie]',
      ]);
      expect((await c.say('Tak'))[0]).toMatch(/nazwę lub identyfikator/);
      expect(await c.say('Contoso')).toEqual(['Podaj adres e-mail administratora zarejestrowany w profilu organizacji „Contoso”.']);
      expect((await c.say('to nie jest adres'))[0]).toBe('To nie wygląda na adres e-mail. Podaj go w postaci nazwa@firma.pl.');
      expect((await c.say(JAN))[0]).toMatch(/Gdzie go wysłać\?/);
      const sent = await c.say('E-mail');
      expect(sent[0]).toMatch(/kod został wysłany na j\*+@contoso\.pl\. Jest ważny 10 minut\.$/);
      expect(sent[1]).toMatch(/Wpisz 6-cyfrowy kod/);
      expect(world.verifier.outbox).toEqual([{ to: JAN, code: expect.stringMatching(/^\d{6}$/) }]);

      expect(await c.say('12 34')).toEqual(['Kod składa się z 6 cyfr.', expect.stringMatching(/Wpisz 6-cyfrowy kod/)]);
      const verified = await c.say(world.verifier.codeSentTo(JAN));
      expect(verified[0]).toBe('Dziękuję, weryfikacja zakończona.');
      expect(verified[1]).toMatch(/Czego dotyczy zgłoszenie\?/);
      expect(await world.verifier.verifiedAdmin(c.scope)).toEqual({ orgId: 'contoso', adminId: 'jan' });
    });

    it('sends the code by SMS to the registered phone, shown masked', async () => {
      const c = chat(world);
      expect((await askForCode(c, PL, JAN, 'SMS'))[0]).toMatch(/wysłany na \+48 \*\*\* \*\*\* \*23/);
      expect((await c.say(world.verifier.codeSentTo('+48 601 234 123')))[0]).toBe('Dziękuję, weryfikacja zakończona.');
    });

    it('offers only the way of sending that is configured: with SMTP alone, no question, the code goes by e-mail', async () => {
      world.verifier.codeChannels = ['email'];
      const c = chat(world);
      for (const step of [PL.start, PL.yes, 'Contoso']) await c.say(step);
      const sent = await c.say(JAN);
      expect(sent[0]).toMatch(/kod został wysłany na j\*+@contoso\.pl/);
      expect(sent.join('\n')).not.toMatch(/Gdzie go wysłać|SMS/);
      expect((await c.say(world.verifier.codeSentTo(JAN)))[0]).toBe('Dziękuję, weryfikacja zakończona.');
    });

    it('with the SMS webhook alone, sends to the registered phone without asking', async () => {
      world.verifier.codeChannels = ['phone'];
      const c = chat(world);
      for (const step of [PL.start, PL.yes, 'Contoso']) await c.say(step);
      const sent = await c.say(JAN);
      expect(sent[0]).toMatch(/wysłany na \+48 \*\*\* \*\*\* \*23/);
      expect(sent.join('\n')).not.toMatch(/Gdzie go wysłać|E-mail/);
    });

    it('answers an unregistered address with the same words, sends nothing, and no code opens it', async () => {
      const c = chat(world);
      expect((await askForCode(c, PL, 'mallory@contoso.pl'))[0]).toBe(
        'Jeśli ten adres należy do administratora organizacji, kod został wysłany na m***@contoso.pl. Jest ważny 10 minut.',
      );
      expect(world.verifier.outbox).toEqual([]);
      expect((await c.say('123456'))[0]).toBe('Kod jest nieprawidłowy. Pozostałe próby: 4.');
    });

    it('counts wrong codes down, locks the conversation after the fifth, and the dialog ends', async () => {
      const c = chat(world);
      await askForCode(c, PL);
      const wrong = wrongCode(world.verifier.codeSentTo(JAN));
      for (const left of [4, 3, 2, 1]) expect((await c.say(wrong))[0]).toBe(`Kod jest nieprawidłowy. Pozostałe próby: ${left}.`);
      // With another way to reach support: the phone numbers from the knowledge base.
      expect(await c.say(wrong)).toEqual([
        expect.stringMatching(
          /^Zbyt wiele nieudanych prób\. Weryfikacja jest zablokowana na 15 minut – spróbuj ponownie później\.\n\nMożesz też zadzwonić do pomocy technicznej:\n\n.*0800 032 6417/s,
        ),
      ]);
      // Out of the dialog: the right code now is just a message, and this conversation stays unverified.
      await c.say(world.verifier.codeSentTo(JAN));
      expect(await world.verifier.verifiedAdmin(c.scope)).toBeNull();
      // The lock is this conversation's, not the administrator's.
      expect((await askForCode(chat(world), PL))[0]).toMatch(/kod został wysłany/);
    });

    it('says a code typed after ten minutes has expired, and "wyślij ponownie" sends a new one that works', async () => {
      const c = chat(world);
      await askForCode(c, PL);
      const old = world.verifier.codeSentTo(JAN);
      world.clock.advance(11 * 60_000);
      expect((await c.say(old))[0]).toMatch(/^Kod wygasł/);
      expect((await c.say('wyślij ponownie'))[0]).toMatch(/kod został wysłany/);
      expect((await c.say(world.verifier.codeSentTo(JAN)))[0]).toBe('Dziękuję, weryfikacja zakończona.');
    });

    it('stops sending after three codes in an hour', async () => {
      const c = chat(world);
      await askForCode(c, PL);
      await c.say('wyślij ponownie');
      await c.say('wyślij ponownie');
      expect((await c.say('wyślij ponownie'))[0]).toMatch(/zbyt wiele kodów.* \d+ min\./);
      expect(world.verifier.outbox).toHaveLength(3);
    });

    it('asks again for an unknown organisation, gives up after three tries, and reads the next message as a question', async () => {
      const c = chat(world);
      await c.say('rozmowa z człowiekiem');
      await c.say('Tak');
      expect((await c.say('Northwind'))[0]).toMatch(/Nie znam organizacji o takiej nazwie/);
      expect((await c.say('Northwind Traders'))[0]).toMatch(/Nie znam organizacji o takiej nazwie/);
      expect((await c.say('Northwind sp. z o.o.'))[0]).toMatch(/Nie udało mi się odnaleźć organizacji/);
      expect((await c.say('Jak upiec sernik?'))[0]).toMatch(/nie znalazłem odpowiedzi/);
    });

    it('takes an e-mail address typed for the organisation: its domain names the organisation, and it is not asked for again', async () => {
      const c = chat(world);
      await c.say(PL.start);
      await c.say(PL.yes);
      expect((await c.say(JAN))[0]).toMatch(/Gdzie go wysłać\?/);
      expect((await c.say('E-mail'))[0]).toMatch(/kod został wysłany na j\*+@contoso\.pl/);
      expect(world.verifier.outbox).toEqual([{ to: JAN, code: expect.stringMatching(/^\d{6}$/) }]);
      // Both in one message: the name finds the organisation, the address is kept.
      const both = chat(world);
      await both.say(PL.start);
      await both.say(PL.yes);
      expect((await both.say(`Contoso, mój mail to ${JAN}`))[0]).toMatch(/Gdzie go wysłać\?/);
    });

    it('asks for the name when the address typed for it names no organisation', async () => {
      const c = chat(world);
      await c.say(PL.start);
      await c.say(PL.yes);
      expect(await c.say('jan@gmail.com')).toEqual([
        'To adres e-mail. Podaj najpierw nazwę lub identyfikator organizacji, o adres zapytam za chwilę.',
      ]);
      expect(await c.say('Contoso')).toEqual(['Podaj adres e-mail administratora zarejestrowany w profilu organizacji „Contoso”.']);
    });

    it('finds the organisation by its id as well as by its name', async () => {
      const c = chat(world);
      await c.say('rozmowa z człowiekiem');
      await c.say('Tak');
      expect((await c.say('fabrikam'))[0]).toBe('Podaj adres e-mail administratora zarejestrowany w profilu organizacji „Fabrikam”.');
    });

    it('tells a non-administrator kindly where to go', async () => {
      const c = chat(world);
      await c.say('rozmowa z człowiekiem');
      expect((await c.say('Nie'))[0]).toMatch(/tylko administratorzy organizacji.*swojego administratora.*z bazy wiedzy/s);
    });

    it('cancels at any prompt, and the next message is a question again', async () => {
      const c = chat(world);
      await c.say('rozmowa z człowiekiem');
      await c.say('Tak');
      await c.say('Contoso');
      expect(await c.say('anuluj')).toEqual(['Dobrze, przerwałem. Możesz zadać pytanie albo napisać „pomoc”.']);
      expect((await c.say('Jak upiec sernik?'))[0]).toMatch(/nie znalazłem odpowiedzi/);
      expect(await c.say('anuluj')).toEqual(['Nie ma nic do przerwania. W czym mogę pomóc?']);
    });

    it('cancels at a prompt called off in other words ("nvm, scrap that"), which never becomes the answer', async () => {
      const c = chat(world);
      await c.say('Chcę zgłosić problem');
      await c.say('Tak');
      expect(await c.say('nvm, scrap that')).toEqual(['Dobrze, przerwałem. Możesz zadać pytanie albo napisać „pomoc”.']);
      await c.say('Chcę zgłosić problem');
      await c.say('Tak');
      expect(await c.say('dobra, zapomnij o tym')).toEqual(['Dobrze, przerwałem. Możesz zadać pytanie albo napisać „pomoc”.']);
      // At "Czy jesteś administratorem?" a changed mind stops; it is no "Nie".
      await c.say('Chcę zgłosić problem');
      expect(await c.say('nie, jednak się rozmyśliłem')).toEqual(['Dobrze, przerwałem. Możesz zadać pytanie albo napisać „pomoc”.']);
      await c.say('Chcę zgłosić problem');
      expect(await c.say('jednak nie chcę zakładać zgłoszenia')).toEqual([
        'Dobrze, przerwałem. Możesz zadać pytanie albo napisać „pomoc”.',
      ]);
    });
  });

  describe('trusted Teams identities', () => {
    const teams = { channelId: 'msteams', tenantId: 'tenant-contoso', from: { id: '29:jan', aadObjectId: 'aad-jan' } };

    it('trusts an identity registered for an administrator on an authenticated turn, with no code', async () => {
      const c = chat(world, { ...teams, authenticated: true });
      const replies = await c.say('rozmowa z człowiekiem');
      expect(replies[0]).toBe('Rozpoznaję Cię (Jan Kowalski) jako administratora organizacji „Contoso”.');
      expect(replies[1]).toMatch(/Czego dotyczy zgłoszenie\?/);
      expect(world.verifier.outbox).toEqual([]);
      expect(await world.verifier.verifiedAdmin(c.scope)).toEqual({ orgId: 'contoso', adminId: 'jan' });
    });

    it('asks as anyone else when the turn is not authenticated or the tenant is another', async () => {
      for (const c of [chat(world, teams), chat(world, { ...teams, tenantId: 'tenant-fabrikam', authenticated: true })])
        expect((await c.say('rozmowa z człowiekiem'))[0]).toMatch(/Czy jesteś administratorem\?/);
    });

    it('in a channel, reads the words after the @mention and verifies only the person who was recognised', async () => {
      const channel = { ...teams, isGroup: true, conversationId: '19:general@thread.tacv2', authenticated: true };
      const mention = { type: 'mention', mentioned: { id: 'desk-bot', name: 'Desk' }, text: '<at>Desk</at>' };
      const jan = chat(world, channel);
      expect((await jan.say({ type: 'message', text: '<at>Desk</at> rozmowa z człowiekiem', entities: [mention] }))[0]).toMatch(
        /^Rozpoznaję Cię \(Jan Kowalski\) jako administratora/,
      );
      const colleague = chat(world, { ...channel, from: { id: '29:piotr', aadObjectId: 'aad-piotr' } });
      expect((await colleague.say({ type: 'message', text: '<at>Desk</at> moje zgłoszenia', entities: [mention] }))[0]).toMatch(
        /Czy jesteś administratorem\?/,
      );
    });
  });

  describe('verifying an administrator, in English', () => {
    it('verifies with a code, in English', async () => {
      const c = chat(world, { locale: 'en-US' });
      expect((await c.say('talk to a person'))[0]).toMatch(/Are you an administrator\?/);
      expect(buttonsOf(nth(c.replies, 0))).toEqual(['Yes', 'No']);
      const sent = await askForCode(c, { start: 'talk to a person', yes: 'Yes' });
      expect(sent[0]).toMatch(/a code has been sent to j\*+@contoso\.pl/);
      const verified = await c.say(world.verifier.codeSentTo(JAN));
      expect(verified[0]).toBe('Thank you, you are verified.');
      expect(verified[1]).toMatch(/What is the request about\?/);
    });

    it('counts wrong codes, locks after five, and says an expired code has expired, in English', async () => {
      const c = chat(world, { locale: 'en-US' });
      await askForCode(c, EN);
      const wrong = wrongCode(world.verifier.codeSentTo(JAN));
      for (const left of [4, 3, 2, 1]) expect((await c.say(wrong))[0]).toBe(`That code is not right. Attempts left: ${left}.`);
      expect((await c.say(wrong))[0]).toMatch(/locked for 15 minutes/);

      const late = chat(world, { locale: 'en-US' });
      await askForCode(late, EN);
      world.clock.advance(11 * 60_000);
      expect((await late.say(world.verifier.codeSentTo(JAN)))[0]).toMatch(/^The code has expired/);
    });

    it('stops sending after three codes, offering the phone numbers, in English', async () => {
      const c = chat(world, { locale: 'en-US' });
      await askForCode(c, EN);
      await c.say('resend');
      await c.say('resend');
      const limited = (await c.say('resend')).join('\n');
      expect(limited).toMatch(/^I have already sent too many codes – I can send a new one in \d+ min\./);
      expect(limited).toContain('United Kingdom 0800 032 6417');
    });

    it('recognises a trusted Teams administrator, in English', async () => {
      const teams = { channelId: 'msteams', tenantId: 'tenant-contoso', from: { id: '29:jan', aadObjectId: 'aad-jan' } };
      const c = chat(world, { ...teams, locale: 'en-US', authenticated: true });
      expect((await c.say('talk to a person'))[0]).toBe('I recognise you as administrator Jan Kowalski of “Contoso”.');
    });

    it('guides a non-administrator and cancels mid-dialog, in English', async () => {
      const c = chat(world, { locale: 'en-US' });
      await c.say('talk to a person');
      expect((await c.say('No'))[0]).toMatch(/Only administrators of an organisation can open support requests/);
      await c.say('talk to a person');
      await c.say('Yes');
      expect(await c.say('cancel')).toEqual(['All right, I stopped. Ask a question or write "help".']);
    });
  });
});
