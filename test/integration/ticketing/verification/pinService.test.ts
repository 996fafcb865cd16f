import { randomBytes } from 'crypto';
import { readdir } from 'fs/promises';
import type { RedisClient } from '../../../../common/redisConnection';
import { silentLogger } from '../../../../common/logger';
import { maskEmail } from '../../../../ticketing/verification/mask';
import { RESERVE_TRY } from '../../../../ticketing/verification/pinScripts';
import {
  MAX_SENDS_PER_ADMINISTRATOR,
  MAX_WRONG_TRIES,
  PinVerifier,
  type RequestCodeInput,
} from '../../../../ticketing/verification/pinService';
import { createOutboxSender } from '../../../../ticketing/verification/senders/outboxSender';
import { createSmtpSender } from '../../../../ticketing/verification/senders/smtpSender';
import { keysMatching, testRedis, uniquePrefix } from '../../../support/redis';
import { startSmtpPeer } from '../../../support/smtpPeer';
import { capturingLogger, findOrganisation, latestCode, readOutbox, removeTempOutboxes, tempOutbox } from './fixtures';
import { nth } from '../../../support/nth';
import { keyIn } from '../../../../common/redisKeys';

const JAN = 'jan.kowalski@contoso.pl';
const MINUTE = 60_000;

let redis: RedisClient;
const connections: RedisClient[] = [];
const secret = randomBytes(32);

beforeAll(() => {
  redis = testRedis();
});

afterAll(async () => {
  removeTempOutboxes();
  await Promise.all([redis, ...connections].map((c) => c.quit()));
});

/** A verifier with its own key prefix, outbox and clock; `at` moves the clock. */
function setup(options: { redis?: RedisClient; prefix?: string; outbox?: string; secret?: Buffer } = {}) {
  const clock = { now: Date.parse('2026-03-10T09:00:00.000Z') };
  const outbox = options.outbox ?? tempOutbox();
  const prefix = options.prefix ?? uniquePrefix('verification');
  const sender = createOutboxSender(outbox, silentLogger);
  const verifier = new PinVerifier({
    redis: options.redis ?? redis,
    prefix,
    secret: options.secret ?? secret,
    verificationTtlSeconds: 8 * 3600,
    now: () => clock.now,
    findOrganisation,
    senders: { email: sender, phone: sender },
  });
  const request = async (overrides: Partial<RequestCodeInput> = {}) => {
    const result = await verifier.requestCode({ orgId: 'contoso', email: JAN, channel: 'email', conversationId: 'conv-1', ...overrides });
    await verifier.drain();
    return result;
  };
  const verify = (code: string, conversationId = 'conv-1') => verifier.verifyCode({ conversationId, code });
  const advance = (ms: number) => {
    clock.now += ms;
  };
  return { verifier, outbox, prefix, request, verify, advance, code: (to = JAN) => latestCode(outbox, to) };
}

/** A six-digit code that is not `code`. */
function otherThan(code: string, n = 1): string {
  return String((Number(code) + n) % 1_000_000).padStart(6, '0');
}

