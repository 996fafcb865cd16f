/**
 * The ticketing domain's data. Plain, JSON-serialisable records: the store keeps them as they
 * are, and every rule that changes them is a pure function in this folder that takes `now`.
 * Instants are ISO 8601 strings in UTC (`2026-03-10T09:00:00.000Z`).
 */

// Each vocabulary is listed once; its type is read from the list, and the REST API's schemas
// are built from the same lists.
export const CATEGORIES = ['technical', 'billing', 'presales'] as const;
export const GRADES = ['A', 'B', 'C'] as const;
export const CONTRACTS = ['standard', 'premier'] as const;
export const CONTACT_METHODS = ['email', 'phone'] as const;
export const TICKET_STATUSES = ['new', 'in_progress', 'waiting_on_customer', 'resolved', 'closed'] as const;

export type Category = (typeof CATEGORIES)[number];
export type Grade = (typeof GRADES)[number];
export type Contract = (typeof CONTRACTS)[number];
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** The SLA events of a first-response deadline: the 75% warning and the breach. */
export type SlaEventKind = 'warning' | 'breach';
/** The timers of an automatic lowering: the notice to the customer, then the lowering. */
export type LoweringEventKind = 'lowering_notice' | 'lowering';
/** The SLA events of the next-response and resolution goals (docs/sla.md, "Goals"). */
export const GOAL_EVENT_KINDS = ['next_response_warning', 'next_response_breach', 'resolution_warning', 'resolution_breach'] as const;
export type GoalEventKind = (typeof GOAL_EVENT_KINDS)[number];
/** Every event the SLA timers fire. */
export type TimerEventKind = SlaEventKind | LoweringEventKind | GoalEventKind;

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // luxon's weekday: 1 = Monday

export interface WorkingRange {
  start: string; // 'HH:mm'
  end: string; // 'HH:mm' or '24:00', after start
}

/** Ids of organisations, administrators and principals become parts of Redis key names: a safe alphabet, no ':' or spaces. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A chat identity already trusted for an administrator (Teams: AAD object id in the org's tenant). */
export interface ChatIdentity {
  channel: string; // 'msteams', 'directline', 'webchat', ...
  id: string; // Teams: aadObjectId
  tenantId?: string;
}

export interface Administrator {
  id: string;
  name: string;
  email?: string;
  phone?: string;
  chatIdentities: ChatIdentity[];
}

export interface Organisation {
  id: string;
  name: string;
  tenantId?: string;
  timeZone: string; // IANA, e.g. 'Europe/Warsaw'
  contract: Contract;
  administrators: Administrator[];
  holidays?: string[]; // 'YYYY-MM-DD' in the organisation's time zone
  language?: 'pl' | 'en'; // of mail to its administrators; Polish when not set
}

export interface Contact {
  email?: string;
  phone?: string;
  preferred: ContactMethod;
}

/** Why a grade may be lowered (seed 002): never a free-text excuse. */
export const LOWERING_REASONS = ['customer_not_responding', 'agreed_with_customer', 'wrong_initial_grade'] as const;
export type LoweringReason = (typeof LOWERING_REASONS)[number];

/** A lowering as recorded in the ticket's history: its reason and what backs it. */
export interface Lowering {
  reason: LoweringReason;
  /** agreed_with_customer: the administrator who agreed. */
  agreedBy?: string;
  /** wrong_initial_grade: what shows the grade was wrong. */
  evidence?: string;
  /** customer_not_responding: working time the ticket had waited on the customer. */
  waitedMs?: number;
}

/**
 * A planned automatic lowering (customer not responding): the notice goes to the customer at
 * noticeAt; the grade drops to `to` at lowerAt, set when the notice went out, unless they answer.
 */
export interface AutoLowering {
  to: Grade;
  /** Which wait on the customer it belongs to (timer version: pauses and grade at planning). */
  version: number;
  noticeAt: string;
  lowerAt?: string;
}

/** A stretch of time during which the first-response clock did not run. */
export interface Pause {
  from: string;
  to?: string; // open while the ticket waits on the customer
  /** The question sent to the customer that the desk waits on (shortened). */
  question?: string;
}

/**
 * How a goal ended. `resolved_without_response`: the ticket was resolved before any reply, an
 * outcome of its own so that reports count it instead of losing it.
 */
export type SlaResult = 'met' | 'missed' | 'resolved_without_response';

/** A goal's result: a fact, recorded once; nothing done to the ticket later changes it. */
export interface SlaOutcome {
  result: SlaResult;
  /** When it became a fact: the response, the deadline passing, or the resolution. */
  at: string;
  /** The deadline and the grade the goal was judged by. */
  dueAt: string | null;
  grade: Grade;
  /** The agent whose reply decided it (next response), for per-agent figures. */
  by?: string;
}

