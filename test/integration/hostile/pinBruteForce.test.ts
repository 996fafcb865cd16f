import { randomBytes } from 'crypto';
import type { RedisClient } from '../../../common/redisConnection';
import { silentLogger } from '../../../common/logger';
import {
  LOCK_MINUTES,
  MAX_SENDS_PER_ADMINISTRATOR,
  MAX_SENDS_PER_CONVERSATION,
  MAX_WRONG_TRIES,
  PinVerifier,
  type VerifyCodeResult,
} from '../../../ticketing/verification/pinService';
import { createOutboxSender } from '../../../ticketing/verification/senders/outboxSender';
import { askForPin, botChat } from '../../support/botChat';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import { testRedis, uniquePrefix } from '../../support/redis';
import { findOrganisation, readOutbox, removeTempOutboxes, tempOutbox } from '../ticketing/verification/fixtures';
import { nth } from '../../support/nth';
import { until } from '../../support/waitFor';

/**
 * An attacker who knows an administrator's e-mail tries to guess the one-time code: from many
 * conversations, on two instances of the service that share one Redis. Codes go out at most three
 * an hour per conversation and ten per administrator, and each conversation locks after five wrong
 * tries, so spreading the guesses gains nothing, and the administrator herself is never locked out
 * by them nor has her codes spent by one conversation.
 */

const JAN = 'jan.kowalski@contoso.pl';
const MINUTE = 60_000;
const GUESSES = 10_000;
const CONVERSATIONS = 100;

afterAll(() => removeTempOutboxes());

describe('10,000 guesses for one administrator across conversations and two verifier instances', () => {
  const connections: RedisClient[] = [];
  afterAll(() => Promise.all(connections.map((c) => c.quit())));

  /** Two instances: their own Redis connections, the same prefix, key and outbox; one clock. */
  function twoInstances() {
    const clock = { now: Date.parse('2026-03-10T09:00:00.000Z') };
    const prefix = uniquePrefix('pin-brute');
    const secret = randomBytes(32);
    const outbox = tempOutbox();
    const instances = [0, 1].map(() => {
      const redis = testRedis();
      connections.push(redis);
      const sender = createOutboxSender(outbox, silentLogger);
      return new PinVerifier({
        redis,
        prefix,
        secret,
        verificationTtlSeconds: 8 * 3600,
        findOrganisation,
        senders: { email: sender, phone: sender },
        now: () => clock.now,
      });
    });
    const drain = () => Promise.all(instances.map((v) => v.drain()));
    return { clock, outbox, instances, drain };
  }

  it('sends at most ten codes, counts at most five wrong tries, verifies no one, and the lock holds everywhere', async () => {
    const { clock, outbox, instances, drain } = twoInstances();
    const conversations = Array.from({ length: CONVERSATIONS }, (_, i) => `attacker-${i}`);

    const requests = await Promise.all(
      conversations.map((conversationId, i) =>
        nth(instances, i % 2).requestCode({ orgId: 'contoso', email: JAN, channel: i % 3 === 0 ? 'phone' : 'email', conversationId }),
      ),
    );
    await drain();
    expect(requests.filter((r) => r.status === 'sent')).toHaveLength(MAX_SENDS_PER_ADMINISTRATOR);
    expect(requests.filter((r) => r.status === 'rate_limited')).toHaveLength(CONVERSATIONS - MAX_SENDS_PER_ADMINISTRATOR);
    const delivered = await readOutbox(outbox);
    expect(delivered).toHaveLength(MAX_SENDS_PER_ADMINISTRATOR);
    const realCodes = new Set(delivered.map((m) => m.code));

    // Sequential codes from every conversation in turn, and the codes really sent hidden among them
    // (typed in conversations that were refused a code: an attacker never sees a code of her own).
    const refused = conversations.filter((_, i) => nth(requests, i).status === 'rate_limited');
    const hidden = (i: number) => i >= 7 && i < 7 + realCodes.size;
    const guesses = Array.from({ length: GUESSES }, (_, i) => ({
      conversationId: hidden(i) ? nth(refused, i) : nth(conversations, i % CONVERSATIONS),
      code: hidden(i) ? nth([...realCodes], i - 7) : String(i * 97).padStart(6, '0'),
      instance: nth(instances, i % 2),
    }));
    const results: VerifyCodeResult[] = [];
    for (let i = 0; i < guesses.length; i += 50) {
      const batch = guesses.slice(i, i + 50);
      results.push(...(await Promise.all(batch.map((g) => g.instance.verifyCode({ conversationId: g.conversationId, code: g.code })))));
    }

    // A conversation that asked in vain, or whose code a newer one replaced, has nothing to guess;
    // the administrator's one lock answers all the rest after five wrong tries.
    const count = (status: VerifyCodeResult['status']) => results.filter((r) => r.status === status).length;
    expect(results).toHaveLength(GUESSES);
    // 'expired': once she is guessed at from several conversations, a wrong try uses a code up.
    expect(count('no_code') + count('wrong') + count('locked') + count('expired')).toBe(GUESSES);
    // Only the ten conversations that got a code can guess, each until its own lock.
    expect(count('wrong')).toBeLessThanOrEqual(MAX_SENDS_PER_ADMINISTRATOR * (MAX_WRONG_TRIES - 1));
    expect(count('locked') + count('expired')).toBeGreaterThan(0);
    for (const conversationId of conversations) {
      for (const verifier of instances) expect(await verifier.verifiedAdmin(conversationId)).toBeNull();
    }

    // The hour's ten codes are spent: neither instance sends another, and the real codes are no key either.
    for (const verifier of instances) {
      expect((await verifier.requestCode({ orgId: 'contoso', email: JAN, channel: 'email', conversationId: 'late-attacker' })).status).toBe(
        'rate_limited',
      );
    }
    for (const { code } of delivered) {
      for (const conversationId of conversations) {
        expect((await nth(instances, 0).verifyCode({ conversationId, code })).status).not.toBe('verified');
        expect((await nth(instances, 1).verifyCode({ conversationId, code })).status).not.toBe('verified');
      }
    }
    await drain();
    expect(await readOutbox(outbox)).toHaveLength(MAX_SENDS_PER_ADMINISTRATOR);

    // Once the hour's send limit is over, a real code works.
    clock.now += Math.max(LOCK_MINUTES, 60) * MINUTE + 1;
    expect(
      (await nth(instances, 1).requestCode({ orgId: 'contoso', email: JAN, channel: 'email', conversationId: 'the-real-admin' })).status,
    ).toBe('sent');
    await drain();
    const fresh = (await readOutbox(outbox)).at(-1)!;
    expect(await nth(instances, 0).verifyCode({ conversationId: 'the-real-admin', code: fresh.code })).toMatchObject({
      status: 'verified',
      adminId: 'jan',
    });
  });
});