describe('PinVerifier: sending', () => {
  it('sends a six-digit code to the registered address and shows it masked', async () => {
    const { request, outbox } = setup();
    const result = await request();
    expect(result).toEqual({ status: 'sent', maskedDestination: 'j***@contoso.pl', expiresInMinutes: 10 });
    const message = nth(await readOutbox(outbox), 0);
    expect(message.to).toBe(JAN);
    expect(message.code).toMatch(/^\d{6}$/);
    expect(message.text).toContain(message.code);
    expect(message.text).toContain('Contoso sp. z o.o.');
  });

  it('sends by phone to the registered number, masked, in the language asked for', async () => {
    const { request, outbox } = setup();
    const result = await request({ channel: 'phone', locale: 'en' });
    expect(result).toMatchObject({ status: 'sent', maskedDestination: '+48 *** *** *23' });
    const message = nth(await readOutbox(outbox), 0);
    expect(message).toMatchObject({ channel: 'phone', to: '+48 601 234 123' });
    expect(message.text).toMatch(/is your support desk code/);
  });

  it('matches the typed address regardless of case and spaces', async () => {
    const { request, outbox } = setup();
    expect(await request({ email: '  Jan.Kowalski@CONTOSO.pl ' })).toMatchObject({ status: 'sent', maskedDestination: 'j***@contoso.pl' });
    expect((await readOutbox(outbox)).map((m) => m.to)).toEqual([JAN]);
  });

  it('allows three codes per conversation per hour, then says when to try again', async () => {
    const { request, advance, outbox } = setup();
    expect((await request()).status).toBe('sent');
    advance(10 * MINUTE);
    expect((await request({ channel: 'phone' })).status).toBe('sent');
    advance(10 * MINUTE);
    expect((await request({ email: 'ewa.nowak@contoso.pl' })).status).toBe('sent');
    advance(10 * MINUTE);
    expect(await request()).toEqual({ status: 'rate_limited', maskedDestination: 'j***@contoso.pl', retryAfterSeconds: 30 * 60 });
    expect(await readOutbox(outbox)).toHaveLength(3);
    advance(30 * MINUTE);
    expect((await request()).status).toBe('sent');
  });

  it("spends a conversation's own budget first: one conversation cannot use up the administrator's codes", async () => {
    const { request } = setup();
    for (let i = 0; i < 3; i += 1) expect((await request({ conversationId: 'attacker' })).status).toBe('sent');
    for (let i = 0; i < 5; i += 1) expect((await request({ conversationId: 'attacker' })).status).toBe('rate_limited');
    expect((await request({ conversationId: 'the-administrator' })).status).toBe('sent');
  });

  it('sends an administrator at most ten codes an hour from all conversations; another administrator still gets hers', async () => {
    const { request } = setup();
    for (let i = 0; i < 10; i += 1) expect((await request({ conversationId: `conv-${i}` })).status).toBe('sent');
    expect((await request({ conversationId: 'conv-10' })).status).toBe('rate_limited');
    expect((await request({ conversationId: 'conv-10', email: 'ewa.nowak@contoso.pl' })).status).toBe('sent');
  });

  it('rejects a request with a missing field, naming it', async () => {
    const { verifier } = setup();
    await expect(verifier.requestCode({ orgId: 'contoso', email: JAN, channel: 'fax' as 'email', conversationId: 'c' })).rejects.toThrow(
      /channel/,
    );
    await expect(verifier.requestCode({ orgId: 'contoso', email: JAN, channel: 'email', conversationId: '' })).rejects.toThrow(
      /conversationId/,
    );
  });
});

