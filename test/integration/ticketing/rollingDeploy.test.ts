import { ownRedisServer } from '../../support/redisServer';
import { uniquePrefix } from '../../support/redis';
import { deskOn, inconsistencies, ticketInput } from './serviceFixtures';

// A redis-server of this file's own: SCRIPT FLUSH empties its whole script cache.
const own = ownRedisServer();

describe('during a rolling deploy (docs/rolling-deploy.md)', () => {
  it('an instance whose scripts Redis no longer holds (restarted, failed over, flushed) loads them again and writes in full', async () => {
    const prefix = uniquePrefix('rolling');
    const { service, clock } = await deskOn(own.redis, prefix);
    const first = (await service.create(ticketInput({ title: 'before' }))).ticket.id;
    await own.redis.script('FLUSH');

    clock.advance(1000);
    const second = (await service.create(ticketInput({ title: 'after', grade: 'C' }))).ticket.id;
    await service.changeStatus(first, 'in_progress', 'agent:ola');
    await own.redis.script('FLUSH');
    expect((await service.claimNext('ola', ['technical']))?.id).toBe(first); // B before C
    expect((await service.list({ status: 'new', grade: 'C' })).map((t) => t.id)).toEqual([second]);
    expect(await inconsistencies(own.redis, prefix)).toEqual([]);
  });
});
