import type { RedisClient } from '../../../common/redisConnection';
import { AutoReplyLimit } from '../../../ticketing/mail/autoReplyLimit';
import { testRedis, uniquePrefix } from '../../support/redis';

const at = (time: string) => new Date(`2026-12-01T${time}Z`);

describe('automatic replies to one address', () => {
  let redis: RedisClient;
  let limit: AutoReplyLimit;

  beforeEach(() => {
    redis = testRedis();
    limit = new AutoReplyLimit(redis, uniquePrefix('auto-replies'), 3);
  });
  afterEach(async () => {
    await redis.quit();
  });

  /** Tries one reply per time; what each was told. */
  const tries = async (to: string, times: string[]) => {
    const answers: boolean[] = [];
    for (const [n, time] of times.entries()) answers.push(await limit.take(to, `mail-${time}-${n}`, at(time)));
    return answers;
  };

  it('are at most the cap in any hour, also in one that spans the top of a clock hour', async () => {
    // A mail loop around 11:00: three replies just before it, none more until an hour after the first.
    expect(await tries('robot@example.org', ['10:59:00', '10:59:20', '10:59:40'])).toEqual([true, true, true]);
    expect(await tries('robot@example.org', ['11:00:00', '11:00:30', '11:30:00', '11:58:59'])).toEqual([false, false, false, false]);
    // An hour after each reply, one more may go; a refused try takes no place.
    expect(await tries('robot@example.org', ['11:59:00', '11:59:10', '11:59:20'])).toEqual([true, false, true]);
    // Another address has its own window.
    expect(await tries('ola@example.org', ['11:59:30'])).toEqual([true]);
  });

  it('gives the place back when the reply could not be sent', async () => {
    expect(await tries('ola@example.org', ['10:59:50', '10:59:55'])).toEqual([true, true]);
    expect(await limit.take('ola@example.org', 'mail-failed', at('11:00:05'))).toBe(true);
    await limit.giveBack('ola@example.org', 'mail-failed');
    expect(await tries('ola@example.org', ['11:00:10', '11:00:20'])).toEqual([true, false]);
  });
});
