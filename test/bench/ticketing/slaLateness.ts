/**
 * SLA event lateness with 100,000 open tickets: how long after its due time a warning is applied
 * to its ticket (stored, history written, queue raised) by two SlaTimers instances on one Redis.
 * Beside it, the floor: a bare setTimeout aimed at the same instants in the same process.
 *
 *   tsx test/bench/ticketing/slaLateness.ts   (starts a private redis-server)
 *   npm run bench:ticketing                   (calls benchSlaLateness with its server)
 */
import { randomUUID } from 'crypto';
import { silentLogger } from '../../../common/logger';
import { newRedisClient } from '../../../common/redisConnection';
import { openTicket } from '../../../ticketing/domain/ticket';
import { formatTicketId } from '../../../ticketing/domain/ticketId';
import type { Organisation, Ticket } from '../../../ticketing/domain/types';
import { TicketService } from '../../../ticketing/service/ticketService';
import { slaKeys } from '../../../ticketing/sla/dueSet';
import { SlaTimers } from '../../../ticketing/sla/slaTimers';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import { deleteKeys, keysMatching } from '../../support/redis';
import { startRedisServer } from '../../support/redisServer';
import { percentile } from '../support/stats';
import { nth } from '../../support/nth';

const BACKGROUND_TICKETS = 100_000;
const MEASURED_TICKETS = 2_000;
const SPREAD_MS = 20_000; // measured warnings fall over this window...
const LEAD_MS = 2_000; // ...starting at least this long after they are opened
const MINUTE = 60_000;

const org: Organisation = {
  id: 'bench-org',
  name: 'Bench',
  timeZone: 'Europe/Warsaw',
  contract: 'premier',
  administrators: [{ id: 'adm', name: 'Admin', email: 'admin@bench.example', chatIdentities: [] }],
};

/** A grade A ticket opened at `createdAt`: warning 45 min later, breach 60 min later. */
function ticket(seq: number, createdAt: Date): Ticket {
  return openTicket(
    {
      orgId: org.id,
      adminId: 'adm',
      category: 'technical',
      grade: 'A',
      title: `Outage ${seq}`,
      description: 'Exchange Online does not deliver mail',
      affected: 'all users',
      contact: { email: 'admin@bench.example', preferred: 'email' },
    },
    org,
    formatTicketId(2026, seq),
    createdAt,
  );
}

async function insertAll(service: TicketService, tickets: Ticket[], parallel = 64): Promise<void> {
  const queue = tickets.values(); // shared: each worker takes the next ticket
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (const t of queue) await service.store.insert(t);
    }),
  );
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** On the Redis at `redisUrl`: a redis:// URL or a cluster address (common/redisConnection.ts). */
export async function benchSlaLateness(redisUrl: string, backgroundTickets = BACKGROUND_TICKETS): Promise<Record<string, number | string>> {
  const prefix = `bench:sla:${randomUUID().slice(0, 8)}:`;
  const redis = newRedisClient(redisUrl, { maxRetriesPerRequest: null });
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(org);
  const lateness: number[] = [];
  let measuredDue = new Map<string, number>();
  const services = [0, 1].map(
    () =>
      new TicketService({
        redis,
        prefix,
        organisations,
        events: {
          onSlaEvent: (t, kind) => kind === 'warning' && measuredDue.has(t.id) && lateness.push(Date.now() - measuredDue.get(t.id)!),
        },
      }),
  );
  const timers: SlaTimers[] = [];
  try {
    // 100,000 open tickets whose warnings and breaches are 45-60 min away: 200,000 due entries.
    const now = Date.now();
    const background = Array.from({ length: backgroundTickets }, (_, i) => ticket(i + 1, new Date(now + (i % 600) * 1000)));
    const insertStarted = performance.now();
    await insertAll(nth(services, 0), background);
    const insertMs = performance.now() - insertStarted;

    // Two instances; start() includes the reconciliation pass over every open ticket.
    const reconcileStarted = performance.now();
    for (const service of services) {
      const t = new SlaTimers({ redisUrl, prefix, service, logger: silentLogger });
      timers.push(t);
      await t.start();
    }
    const reconcileMs = (performance.now() - reconcileStarted) / 2;

    // The measured tickets: opened now, their warnings falling over the next lead..lead+SPREAD ms. The
    // lead is twice the time storing them should take at the background's pace (on a loaded machine,
    // seconds): a warning due before its ticket is stored would measure the insert, not the timers.
    const lead = Math.max(LEAD_MS, Math.ceil((2 * MEASURED_TICKETS * insertMs) / backgroundTickets));
    const openedAt = Date.now();
    const measured = Array.from({ length: MEASURED_TICKETS }, (_, i) => {
      const warningAt = openedAt + lead + Math.floor((i * SPREAD_MS) / MEASURED_TICKETS);
      return ticket(backgroundTickets + i + 1, new Date(warningAt - 45 * MINUTE));
    });
    measuredDue = new Map(measured.map((t) => [t.id, Date.parse(t.sla.warningAt!)]));
    // The floor: a bare timer aimed at each of the same instants, in this same busy process.
    const floor: number[] = [];
    for (const due of measuredDue.values()) setTimeout(() => floor.push(Date.now() - due), due - Date.now());
    await insertAll(nth(services, 0), measured, 8);
    const storedAt = Date.now();
    const dueBeforeStored = [...measuredDue.values()].filter((due) => due < storedAt).length;

    const deadline = openedAt + lead + SPREAD_MS + 10_000;
    while (lateness.length < MEASURED_TICKETS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const dueEntryBytes =
      Number(await redis.memory('USAGE', slaKeys(prefix).due, 'SAMPLES', '0')) / (await redis.zcard(slaKeys(prefix).due));

    const sorted = [...lateness].sort((a, b) => a - b);
    const floorSorted = [...floor].sort((a, b) => a - b);
    return {
      'sla.openTickets': backgroundTickets + MEASURED_TICKETS,
      'sla.measuredEvents': MEASURED_TICKETS,
      'sla.eventsApplied': lateness.length,
      'sla.lead.ms': lead,
      'sla.dueBeforeAllStored': dueBeforeStored,
      'sla.lateness.p50.ms': round(percentile(sorted, 50)),
      'sla.lateness.p99.ms': round(percentile(sorted, 99)),
      'sla.lateness.max.ms': round(sorted.at(-1) ?? 0),
      'sla.floor.setTimeout.p50.ms': round(percentile(floorSorted, 50)),
      'sla.floor.setTimeout.p99.ms': round(percentile(floorSorted, 99)),
      'sla.reconcile.ms.per.instance': Math.round(reconcileMs),
      'sla.insert.tickets.per.s': Math.round(backgroundTickets / (insertMs / 1000)),
      'sla.dueSet.bytes.per.entry': Math.round(dueEntryBytes),
      'sla.instances': 2,
    };
  } finally {
    await Promise.all(timers.map((t) => t.stop()));
    await deleteKeys(redis, await keysMatching(redis, `${prefix}*`));
    await redis.quit();
  }
}

if (require.main === module) {
  (async () => {
    const server = await startRedisServer();
    try {
      console.log(JSON.stringify(await benchSlaLateness(server.url), null, 2));
    } finally {
      await server.stop();
    }
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