describe('PinVerifier: checking', () => {
  it('verifies the right code after a wrong one and remembers the administrator for the conversation', async () => {
    const { request, verify, code, verifier } = setup();
    await request();
    const sent = await code();
    expect(await verify(otherThan(sent))).toEqual({ status: 'wrong', attemptsLeft: 4 });
    expect(await verify(sent)).toEqual({ status: 'verified', orgId: 'contoso', adminId: 'jan' });
    expect(await verifier.verifiedAdmin('conv-1')).toEqual({ orgId: 'contoso', adminId: 'jan' });
    expect(await verifier.verifiedAdmin('conv-2')).toBeNull();
  });

  it('accepts a code typed with spaces and refuses text that is not six digits without using a try', async () => {
    const { request, verify, code } = setup();
    await request();
    const sent = await code();
    expect(await verify('12345')).toEqual({ status: 'malformed' });
    expect(await verify('abcdef')).toEqual({ status: 'malformed' });
    expect(await verify(otherThan(sent))).toEqual({ status: 'wrong', attemptsLeft: 4 });
    expect(await verify(`${sent.slice(0, 3)} ${sent.slice(3)}`)).toMatchObject({ status: 'verified' });
  });

  it('uses a code once', async () => {
    const { request, verify, code } = setup();
    await request();
    const sent = await code();
    expect((await verify(sent)).status).toBe('verified');
    expect(await verify(sent)).toEqual({ status: 'no_code' });
  });

  it('accepts a code only in the conversation that asked for it', async () => {
    const { request, verify, code } = setup();
    await request();
    const sent = await code();
    expect(await verify(sent, 'conv-other')).toEqual({ status: 'no_code' });
    expect((await verify(sent)).status).toBe('verified');
  });

  it('replaces the old code with a new one', async () => {
    const { request, verify, code } = setup();
    await request();
    const first = await code();
    await request();
    const second = await code();
    if (first !== second) expect((await verify(first)).status).toBe('wrong');
    expect((await verify(second)).status).toBe('verified');
  });

  it('expires a code after 10 minutes by the injected clock', async () => {
    const { request, verify, code, advance } = setup();
    await request();
    advance(10 * MINUTE);
    expect(await verify(await code())).toEqual({ status: 'expired' });
  });

  it('still accepts a code a moment before it expires', async () => {
    const { request, verify, code, advance } = setup();
    await request();
    advance(10 * MINUTE - 1000);
    expect((await verify(await code())).status).toBe('verified');
  });

  it('locks the conversation that typed 5 wrong codes for 15 minutes, not the administrator (M2)', async () => {
    const { request, verify, code, advance } = setup();
    await request();
    const sent = await code();
    for (let left = 4; left >= 1; left -= 1) expect(await verify(otherThan(sent, left))).toEqual({ status: 'wrong', attemptsLeft: left });
    expect(await verify(otherThan(sent, 9))).toEqual({ status: 'locked', retryAfterSeconds: 15 * 60 });
    expect(await verify(sent)).toMatchObject({ status: 'locked' });
    advance(14 * MINUTE);
    expect(await request()).toEqual({ status: 'locked', maskedDestination: 'j***@contoso.pl', retryAfterSeconds: 60 });

    // The administrator, in her own conversation, is not locked out by what another one typed.
    expect((await request({ conversationId: 'conv-admin' })).status).toBe('sent');
    expect((await verify(await code(), 'conv-admin')).status).toBe('verified');

    advance(MINUTE);
    expect((await request()).status).toBe('sent');
    expect((await verify(await code())).status).toBe('verified');
  });

  it("another conversation's request never replaces the administrator's code", async () => {
    const { request, verify, code } = setup();
    await request({ conversationId: 'conv-admin' });
    const hers = await code();
    await request({ conversationId: 'conv-stranger' });
    expect((await verify(hers, 'conv-admin')).status).toBe('verified');
  });

  it('counts wrong tries across new codes: five in an hour lock, whatever codes they were for (L1)', async () => {
    const { request, verify, code, advance } = setup();
    await request();
    const first = await code();
    for (const left of [4, 3, 2]) expect(await verify(otherThan(first, left))).toEqual({ status: 'wrong', attemptsLeft: left });
    advance(5 * MINUTE);
    await request();
    const second = await code();
    expect(await verify(otherThan(second, 1))).toEqual({ status: 'wrong', attemptsLeft: 1 });
    expect(await verify(otherThan(second, 2))).toEqual({ status: 'locked', retryAfterSeconds: 15 * 60 });
    expect((await verify(second)).status).toBe('locked');
  });

  it('guessing at one administrator from several conversations leaves each of her codes one try, and her own first try works (M2)', async () => {
    const { request, verify, code } = setup();
    for (const attacker of ['attacker-1', 'attacker-2']) {
      await request({ conversationId: attacker });
      const theirs = await code();
      for (let n = 1; n <= 5; n += 1) await verify(otherThan(theirs, n), attacker);
      expect((await verify(theirs, attacker)).status).toBe('locked');
    }
    expect((await request({ conversationId: 'conv-admin' })).status).toBe('sent');
    expect((await verify(await code(), 'conv-admin')).status).toBe('verified');
  });

  it('while she is guessed at from several conversations, one wrong try uses a code up', async () => {
    const { request, verify, code } = setup();
    for (const attacker of ['attacker-1', 'attacker-2']) {
      await request({ conversationId: attacker });
      const theirs = await code();
      for (let n = 1; n <= 5; n += 1) await verify(otherThan(theirs, n), attacker);
    }
    await request({ conversationId: 'attacker-3' });
    const third = await code();
    expect(await verify(otherThan(third), 'attacker-3')).toEqual({ status: 'wrong', attemptsLeft: 4 });
    expect(await verify(third, 'attacker-3')).toEqual({ status: 'no_code' });
  });

  it('keeps verification for 8 hours by default, and markVerified takes its own duration', async () => {
    const { request, verify, code, advance, verifier } = setup();
    await request();
    await verify(await code());
    advance(8 * 60 * MINUTE - 1000);
    expect(await verifier.verifiedAdmin('conv-1')).toEqual({ orgId: 'contoso', adminId: 'jan' });
    advance(1000);
    expect(await verifier.verifiedAdmin('conv-1')).toBeNull();

    await verifier.markVerified({ conversationId: 'teams-1', orgId: 'contoso', adminId: 'ewa' }, 60);
    expect(await verifier.verifiedAdmin('teams-1')).toEqual({ orgId: 'contoso', adminId: 'ewa' });
    advance(60_000);
    expect(await verifier.verifiedAdmin('teams-1')).toBeNull();
  });
});

