import { chat, deskWorld, buttonsOf, type DeskWorld } from '../../fixtures/bot/deskWorld';
import { nth } from '../../support/nth';

// A fresh prefix per test: send limits and locks of one test must not leak into the next.
let world: DeskWorld;
beforeEach(async () => {
  world = await deskWorld('bot-verify');
});
afterEach(() => world.close());

const JAN = 'jan.kowalski@contoso.pl';

/** Walks a chat up to "type the code" for an administrator e-mail; returns the replies to the channel choice. */
async function askForCode(c: ReturnType<typeof chat>, words: { start: string; yes: string; channel: string }, email = JAN) {
  await c.say(words.start);
  await c.say(words.yes);
  await c.say('Contoso');
  await c.say(email);
  return c.say(words.channel);
}

const PL = { start: 'rozmowa z człowiekiem', yes: 'Tak', channel: 'E-mail' };
const EN = { start: 'talk to a person', yes: 'Yes', channel: 'E-mail' };

describe('administrator verification in Polish', () => {
  it('asks for the organisation and e-mail, sends a code to the registered address and verifies it', async () => {
    const c = chat(world);
    expect((await c.say('rozmowa z człowiekiem'))[0]).toMatch(/Czy jesteś administratorem\?/);
    expect(buttonsOf(nth(c.replies, 0))).toEqual(['Tak', 'Nie']);
    expect((await c.say('Tak'))[0]).toMatch(/nazwę lub identyfikator/);
    expect((await c.say('Contoso'))[0]).toBe('Podaj adres e-mail administratora zarejestrowany w profilu organizacji „Contoso”.');
    expect((await c.say(JAN))[0]).toMatch(/Gdzie go wysłać\?/);
    const sent = await c.say('E-mail');
    expect(sent[0]).toMatch(/kod został wysłany na j\*+@contoso\.pl/);
    expect(sent[1]).toMatch(/Wpisz 6-cyfrowy kod/);

    const replies = await c.say(await world.codeSentTo(JAN));
    expect(replies[0]).toBe('Dziękuję, weryfikacja zakończona.');
    expect(replies[1]).toMatch(/Czego dotyczy zgłoszenie\?/);
    expect(await world.verifier.verifiedAdmin(c.scope)).toEqual({ orgId: 'contoso', adminId: 'jan' });
  });

  it('sends by SMS to the registered phone, shown masked', async () => {
    const c = chat(world);
    const sent = await askForCode(c, { ...PL, channel: 'SMS' });
    expect(sent[0]).toMatch(/wysłany na \+48 \*\*\* \*\*\* \*23/);
    expect((await c.say(await world.codeSentTo('+48 601 234 123')))[0]).toBe('Dziękuję, weryfikacja zakończona.');
  });

  it('answers an unregistered e-mail with the same words and sends nothing', async () => {
    const before = await world.outboxSize();
    const c = chat(world);
    const sent = await askForCode(c, PL, 'mallory@contoso.pl');
    expect(sent[0]).toMatch(
      /^Jeśli ten adres należy do administratora organizacji, kod został wysłany na m\*+@contoso\.pl\. Jest ważny 10 minut\.$/,
    );
    expect(await world.outboxSize()).toBe(before);
    expect((await c.say('123456'))[0]).toMatch(/Kod jest nieprawidłowy/);
  });

  it('counts wrong codes down and locks after the fifth', async () => {
    const c = chat(world, { from: { id: 'user-wrong' } });
    await askForCode(c, PL);
    const right = await world.codeSentTo(JAN);
    const wrong = right === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1]) expect((await c.say(wrong))[0]).toBe(`Kod jest nieprawidłowy. Pozostałe próby: ${left}.`);
    expect((await c.say(wrong))[0]).toMatch(/zablokowana na 15 minut/);
    // The dialog is over; the lock is this conversation's, not the administrator's.
    const again = chat(world);
    const sent = await askForCode(again, PL);
    expect(sent[0]).toMatch(/kod został wysłany/);
  });

  it('says an expired code has expired and sends a new one on "wyślij ponownie"', async () => {
    const c = chat(world);
    await askForCode(c, PL);
    const old = await world.codeSentTo(JAN);
    world.clock.advance(11 * 60_000);
    expect((await c.say(old))[0]).toMatch(/Kod wygasł/);
    expect((await c.say('wyślij ponownie'))[0]).toMatch(/kod został wysłany/);
    expect((await c.say(await world.codeSentTo(JAN)))[0]).toBe('Dziękuję, weryfikacja zakończona.');
  });

  it('sends at most three codes an hour, offers the phone numbers, and still takes a valid code', async () => {
    const c = chat(world);
    await askForCode(c, PL);
    expect((await c.say('wyślij ponownie'))[0]).toMatch(/kod został wysłany/);
    expect((await c.say('wyślij ponownie'))[0]).toMatch(/kod został wysłany/);
    const limited = (await c.say('wyślij ponownie')).join('\n');
    expect(limited).toMatch(/^Wysłałem już zbyt wiele kodów – nowy mogę wysłać za \d+ min\. Jeśli masz ważny kod/);
    // Another way to reach support, from the knowledge base's phone entry.
    expect(limited).toContain('Możesz też zadzwonić do pomocy technicznej:');
    expect(limited).toContain('0800 032 6417');
    expect(limited).toMatch(/Wpisz 6-cyfrowy kod/);
    // The last code sent is still valid: typing it verifies, and the ticket form follows.
    expect(await c.say(await world.codeSentTo(JAN))).toEqual([
      'Dziękuję, weryfikacja zakończona.',
      expect.stringMatching(/Czego dotyczy zgłoszenie\?/),
    ]);
  });

  it('asks again for an unknown organisation, then gives up after three tries', async () => {
    const c = chat(world);
    await c.say('rozmowa z człowiekiem');
    await c.say('Tak');
    expect((await c.say('Northwind'))[0]).toMatch(/Nie znam organizacji o takiej nazwie/);
    expect((await c.say('Northwind Traders'))[0]).toMatch(/Nie znam organizacji o takiej nazwie/);
    expect((await c.say('Northwind sp. z o.o.'))[0]).toMatch(/Nie udało mi się odnaleźć organizacji/);
    expect((await c.say('Jak upiec sernik?'))[0]).toMatch(/nie znalazłem odpowiedzi/);
  });

  it('tells a non-administrator kindly where to go', async () => {
    const c = chat(world);
    await c.say('rozmowa z człowiekiem');
    const replies = await c.say('Nie');
    expect(replies[0]).toMatch(/tylko administratorzy organizacji.*swojego administratora.*z bazy wiedzy/s);
  });

  it('trusts a Teams identity registered for an administrator within the tenant', async () => {
    const c = chat(world, {
      channelId: 'msteams',
      tenantId: 'tenant-contoso',
      from: { id: '29:jan', aadObjectId: 'aad-jan' },
      authenticated: true,
    });
    const replies = await c.say('rozmowa z człowiekiem');
    expect(replies[0]).toBe('Rozpoznaję Cię jako administratora Jan Kowalski w organizacji „Contoso”.');
    expect(replies[1]).toMatch(/Czego dotyczy zgłoszenie\?/);
  });

  it('in a Teams channel, reads the message after the @mention and verifies only the person who verified', async () => {
    const channel = {
      channelId: 'msteams',
      tenantId: 'tenant-contoso',
      isGroup: true,
      conversationId: '19:general@thread.tacv2;messageid=1',
      authenticated: true,
    };
    const jan = chat(world, { ...channel, from: { id: '29:jan', aadObjectId: 'aad-jan' }, authenticated: true });
    const mention = { type: 'mention', mentioned: { id: 'desk-bot', name: 'Desk' }, text: '<at>Desk</at>' };
    const replies = await jan.say({ type: 'message', text: '<at>Desk</at> rozmowa z człowiekiem', entities: [mention] });
    expect(replies[0]).toBe('Rozpoznaję Cię jako administratora Jan Kowalski w organizacji „Contoso”.');
    await jan.say('anuluj');
    const colleague = chat(world, { ...channel, from: { id: '29:piotr', aadObjectId: 'aad-piotr' } });
    expect((await colleague.say({ type: 'message', text: '<at>Desk</at> moje zgłoszenia', entities: [mention] }))[0]).toMatch(
      /Czy jesteś administratorem\?/,
    );
  });

  it('trusts a Teams identity only on a turn whose Bot Framework token was validated', async () => {
    const anonymous = chat(world, { channelId: 'msteams', tenantId: 'tenant-contoso', from: { id: '29:jan', aadObjectId: 'aad-jan' } });
    expect((await anonymous.say('rozmowa z człowiekiem'))[0]).toMatch(/Czy jesteś administratorem\?/);
  });

  it('keeps a verification to one person in one conversation of one channel', async () => {
    const verified = chat(world, { channelId: 'webchat', conversationId: 'shared-id', from: { id: 'user-1' } });
    await askForCode(verified, PL);
    await verified.say(await world.codeSentTo(JAN));
    expect(await world.verifier.verifiedAdmin(verified.scope)).toEqual({ orgId: 'contoso', adminId: 'jan' });
    // The same conversation id on another channel, and another person in the same conversation, are asked again.
    for (const other of [
      chat(world, { channelId: 'msteams', conversationId: 'shared-id', from: { id: 'user-1' } }),
      chat(world, { channelId: 'webchat', conversationId: 'shared-id', from: { id: 'user-2' } }),
    ]) {
      expect((await other.say('moje zgłoszenia'))[0]).toMatch(/Czy jesteś administratorem\?/);
    }
  });

  it('does not trust the same object id from another tenant', async () => {
    const c = chat(world, {
      channelId: 'msteams',
      tenantId: 'tenant-fabrikam',
      from: { id: '29:jan', aadObjectId: 'aad-jan' },
      authenticated: true,
    });
    expect((await c.say('rozmowa z człowiekiem'))[0]).toMatch(/Czy jesteś administratorem\?/);
  });

  it('cancels at any prompt', async () => {
    const c = chat(world);
    await c.say('rozmowa z człowiekiem');
    await c.say('Tak');
    expect(await c.say('anuluj')).toEqual(['Dobrze, przerwałem. Możesz zadać pytanie albo napisać „pomoc”.']);
    // The next message is a question again, not an organisation name.
    expect((await c.say('Jak upiec sernik?'))[0]).toMatch(/nie znalazłem odpowiedzi/);
  });
});