/** What a change made after the result would have made of it; kept beside the result, never over it. */
export interface SlaAlternative {
  at: string;
  actor: string;
  change: string;
  grade: Grade;
  dueAt: string | null;
  result: 'met' | 'missed' | 'not_yet_due';
}

/** The first-response SLA clock of a ticket. */
export interface SlaClock {
  calendar: string; // 'always' | 'extended' | 'office'
  timeZone: string;
  holidays?: string[]; // the calendar's holidays ('YYYY-MM-DD'), so the clock can be recomputed alone
  /** The calendar's working ranges per weekday (1 = Monday) as the policy gave them; absent on clocks stored before policies. */
  week?: Record<Weekday, WorkingRange[]>;
  realTime?: boolean;
  /** Share of the target after which the warning fires, when the policy sets another than 0.75. */
  warningShare?: number;
  targetMs: number; // working time allowed for the first response
  startedAt: string; // the ticket's creation
  pauses: Pause[];
  dueAt: string | null; // null while paused (the deadline is not defined until the clock runs)
  warningAt: string | null; // 75% of the target elapsed
  /** Bumped on every change of dueAt/warningAt: a timer event of an older version is stale. */
  version: number;
  warned: boolean;
  breached: boolean;
  breachedAt?: string;
  firstResponseAt?: string;
  responseWorkingMs?: number; // working time (paused time excluded) until the first response
  met?: boolean; // whether the first response came by the deadline (outcome.result === 'met')
  /** Set once the goal is met, missed or resolved without a response; from then on the clock is frozen. */
  outcome?: SlaOutcome;
  /** Later regrades that would have judged the recorded outcome otherwise. */
  alternatives?: SlaAlternative[];
  /** When dueAt/warningAt were last set: a timer event is late only after both its due time and this. */
  armedAt?: string;
}

/** The goals measured besides the first response: a ticket's policy terms fixed when it was opened (or regraded). */
export interface TicketSlaTerms {
  /** The policy version the ticket was opened under; it keeps it for good. */
  policyVersion: number;
  /** Working-time targets (ms) of the next-response and resolution goals under the current grade; absent = not measured. */
  nextResponseMs?: number;
  resolutionMs?: number;
  /** Warning shares other than 0.75. */
  nextResponseWarningShare?: number;
  resolutionWarningShare?: number;
}

/** The next-response goal: a clock per customer message awaiting the desk's answer, and the results of earlier ones (facts). */
export interface NextResponseGoal {
  clock?: SlaClock;
  outcomes: SlaOutcome[];
}

export type HistoryKind =
  | 'created'
  | 'status'
  | 'assigned'
  | 'unassigned'
  | 'grade'
  | 'deadline'
  | 'reply'
  | 'customer_message'
  | 'sla_warning'
  | 'sla_breach'
  | 'lowering_notice'
  | 'satisfaction'
  | 'delivery'
  | 'note';

export interface HistoryEntry {
  at: string;
  actor: string; // 'system', 'agent:<id>', 'admin:<id>', 'sla'
  kind: HistoryKind;
  from?: string | null;
  to?: string | null;
  reason?: string;
  /** For a lowered grade: its reason from the defined list and what backs it. */
  lowering?: Lowering;
  /** For SLA warnings and breaches: the goal (first_response when absent). */
  goal?: 'next_response' | 'resolution';
  /** For deadline changes: the first-response deadline before and after, and why. */
  deadlineBefore?: string | null;
  deadlineAfter?: string | null;
}

/** A file kept with a ticket: its content is in the attachment store under `id`. */
export interface AttachmentRef {
  id: string;
  /** The file's name as sent, cleaned for a download (its extension fits the content). */
  name: string;
  /** The type its content was found to be (never the one the sender declared). */
  type: string;
  size: number;
}

/** A file that came with a message and was not kept, and why (the rest of the message was). */
export interface RefusedFile {
  name: string;
  reason: string;
}

/** The files a message came with: those kept and those refused. */
export interface MessageFiles {
  attachments: AttachmentRef[];
  refused: RefusedFile[];
}

/** Where an outbound message goes: the customer's chat, or their e-mail (a mail ticket, or the chat's fallback). */
export type DeliveryChannel = 'chat' | 'email';
export const DELIVERY_STATES = ['queued', 'sent', 'delivered', 'failed'] as const;
/** queued (an attempt is due) -> sent (handed to the channel) -> delivered, or failed (every channel gave up). */
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** How far an outbound message got (see domain/delivery.ts and docs/delivery.md). */
export interface Delivery {
  state: DeliveryState;
  channel: DeliveryChannel;
  /** Attempts made on this channel. */
  attempts: number;
  /** Bumped on every change: the delivery job of another version is stale. */
  version: number;
  /** When it entered this state. */
  at: string;
  /** queued: when the next attempt runs; sent: when an attempt that never answered is taken back. */
  dueAt?: string;
  /** Why the last attempt failed (a retry waits), or why it failed for good. */
  reason?: string;
  /** Why it left the chat for e-mail (kept through the e-mail attempts). */
  fallback?: string;
  /** The e-mail address it went to. */
  to?: string;
}

