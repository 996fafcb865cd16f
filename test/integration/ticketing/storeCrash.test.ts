import Redis from 'ioredis';
import { startRedisServer, type RedisServerHandle } from '../../support/redisServer';
import { deskOn, inconsistencies, ticketInput } from './serviceFixtures';
import { keys } from '../../../ticketing/store/keys';

const PREFIX = 'crash:';

/** A client that fails at once when the server goes away, instead of queueing commands. */
async function client(url: string): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false, lazyConnect: true });
  redis.on('error', () => undefined); // the kill is the point of the test
  await redis.connect();
  return redis;
}

describe('a Redis killed in the middle of ticket writes', () => {
  // Stopped in reverse: the restarted server first, then the first one, which removes the directory.
  const servers: RedisServerHandle[] = [];
  afterEach(async () => {
    for (const s of servers.reverse()) await s.stop();
  });

  it('comes back from its append-only file with every ticket whole: record, indexes, queue and SLA entries agree', async () => {
    const first = await startRedisServer({ appendOnly: true });
    servers.push(first);
    const { dir, port } = first;
    const writer = await client(first.url);
    const { service } = await deskOn(writer, PREFIX);

    let written = 0;
    const work = async (worker: number) => {
      for (let i = 0; ; i++) {
        const { ticket } = await service.create(ticketInput({ title: `w${worker} t${i}` }), `w${worker}-${i}`);
        await service.assign(ticket.id, `agent-${worker}`, 'agent:lead');
        await service.reply(ticket.id, `agent-${worker}`, 'on it');
        written += 1;
      }
    };
    const workers = Array.from({ length: 4 }, (_, w) => work(w).catch(() => undefined));
    while (written < 40) await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise((r) => first.process.once('exit', r));
    first.process.kill('SIGKILL');
    await Promise.all(workers);
    writer.disconnect();
    await exited;

    const restarted = await startRedisServer({ appendOnly: true, dir, port });
    servers.push(restarted);
    const reader = await client(restarted.url);
    try {
      const tickets = await reader.zcard(keys.allTickets(PREFIX));
      expect(tickets).toBeGreaterThanOrEqual(40);
      expect(await inconsistencies(reader, PREFIX)).toEqual([]);
    } finally {
      reader.disconnect();
    }
  });
});
