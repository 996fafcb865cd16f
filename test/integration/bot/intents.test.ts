import { chat, deskWorld, buttonsOf, type DeskWorld } from '../../fixtures/bot/deskWorld';
import { nth } from '../../support/nth';

let world: DeskWorld;
beforeAll(async () => {
  world = await deskWorld('bot-intents');
});
afterAll(() => world.close());

describe("requests in the customer's own words", () => {
  it.each([
    ['Chcę zgłosić problem'],
    ['zgłoszenie'],
    ['Od rana nikt w firmie nie może wysłać maila, pomóżcie'],
    ['I need to report an outage, Teams is down for everyone'],
  ])('"%s" starts a support request (verification first), not an FAQ answer', async (text) => {
    const c = chat(world);
    const replies = await c.say(text);
    expect(replies.join('\n')).toMatch(/Czy jesteś administratorem\?|Are you an administrator\?/);
  });

  it('asks whether a question about tickets is a request or a question, and answers the question when told', async () => {
    const c = chat(world);
    const question = 'Kto może założyć zgłoszenie w naszej firmie?';
    const asked = await c.say(question);
    expect(asked).toEqual(['Czy chcesz założyć zgłoszenie, czy zadajesz pytanie? [Załóż zgłoszenie] [Zadaję pytanie]']);
    // The knowledge base gets the message asked about, not the words of the button.
    const answer = await c.say('Zadaję pytanie');
    const found = world.kb.answer(question, 'pl');
    expect(answer[0]).toContain(found.answered ? found.answer : nth(found.suggestions, 0).question);
    expect(answer.join('\n')).not.toMatch(/Czy jesteś administratorem/);
  });

  it('starts the request when the customer picks it after the question back', async () => {
    const c = chat(world);
    await c.say('Kto może założyć zgłoszenie w naszej firmie?');
    expect((await c.say('Załóż zgłoszenie'))[0]).toMatch(/Czy jesteś administratorem\?/);
  });

  it('lists tickets and greets in other words, and says thanks back', async () => {
    const c = chat(world);
    expect((await c.say('pokaż wszystkie moje zgłoszenia'))[0]).toMatch(/Czy jesteś administratorem\?/);
    await c.say('anuluj');
    expect((await c.say('siemanko'))[0]).toMatch(/^Dzień dobry!/);
    expect(buttonsOf(nth(c.replies, 0))).toEqual(['pomoc', 'Załóż zgłoszenie']);
    expect(await c.say('wielkie dzięki za pomoc')).toEqual(['Proszę bardzo! Jeśli masz jeszcze jakieś pytanie, po prostu je napisz.']);
  });
});