/** What an automatic notice tells the customer; the chat and the mail word it in their language. */
export interface Notice {
  kind: 'resolved' | 'closed' | 'reopened' | 'regraded' | 'sla_breach';
  /** resolved: the agent's resolution note. */
  note?: string;
  /** regraded: the new grade and first-response deadline (null when answered or paused). */
  grade?: Grade;
  dueAt?: string | null;
}

export interface TicketMessage {
  at: string;
  /** 'agent' is everything the desk sends the customer (an agent's reply, the desk's notices). */
  from: 'agent' | 'customer';
  /** An agent's id, the administrator's id, or 'desk' for automatic messages. */
  author: string;
  /** Empty only for a message that is nothing but files. */
  text: string;
  /** The Message-ID of the mail this message came in or went out as. */
  mailId?: string;
  attachments?: AttachmentRef[];
  refusedFiles?: RefusedFile[];
  /** Set on automatic notices (author 'desk'). */
  notice?: Notice;
  /** Outbound messages: how far the message got. */
  delivery?: Delivery;
}

/** A ticket's e-mail conversation: where replies go and the Message-IDs that thread them. */
export interface MailThread {
  address: string;
  /** Every Message-ID of the thread, oldest first (the References of the next mail). */
  messageIds: string[];
}

export interface Ticket {
  id: string; // 'SR-2026-000123'
  orgId: string;
  adminId: string;
  category: Category;
  grade: Grade;
  title: string;
  description: string;
  affected: string;
  contact: Contact;
  status: TicketStatus;
  assignee: string | null;
  createdAt: string;
  updatedAt: string;
  sla: SlaClock;
  messages: TicketMessage[];
  history: HistoryEntry[];
  /** While the ticket waits on a silent customer: when the desk warns them, and lowers the grade. */
  autoLowering?: AutoLowering;
  /** The policy terms (absent on tickets opened before policies: the repository's default, first response only). */
  terms?: TicketSlaTerms;
  nextResponse?: NextResponseGoal;
  /** The resolution goal's clock, from creation to the first resolve. */
  resolution?: SlaClock;
  /** The customer's rating after the resolve (1-5, once). */
  satisfaction?: { rating: number; comment?: string; at: string; grade: Grade };
  /** Where the customer's chat lives (a botbuilder ConversationReference), for proactive replies. */
  conversation?: Record<string, unknown>;
  /** Set when the ticket was opened by mail or answered from a mailbox. */
  mailThread?: MailThread;
  /** Files sent with the request that opened the ticket (a message's files are on the message). */
  attachments?: AttachmentRef[];
  refusedFiles?: RefusedFile[];
  /** Set when the stored chat is known to be dead: later messages go by e-mail at once. */
  chatUnreachable?: { at: string; reason: string };
}

/** Codes of requests that clash with the current state of what they change (HTTP 409). */
export type ConflictCode =
  | 'illegal_transition'
  | 'ticket_closed'
  | 'ticket_archived'
  | 'ticket_not_open'
  | 'clock_paused'
  | 'open_ticket_limit'
  | 'idempotency_key_reused'
  | 'concurrent_update'
  | 'tenant_taken'
  | 'name_taken'
  | 'ticket_not_resolved'
  | 'already_rated';

/** Every rule a request can break; `http/domainErrors.ts` maps each one to a status, so a new code must get one. */
export type DomainErrorCode =
  | ConflictCode
  | 'not_found'
  // malformed input
  | 'invalid_request'
  | 'invalid_idempotency_key'
  | 'invalid_agent'
  | 'invalid_limit'
  | 'invalid_category'
  | 'invalid_organisation'
  | 'invalid_grade'
  | 'invalid_ticket'
  | 'invalid_message'
  | 'invalid_ticket_id'
  | 'invalid_calendar'
  | 'invalid_time_zone'
  | 'invalid_duration'
  | 'invalid_date'
  | 'invalid_sla_policy'
  | 'invalid_rating'
  | 'list_too_deep'
  // well-formed requests a rule refuses
  | 'severity_not_allowed'
  | 'not_administrator'
  | 'author_not_administrator'
  | 'reason_required'
  | 'invalid_grade_change'
  | 'question_required'
  | 'lowering_refused'
  // the store is not ready for the request yet (retry later)
  | 'lists_preparing'
  | 'search_preparing'
  | 'skill_missing'
  // allowed to another role only
  | 'supervisor_required';

/** A rule broken by a request: the code names the rule, the message says it to a person. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
