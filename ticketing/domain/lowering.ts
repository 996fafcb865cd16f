import { addWorkingTime, workingDayMs, workingTimeBetween } from './calendar';
import { formatDuration } from './duration';
import { clockCalendar } from './sla';
import {
  DomainError,
  GRADES,
  LOWERING_REASONS,
  type AutoLowering,
  type Grade,
  type LoweringEventKind,
  type Lowering,
  type LoweringReason,
  type Organisation,
  type Ticket,
} from './types';

/**
 * When the desk may lower a ticket's grade (seed 002): the customer does not respond, the
 * customer agreed, or the grade was wrong from the start (LOWERING_REASONS), each with what
 * backs it recorded beside it.
 */

/** What a request to lower a grade brings along. */
export interface LoweringRequest {
  reason?: string;
  /** agreed_with_customer: the administrator who agreed (their id in the organisation). */
  agreedBy?: string;
  /** wrong_initial_grade: what shows the grade was wrong (the customer's own words, logs...). */
  evidence?: string;
}

export interface LoweringRules {
  /** How long (business days of the ticket's calendar) a ticket waits on the customer before "customer not responding" may lower it. */
  customerWaitBusinessDays: number;
  /**
   * Automatic lowering: after that wait the customer is told the grade drops one step in this
   * many working hours, and it does unless they answer. Absent: only agents lower grades.
   */
  autoNoticeHours?: number;
}

export const DEFAULT_LOWERING_RULES: LoweringRules = { customerWaitBusinessDays: 1 };

const MAX_EVIDENCE = 2_000;

/** Checks a lowering against its reason's condition; throws DomainError naming what is missing. */
export function checkLowering(ticket: Ticket, org: Organisation, request: LoweringRequest, rules: LoweringRules, now: Date): Lowering {
  const reason = request.reason?.trim();
  if (!reason || !(LOWERING_REASONS as readonly string[]).includes(reason)) {
    const given = reason ? ` ("${reason}" is not one)` : '';
    throw new DomainError(
      'reason_required',
      `lowering grade ${ticket.grade} needs one of the reasons ${LOWERING_REASONS.join(', ')}${given}`,
    );
  }
  switch (reason as LoweringReason) {
    case 'customer_not_responding': {
      const allowedAt = customerSilenceEndsAt(ticket, rules);
      if (allowedAt === null) {
        throw new DomainError(
          'lowering_refused',
          `${ticket.id} is not waiting on the customer: "customer not responding" needs an unanswered question first`,
        );
      }
      if (allowedAt.getTime() > now.getTime()) {
        throw new DomainError(
          'lowering_refused',
          `${ticket.id} has waited on the customer for ${formatDuration(waitedMs(ticket, now))}; "customer not responding" is allowed from ${allowedAt.toISOString()} (after ${formatDuration(requiredWaitMs(ticket, rules))} of working time)`,
        );
      }
      return { reason: 'customer_not_responding', waitedMs: waitedMs(ticket, now) };
    }
    case 'agreed_with_customer': {
      const who = request.agreedBy?.trim();
      const admin = org.administrators.find((a) => a.id === who);
      if (!admin) {
        const known = org.administrators.map((a) => a.id).join(', ') || 'none registered';
        throw new DomainError(
          'lowering_refused',
          `"agreed with the customer" needs agreedBy: the id of the ${org.name} administrator who agreed (${known})${who ? `; "${who}" is not one` : ''}`,
        );
      }
      return { reason: 'agreed_with_customer', agreedBy: admin.id };
    }
    case 'wrong_initial_grade': {
      const evidence = request.evidence?.trim();
      if (!evidence)
        throw new DomainError(
          'lowering_refused',
          '"wrong initial grade" needs the evidence that shows it (what the customer said, what was found)',
        );
      if (evidence.length > MAX_EVIDENCE)
        throw new DomainError('lowering_refused', `the evidence is longer than ${MAX_EVIDENCE} characters`);
      return { reason: 'wrong_initial_grade', evidence };
    }
  }
}

/** A lowering in a sentence, for the history. */
export function describeLowering(lowering: Lowering): string {
  switch (lowering.reason) {
    case 'customer_not_responding':
      return `customer not responding: no answer for ${formatDuration(lowering.waitedMs ?? 0)} of working time`;
    case 'agreed_with_customer':
      return `agreed with the customer (${lowering.agreedBy})`;
    case 'wrong_initial_grade':
      return `wrong initial grade: ${lowering.evidence}`;
  }
}

/**
 * When the customer's silence allows lowering: the configured working time after the question
 * the ticket waits on; null when it is not waiting on the customer.
 */
export function customerSilenceEndsAt(ticket: Ticket, rules: LoweringRules): Date | null {
  const since = waitingSince(ticket);
  if (!since) return null;
  return addWorkingTime(clockCalendar(ticket.sla), new Date(since), requiredWaitMs(ticket, rules));
}

function requiredWaitMs(ticket: Ticket, rules: LoweringRules): number {
  return rules.customerWaitBusinessDays * workingDayMs(clockCalendar(ticket.sla));
}

function waitedMs(ticket: Ticket, now: Date): number {
  const since = waitingSince(ticket);
  return since ? workingTimeBetween(clockCalendar(ticket.sla), new Date(since), now) : 0;
}

/** Since when the ticket waits on the customer (the status change that asked them), or undefined. */
export function waitingSince(ticket: Ticket): string | undefined {
  if (ticket.status !== 'waiting_on_customer') return undefined;
  for (let i = ticket.history.length - 1; i >= 0; i--) {
    const entry = ticket.history[i]!;
    if (entry.kind === 'status' && entry.to === 'waiting_on_customer') return entry.at;
  }
  return undefined;
}

/**
 * The automatic lowering a ticket is owed under the rules: while it waits on the customer with a
 * grade above C, a notice after the wait; none otherwise. A plan of the same wait is kept as it is.
 */
export function planAutoLowering(ticket: Ticket, rules: LoweringRules): Ticket {
  const noticeAt = rules.autoNoticeHours === undefined || ticket.grade === 'C' ? null : customerSilenceEndsAt(ticket, rules);
  if (noticeAt === null) {
    if (!ticket.autoLowering) return ticket;
    const { autoLowering: _dropped, ...rest } = ticket;
    return rest;
  }
  const version = ticket.sla.pauses.length * GRADES.length + GRADES.indexOf(ticket.grade);
  if (ticket.autoLowering?.version === version) return ticket;
  const plan: AutoLowering = { to: GRADES[GRADES.indexOf(ticket.grade) + 1] as Grade, version, noticeAt: noticeAt.toISOString() };
  return { ...ticket, autoLowering: plan };
}

/** Whether a lowering timer event is still owed: the ticket still waits on the same question, and for the lowering, the customer was told. */
export function isLoweringEventOwed(ticket: Ticket, kind: LoweringEventKind): boolean {
  const plan = ticket.autoLowering;
  if (!plan || ticket.status !== 'waiting_on_customer') return false;
  return kind === 'lowering_notice' ? plan.lowerAt === undefined : plan.lowerAt !== undefined;
}

/** When the notice says the grade drops: the notice period in working time after the notice went out. */
export function loweringTime(ticket: Ticket, noticeSentAt: Date, rules: LoweringRules): Date {
  return addWorkingTime(clockCalendar(ticket.sla), noticeSentAt, (rules.autoNoticeHours ?? 0) * 3_600_000);
}
