import { isEmailAddress, isPhoneNumber } from './contact';
import { formatDuration } from './duration';
import {
  checkLowering,
  DEFAULT_LOWERING_RULES,
  describeLowering,
  planAutoLowering,
  type LoweringRequest,
  type LoweringRules,
} from './lowering';
import { agentAnswered, customerWrote, goalsResolved, openGoals, pauseGoals, regradeGoals, settleGoals, ticketTerms } from './goals';
import { canChangeGrade, checkGradeAllowed, isAdministrator, isLowering } from './policy';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './slaPolicy';
import {
  isDecided,
  goalTerms,
  markBreached,
  pauseClock,
  recordFirstResponse,
  regradeClock,
  resolveClock,
  resumeClock,
  settleClock,
  startGoalClock,
} from './sla';
import { parseTicketId } from './ticketId';
import {
  CATEGORIES,
  DomainError,
  type AttachmentRef,
  GRADES,
  type Contact,
  type Grade,
  type HistoryEntry,
  type MessageFiles,
  type Organisation,
  type SlaClock,
  type SlaEventKind,
  type Ticket,
  type TicketMessage,
  type TicketStatus,
} from './types';

/**
 * The ticket state machine. Every operation is pure: it takes the ticket and `now` and returns a
 * NEW ticket with its history entries appended, or throws a DomainError naming the broken rule.
 */

/** What a request for a new ticket carries: the ticket's own fields that a requester fills in. */
export type NewTicketInput = Pick<
  Ticket,
  | 'orgId'
  | 'adminId'
  | 'category'
  | 'grade'
  | 'title'
  | 'description'
  | 'affected'
  | 'contact'
  | 'conversation'
  | 'mailThread'
  | 'attachments'
  | 'refusedFiles'
>;

export const LIMITS = { title: 200, description: 20_000, affected: 2_000, message: 20_000 } as const;

/** Where each status may go; reopening takes a resolved or closed ticket back to in_progress. */
export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['in_progress'],
  in_progress: ['waiting_on_customer', 'resolved'],
  waiting_on_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

/** The statuses of open tickets: someone still owes the customer work (not resolved, not closed). */
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'in_progress', 'waiting_on_customer'];

export function isOpen(ticket: Ticket): boolean {
  return OPEN_STATUSES.includes(ticket.status);
}

/**
 * The first-response clock runs while the ticket is open, not waiting on the customer (which
 * pauses it) and not yet answered. Resolving a ticket nobody answered stops it for good: a
 * reopened ticket keeps that outcome.
 */
export function isClockRunning(ticket: Ticket): boolean {
  const { sla } = ticket;
  const resolvedUnanswered = sla.outcome?.result === 'resolved_without_response';
  return isOpen(ticket) && ticket.status !== 'waiting_on_customer' && !sla.firstResponseAt && !resolvedUnanswered && sla.dueAt !== null;
}

/**
 * Whether the SLA event `kind` is still owed to the ticket: its clock runs, its result is not
 * yet recorded (a breach is one) and, for the 75% warning, the warning has not fired. The timers schedule exactly
 * these events (dueEventsOf) and apply one only while it is still owed (markSlaWarning/Breach).
 */