describe('administrator verification in English', () => {
  it('verifies with a code, in English', async () => {
    const c = chat(world, { locale: 'en-US' });
    expect((await c.say('talk to a person'))[0]).toMatch(/Are you an administrator\?/);
    await c.say('Yes');
    await c.say('Contoso');
    await c.say(JAN);
    const sent = await c.say('E-mail');
    expect(sent[0]).toMatch(/a code has been sent to j\*+@contoso\.pl/);
    const replies = await c.say(await world.codeSentTo(JAN));
    expect(replies[0]).toBe('Thank you, you are verified.');
    expect(replies[1]).toMatch(/What is the request about\?/);
  });

  it('counts wrong codes and locks after five, in English', async () => {
    const c = chat(world, { locale: 'en-US' });
    await askForCode(c, EN);
    const wrong = (await world.codeSentTo(JAN)) === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1]) expect((await c.say(wrong))[0]).toBe(`That code is not right. Attempts left: ${left}.`);
    expect((await c.say(wrong))[0]).toMatch(/locked for 15 minutes/);
  });

  it('handles an expired code and the send limit, in English', async () => {
    const c = chat(world, { locale: 'en-US' });
    await askForCode(c, EN);
    world.clock.advance(11 * 60_000);
    expect((await c.say(await world.codeSentTo(JAN)))[0]).toMatch(/The code has expired/);
    expect((await c.say('resend'))[0]).toMatch(/a code has been sent/);
    expect((await c.say('resend'))[0]).toMatch(/a code has been sent/);
    const limited = (await c.say('resend')).join('\n');
    expect(limited).toMatch(/^I have already sent too many codes – I can send a new one in \d+ min\./);
    expect(limited).toContain('United Kingdom 0800 032 6417');
  });

  it('guides a non-administrator and trusts a Teams administrator, in English', async () => {
    const c = chat(world, { locale: 'en-US' });
    await c.say('talk to a person');
    expect((await c.say('No'))[0]).toMatch(/Only administrators of an organisation can open support requests/);
    const teams = chat(world, {
      locale: 'en-US',
      channelId: 'msteams',
      tenantId: 'tenant-contoso',
      from: { id: '29:jan', aadObjectId: 'aad-jan' },
      authenticated: true,
    });
    expect((await teams.say('talk to a person'))[0]).toBe('I recognise you as administrator Jan Kowalski of “Contoso”.');
  });

  it('cancels mid-dialog, in English', async () => {
    const c = chat(world, { locale: 'en-US' });
    await c.say('talk to a person');
    await c.say('Yes');
    await c.say('Contoso');
    expect(await c.say('cancel')).toEqual(['All right, I stopped. Ask a question or write "help".']);
  });
});
