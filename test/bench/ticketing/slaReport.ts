import type Redis from 'ioredis';
import {
  addAgentReply,
  addCustomerMessage,
  openTicket,
  recordResponseDelivered,
  type NewTicketInput,
} from '../../../ticketing/domain/ticket';
import { formatTicketId } from '../../../ticketing/domain/ticketId';
import type { Organisation, Ticket } from '../../../ticketing/domain/types';
import { TicketService } from '../../../ticketing/service/ticketService';
import { keys } from '../../../ticketing/store/keys';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import { latencyStats, msSince, rate, type LatencyStats } from '../support/stats';

/**
 * The month's SLA report with `tickets` answered tickets in the store (met and missed, over 200
 * organisations, each with a first and a next response), all written by the real save script so
 * the report counters are the ones it keeps. Floor: the five HGETALLs the report reads, without
 * summing them.
 */
const CELLS = ['sla', 'frt', 'goal', 'agent', 'csat'];
export async function benchSlaReport(
  redis: Redis,
  tickets: number,
): Promise<{ loadPerSecond: number; report: LatencyStats; floor: LatencyStats; fields: number }> {
  const prefix = 'bench:report:';
  const org: Organisation = {
    id: 'org-0',
    name: 'Bench',
    timeZone: 'Europe/Warsaw',
    contract: 'premier',
    administrators: [{ id: 'adm', name: 'Admin', email: 'admin@bench.example', chatIdentities: [] }],
  };
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(org);
  const service = new TicketService({ redis, prefix, organisations });
  const input: NewTicketInput = {
    orgId: org.id,
    adminId: 'adm',
    category: 'technical',
    grade: 'A',
    title: 'Exchange Online nie działa',
    description: 'Nikt nie odbiera poczty.',
    affected: 'all',
    contact: { email: 'admin@bench.example', preferred: 'email' },
  };
  const opened = new Date('2026-03-10T09:00:00.000Z');
  // Answered after 20 min (met) and after 2 h (missed); the customer writes back and the next response comes as soon (or late).
  const at = (minutes: number) => new Date(opened.getTime() + minutes * 60_000);
  const templates = [20, 120].map((minutes) => {
    // The first response counts when the reply reaches the customer (docs/sla.md, "First response").
    const replied = addAgentReply(openTicket(input, org, formatTicketId(2026, 1), opened), 'a1', 'Sprawdzamy.', at(minutes));
    const answered = recordResponseDelivered(replied, 'chat', at(minutes));
    const asked = addCustomerMessage(answered, 'adm', 'Nadal nie działa.', at(3 * minutes));
    return addAgentReply(asked, 'a2', 'Poprawione.', at(4 * minutes));
  });
  const copy = (i: number): Ticket => ({ ...templates[i % 2]!, id: formatTicketId(2026, i + 1), orgId: `org-${i % 200}` });

  const t0 = Date.now();
  await rate(tickets / 1000, 4, (b) => service.store.insertBatch(Array.from({ length: 1000 }, (_, j) => copy(b * 1000 + j))));
  const loadPerSecond = Math.round(tickets / ((Date.now() - t0) / 1000));

  const report: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < 200; i++) {
    let t = process.hrtime.bigint();
    const r = await service.slaReport('2026-03');
    report.push(msSince(t));
    const next = r.goals.next_response.outcomes;
    if (r.outcomes.met + r.outcomes.missed !== tickets || next.met + next.missed !== tickets)
      throw new Error(
        `the report counted ${r.outcomes.met + r.outcomes.missed} first and ${next.met + next.missed} next responses of ${tickets} tickets`,
      );
    t = process.hrtime.bigint();
    await Promise.all(CELLS.map((cell) => redis.hgetall(keys.report(prefix, `${cell}:2026-03`))));
    floor.push(msSince(t));
  }
  let fields = 0;
  for (const cell of CELLS) fields += await redis.hlen(keys.report(prefix, `${cell}:2026-03`));
  return { loadPerSecond, report: latencyStats(report), floor: latencyStats(floor), fields };
}
