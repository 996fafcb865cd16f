import type { Logger } from '../../common/logger';
import { DueEvent, dueEventsOf, parseDueMember } from '../domain/dueEvents';
import type { DueSet } from './dueSet';
import type { SlaTicketService } from './ports';

export interface ReconcileReport {
  openTickets: number;
  /** Entries the open tickets are owed. */
  owed: number;
  /** Owed entries that were missing from the due set (and not in flight) and were added back. */
  added: number;
  /** Entries of old SLA versions, answered, paused, closed or unknown tickets, removed. */
  removedStale: number;
  /** Entries claimed by a sweeper that stopped before queueing them, put back in the due set. */
  releasedLeases: number;
  /** Set when the pass was stopped part-way (the instance is shutting down); the next start redoes it. */
  interrupted?: true;
  /** Set when the due set was already rebuilt once: only expired leases were taken back. */
  skipped?: true;
}

/**
 * At start-up: takes back entries stuck in flight (work proportional to what is in flight) and,
 * only when the due set was never rebuilt from the tickets or is gone (dueSet.isReconciled), the
 * full pass below, which reads every open ticket. The save script writes a ticket and its due
 * entries together, so once rebuilt the due set stays right without reading the tickets again.
 */
export async function reconcileOnStart(deps: Parameters<typeof reconcileDueSet>[0]): Promise<ReconcileReport> {
  const { dueSet, clock, logger } = deps;
  if (!(await dueSet.isReconciled())) return reconcileDueSet(deps);
  const report: ReconcileReport = { openTickets: 0, owed: 0, added: 0, removedStale: 0, releasedLeases: 0, skipped: true };
  report.releasedLeases = await dueSet.releaseExpired(clock());
  logger.info(report, 'SLA timers reconciled with the tickets (due set already rebuilt: leases only)');
  return report;
}

/**
 * Makes the due set agree with the tickets, so that emptying the Bull queue or the due set by
 * hand (or a crash) never loses an SLA event: every owed entry is (re)added, every entry nobody
 * is owed is removed, and entries stuck in flight are taken back.
 *
 * Safe while tickets change and sweepers run: additions skip entries in flight, an entry that
 * fired meanwhile and is added again does nothing when it fires (the service sees it applied),
 * and an entry is removed only after re-reading its ticket, so a ticket created meanwhile keeps
 * its timers.
 */
export async function reconcileDueSet(deps: {
  dueSet: DueSet;
  service: SlaTicketService;
  clock: () => number;
  logger: Logger;
  signal?: AbortSignal;
}): Promise<ReconcileReport> {
  const { dueSet, service, clock, logger, signal } = deps;
  const report: ReconcileReport = { openTickets: 0, owed: 0, added: 0, removedStale: 0, releasedLeases: 0 };

  const owedMembers = new Set<string>();
  let batch: DueEvent[] = [];
  for await (const ticket of service.openTickets()) {
    if (signal?.aborted) return interrupted(report, logger);
    report.openTickets += 1;
    for (const event of dueEventsOf(ticket)) {
      owedMembers.add(event.member);
      batch.push(event);
    }
    if (batch.length >= 1000) {
      report.added += await dueSet.addMissing(batch);
      batch = [];
    }
  }
  report.added += await dueSet.addMissing(batch);
  report.owed = owedMembers.size;

  for await (const members of dueSet.members()) {
    if (signal?.aborted) return interrupted(report, logger);
    const stale: string[] = [];
    for (const member of members) {
      if (!owedMembers.has(member) && !(await stillOwed(service, member))) stale.push(member);
    }
    report.removedStale += await dueSet.remove(stale);
  }

  report.releasedLeases = await dueSet.releaseExpired(clock());
  await dueSet.markReconciled(clock());
  logger.info(report, 'SLA timers reconciled with the tickets');
  return report;
}

function interrupted(report: ReconcileReport, logger: Logger): ReconcileReport {
  logger.info(report, 'SLA reconciliation stopped part-way: the instance is stopping');
  return { ...report, interrupted: true };
}

async function stillOwed(service: SlaTicketService, member: string): Promise<boolean> {
  const parsed = parseDueMember(member);
  if (!parsed) return false;
  const ticket = await service.getTicket(parsed.ticketId);
  return ticket !== null && dueEventsOf(ticket).some((e) => e.member === member);
}
