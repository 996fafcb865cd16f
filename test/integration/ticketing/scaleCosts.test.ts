import { silentLogger } from '../../../common/logger';
import type { Ticket } from '../../../ticketing/domain/types';
import type { Backfill, BackfillOptions } from '../../../ticketing/store/backfillOnce';
import { backfillCells, startCellsBackfill } from '../../../ticketing/store/cellBackfill';
import { keys } from '../../../ticketing/store/keys';
import { ownRedisServer } from '../../support/redisServer';
import { uniquePrefix } from '../../support/redis';
import { waitFor } from '../../support/waitFor';
import { deskOn, inconsistencies, organisation, ticketInput } from './serviceFixtures';

// A redis-server of this file's own: its command counters see only these tests' commands.
const own = ownRedisServer();

/** How many times each command ran on the server while `work` ran. */
async function commandsDuring(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const calls = async () => {
    const counts: Record<string, number> = {};
    for (const [, name, n] of (await own.redis.info('commandstats')).matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) counts[name!] = Number(n);
    return counts;
  };
  const before = await calls();
  await work();
  const after = await calls();
  return Object.fromEntries(Object.entries(after).map(([name, n]) => [name, n - (before[name] ?? 0)]));
}

const ids = (tickets: Ticket[]) => tickets.map((t) => t.id);

describe('lists filtered on several fields', () => {
  it('read the page they return, not the tickets that do not match', async () => {
    const prefix = uniquePrefix('scale-list');
    const { service, clock } = await deskOn(own.redis, prefix);
    for (let i = 0; i < 120; i++) {
      clock.advance(1000);
      await service.create(
        ticketInput({ title: `t${i}`, grade: i % 3 === 0 ? 'C' : 'B', category: i % 4 === 0 ? 'billing' : 'technical' }),
      );
    }

    let found: Ticket[] = [];
    const noMatch = await commandsDuring(async () => (found = await service.list({ category: 'presales', grade: 'B', status: 'new' })));
    expect(found).toEqual([]);
    expect(noMatch.hget ?? 0).toBe(0); // before: every ticket of the narrowest index was read and parsed

    // The same tickets, in the same order, as one index holding them all would give.
    const everyOne = (await service.list({ orgId: 'contoso', limit: 500 })).filter((t) => t.category === 'technical' && t.grade === 'B');
    const page = await commandsDuring(
      async () => (found = await service.list({ orgId: 'contoso', category: 'technical', grade: 'B', limit: 7, offset: 5 })),
    );
    expect(ids(found)).toEqual(ids(everyOne.slice(5, 12)));
    expect(page.hget).toBe(7);
  });
});