export function isSlaEventOwed(ticket: Ticket, kind: SlaEventKind): boolean {
  const { sla } = ticket;
  if (!isClockRunning(ticket) || isDecided(sla)) return false;
  return kind === 'breach' || (!sla.warned && sla.warningAt !== null);
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Opens a ticket for a verified administrator under a policy version; its goals' clocks start now. */
export function openTicket(
  input: NewTicketInput,
  org: Organisation,
  id: string,
  now: Date,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): Ticket {
  if (input.orgId !== org.id) invalid(`orgId "${input.orgId}" does not match the organisation ${org.id}`);
  if (!isAdministrator(org, input.adminId)) {
    throw new DomainError(
      'not_administrator',
      `${input.adminId} is not an administrator of ${org.name}: only administrators may open support requests; others should contact their administrator`,
    );
  }
  if (!parseTicketId(id)) invalid(`id "${id}" is not a ticket id like SR-2026-000123`);
  if (!CATEGORIES.includes(input.category)) invalid(`category must be one of ${CATEGORIES.join(', ')}, got "${input.category}"`);
  if (!GRADES.includes(input.grade)) invalid(`grade must be one of ${GRADES.join(', ')}, got "${input.grade}"`);
  checkGradeAllowed(org, input.category, input.grade);
  const title = requiredText('title', input.title, LIMITS.title);
  const description = requiredText('description', input.description, LIMITS.description);
  const affected = optionalText('affected', input.affected, LIMITS.affected);
  const contact = validContact(input.contact);

  const at = now.toISOString();
  const terms = goalTerms(org, input.category, input.grade, policy);
  const sla = startGoalClock(terms, 'first_response', now)!;
  const ticket: Ticket = {
    id,
    orgId: org.id,
    adminId: input.adminId,
    category: input.category,
    grade: input.grade,
    title,
    description,
    affected,
    contact,
    status: 'new',
    assignee: null,
    createdAt: at,
    updatedAt: at,
    sla,
    terms: ticketTerms(policy, terms),
    messages: [],
    history: [
      {
        at,
        actor: `admin:${input.adminId}`,
        kind: 'created',
        to: 'new',
        reason: `grade ${input.grade} ${input.category}: first response within ${describeTarget(sla)} on the ${sla.calendar} calendar (${sla.timeZone})`,
        deadlineBefore: null,
        deadlineAfter: sla.dueAt,
      },
    ],
  };
  if (input.conversation) ticket.conversation = input.conversation;
  if (input.mailThread) ticket.mailThread = input.mailThread;
  if (input.attachments?.length) ticket.attachments = input.attachments;
  if (input.refusedFiles?.length) ticket.refusedFiles = input.refusedFiles;
  return openGoals(ticket, terms, now);
}

/**
 * Moves the ticket along the state machine. Waiting on the customer needs the question we wait
 * on (askCustomer); resolving a ticket nobody answered records that as the goal's outcome.
 */
export function changeStatus(ticket: Ticket, to: TicketStatus, actor: string, now: Date, reason?: string): Ticket {
  if (to === 'waiting_on_customer') {
    throw new DomainError(
      'question_required',
      `${ticket.id} can wait on the customer only with the question sent to them: ask the customer instead`,
    );
  }
  return moveTo(ticket, to, actor, now, reason);
}

/**
 * Sends the customer a question and waits for the answer: the clock pauses on that question.
 * The question is an agent reply like any other (the first one is the first response).
 */
export function askCustomer(
  ticket: Ticket,
  agentId: string,
  question: string,
  now: Date,
  reason?: string,
  rules: LoweringRules = DEFAULT_LOWERING_RULES,
): Ticket {
  if (!question?.trim())
    throw new DomainError('question_required', `${ticket.id}: waiting on the customer needs the question sent to them`);
  // A new ticket gets there too: the question is its first reply, which takes it to in_progress.
  if (ticket.status !== 'new' && !canTransition(ticket.status, 'waiting_on_customer')) {
    throw new DomainError(
      'illegal_transition',
      `a ${ticket.status} ticket cannot become waiting_on_customer (it waits on the customer from new or in_progress)`,
    );
  }
  const asked = addAgentReply(ticket, agentId, question, now);
  const waiting = moveTo(
    asked,
    'waiting_on_customer',
    `agent:${agentId}`,
    now,
    reason?.trim() || 'asked the customer',
    asked.messages[asked.messages.length - 1]!.text,
  );
  return planAutoLowering(waiting, rules);
}

function moveTo(ticket: Ticket, to: TicketStatus, actor: string, now: Date, reason?: string, question?: string): Ticket {
  if (!canTransition(ticket.status, to)) {
    const allowed = TRANSITIONS[ticket.status];
    throw new DomainError('illegal_transition', `a ${ticket.status} ticket cannot become ${to} (allowed: ${allowed.join(', ')})`);
  }
  const at = now.toISOString();
  const reopening = ticket.status === 'resolved' || ticket.status === 'closed';
  const entry: HistoryEntry = { at, actor, kind: 'status', from: ticket.status, to };
  const why = reason?.trim() || (reopening ? 'reopened' : undefined);
  if (why) entry.reason = why;
  const settled = settle(ticket, now);
  let next: Ticket = { ...settled, status: to, updatedAt: at, history: [...settled.history, entry] };
  if (to === 'waiting_on_customer') {
    const asked = question && question.length > QUESTION_NOTE ? `${question.slice(0, QUESTION_NOTE - 1)}…` : question;
    next = withClock(next, pauseClock(settled.sla, now, asked), actor, at, 'paused: waiting on the customer');
    next = pauseGoals(next, now, true);
  } else if (settled.status === 'waiting_on_customer') {
    next = withClock(next, resumeClock(settled.sla, now), actor, at, `resumed: ${to.replace(/_/g, ' ')}`);
    next = pauseGoals(next, now, false);
    next = planAutoLowering(next, NO_AUTO_LOWERING); // no longer waiting: nothing to lower
  }
  if (to === 'resolved' && !isDecided(next.sla)) {
    next = { ...next, sla: resolveClock(next.sla, next.grade, now) };
    entry.reason = `${why ? `${why}; ` : ''}resolved without a response: recorded as the first-response outcome`;
  }
  return to === 'resolved' ? goalsResolved(next, now) : next;
}

/** Rules under which no automatic lowering is planned (planAutoLowering then drops a plan). */
const NO_AUTO_LOWERING: LoweringRules = { ...DEFAULT_LOWERING_RULES, autoNoticeHours: undefined };

/** How much of the question the pause keeps (the whole text is the agent's message). */
const QUESTION_NOTE = 200;

/**
 * Records deadlines that passed unanswered (of every goal) before the ticket changes further.
 * Their sla_breach entries tell the service to escalate them, as the timer would have.
 */
function settle(ticket: Ticket, now: Date): Ticket {
  const { ticket: goalsSettled, missed } = settleGoals(ticket, now);
  const sla = settleClock(ticket.sla, ticket.grade, now);
  if (sla === ticket.sla && missed.length === 0) return ticket;
  const entries: HistoryEntry[] = [...missed];
  if (sla !== ticket.sla)
    entries.unshift({ at: now.toISOString(), actor: 'sla', kind: 'sla_breach', reason: `no first response by ${ticket.sla.dueAt}` });
  return { ...goalsSettled, sla, history: [...ticket.history, ...entries] };
}

/** Assigns the ticket to an agent, or unassigns it with null. Assigning the current assignee changes nothing. */
export function assign(ticket: Ticket, agentId: string | null, actor: string, now: Date): Ticket {
  if (ticket.status === 'closed') throw new DomainError('ticket_closed', `${ticket.id} is closed: reopen it before assigning`);
  if (agentId !== null && !agentId.trim()) throw new DomainError('invalid_agent', 'an agent id must not be empty');
  if (agentId === ticket.assignee) return ticket;
  const at = now.toISOString();
  const entry: HistoryEntry = { at, actor, kind: agentId === null ? 'unassigned' : 'assigned', from: ticket.assignee, to: agentId };
  return { ...ticket, assignee: agentId, updatedAt: at, history: [...ticket.history, entry] };
}

/**
 * An agent's reply to the customer, queued for delivery (domain/delivery.ts). It takes a new
 * ticket to in_progress; the first-response clock stops only when a reply reaches the customer
 * (recordResponseDelivered).
 */
export function addAgentReply(ticket: Ticket, agentId: string, text: string, now: Date, files?: MessageFiles): Ticket {
  if (ticket.status === 'closed') throw new DomainError('ticket_closed', `${ticket.id} is closed: reopen it before replying`);
  const body = messageText(text, files);
  ticket = settle(ticket, now);
  const at = now.toISOString();
  const actor = `agent:${agentId}`;
  const history: HistoryEntry[] = [{ at, actor, kind: 'reply' }];
  ticket = agentAnswered(ticket, agentId, now);
  let status = ticket.status;
  if (status === 'new') {
    status = 'in_progress';
    history.push({ at, actor, kind: 'status', from: 'new', to: 'in_progress', reason: 'first reply' });
  }
  return {
    ...ticket,
    status,
    updatedAt: at,
    messages: [...ticket.messages, withFiles({ at, from: 'agent', author: agentId, text: body }, files)],
    history: [...ticket.history, ...history],
  };
}

/**
 * A reply reached the customer at `now`: the first one is the first response, which stops the
 * clock and records whether it met the SLA (docs/sla.md, "First response"). Later ones change nothing.
 */
export function recordResponseDelivered(ticket: Ticket, channel: string, now: Date): Ticket {
  if (ticket.sla.firstResponseAt) return ticket;
  ticket = settle(ticket, now);
  const sla = recordFirstResponse(ticket.sla, ticket.grade, now);
  const entry: HistoryEntry = {
    at: now.toISOString(),
    actor: 'system',
    kind: 'delivery',
    reason: `first response delivered ${channel} after ${formatDuration(sla.responseWorkingMs ?? 0)} of working time: SLA ${sla.met ? 'met' : 'missed'}`,
  };
  return { ...ticket, sla, history: [...ticket.history, entry] };
}

/**
 * A message from the customer; one waiting on the customer takes the ticket back to in_progress.
 * The author is the administrator who opened the ticket or, given the ticket's organisation,
 * another of its administrators (a colleague adding to the same request).
 */
export function addCustomerMessage(
  ticket: Ticket,
  author: string,
  text: string,
  now: Date,
  org?: Organisation,
  files?: MessageFiles,
): Ticket {
  if (ticket.status === 'closed') throw new DomainError('ticket_closed', `${ticket.id} is closed: open a new request instead`);
  const colleague = org?.id === ticket.orgId && isAdministrator(org, author);
  // Nobody writes in the name of someone outside the ticket's organisation.
  if (author !== ticket.adminId && !colleague)
    throw new DomainError(
      'author_not_administrator',
      `${ticket.id} belongs to organisation ${ticket.orgId}: ${author} is not one of its administrators`,
    );
  const body = messageText(text, files);
  const at = now.toISOString();
  const actor = `admin:${author}`;
  const settled = settle(ticket, now);
  const withMessage: Ticket = {
    ...settled,
    updatedAt: at,
    messages: [...settled.messages, withFiles({ at, from: 'customer', author, text: body }, files)],
    history: [...settled.history, { at, actor, kind: 'customer_message' }],
  };
  const open =
    ticket.status === 'waiting_on_customer' ? changeStatus(withMessage, 'in_progress', actor, now, 'the customer answered') : withMessage;
  return isOpen(open) ? customerWrote(open, now) : open;
}

/** A grade change: a raise may say why in free text; a lowering gives a reason from the list and what backs it. */
export type GradeChange = LoweringRequest;

/**
 * Changes the grade: the deadline is recomputed from creation with the new grade, paused time
 * excluded. Lowering needs a reason from LOWERING_REASONS whose condition holds (lowering.ts);
 * raising must pass eligibility.
 */
export function changeGrade(
  ticket: Ticket,
  org: Organisation,
  grade: Grade,
  actor: string,
  change: GradeChange | string | undefined,
  now: Date,
  rules: LoweringRules = DEFAULT_LOWERING_RULES,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): Ticket {
  if (!isOpen(ticket)) throw new DomainError('ticket_not_open', `${ticket.id} is ${ticket.status}: reopen it before changing its grade`);
  if (!GRADES.includes(grade)) throw new DomainError('invalid_grade', `grade must be one of ${GRADES.join(', ')}, got "${grade}"`);
  const refusal = canChangeGrade(org, ticket.category, ticket.grade, grade);
  if (refusal) throw refusal;
  const request: GradeChange = typeof change === 'string' ? { reason: change } : (change ?? {});
  const lowering = isLowering(ticket.grade, grade) ? checkLowering(ticket, org, request, rules, now) : undefined;
  const at = now.toISOString();
  const why = lowering ? describeLowering(lowering) : request.reason?.trim() || 'raised';
  const settled = settle(ticket, now);
  const entry: HistoryEntry = { at, actor, kind: 'grade', from: ticket.grade, to: grade, reason: why };
  if (lowering) entry.lowering = lowering;
  const next: Ticket = { ...settled, grade, updatedAt: at, history: [...settled.history, entry] };
  const summary = `grade ${ticket.grade} -> ${grade}: ${why}`;
  const regraded = withClock(
    regradeGoals(next, org, ticket.category, grade, policy, now, { actor, change: summary }),
    regradeClock(settled.sla, org, ticket.category, grade, now, { actor, change: summary }, policy),
    actor,
    at,
    summary,
  );
  // One automatic step per question: after any grade change the next lowering waits for the next question.
  return planAutoLowering(regraded, NO_AUTO_LOWERING);
}

/** Records the 75% warning; null when the event is stale (other version, answered, paused, not open, already fired). */
export function markSlaWarning(ticket: Ticket, version: number, now: Date): Ticket | null {
  if (ticket.sla.version !== version || !isSlaEventOwed(ticket, 'warning')) return null;
  const at = now.toISOString();
  return {
    ...ticket,
    sla: { ...ticket.sla, warned: true },
    updatedAt: at,
    history: [
      ...ticket.history,
      { at, actor: 'sla', kind: 'sla_warning', reason: `75% of the first-response time used; due ${ticket.sla.dueAt}` },
    ],
  };
}

/** Records the breach of the first-response deadline; null when the event is stale. */
export function markSlaBreach(ticket: Ticket, version: number, now: Date): Ticket | null {
  if (ticket.sla.version !== version || !isSlaEventOwed(ticket, 'breach')) return null;
  const at = now.toISOString();
  return {
    ...ticket,
    sla: markBreached(ticket.sla, ticket.grade),
    updatedAt: at,
    history: [...ticket.history, { at, actor: 'sla', kind: 'sla_breach', reason: `no first response by ${ticket.sla.dueAt}` }],
  };
}

/** Puts a new clock on the ticket, recording a deadline entry when the deadline moved. */
function withClock(ticket: Ticket, sla: SlaClock, actor: string, at: string, reason: string): Ticket {
  if (sla.version === ticket.sla.version) return { ...ticket, sla };
  const entry: HistoryEntry = { at, actor, kind: 'deadline', deadlineBefore: ticket.sla.dueAt, deadlineAfter: sla.dueAt, reason };
  return { ...ticket, sla, history: [...ticket.history, entry] };
}

function describeTarget(sla: SlaClock): string {
  return `${formatDuration(sla.targetMs)} of ${sla.calendar === 'always' ? 'real' : 'working'} time`;
}

function invalid(message: string): never {
  throw new DomainError('invalid_ticket', message);
}

function requiredText(field: string, value: unknown, max: number, code: 'invalid_ticket' | 'invalid_message' = 'invalid_ticket'): string {
  if (typeof value !== 'string' || !value.trim()) throw new DomainError(code, `${field} is required`);
  if (value.length > max) throw new DomainError(code, `${field} is longer than ${max} characters`);
  return value.trim();
}

/** A message's text: required, unless the message brings files (a screenshot alone is a message). */
function messageText(text: string, files: MessageFiles | undefined): string {
  if (files?.attachments.length && (text === undefined || text === null || (typeof text === 'string' && !text.trim()))) return '';
  return requiredText('text', text, LIMITS.message, 'invalid_message');
}

function withFiles(message: TicketMessage, files: MessageFiles | undefined): TicketMessage {
  if (files?.attachments.length) message.attachments = files.attachments;
  if (files?.refused.length) message.refusedFiles = files.refused;
  return message;
}

function optionalText(field: string, value: unknown, max: number): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') invalid(`${field} must be text`);
  if (value.length > max) invalid(`${field} is longer than ${max} characters`);
  return value.trim();
}

function validContact(contact: Contact | undefined): Contact {
  if (!contact || typeof contact !== 'object') invalid('contact is required (e-mail or phone, and the preferred method)');
  const { email, phone, preferred } = contact;
  if (preferred !== 'email' && preferred !== 'phone') invalid(`contact.preferred must be email or phone, got "${String(preferred)}"`);
  if (email !== undefined && !isEmailAddress(email)) invalid(`contact.email "${email}" is not an e-mail address`);
  if (phone !== undefined && !isPhoneNumber(phone)) invalid(`contact.phone "${phone}" is not a phone number`);
  if (preferred === 'email' && !email) invalid('contact.email is required when the preferred method is email');
  if (preferred === 'phone' && !phone) invalid('contact.phone is required when the preferred method is phone');
  const result: Contact = { preferred };
  if (email) result.email = email;
  if (phone) result.phone = phone;
  return result;
}

/** The file `attachmentId` when the ticket holds it (with its request or one of its messages), else null. */
export function attachmentOf(ticket: Ticket, attachmentId: string): AttachmentRef | null {
  const all = [...(ticket.attachments ?? []), ...ticket.messages.flatMap((m) => m.attachments ?? [])];
  return all.find((a) => a.id === attachmentId) ?? null;
}
