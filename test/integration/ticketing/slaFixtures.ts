import type { RedisClient } from '../../../common/redisConnection';
import pino from 'pino';
import { silentLogger } from '../../../common/logger';
import { slaKeys } from '../../../ticketing/sla/dueSet';
import { SlaTimers, type SlaTimersOptions } from '../../../ticketing/sla/slaTimers';
import { testRedis, testRedisUrl, uniquePrefix } from '../../support/redis';
import { Writable } from 'stream';
import { markSlaBreach, markSlaWarning, openTicket } from '../../../ticketing/domain/ticket';
import type { Organisation, SlaEventKind, Ticket } from '../../../ticketing/domain/types';
import { dueEventsOf } from '../../../ticketing/domain/dueEvents';
import type { SlaTicketService } from '../../../ticketing/sla/ports';
import type { EscalationEvent, EscalationNotifier } from '../../../ticketing/notify/escalationNotifier';

export const premierOrg: Organisation = {
  id: 'org-contoso',
  name: 'Contoso',
  timeZone: 'Europe/Warsaw',
  contract: 'premier',
  administrators: [{ id: 'adm-1', name: 'Jan Kowalski', email: 'jan@contoso.pl', chatIdentities: [] }],
};

/** A real grade A ticket whose warning and breach fall at the given instants (epoch ms). */
export function ticketDue(seq: number, times: { warningAtMs: number; dueAtMs: number }, now = Date.now()): Ticket {
  const id = `SR-2026-${String(seq).padStart(6, '0')}`;
  const ticket = openTicket(
    {
      orgId: premierOrg.id,
      adminId: 'adm-1',
      category: 'technical',
      grade: 'A',
      title: `Outage ${seq}`,
      description: 'Exchange Online is down for everyone',
      affected: 'all users',
      contact: { email: 'jan@contoso.pl', preferred: 'email' },
    },
    premierOrg,
    id,
    new Date(now),
  );
  ticket.sla = { ...ticket.sla, warningAt: new Date(times.warningAtMs).toISOString(), dueAt: new Date(times.dueAtMs).toISOString() };
  return ticket;
}

export interface AppliedCall {
  member: string;
  atMs: number;
  applied: boolean;
}

/**
 * The ticket service's SLA side as the SLA timers see it: tickets in memory, the due set kept
 * in step with them exactly as the store does (the old entries replaced by dueEventsOf), and
 * events applied with the real domain rules. Records every call.
 */
export class MemoryTicketService implements SlaTicketService {
  readonly tickets = new Map<string, Ticket>();
  readonly calls: AppliedCall[] = [];
  failNext = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly dueKey: string,
  ) {}

  async save(ticket: Ticket): Promise<void> {
    const old = this.tickets.get(ticket.id);
    this.tickets.set(ticket.id, ticket);
    const multi = this.redis.multi();
    const oldMembers = old ? dueEventsOf(old).map((e) => e.member) : [];
    if (oldMembers.length > 0) multi.zrem(this.dueKey, ...oldMembers);
    for (const e of dueEventsOf(ticket)) multi.zadd(this.dueKey, e.dueAtMs, e.member);
    await multi.exec();
  }

  async applySlaEvent(ticketId: string, kind: SlaEventKind, version: number): Promise<Ticket | null> {
    const atMs = Date.now();
    const member = `${ticketId}|${kind}|${version}`;
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('redis went away for a moment');
    }
    const ticket = this.tickets.get(ticketId);
    const next = ticket ? (kind === 'warning' ? markSlaWarning : markSlaBreach)(ticket, version, new Date(atMs)) : null;
    this.calls.push({ member, atMs, applied: next !== null });
    if (next) await this.save(next);
    return next;
  }

  async *openTickets(): AsyncIterable<Ticket> {
    for (const ticket of this.tickets.values()) if (ticket.status !== 'resolved' && ticket.status !== 'closed') yield ticket;
  }

  async getTicket(id: string): Promise<Ticket | null> {
    return this.tickets.get(id) ?? null;
  }

  applied(): AppliedCall[] {
    return this.calls.filter((c) => c.applied);
  }
}

export class RecordingNotifier implements EscalationNotifier {
  readonly events: EscalationEvent[] = [];
  async notify(event: EscalationEvent): Promise<void> {
    this.events.push(event);
  }
}

/** A pino logger whose lines the test can read. */
export function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

export { sleep, waitFor } from '../../support/waitFor';

/**
 * Hooks for a test file of SLA timers on the run's Redis: one connection, and every SlaTimers a
 * test starts is stopped after it. desk(name) gives a fresh prefix, a MemoryTicketService on it,
 * a recording notifier and a factory of SlaTimers wired to them.
 */
export function slaTimersSuite() {
  let redis: RedisClient;
  const running: SlaTimers[] = [];
  beforeAll(() => {
    redis = testRedis();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((t) => t.stop()));
  });
  afterAll(async () => {
    await redis.quit();
  });
  /** Stops these timers after the test. */
  const track = (timers: SlaTimers) => {
    running.push(timers);
    return timers;
  };
  return {
    redis: () => redis,
    track,
    desk(name: string) {
      const prefix = uniquePrefix(`sla-${name}`);
      const service = new MemoryTicketService(redis, slaKeys(prefix).due);
      const notifier = new RecordingNotifier();
      const timers = (extra: Partial<SlaTimersOptions> = {}) =>
        track(new SlaTimers({ redisUrl: testRedisUrl(), prefix, service, notifier, logger: silentLogger, ...extra }));
      return { prefix, service, notifier, timers };
    },
  };
}