describe('a store written before the list cells existed', () => {
  /** A desk whose store lost its cells and mark, as an older version left it; the ids made, oldest first. */
  async function olderStore(prefix: string) {
    // Sorted sets as big stores hold them (a small one is scanned whole, whatever COUNT says).
    await own.redis.config('SET', 'zset-max-listpack-entries', '0');
    let cells: Backfill | undefined;
    const desk = await deskOn(own.redis, prefix, { cellsPending: () => cells?.pending() });
    const made: string[] = [];
    for (let i = 0; i < 30; i++) {
      desk.clock.advance(1000);
      made.push((await desk.service.create(ticketInput({ title: `t${i}`, grade: i % 2 ? 'C' : 'B' }))).ticket.id);
    }
    await desk.service.changeStatus(made[3]!, 'in_progress', 'agent:ola');
    const cellKeys = (await own.redis.keys(`${keys.store(prefix)}tickets:*`)).filter((k) => k.includes(':cell:'));
    expect(cellKeys.length).toBeGreaterThan(0);
    await own.redis.del(...cellKeys);
    const start = (options: BackfillOptions) => (cells = startCellsBackfill(desk.service.store, silentLogger, options));
    return { ...desk, made, start };
  }
  const graded = (made: string[]) => made.filter((_, i) => i % 2 && i !== 3).reverse();

  it('gets every ticket into its cells once, at the first start', async () => {
    const prefix = uniquePrefix('scale-backfill');
    const { service, made } = await olderStore(prefix);
    expect(await service.list({ grade: 'C', status: 'new' })).toEqual([]);

    // Two instances starting at once: one fills the cells, the other waits for it.
    await Promise.all([backfillCells(service.store, silentLogger, 7), backfillCells(service.store, silentLogger, 7)]);

    expect(await inconsistencies(own.redis, prefix)).toEqual([]);
    expect(ids(await service.list({ grade: 'C', status: 'new', limit: 100 }))).toEqual(graded(made));
    expect(await own.redis.get(keys.cellsIndexed(prefix))).not.toBeNull();
  });

  it('fills them in the background, resumes where a stopped instance left off, and lists say they wait meanwhile', async () => {
    const prefix = uniquePrefix('scale-backfill-bg');
    const { service, made, start } = await olderStore(prefix);
    const first = start({ batchSize: 4, pauseMs: 1000, pollMs: 50 });
    await first.firstLook;
    // The service answers meanwhile: one filter from its own index, several refused with how far the fill is.
    expect((await service.get(made[0]!))?.id).toBe(made[0]);
    expect((await service.list({ grade: 'C' })).length).toBe(15);
    await expect(service.list({ grade: 'C', status: 'new' })).rejects.toMatchObject({
      code: 'lists_preparing',
      message: expect.stringMatching(/being filled \(\d+ of about 30 tickets\)/),
    });
    expect(first.pending()).toMatch(/being filled/);

    // The first instance shuts down after a batch or two; the next one goes on from its cursor.
    const progress = `${keys.cellsIndexed(prefix)}:progress`;
    await waitFor(async () => Number(await own.redis.hget(progress, 'walked')) > 0, 'a first batch filled');
    first.stop();
    await first.done;
    const walkedBefore = Number(await own.redis.hget(progress, 'walked'));
    expect(walkedBefore).toBeGreaterThan(0);
    expect(await own.redis.get(keys.cellsIndexed(prefix))).toBeNull();

    const indexCalls = await commandsDuring(() => start({ batchSize: 4, pauseMs: 0, pollMs: 50 }).done);
    // ZSCAN's COUNT is a hint: count the ticket reads instead, which left out those walked before.
    expect(indexCalls.hmget ?? 0).toBeLessThanOrEqual(30 - walkedBefore + 4);
    expect(await own.redis.get(keys.cellsIndexed(prefix))).not.toBeNull();
    expect(await own.redis.exists(progress)).toBe(0);
    expect(ids(await service.list({ grade: 'C', status: 'new', limit: 100 }))).toEqual(graded(made));
    expect(await inconsistencies(own.redis, prefix)).toEqual([]);
  });

  it('reads no ticket before the service listens, and fills them after', async () => {
    const prefix = uniquePrefix('scale-backfill-late');
    const { service, made, start } = await olderStore(prefix);
    let listening: () => void = () => undefined;
    const walkAfter = new Promise<void>((resolve) => (listening = resolve));
    let fill: Backfill | undefined;
    const startUp = await commandsDuring(async () => {
      fill = start({ batchSize: 4, pauseMs: 0, pollMs: 50, walkAfter });
      await fill.firstLook;
      await new Promise((r) => setTimeout(r, 100));
    });
    expect(startUp.zscan ?? 0).toBe(0);
    expect(startUp.hmget ?? 0).toBe(0);
    expect(fill!.pending()).toMatch(/being filled \(0 of about 30 tickets\)/);

    listening();
    await fill!.done;
    expect(fill!.pending()).toBeUndefined();
    expect(ids(await service.list({ grade: 'C', status: 'new', limit: 100 }))).toEqual(graded(made));
  });
});

describe('organisations by name', () => {
  it('come a page at a time, and a name is found by its start without reading the others', async () => {
    const prefix = uniquePrefix('scale-orgs');
    const { organisations } = await deskOn(own.redis, prefix);
    for (let i = 0; i < 40; i++)
      await organisations.upsert(organisation({ id: `org-${i}`, name: `Spółka ${String(i).padStart(2, '0')} S.A.`, tenantId: undefined }));
    await organisations.upsert(organisation({ id: 'lodz', name: 'Łódzkie Wodociągi Sp. z o.o.', tenantId: undefined }));

    const first = await organisations.page(0, 3);
    expect(first.total).toBe(43); // contoso and fabrikam from deskOn
    expect(first.items.map((o) => o.id)).toEqual(['contoso', 'fabrikam', 'lodz']);
    expect((await organisations.page(3, 2)).items.map((o) => o.name)).toEqual(['Spółka 00 S.A.', 'Spółka 01 S.A.']);

    let found: string[] = [];
    const commands = await commandsDuring(async () => (found = (await organisations.startingWith('lodzkie', 2)).map((o) => o.id)));
    expect(found).toEqual(['lodz']);
    expect(commands.hget).toBe(1);
    expect((await organisations.startingWith('spolka', 2)).length).toBe(2);
    expect(await organisations.startingWith('lodz', 2)).toEqual([]); // "lodzkie" is not the word "lodz"
  });

  it('are added to the names index when they were stored before it existed', async () => {
    const prefix = uniquePrefix('scale-org-names');
    const { organisations } = await deskOn(own.redis, prefix);
    await organisations.upsert(organisation({ id: 'northwind-pl', name: 'Northwind Polska', tenantId: undefined }));
    await own.redis.del(keys.organisationNames(prefix));
    expect(await organisations.startingWith('northwind', 2)).toEqual([]);

    expect(await organisations.indexNames()).toBe(3);
    expect(await organisations.indexNames()).toBe(0);
    expect((await organisations.startingWith('northwind', 2)).map((o) => o.id)).toEqual(['northwind-pl']);
    expect((await organisations.page(0, 10)).items.map((o) => o.id)).toEqual(['contoso', 'fabrikam', 'northwind-pl']);
  });
});
