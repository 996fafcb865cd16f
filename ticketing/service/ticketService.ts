import type { RedisClient } from '../../common/redisConnection';
import { createHash } from 'crypto';
import type { Logger } from '../../common/logger';
import { silentLogger } from '../../common/logger';
import {
  addAgentReply,
  addCustomerMessage,
  askCustomer,
  assign,
  changeGrade,
  changeStatus,
  markSlaBreach,
  markSlaWarning,
  openTicket,
  type GradeChange,
  type NewTicketInput,
} from '../domain/ticket';
import { DEFAULT_LOWERING_RULES, type LoweringRules } from '../domain/lowering';
import { applyAutoLowering, sendLoweringNotice } from '../domain/autoLowering';
import { markGoalEvent } from '../domain/goals';
import { rateTicket } from '../domain/satisfaction';
import type { SlaPolicy } from '../domain/slaPolicy';
import { backlogWindows, summariseSlaReport, type Backlog, type SlaReport } from '../domain/reportCells';
import { addCustomerMail, recordSentMail } from '../domain/mailThread';
import {
  beginAttempt,
  DEFAULT_DELIVERY_POLICY,
  endAttempt,
  queueNewMessages,
  retryDelivery,
  type AttemptOutcome,
  type DeliveryPolicy,
} from '../domain/delivery';
import { withNotices } from '../domain/notices';
import { checkAssignment, type Worker } from '../domain/skills';
import { DEFAULT_TIME_ZONE } from '../domain/policy';
import { formatTicketId } from '../domain/ticketId';
import {
  CATEGORIES,
  DomainError,
  type Category,
  type Grade,
  type HistoryEntry,
  type MessageFiles,
  type Organisation,
  type SlaEventKind,
  type TimerEventKind,
  type Ticket,
  type TicketMessage,
  type TicketStatus,
} from '../domain/types';
import type { EscalationNotifier } from '../notify/escalationNotifier';
import { claimNext } from '../queues/claimNext';
import type { SlaTicketService } from '../sla/ports';
import { ConflictError, NotFoundError } from '../store/errors';
import { TicketArchive } from '../store/ticketArchive';
import { cellsMatching } from '../store/listCells';
import { searchTickets, type SearchRequest, type SearchResult } from './ticketSearch';
import type { OrganisationStore } from '../store/organisationStore';
import { ListIndex, StoredTicket, TicketStore } from '../store/ticketStore';
import { SlaPolicies } from './slaPolicies';

export { ConflictError, NotFoundError } from '../store/errors';
export type { NewTicketInput } from '../domain/ticket';

/** Optional listeners, called after a change is stored; a listener that throws is logged, never undoes the change. */
export interface TicketEvents {
  onCreated?(t: Ticket): void;
  onChanged?(t: Ticket, change: HistoryEntry[]): void;
  onAgentReply?(t: Ticket, message: TicketMessage): void;
  onSlaEvent?(t: Ticket, kind: SlaEventKind): void;
  /** An outbound message's delivery attempt ended (delivered, retrying, fallen back or failed). */
  onDelivery?(t: Ticket, message: TicketMessage): void;
}

export interface TicketServiceDeps {
  redis: RedisClient;
  prefix: string;
  clock?: () => Date;
  organisations: OrganisationStore;
  events?: TicketEvents;
  /** When "customer not responding" may lower a grade. Default: after 1 business day waiting on the customer. */
  loweringRules?: LoweringRules;
  /** How long an Idempotency-Key gives its ticket again. Default: 7 days. */
  idempotencyDays?: number;
  /** Used for an organisation stored without a time zone. Default: Europe/Warsaw (domain/policy.ts). */
  defaultTimeZone?: string;
  /** The SLA policy versions. Default: those stored under the same prefix. */
  policies?: SlaPolicies;
  /**
   * Told about a deadline found missed by a change made before its timer fired (the timer then
   * finds it decided and stays silent). Timer-applied events are the SLA timers' to tell.
   */
  escalations?: EscalationNotifier;
  /** Retries and back-off of outbound messages. Default: domain/delivery.ts. */
  deliveryPolicy?: DeliveryPolicy;
  /** Where archived tickets are kept (TICKET_ARCHIVE_DIR). Default: ./.data/archive. */
  archiveDir?: string;
  /** Why the list cells are not complete yet (store/cellBackfill.ts), or undefined when they are. Default: complete. */
  cellsPending?: () => string | undefined;
  /** The same for the search index (store/searchBackfill.ts). */
  searchPending?: () => string | undefined;
  logger?: Logger;
}

