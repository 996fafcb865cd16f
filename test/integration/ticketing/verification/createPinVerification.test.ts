import type { RedisClient } from '../../../../common/redisConnection';
import { silentLogger } from '../../../../common/logger';
import { createPinVerification } from '../../../../ticketing/verification/createPinVerification';
import { resolvePinSecret } from '../../../../ticketing/verification/pinSecret';
import { testRedis, uniquePrefix } from '../../../support/redis';
import { capturingLogger, findOrganisation, latestCode, removeTempOutboxes, tempOutbox } from './fixtures';
import { loadConfig } from '../../../../common/config';
import { keyIn } from '../../../../common/redisKeys';

let redis: RedisClient;
beforeAll(() => {
  redis = testRedis();
});
afterAll(async () => {
  removeTempOutboxes();
  await redis.quit();
});

describe('the PIN key', () => {
  it('refuses a PIN_SECRET too short to protect the codes', () => {
    expect(() => loadConfig({ PIN_SECRET: 'short' })).toThrow(/PIN_SECRET: must be at least 32 characters/);
  });

  it('without PIN_SECRET, generates one key in RedisClient that every instance and restart shares, and warns', async () => {
    const prefix = uniquePrefix('pin');
    const { lines, logger } = capturingLogger();
    const first = await resolvePinSecret(redis, prefix, undefined, logger);
    const second = await resolvePinSecret(redis, prefix, undefined, silentLogger);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second.equals(first)).toBe(true);
    expect(lines.join('')).toMatch(/PIN_SECRET is not set/);
    expect((await resolvePinSecret(redis, uniquePrefix('pin'), undefined, silentLogger)).equals(first)).toBe(false);
  });
});

describe('createPinVerification', () => {
  it('wires a verifier from its configuration, says where codes go, and a code survives a restart', async () => {
    const prefix = uniquePrefix('pin');
    const outbox = tempOutbox();
    const config = loadConfig({ OUTBOX_DIR: outbox, VERIFICATION_TTL_HOURS: '2' }).verification;
    const { lines, logger } = capturingLogger();
    const before = await createPinVerification({ redis, prefix, config, logger, findOrganisation });
    expect(lines.join('')).toContain(`administrator verification: codes by e-mail go to the outbox ${outbox} (no SMTP_URL)`);
    expect(lines.join('')).toContain('a verification lasts 2 h');

    await before.verifier.requestCode({ orgId: 'contoso', email: 'jan.kowalski@contoso.pl', channel: 'email', conversationId: 'c1' });
    await before.close();
    const after = await createPinVerification({ redis, prefix, config, logger: silentLogger, findOrganisation });
    const code = await latestCode(outbox, 'jan.kowalski@contoso.pl');
    expect(await after.verifier.verifyCode({ conversationId: 'c1', code })).toEqual({
      status: 'verified',
      orgId: 'contoso',
      adminId: 'jan',
    });
    const ttl = await redis.pttl(`${keyIn(prefix, 'pin')}verified:c1`);
    expect(ttl).toBeGreaterThan(2 * 3600_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(2 * 3600_000);
    await after.close();
  });

  it('refuses a bad VERIFICATION_TTL_HOURS, naming it', () => {
    expect(() => loadConfig({ VERIFICATION_TTL_HOURS: 'eight' })).toThrow(/VERIFICATION_TTL_HOURS/);
  });
});
