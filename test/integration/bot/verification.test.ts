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

  it('keeps asking when the person goes on describing the problem, and reads the answer after it', async () => {
    const c = chat(world);
    expect((await c.say('outlook mi nie działa'))[0]).toMatch(/Czy jesteś administratorem\?/);
    // Neither a no ("nie" of what they describe) nor a yes ("ok" opening a description). A
    // sentence is kept for the description; three words are too few to be one.
    for (const [detail, again] of [
      ['nie wysyła maili od rana', /^Zapamiętam to do opisu zgłoszenia\..*Czy jesteś administratorem\?/],
      ['kwota się nie zgadza', /^Szczegóły problemu opiszesz za chwilę\..*Czy jesteś administratorem\?/],
      ['ok, sprawdziłem spam i nic tam nie ma, w śledzeniu też pusto', /^Zapamiętam to do opisu zgłoszenia\./],
    ] as const) {
      const replies = await c.say(detail);
      expect(replies[0]).toMatch(again);
      expect(buttonsOf(nth(c.replies, -1))).toEqual(['Tak', 'Nie']);
    }
    expect((await c.say('nie, jestem zwykłym pracownikiem działu sprzedaży w naszej firmie'))[0]).toMatch(
      /Poproś o pomoc swojego administratora/,
    );
  });

  it('offers what was described past the question, with the first message, as the description once verified', async () => {
    const c = chat(world);
    await c.say('outlook mi nie działa od wczoraj');
    await c.say('nie wysyła maili od rana, skrzynka nadawcza pełna');
    await c.say('u kolegów z działu to samo');
    for (const answer of ['Tak', 'Contoso', JAN, 'E-mail']) await c.say(answer);
    await c.say(await world.codeSentTo(JAN));
    expect((await c.say('Problem techniczny'))[0]).toMatch(
      /Możesz też użyć swojej wiadomości: „outlook mi nie działa od wczoraj\nnie wysyła maili od rana, skrzynka nadawcza pełna\nu kolegów z działu to samo”/,
    );
    await c.say('Użyj tego opisu');
    for (const text of ['Cały dział', 'Dane są poprawne', 'E-mail', 'B – wysoki']) await c.say(text);
    await c.say({ type: 'message', value: { action: 'confirm_ticket' } });
    const ticket = (await world.tickets.list({ orgId: 'contoso' })).find(
      (tk) => (tk.conversation?.conversation as { id?: string }).id === c.conversationId,
    );
    expect(ticket?.description).toBe(
      'outlook mi nie działa od wczoraj\nnie wysyła maili od rana, skrzynka nadawcza pełna\nu kolegów z działu to samo',
    );
  });

  it('keeps at most ten messages typed past the question, and says so only while it keeps them', async () => {
    const c = chat(world);
    await c.say('outlook mi nie działa od wczoraj');
    for (let i = 1; i <= 10; i++) expect((await c.say(`szczegół numer ${i} mojego problemu z pocztą`))[0]).toMatch(/^Zapamiętam to/);
    expect((await c.say('szczegół numer 11 mojego problemu z pocztą'))[0]).toMatch(/^Szczegóły problemu opiszesz za chwilę/);
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

  it('reads a code typed in groups or in a sentence, and sends a new one to "nie dostałem kodu"', async () => {
    const c = chat(world);
    await askForCode(c, PL);
    expect((await c.say('nie dostałem kodu'))[0]).toMatch(/kod został wysłany na j\*+@contoso\.pl/);
    const code = await world.codeSentTo(JAN);
    // Two numbers give no one code: the format is asked for again.
    expect((await c.say(`${code} albo 123456`))[0]).toBe('Kod składa się z 6 cyfr.');
    expect((await c.say(`kod to ${code.slice(0, 3)} ${code.slice(3)}.`))[0]).toBe('Dziękuję, weryfikacja zakończona.');
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

  it('trusts a Teams identity registered for an administrator within the tenant', async () => {
    const c = chat(world, {
      channelId: 'msteams',
      tenantId: 'tenant-contoso',
      from: { id: '29:jan', aadObjectId: 'aad-jan' },
      authenticated: true,
    });
    const replies = await c.say('rozmowa z człowiekiem');
    expect(replies[0]).toBe('Rozpoznaję Cię (Jan Kowalski) jako administratora organizacji „Contoso”.');
    expect(replies[1]).toMatch(/Czego dotyczy zgłoszenie\?/);
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
});