export interface TicketFilter {
  orgId?: string;
  status?: TicketStatus;
  grade?: Grade;
  category?: Category;
  breached?: boolean;
  limit?: number; // default 50, at most 500
  offset?: number;
}

/** How often an update is tried when other writers keep changing the ticket in between. */
const UPDATE_ATTEMPTS = 20;
/** Writers that lost a race wait a random while, growing with each loss, so they stop colliding. */
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 2 ** attempt)));
const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 500;
/**
 * How deep (offset + limit) a list on several filters goes: each of its cells is read from the
 * top to that depth, so a bounded depth bounds the cost (one filter reads its own index at any depth).
 */
export const MAX_CELL_LIST_DEPTH = 1_000;
const DEFAULT_ARCHIVE_DIR = './.data/archive';
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * The one API over tickets, used by the REST routes, the SLA timers and the bot. Each change
 * reads the ticket and its revision, applies the pure domain rule with now = clock(), and writes
 * it back with the revision check in one Lua script (indexes, queue, agent set and SLA due entries
 * included), retrying when another writer got there first. DomainErrors propagate as they are:
 * `not_found` (NotFoundError) -> 404; ConflictError codes and `illegal_transition` -> 409;
 * `severity_not_allowed`-style eligibility refusals -> 422; invalid input codes -> 400.
 */
export class TicketService implements SlaTicketService {
  readonly store: TicketStore;
  readonly archive: TicketArchive;
  private readonly organisations: OrganisationStore;
  private readonly clock: () => Date;
  private readonly events: TicketEvents;
  private readonly defaultTimeZone: string;
  private readonly loweringRules: LoweringRules;
  private readonly deliveryPolicy: DeliveryPolicy;
  private readonly cellsPending: () => string | undefined;
  private readonly searchPending: () => string | undefined;
  private readonly logger: Logger;
  readonly policies: SlaPolicies;
  private readonly escalations?: EscalationNotifier;

  constructor(deps: TicketServiceDeps) {
    this.store = new TicketStore(deps.redis, deps.prefix, deps.idempotencyDays && Math.round(deps.idempotencyDays * 86_400));
    this.archive = new TicketArchive(deps.redis, deps.prefix, deps.archiveDir ?? DEFAULT_ARCHIVE_DIR);
    this.organisations = deps.organisations;
    this.clock = deps.clock ?? (() => new Date());
    this.events = deps.events ?? {};
    this.defaultTimeZone = deps.defaultTimeZone ?? DEFAULT_TIME_ZONE;
    this.loweringRules = deps.loweringRules ?? DEFAULT_LOWERING_RULES;
    this.deliveryPolicy = deps.deliveryPolicy ?? DEFAULT_DELIVERY_POLICY;
    this.cellsPending = deps.cellsPending ?? (() => undefined);
    this.searchPending = deps.searchPending ?? (() => undefined);
    this.logger = deps.logger ?? silentLogger;
    this.policies = deps.policies ?? new SlaPolicies(deps.redis, deps.prefix, this.clock);
    this.escalations = deps.escalations;
  }