/** The outbox's messages to an address once at least `atLeast` arrived (codes go out after the answer). */
async function outboxMessages(dir: string, to: string, atLeast: number) {
  return until(`${atLeast} messages to ${to} in the outbox`, async () => {
    const messages = (await readOutbox(dir)).filter((m) => m.to === to);
    return messages.length >= atLeast ? messages : undefined;
  });
}

describe('through the bot on two service instances sharing one Redis', () => {
  let first: DeskApp;
  let second: DeskApp;
  beforeAll(async () => {
    const prefix = uniquePrefix('pin-bot');
    const outbox = tempOutbox();
    first = await startDeskApp('pin-bot', { prefix, outbox });
    second = await startDeskApp('pin-bot', { prefix, outbox });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  const ANNA = 'anna.kowalska@contoso.pl';

  it('locks the guessing conversation on both instances after five wrong codes, never the administrator', async () => {
    const onFirst = botChat(first.url);
    expect((await askForPin(onFirst, 'contoso', ANNA)).join(' ')).toMatch(/kod został wysłany na a\*+@contoso\.pl/);
    const sentCode = nth(await outboxMessages(first.outbox, ANNA, 1), 0).code;
    const wrong = String((Number(sentCode) + 1) % 1_000_000).padStart(6, '0');

    // The same conversation, its turns taken by either instance.
    for (const left of [4, 3, 2, 1]) {
      const instance = left % 2 ? second : first;
      expect((await botChat(instance.url, { conversationId: onFirst.conversationId }).say(wrong)).texts[0]).toBe(
        `Kod jest nieprawidłowy. Pozostałe próby: ${left}.`,
      );
    }
    expect((await onFirst.say(wrong)).texts.join(' ')).toMatch(/Zbyt wiele nieudanych prób/);

    // The lock is the guessing conversation's: Anna, in her own chat on the other instance, gets
    // her own code, and the first conversation's code is no key there.
    const onSecond = botChat(second.url);
    expect((await askForPin(onSecond, 'contoso', ANNA)).join(' ')).toMatch(/kod został wysłany/);
    const hers = nth(await outboxMessages(first.outbox, ANNA, 2), 1).code;
    if (hers !== sentCode) expect((await onSecond.say(sentCode)).texts.join(' ')).toMatch(/Kod jest nieprawidłowy/);
    expect((await onSecond.say(hers)).texts.join(' ')).toMatch(/weryfikacja zakończona/);
  });

  it("sends no fourth code to one conversation in an hour, whichever instance is asked, and that spends none of the administrator's", async () => {
    const JAN_NOWAK = 'jan.nowak@fabrikam.pl';
    const attacker = botChat(first.url);
    const answers = [(await askForPin(attacker, 'fabrikam', JAN_NOWAK)).join(' ')];
    for (const instance of [second, first, second])
      answers.push((await botChat(instance.url, { conversationId: attacker.conversationId }).say('wyślij ponownie')).texts.join(' '));
    expect(answers.filter((a) => /kod został wysłany/.test(a))).toHaveLength(MAX_SENDS_PER_CONVERSATION);
    expect(answers.slice(MAX_SENDS_PER_CONVERSATION)).toEqual([expect.stringMatching(/zbyt wiele kodów/)]);
    // The administrator, in her own chat, still gets her code.
    expect((await askForPin(botChat(second.url), 'fabrikam', JAN_NOWAK)).join(' ')).toMatch(/kod został wysłany/);
    expect(await outboxMessages(first.outbox, JAN_NOWAK, MAX_SENDS_PER_CONVERSATION + 1)).toHaveLength(MAX_SENDS_PER_CONVERSATION + 1);
  });
});