describe('PinVerifier: an unknown address looks the same and gets nothing', () => {
  it('answers an unregistered e-mail exactly like a registered one, and sends nothing', async () => {
    const known = setup();
    const unknown = setup();
    const typed = { known: JAN, unknown: 'jan.kowalski@contoso.com' };
    const answers = async (s: ReturnType<typeof setup>, email: string) => {
      const results = [];
      for (let i = 0; i < 4; i += 1) results.push(await s.request({ email }));
      return results;
    };
    const knownAnswers = await answers(known, typed.known);
    const unknownAnswers = await answers(unknown, typed.unknown);
    expect(unknownAnswers.map((r) => Object.keys(r).sort())).toEqual(knownAnswers.map((r) => Object.keys(r).sort()));
    expect(unknownAnswers.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'rate_limited']);
    expect(unknownAnswers.map((r) => r.status)).toEqual(knownAnswers.map((r) => r.status));
    expect(nth(unknownAnswers, 0).maskedDestination).toBe(maskEmail(typed.unknown));
    expect(await readdir(unknown.outbox)).toEqual([]);
  });

  it('gives an unknown address a stable decoy phone mask shaped like a real one', async () => {
    const { request, outbox } = setup();
    const first = await request({ channel: 'phone', email: 'nobody@contoso.pl' });
    const second = await request({ channel: 'phone', email: 'NOBODY@contoso.pl', conversationId: 'conv-9' });
    const other = await request({ channel: 'phone', email: 'someone.else@contoso.pl' });
    expect(first.status).toBe('sent');
    expect(first.maskedDestination).toMatch(/^\+48 \*\*\* \*\*\* \*\d{2}$/);
    expect(second.maskedDestination).toBe(first.maskedDestination);
    expect(other.maskedDestination).toMatch(/^\+48 \*\*\* \*\*\* \*\d{2}$/);
    expect(await readdir(outbox)).toEqual([]);
  });

  it('treats an administrator without a phone like an unknown address: a decoy, nothing sent', async () => {
    const { request, outbox } = setup();
    const result = await request({ channel: 'phone', email: 'ewa.nowak@contoso.pl' });
    expect(result).toMatchObject({ status: 'sent', maskedDestination: expect.stringMatching(/^\+48 \*\*\* \*\*\* \*\d{2}$/) });
    expect(await readdir(outbox)).toEqual([]);
  });

  it('never verifies an unknown address and locks it after 5 tries like a real one', async () => {
    const { request, verify } = setup();
    await request({ email: 'mallory@contoso.pl', orgId: 'no-such-org' });
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push(await verify(String(i).padStart(6, '0')));
    expect(results).toEqual([
      { status: 'wrong', attemptsLeft: 4 },
      { status: 'wrong', attemptsLeft: 3 },
      { status: 'wrong', attemptsLeft: 2 },
      { status: 'wrong', attemptsLeft: 1 },
      { status: 'locked', retryAfterSeconds: 900 },
    ]);
  });
});