  /**
   * Opens a ticket. With an Idempotency-Key the same key always gives the same ticket (created:
   * false on a repeat, also when the requests race); the same key with a different request is a
   * ConflictError `idempotency_key_reused`.
   */
  async create(
    input: NewTicketInput,
    idempotencyKey?: string,
    options: { receivedAt?: Date } = {},
  ): Promise<{ ticket: Ticket; created: boolean }> {
    let idempotency: { key: string; fingerprint: string } | undefined;
    if (idempotencyKey !== undefined) {
      if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
        throw new DomainError('invalid_idempotency_key', 'an Idempotency-Key is 1 to 200 visible ASCII characters without spaces');
      }
      idempotency = { key: idempotencyKey, fingerprint: fingerprint(input) };
      const prior = await this.store.findIdempotent(idempotencyKey);
      if (prior) return { ticket: await this.repeated(prior, idempotency), created: false };
    }
    const org = await this.organisation(input.orgId);
    // A request that waited (a mail read after an outage) is counted from when it arrived.
    const clockNow = this.clock();
    const now = options.receivedAt && options.receivedAt < clockNow ? options.receivedAt : clockNow;
    const year = now.getUTCFullYear();
    // Validate with a provisional id first, so a refused request does not use up a ticket number.
    const draft = openTicket(input, org, formatTicketId(year, 1), now, await this.policies.current());
    const ticket: Ticket = { ...draft, id: formatTicketId(year, await this.store.nextNumber(year)) };
    const result = await this.store.insert(ticket, idempotency);
    if (result.status === 'duplicate') return { ticket: await this.repeated(result, idempotency!), created: false };
    if (result.status === 'exists') throw new Error(`ticket number ${ticket.id} was handed out twice`);
    this.emit('onCreated', () => this.events.onCreated?.(ticket));
    return { ticket, created: true };
  }

  async get(id: string): Promise<Ticket | null> {
    return (await this.store.get(id))?.ticket ?? null;
  }

  /** A ticket in Redis or, failing that, in the archive (read-only there): one HGET and one archive file more. */
  async find(id: string): Promise<{ ticket: Ticket; archived: boolean } | null> {
    const live = await this.get(id);
    if (live) return { ticket: live, archived: false };
    const archived = await this.archive.find(id);
    return archived && { ticket: archived.ticket, archived: true };
  }

  /** Same as get(), under the name the SLA timers' port uses. */
  getTicket(id: string): Promise<Ticket | null> {
    return this.get(id);
  }

  /**
   * Tickets matching every given filter, newest first. One filter reads its own index; several
   * read the cells they cover (store/listCells.ts): a page costs the page, not the store.
   */
  async list(filter: TicketFilter = {}): Promise<Ticket[]> {
    const limit = Math.min(Math.max(1, filter.limit ?? DEFAULT_LIST_LIMIT), MAX_LIST_LIMIT);
    const offset = Math.max(0, filter.offset ?? 0);
    const index = singleIndexFor(filter);
    const pending = index ? undefined : this.cellsPending();
    if (pending)
      throw new DomainError('lists_preparing', `lists on several filters are not available yet: ${pending}; one filter works now`);
    if (!index && offset + limit > MAX_CELL_LIST_DEPTH)
      throw new DomainError(
        'list_too_deep',
        `a list on several filters goes ${MAX_CELL_LIST_DEPTH} tickets deep at most (offset + limit); narrow the filters, list by one filter, or find by words with GET /api/tickets/search`,
      );
    const ids = index
      ? await this.store.listIds(index, offset, limit)
      : await this.store.listCellIds(cellsMatching(filter), filter.orgId, offset, limit);
    return this.store.getMany(ids);
  }

  /** Tickets found by their words or number (service/ticketSearch.ts), once the search index is complete. */
  async search(request: SearchRequest): Promise<SearchResult> {
    const pending = this.searchPending();
    if (pending) throw new DomainError('search_preparing', `search is not available yet: ${pending}`);
    return searchTickets(this.store, request, this.cellsPending() === undefined);
  }

  /** The open unassigned tickets of a category, most urgent first, from `offset` on. */
  async queue(category: Category, limit = DEFAULT_LIST_LIMIT, offset = 0): Promise<Ticket[]> {
    checkCategories([category]);
    const count = Math.min(Math.max(1, limit), MAX_LIST_LIMIT);
    return this.store.getMany(await this.store.queueIds(category, Math.max(0, offset), count));
  }

  /**
   * Assigns the most urgent unassigned ticket of the agent's categories to the agent, or returns
   * null when there is none. With maxOpen, an agent who already has that many open tickets gets
   * a ConflictError `open_ticket_limit`. Two agents never get the same ticket.
   */
  async claimNext(agentId: string, categories: Category[], maxOpen?: number): Promise<Ticket | null> {
    if (!agentId.trim()) throw new DomainError('invalid_agent', 'an agent id must not be empty');
    checkCategories(categories);
    if (maxOpen !== undefined && !(Number.isInteger(maxOpen) && maxOpen >= 1)) {
      throw new DomainError('invalid_limit', `maxOpen must be a positive whole number, got ${maxOpen}`);
    }
    const claimed = await claimNext(this.store, {
      agentId,
      categories: [...new Set(categories)],
      maxOpen,
      assign: (ticket) => assign(ticket, agentId, `agent:${agentId}`, this.clock()),
    });
    if (claimed === 'limit') {
      throw new ConflictError(
        'open_ticket_limit',
        `agent ${agentId} already has ${maxOpen} open tickets: resolve one before claiming another`,
      );
    }
    if (claimed) this.changed(claimed.before, claimed.after);
    return claimed?.after ?? null;
  }

  /**
   * Assigns a ticket to an agent by hand, or unassigns it (back to its queue) with null. With
   * `rules` (who asks, who gets it), who may hand the ticket to whom is checked against the very
   * version the write replaces: a colleague's claim in between makes the write retry, and the
   * check then sees that claim.
   */
  assign(id: string, agentId: string | null, actor: string, rules?: { by: Worker; to: Worker | null }): Promise<Ticket> {
    return this.mutate(id, (t, now) => {
      if (rules) checkAssignment(rules.by, t, rules.to);
      return assign(t, agentId, actor, now);
    });
  }

  /** An agent's reply to the customer; the first one is the first response and stops the SLA clock. */
  async reply(id: string, agentId: string, text: string, files?: MessageFiles): Promise<Ticket> {
    const ticket = await this.mutate(id, (t, now) => addAgentReply(t, agentId, text, now, files));
    const message = ticket.messages[ticket.messages.length - 1]!;
    this.emit('onAgentReply', () => this.events.onAgentReply?.(ticket, message));
    return ticket;
  }

  /** Sends the customer a question and pauses the clock until they answer (the question is a reply). */
  async askCustomer(id: string, agentId: string, question: string, reason?: string): Promise<Ticket> {
    const ticket = await this.mutate(id, (t, now) => askCustomer(t, agentId, question, now, reason, this.loweringRules));
    const message = [...ticket.messages].reverse().find((m) => m.from === 'agent')!;
    this.emit('onAgentReply', () => this.events.onAgentReply?.(ticket, message));
    return ticket;
  }

  /** The author is the ticket's administrator or another administrator of its organisation. */
  customerMessage(id: string, author: string, text: string, files?: MessageFiles): Promise<Ticket> {
    return this.mutate(id, async (t, now) =>
      addCustomerMessage(t, author, text, now, author === t.adminId ? undefined : await this.organisation(t.orgId), files),
    );
  }

  /** A customer's mail added to the ticket's thread once, however often it is read (see domain/mailThread.ts). */
  addCustomerMail(id: string, author: string, text: string, mail: { id: string; address: string }, files?: MessageFiles): Promise<Ticket> {
    return this.mutate(id, (t, now) => addCustomerMail(t, author, text, mail.id, mail.address, now, files));
  }

  /** Records the Message-ID an agent's message was mailed with, so the customer's answer threads. */
  recordSentMail(id: string, messageAt: string, mail: { id: string; address: string }): Promise<Ticket> {
    return this.mutate(id, (t) => recordSentMail(t, messageAt, mail.id, mail.address), { quiet: true });
  }

  /** The customer's 1-5 rating of a resolved ticket, once (relayed by the bot from the chat). */
  rate(id: string, author: string, rating: number, comment?: string): Promise<Ticket> {
    return this.mutate(id, (t, now) => rateTicket(t, author, rating, comment, now));
  }

  changeStatus(id: string, to: TicketStatus, actor: string, reason?: string): Promise<Ticket> {
    return this.mutate(id, (t, now) => changeStatus(t, to, actor, now, reason));
  }

  /** A raise may say why (reason as text); a lowering names its reason from LOWERING_REASONS with what backs it. */
  async changeGrade(id: string, grade: Grade, actor: string, change?: GradeChange | string): Promise<Ticket> {
    return this.mutate(id, async (t, now) =>
      changeGrade(t, await this.organisation(t.orgId), grade, actor, change, now, this.loweringRules, await this.policyOf(t)),
    );
  }

  /** Applies a due SLA event; null when it is stale or repeated (nothing is changed then). */
  async applySlaEvent(id: string, kind: TimerEventKind, version: number): Promise<Ticket | null> {
    let applied = false;
    const ticket = await this.mutate(
      id,
      async (t, now) => {
        const next = await this.timerEvent(t, kind, version, now);
        applied = next !== null;
        return next ?? t;
      },
      { missing: 'null', timerEvent: kind },
    );
    if (!ticket || !applied) return null;
    if (kind === 'warning' || kind === 'breach') this.emit('onSlaEvent', () => this.events.onSlaEvent?.(ticket, kind));
    if (kind === 'lowering_notice') {
      const notice = ticket.messages[ticket.messages.length - 1]!;
      this.emit('onAgentReply', () => this.events.onAgentReply?.(ticket, notice));
    }
    return ticket;
  }

  private async timerEvent(t: Ticket, kind: TimerEventKind, version: number, now: Date): Promise<Ticket | null> {
    switch (kind) {
      case 'warning':
        return markSlaWarning(t, version, now);
      case 'breach':
        return markSlaBreach(t, version, now);
      case 'lowering_notice':
        return sendLoweringNotice(t, version, this.loweringRules, now);
      case 'lowering':
        return applyAutoLowering(t, await this.organisation(t.orgId), version, this.loweringRules, now, await this.policyOf(t));
      default:
        return markGoalEvent(t, kind, version, now);
    }
  }

  /** The policy version the ticket was opened under. */
  private policyOf(ticket: Ticket): Promise<SlaPolicy> {
    return this.policies.version(ticket.terms?.policyVersion ?? 1);
  }

  /** A month's SLA report ('YYYY-MM', UTC) of every goal, from the counters the store keeps with every save. */
  async slaReport(month: string, orgId?: string): Promise<SlaReport> {
    return summariseSlaReport(month, await this.store.reportCounters(month), orgId);
  }

  /** The open tickets by age and status now: a few ZCOUNTs on the status indexes, whatever the store holds. */
  async backlog(): Promise<Backlog> {
    const now = this.clock();
    const ages = await Promise.all(
      backlogWindows(now).map(async ({ fromMs, toMs, ...age }) => {
        const byStatus = await this.store.openCreatedBetween(fromMs, toMs);
        return { ...age, byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) };
      }),
    );
    return { at: now.toISOString(), ages };
  }

  /** Stores where the customer's chat lives, for proactive agent replies; a chat known dead is alive again. */
  setConversation(id: string, reference: Record<string, unknown>): Promise<Ticket> {
    return this.mutate(
      id,
      (t) => {
        const { chatUnreachable: _dead, ...rest } = t;
        return { ...rest, conversation: reference };
      },
      { quiet: true },
    );
  }

  /**
   * A delivery job of `version` hands message `index` to its channel: the ticket with the message
   * marked sent, or null when the job is stale (another instance took it, the message moved on).
   */
  beginDelivery(id: string, index: number, version: number): Promise<Ticket | null> {
    return this.applied(id, (t, now) => beginAttempt(t, index, version, now, this.deliveryPolicy));
  }

  /** Records how an attempt ended (see domain/delivery.ts); null when it was already recorded. */
  async endDelivery(id: string, index: number, version: number, outcome: AttemptOutcome): Promise<Ticket | null> {
    const ticket = await this.applied(id, (t, now) => endAttempt(t, index, version, outcome, now, this.deliveryPolicy));
    if (ticket) this.emit('onDelivery', () => this.events.onDelivery?.(ticket, ticket.messages[index]!));
    return ticket;
  }

  /** An agent sends a failed message again. */
  async retryDelivery(id: string, index: number, actor: string): Promise<Ticket> {
    return this.mutate(id, (t, now) => {
      const message = t.messages[index];
      if (!message?.delivery) throw new NotFoundError('outbound message', `${id} #${index + 1}`);
      const next = retryDelivery(t, index, actor, now);
      if (!next)
        throw new DomainError(
          'illegal_transition',
          `message ${index + 1} of ${id} is ${message.delivery.state}: only a failed message is sent again`,
        );
      return next;
    });
  }

  /** A change that may not apply (a stale job): the ticket after it, or null when it did not. */
  private async applied(id: string, change: (t: Ticket, now: Date) => Ticket | null): Promise<Ticket | null> {
    let applied = false;
    const ticket = await this.mutate(
      id,
      (t, now) => {
        const next = change(t, now);
        applied = next !== null;
        return next ?? t;
      },
      { missing: 'null' },
    );
    return applied ? ticket : null;
  }

  /** Every open ticket, in batches of ids (for reconciliation): each one present throughout is seen at least once. */
  async *openTicketIds(batchSize = 500): AsyncIterable<string[]> {
    yield* this.store.openTicketIds(batchSize);
  }

  /** Every open ticket (the SLA timers' reconciliation reads these). */
  async *openTickets(): AsyncIterable<Ticket> {
    for await (const ids of this.store.openTicketIds(500)) yield* await this.store.getMany(ids);
  }

  private async organisation(orgId: string): Promise<Organisation> {
    const org = await this.organisations.get(orgId);
    if (!org) throw new NotFoundError('organisation', orgId);
    return org.timeZone ? org : { ...org, timeZone: this.defaultTimeZone };
  }

  /** The ticket an earlier request with the same Idempotency-Key created. */
  private async repeated(prior: { ticketId: string; fingerprint: string }, request: { key: string; fingerprint: string }): Promise<Ticket> {
    if (prior.fingerprint !== request.fingerprint) {
      throw new ConflictError(
        'idempotency_key_reused',
        `Idempotency-Key "${request.key}" was already used for a different request (ticket ${prior.ticketId})`,
      );
    }
    // With a key kept longer than the retention period its ticket may be archived by now.
    const found = await this.find(prior.ticketId);
    if (!found) throw new NotFoundError('ticket', prior.ticketId);
    return found.ticket;
  }

  /**
   * Read, apply a pure change, write with the revision check; retried when someone else wrote
   * the ticket in between. A change that returns the ticket unchanged writes nothing.
   */
  private mutate(id: string, change: Change, options?: { quiet?: boolean }): Promise<Ticket>;
  private mutate(
    id: string,
    change: Change,
    options: { missing: 'null'; quiet?: boolean; timerEvent?: TimerEventKind },
  ): Promise<Ticket | null>;
  private async mutate(
    id: string,
    change: Change,
    options: { missing?: 'null'; quiet?: boolean; timerEvent?: TimerEventKind } = {},
  ): Promise<Ticket | null> {
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const before = await this.store.get(id);
      if (!before) {
        if (options.missing === 'null') return null;
        if (await this.archive.locate(id))
          throw new ConflictError('ticket_archived', `ticket ${id} is archived: it can be read, not changed`);
        throw new NotFoundError('ticket', id);
      }
      const now = this.clock();
      const changed = await change(before.ticket, now);
      if (changed === before.ticket) return changed;
      // Whatever the change says to the customer (a reply, a question, a notice) is queued for delivery.
      const after = queueNewMessages(before.ticket, withNotices(before.ticket, changed), now);
      const result = await this.store.update(before, after);
      if (result.status === 'ok') {
        if (!options.quiet) this.changed(before, after);
        this.escalateSettled(before.ticket, after, options.timerEvent);
        return after;
      }
    }
    throw new ConflictError('concurrent_update', `ticket ${id} kept changing under this update; try again`);
  }

  /**
   * Escalates the breaches a change recorded itself (a deadline that passed before its timer
   * fired): the write that recorded them happened once, so they are told once. The breach a
   * timer event applies is the SLA timers' to tell.
   */
  private escalateSettled(before: Ticket, after: Ticket, timerEvent?: TimerEventKind): void {
    if (!this.escalations) return;
    const ownBreach = timerEvent === 'breach' || timerEvent?.endsWith('_breach');
    for (const entry of after.history.slice(before.history.length)) {
      if (entry.kind !== 'sla_breach' || entry.actor !== 'sla' || ownBreach) continue;
      const event = { kind: 'breach' as const, goal: entry.goal ?? ('first_response' as const), ticket: after };
      this.escalations.notify(event).catch((err) => this.logger.error({ err, ticketId: after.id }, 'escalation notifier failed'));
    }
  }

  /** Tells the listeners (the open consoles) that something kept beside the ticket changed, such as an internal note. */
  touched(ticket: Ticket): void {
    this.emit('onChanged', () => this.events.onChanged?.(ticket, []));
  }

  private changed(before: StoredTicket, after: Ticket): void {
    const change = after.history.slice(before.ticket.history.length);
    this.emit('onChanged', () => this.events.onChanged?.(after, change));
  }

  private emit(listener: keyof TicketEvents, call: () => void): void {
    try {
      call();
    } catch (err) {
      this.logger.error({ err, listener }, 'a ticket event listener failed');
    }
  }
}

