import { ownRedisServer } from '../../support/redisServer';
import { uniquePrefix } from '../../support/redis';
import { deskOn, inconsistencies, ticketInput } from './serviceFixtures';
import { MemoryTicketService, RecordingNotifier, ticketDue, waitFor } from './slaFixtures';
import { slaKeys } from '../../../ticketing/sla/dueSet';
import { SlaTimers } from '../../../ticketing/sla/slaTimers';
import { silentLogger } from '../../../common/logger';

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

  it('SLA events that fall due after Redis forgot its scripts still fire, each once', async () => {
    const prefix = uniquePrefix('rolling-sla');
    const service = new MemoryTicketService(own.redis, slaKeys(prefix).due);
    const notifier = new RecordingNotifier();
    const timers = new SlaTimers({ redisUrl: own.server.url, prefix, service, notifier, logger: silentLogger });
    const warnNow = (seq: number) => ticketDue(seq, { warningAtMs: Date.now() - 100, dueAtMs: Date.now() + 3_600_000 });
    try {
      await service.save(warnNow(1));
      await timers.start();
      await waitFor(() => notifier.events.length === 1, 'the warning before the flush');
      await own.redis.script('FLUSH');
      for (let seq = 2; seq <= 4; seq++) await service.save(warnNow(seq));
      await waitFor(() => notifier.events.length === 4, 'the three warnings due after the flush');
      expect(new Set(service.applied().map((c) => c.member)).size).toBe(4);
    } finally {
      await timers.stop();
    }
  });
});