describe('PinVerifier: storage and instances', () => {
  it('never stores the code in clear, and a verifier with another key cannot check it', async () => {
    const { request, code, prefix, verify } = setup();
    await request();
    const sent = await code();
    const keys = await keysMatching(redis, `${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    const values: string[] = [];
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') values.push((await redis.get(key)) ?? '');
      if (type === 'hash') values.push(...Object.entries(await redis.hgetall(key)).flat());
      if (type === 'zset') values.push(...(await redis.zrange(key, 0, -1)));
    }
    expect(values.length).toBeGreaterThan(3);
    expect(values.filter((v) => new RegExp(`\\b${sent}\\b`).test(v))).toEqual([]);

    const otherKey = setup({ prefix, secret: randomBytes(32) });
    expect((await otherKey.verify(sent)).status).toBe('wrong');
    expect((await verify(sent)).status).toBe('verified');
  });

  it('a code sent by one instance is checked by another (shared RedisClient and key)', async () => {
    const prefix = uniquePrefix('verification');
    const outbox = tempOutbox();
    const first = setup({ prefix, outbox });
    const connection = testRedis();
    connections.push(connection);
    const second = setup({ prefix, outbox, redis: connection });
    await first.request();
    expect((await second.verify(await first.code())).status).toBe('verified');
    expect(await first.verifier.verifiedAdmin('conv-1')).toEqual({ orgId: 'contoso', adminId: 'jan' });
  });

  it('10,000 concurrent guesses from 50 conversations on 5 instances never verify, and the lock holds', async () => {
    const prefix = uniquePrefix('verification');
    const outbox = tempOutbox();
    const instances = Array.from({ length: 5 }, () => {
      const connection = testRedis();
      connections.push(connection);
      return setup({ prefix, outbox, redis: connection });
    });
    const conversations = Array.from({ length: 50 }, (_, i) => `storm-${i}`);
    const asked = [];
    for (const conversationId of conversations) asked.push((await nth(instances, 0).request({ conversationId })).status);
    expect(asked.filter((s) => s === 'sent')).toHaveLength(MAX_SENDS_PER_ADMINISTRATOR);
    const holders = conversations.slice(0, MAX_SENDS_PER_ADMINISTRATOR);
    const owner = nth(holders, MAX_SENDS_PER_ADMINISTRATOR - 1); // the newest code in the outbox is hers
    const sent = await nth(instances, 0).code();

    // Half the guesses come from the conversation that owns the code. One of them, early in the
    // storm, is the right code; five wrong guesses go before it on the same connection, so it
    // must find the five tries taken, however fast it arrives.
    const guesses = Array.from({ length: 10_000 }, (_, i) => ({
      code: i === 50 ? sent : otherThan(sent, i + 1),
      conversationId: i % 2 === 0 ? owner : conversations[i % 50],
      instance: nth(instances, i % instances.length),
    }));
    const results = await Promise.all(guesses.map((g) => g.instance.verify(g.code, g.conversationId)));
    const count = (status: string) => results.filter((r) => r.status === status).length;
    expect(count('verified')).toBe(0);
    // Only the conversations holding a code can be wrong, four times each before their locks; once
    // the administrator has been guessed at from several of them, a code gets a single try ('expired').
    const guessingHolders = holders.filter((c, i) => c === owner || i % 2 === 1).length;
    expect(count('wrong')).toBeLessThanOrEqual(guessingHolders * (MAX_WRONG_TRIES - 1));
    expect(count('locked') + count('expired')).toBeGreaterThan(0);
    expect(count('wrong') + count('locked') + count('no_code') + count('expired')).toBe(10_000);

    expect((await nth(instances, 3).verify(sent, owner)).status).not.toBe('verified');
    expect((await nth(instances, 4).request({ conversationId: 'storm-new' })).status).toBe('rate_limited');
  });
  it('hands out at most five comparisons of a code, however many guesses are in flight at once', async () => {
    // The script level: 100 tries reserved at once, none of them finished yet.
    const { request, prefix, verify, code } = setup();
    await request();
    const subject = await redis.get(`${keyIn(prefix, 'pin')}conversation:conv-1`);
    let n = 0;
    const reserve = () =>
      redis.eval(
        RESERVE_TRY,
        4,
        `${keyIn(prefix, 'pin')}lock:conversation:conv-1`,
        `${keyIn(prefix, 'pin')}code:${subject}|conv-1`,
        `${keyIn(prefix, 'pin')}tries:conversation:conv-1`,
        `${keyIn(prefix, 'pin')}tries:${subject}`,
        Date.parse('2026-03-10T09:00:00.000Z'),
        'conv-1',
        MAX_WRONG_TRIES,
        15 * MINUTE,
        `try-${(n += 1)}`,
        60 * MINUTE,
        10,
      ) as Promise<[string]>;
    const reserved = await Promise.all(Array.from({ length: 100 }, reserve));
    expect(reserved.filter(([status]) => status === 'compare')).toHaveLength(5);
    expect(reserved.filter(([status]) => status === 'locked')).toHaveLength(95);
    expect((await verify(await code())).status).toBe('locked');
  });
});

describe('PinVerifier: logs', () => {
  it('log masked contacts only, and never a code', async () => {
    const { lines, logger } = capturingLogger();
    const outbox = tempOutbox();
    const sender = createOutboxSender(outbox, logger);
    const verifier = new PinVerifier({
      redis,
      prefix: uniquePrefix('verification'),
      secret,
      verificationTtlSeconds: 8 * 3600,
      logger,
      findOrganisation,
      senders: { email: sender, phone: sender },
    });
    await verifier.requestCode({ orgId: 'contoso', email: JAN, channel: 'email', conversationId: 'c' });
    await verifier.requestCode({ orgId: 'contoso', email: JAN, channel: 'phone', conversationId: 'c' });
    await verifier.requestCode({ orgId: 'contoso', email: 'stranger@fabrikam.com', channel: 'email', conversationId: 'd' });
    await verifier.drain();
    const codes = (await readOutbox(outbox)).map((m) => m.code);
    await verifier.verifyCode({ conversationId: 'c', code: otherThan(nth(codes, 1)) });
    await verifier.verifyCode({ conversationId: 'c', code: nth(codes, 1) });

    const logged = lines.join('\n');
    expect(logged).toContain('j***@contoso.pl');
    expect(logged).toContain('+48 *** *** *23');
    expect(logged).toContain('administrator verified');
    expect(logged).not.toMatch(/kowalski|stranger|601 234/i);
    for (const code of [...codes, otherThan(nth(codes, 1))]) expect(logged).not.toMatch(new RegExp(`\\b${code}\\b`));
  });
});

describe('PinVerifier: ways of sending', () => {
  it('refuses a code by a way that is not configured, and sends nothing', async () => {
    const outbox = tempOutbox();
    const sender = createOutboxSender(outbox, silentLogger);
    const verifier = new PinVerifier({
      redis,
      prefix: uniquePrefix('verification'),
      secret,
      verificationTtlSeconds: 8 * 3600,
      findOrganisation,
      senders: { email: sender, phone: sender },
      channels: ['email'],
    });
    expect(verifier.codeChannels).toEqual(['email']);
    await expect(verifier.requestCode({ orgId: 'contoso', email: JAN, channel: 'phone', conversationId: 'c' })).rejects.toThrow(
      'codes by SMS are not configured',
    );
    await verifier.drain();
    expect(await readOutbox(outbox)).toEqual([]);
  });
});

describe('PinVerifier: failed delivery', () => {
  it('answers and counts exactly as for an unknown address: no send given back, the code kept (M3)', async () => {
    const peer = await startSmtpPeer({ rejectRecipients: [JAN] });
    const smtp = createSmtpSender(peer.url, 'Desk <desk@localhost>');
    try {
      const clock = { now: Date.parse('2026-03-10T09:00:00.000Z') };
      const verifier = new PinVerifier({
        redis,
        prefix: uniquePrefix('verification'),
        secret,
        verificationTtlSeconds: 8 * 3600,
        now: () => clock.now,
        findOrganisation,
        senders: { email: smtp, phone: smtp },
      });
      const probe = async (email: string, conversationId: string) => {
        const asked: string[] = [];
        for (let i = 0; i < 4; i += 1) {
          asked.push((await verifier.requestCode({ orgId: 'contoso', email, channel: 'email', conversationId })).status);
          await verifier.drain();
        }
        const typed = [];
        for (const code of ['000000', '000001']) typed.push(await verifier.verifyCode({ conversationId, code }));
        return { asked, typed };
      };
      const registered = await probe(JAN, 'conv-registered');
      const unknown = await probe('nobody@contoso.pl', 'conv-unknown');
      expect(registered).toEqual(unknown);
      expect(registered.asked).toEqual(['sent', 'sent', 'sent', 'rate_limited']);
      expect(registered.typed).toEqual([
        { status: 'wrong', attemptsLeft: 4 },
        { status: 'wrong', attemptsLeft: 3 },
      ]);
      expect(peer.messages).toHaveLength(0);
    } finally {
      smtp.close();
      await peer.stop();
    }
  });
});
