import { botChat } from '../../support/botChat';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { webChat } from '../../support/webChat';

/**
 * A message longer than any step can use is refused at the door on every channel with the
 * limit named, and shaped text (long runs of punctuation, grade words glued together) never
 * stalls the service: /healthz keeps answering while it is handled.
 */

const TOO_LONG_PL = 'Ten tekst jest za długi: najwyżej 20000 znaków. Skróć go, proszę.';
let desk: DeskApp;

beforeAll(async () => {
  desk = await startDeskApp('long-messages');
});
afterAll(() => desk?.close());

/** Resolves with how many /healthz calls answered while `work` ran (each given a generous 10 s). */
async function healthWhile<T>(work: Promise<T>): Promise<{ result: T; healthy: number; failed: number }> {
  let done = false;
  let healthy = 0;
  let failed = 0;
  const probe = (async () => {
    while (!done) {
      const ok = await fetch(`${desk.url}/healthz`, { signal: AbortSignal.timeout(10_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) healthy += 1;
      else failed += 1;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const result = await work.finally(() => {
    done = true;
  });
  await probe;
  return { result, healthy, failed };
}

describe('a message over 20,000 characters', () => {
  it('Teams / Bot Framework: refused with the limit, and the conversation goes on', async () => {
    const chat = botChat(desk.url, { channelId: 'msteams' });
    expect((await chat.say('Jak zadzwonić do pomocy technicznej? '.repeat(600))).texts).toEqual([TOO_LONG_PL]);
    expect((await chat.say('pomoc')).texts[0]).toMatch(/^Oto, co możesz napisać/);
  });

  it('English chat: the limit in English', async () => {
    const chat = botChat(desk.url, { locale: 'en-US' });
    expect((await chat.say('x'.repeat(20_001))).texts).toEqual(['That text is too long: at most 20000 characters. Please shorten it.']);
  });

  it('web chat: refused with the limit', async () => {
    const chat = await webChat(desk.url);
    const turn = await chat.say('.'.repeat(30_000));
    expect(turn.status).toBe(200);
    expect(turn.replies).toEqual([TOO_LONG_PL]);
  });

  it('exactly 20,000 characters is still a message the bot reads', async () => {
    const chat = botChat(desk.url);
    const texts = (await chat.say(`${'a'.repeat(19_990)} anuluj`)).texts;
    expect(texts).not.toContain(TOO_LONG_PL);
    expect(texts.length).toBeGreaterThan(0);
  });
});

describe('shaped text under the limit does not stall the service', () => {
  it.each([
    ['punctuation runs that end in a letter', `${'!?.,;:'.repeat(3_300)}x`],
    ['grade words glued after a Polish letter', 'priorytetą'.repeat(1_990)],
    ['an e-mail-like run of dots', `a@${'.'.repeat(19_990)}@`],
  ])('%s: answered, and /healthz answered all along', async (_name, text) => {
    const chat = botChat(desk.url);
    const { result, failed } = await healthWhile(Promise.all([1, 2, 3, 4].map(() => chat.say(text))));
    for (const turn of result) {
      expect(turn.status).toBe(200);
      expect(turn.texts.length).toBeGreaterThan(0);
    }
    expect(failed).toBe(0);
  });
});