type Change = (ticket: Ticket, now: Date) => Ticket | Promise<Ticket>;

function checkCategories(categories: readonly string[]): void {
  if (categories.length === 0) throw new DomainError('invalid_category', 'name at least one category');
  for (const c of categories) {
    if (!CATEGORIES.includes(c as Category))
      throw new DomainError('invalid_category', `category must be one of ${CATEGORIES.join(', ')}, got "${c}"`);
  }
}

/** The one list index that answers a filter on at most one field, or null when the filter needs the cells. */
function singleIndexFor(filter: TicketFilter): ListIndex | null {
  const given = [filter.orgId, filter.status, filter.grade, filter.category, filter.breached].filter((f) => f !== undefined).length;
  if (given === 0) return { kind: 'all' };
  if (given > 1 || filter.breached === false) return null;
  if (filter.orgId !== undefined) return { kind: 'org', orgId: filter.orgId };
  if (filter.breached === true) return { kind: 'breached' };
  if (filter.status !== undefined) return { kind: 'status', status: filter.status };
  if (filter.category !== undefined) return { kind: 'category', category: filter.category };
  return { kind: 'grade', grade: filter.grade! };
}

/** A stable digest of a create request: the same fields in any order give the same fingerprint. */
function fingerprint(input: NewTicketInput): string {
  return createHash('sha256').update(canonicalJson(input)).digest('base64url').slice(0, 22);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
