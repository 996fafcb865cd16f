import { z } from 'zod';
import { HttpError } from '../../common/http';
import { LOCALES } from '../../common/locale';
import { explainDeadline, explainGoals } from '../domain/explain';
import { slaReportCsv } from '../domain/reportCsv';
import { CATEGORIES, type Category, DomainError, type MessageFiles, type Ticket, type TicketStatus } from '../domain/types';
import type { TicketService } from '../service/ticketService';
import { actorOf, workerOf } from './auth/accessGate';
import { claimableCategories, type Worker } from '../domain/skills';

import { endpoint, type Endpoint } from './endpoint';
import {
  assignSchema,
  claimSchema,
  createTicketSchema,
  customerMessageSchema,
  gradeChangeSchema,
  messageSchema,
  pageQuerySchema,
  reasonSchema,
  satisfactionSchema,
  slaReportQuerySchema,
  statusChangeSchema,
  ticketListQuerySchema,
} from './schemas';
import type { Principal, Role } from './tokens';

const READERS: readonly Role[] = ['agent', 'system', 'operator'];
const AGENTS: readonly Role[] = ['agent'];
const SYSTEM: readonly Role[] = ['system'];

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: true,
  description:
    'Any 1-200 visible ASCII characters chosen by the caller; repeating a request with the same key returns the ticket it created (200) instead of opening another.',
};
const localeQuerySchema = z.object({ locale: z.enum(LOCALES).default('en') }).strict();

/** Tickets and queues: the bot opens tickets, agents work them, everyone with a token reads them. */
export function ticketEndpoints(
  service: TicketService,
  clock: () => Date,
  refuseConversation: (reference: Record<string, unknown>) => string | null,
  replyFiles: (ticketId: string, attachmentIds: string[]) => Promise<MessageFiles>,
  person: (id: string) => Promise<Principal | undefined>,
): Endpoint[] {
  /** Someone a ticket may be handed to: an agent or supervisor who has signed in or holds a token. */
  const workerNamed = async (id: string): Promise<Worker> => {
    const found = await person(id);
    if (!found || (found.role !== 'agent' && found.role !== 'supervisor'))
      throw new DomainError(
        'invalid_agent',
        `${id} is not an agent of this desk (nobody by that id has signed in or holds an agent token)`,
      );
    return workerOf(found);
  };
  /** The ticket, live or archived (then marked `archived`: read-only, changes answer 409 ticket_archived). */
  const existing = async (id: string): Promise<Ticket & { archived?: true }> => {
    const found = await service.find(id);
    if (!found) throw new HttpError(404, 'not_found', `ticket ${id} does not exist`);
    return found.archived ? { ...found.ticket, archived: true } : found.ticket;
  };
  /** A status change under its own name (resolve, close, reopen). */
  const move = (verb: string, to: TicketStatus, summary: string, from?: readonly TicketStatus[]) =>
    endpoint({
      method: 'POST',
      path: `/api/tickets/:id/${verb}`,
      summary,
      roles: AGENTS,
      body: reasonSchema,
      bodyOptional: true,
      responds: [{ status: 200, schema: 'Ticket', description: 'the ticket after the change' }],
      errors: [404, 409],
      async handle({ params, body, principal }) {
        if (from) {
          const ticket = await existing(params.id);
          if (!from.includes(ticket.status)) {
            throw new HttpError(
              409,
              'illegal_transition',
              `only a ${from.join(' or ')} ticket can be reopened; ${ticket.id} is ${ticket.status}`,
            );
          }
        }
        return { body: await service.changeStatus(params.id, to, actorOf(principal), body.reason) };
      },
    });

  return [
    endpoint({
      method: 'POST',
      path: '/api/tickets',
      summary: 'Open a ticket for a verified administrator (the bot)',
      roles: SYSTEM,
      body: createTicketSchema,
      headers: [IDEMPOTENCY_HEADER],
      responds: [
        { status: 201, schema: 'Ticket', description: 'the new ticket; its SLA clock has started' },
        { status: 200, schema: 'Ticket', description: 'the ticket an earlier request with the same Idempotency-Key opened' },
      ],
      errors: [404, 409, 422],
      async handle({ body, req }) {
        const key = req.header('idempotency-key');
        if (!key)
          throw new HttpError(
            400,
            'missing_idempotency_key',
            'the Idempotency-Key header is required: a retried request must not open a second ticket',
          );
        // Replies and SLA notices are posted where the reference says: only to a chat of this service.
        const refusal = body.conversation && refuseConversation(body.conversation);
        if (refusal) throw new HttpError(400, 'invalid_conversation', `conversation: ${refusal}`);
        const { ticket, created } = await service.create(body, key);
        return { status: created ? 201 : 200, body: ticket };
      },
    }),
    endpoint({
      method: 'GET',
      path: '/api/tickets',
      summary: 'List tickets, newest first, filtered by organisation, status, grade, category or breach',
      roles: READERS,
      query: ticketListQuerySchema,
      responds: [{ status: 200, schema: 'TicketPage', description: 'the tickets matching every filter' }],
      errors: [400, 503],
      async handle({ query }) {
        const items = await service.list(query);
        return { body: { items, count: items.length, limit: query.limit, offset: query.offset } };
      },
    }),
    endpoint({
      method: 'GET',
      path: '/api/tickets/:id',
      summary: 'One ticket, also once archived (then `archived: true`, read-only)',
      roles: READERS,
      responds: [{ status: 200, schema: 'Ticket', description: 'the ticket' }],
      errors: [404],
      async handle({ params }) {
        return { body: await existing(params.id) };
      },
    }),
    endpoint({
      method: 'GET',
      path: '/api/tickets/:id/history',
      summary: "A ticket's history and the explanation of its first-response deadline",
      roles: READERS,
      query: localeQuerySchema,
      responds: [{ status: 200, schema: 'TicketHistory', description: 'every change, oldest first, and how the deadline came to be' }],
      errors: [404],
      async handle({ params, query }) {
        const ticket = await existing(params.id);
        const now = clock();
        const deadline = explainDeadline(ticket, now, query.locale);
        return { body: { ticketId: ticket.id, deadline, goals: explainGoals(ticket, now, query.locale), history: ticket.history } };
      },
    }),
    endpoint({
      method: 'GET',
      path: '/api/queues/:category',
      summary: "A category's queue: open unassigned tickets, most urgent first (grade, breached, earliest deadline)",
      roles: ['agent', 'operator'],
      query: pageQuerySchema,
      responds: [{ status: 200, schema: 'Queue', description: 'the queue, most urgent first' }],
      errors: [404],
      async handle({ params, query }) {
        const category = params.category as Category;
        if (!CATEGORIES.includes(category))
          throw new HttpError(404, 'not_found', `there is no queue "${params.category}" (queues: ${CATEGORIES.join(', ')})`);
        return {
          body: { category, items: await service.queue(category, query.limit, query.offset), limit: query.limit, offset: query.offset },
        };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/queues/claim',
      summary: 'Claim the most urgent unassigned ticket of the given categories for the calling agent',
      roles: AGENTS,
      body: claimSchema,
      responds: [
        { status: 200, schema: 'Claim', description: 'the claimed ticket, now assigned to the caller, or null when the queues are empty' },
      ],
      errors: [409],
      async handle({ body, principal }) {
        // Queues of categories the agent has no skill for are skipped.
        const categories = claimableCategories(workerOf(principal), body.categories);
        return { body: { ticket: categories.length ? await service.claimNext(principal.id, categories, body.maxOpen) : null } };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/tickets/:id/assign',
      summary:
        "Assign a ticket to an agent, or unassign it (agentId null) back to its queue. An agent takes an unassigned ticket for themselves or gives back their own; handing it to someone else or taking a colleague's is a supervisor's reassignment; the assignee needs the category's skill",
      roles: AGENTS,
      body: assignSchema,
      responds: [{ status: 200, schema: 'Ticket', description: 'the ticket after the change' }],
      errors: [403, 404, 409, 422],
      async handle({ params, body, principal }) {
        const target = body.agentId === null ? null : body.agentId === principal.id ? workerOf(principal) : await workerNamed(body.agentId);
        return { body: await service.assign(params.id, body.agentId, actorOf(principal), { by: workerOf(principal), to: target }) };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/tickets/:id/replies',
      summary:
        "Reply to the customer: queued for their chat (or e-mail), retried, and shown with its delivery state; the first reply that reaches them is the ticket's first response and stops the SLA clock",
      roles: AGENTS,
      body: messageSchema,
      responds: [{ status: 201, schema: 'Ticket', description: 'the ticket with the reply' }],
      errors: [404, 409],
      async handle({ params, body, principal }) {
        const files = body.attachments?.length ? await replyFiles(params.id, body.attachments) : undefined;
        return { status: 201, body: await service.reply(params.id, principal.id, body.text ?? '', files) };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/tickets/:id/messages/:number/retry',
      summary:
        'Send a message that failed to reach the customer again (number: its place in the thread, from 1); it goes to the chat first, then by e-mail',
      roles: AGENTS,
      bodyOptional: true,
      body: z.object({}).strict(),
      responds: [{ status: 200, schema: 'Ticket', description: 'the ticket with the message queued again' }],
      errors: [404, 409],
      async handle({ params, principal }) {
        const number = /^[1-9]\d{0,5}$/.test(params.number) ? Number(params.number) : NaN;
        if (!number)
          throw new HttpError(400, 'invalid_request', `number must be a message's place in the thread (1, 2, ...), got "${params.number}"`);
        return { body: await service.retryDelivery(params.id, number - 1, actorOf(principal)) };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/tickets/:id/customer-messages',
      summary:
        "Add the customer's message from the chat (the bot); the author is the ticket's administrator (the default) or another administrator of its organisation; anyone else is refused",
      roles: SYSTEM,
      body: customerMessageSchema,
      responds: [{ status: 201, schema: 'Ticket', description: 'the ticket with the message' }],
      errors: [404, 409, 422],
      async handle({ params, body }) {
        const author = body.author ?? (await existing(params.id)).adminId;
        return { status: 201, body: await service.customerMessage(params.id, author, body.text) };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/tickets/:id/satisfaction',
      summary:
        "The customer's satisfaction with a resolved ticket (the bot relays it from the chat): a rating 1-5 and an optional comment, once per ticket",
      roles: SYSTEM,
      body: satisfactionSchema,
      responds: [{ status: 201, schema: 'Ticket', description: 'the ticket with its rating' }],
      errors: [404, 409, 422],
      async handle({ params, body }) {
        const author = body.author ?? (await existing(params.id)).adminId;
        return { status: 201, body: await service.rate(params.id, author, body.rating, body.comment) };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/tickets/:id/status',
      summary:
        'Move a ticket along its states (waiting_on_customer needs the question sent to the customer and pauses the SLA clock, in_progress resumes it)',
      roles: AGENTS,
      body: statusChangeSchema,
      responds: [{ status: 200, schema: 'Ticket', description: 'the ticket after the change' }],
      errors: [404, 409, 422],
      async handle({ params, body, principal }) {
        if (body.status === 'waiting_on_customer') {
          return { body: await service.askCustomer(params.id, principal.id, body.question ?? '', body.reason) };
        }
        return { body: await service.changeStatus(params.id, body.status, actorOf(principal), body.reason) };
      },
    }),
    endpoint({
      method: 'POST',
      path: '/api/tickets/:id/grade',
      summary:
        "Change a ticket's grade; the deadline is recomputed from its creation. Lowering needs a reason: customer_not_responding (after the configured wait on the customer), agreed_with_customer (agreedBy) or wrong_initial_grade (evidence)",
      roles: AGENTS,
      body: gradeChangeSchema,
      responds: [{ status: 200, schema: 'Ticket', description: 'the ticket with its new grade and deadline' }],
      errors: [404, 409, 422],
      async handle({ params, body, principal }) {
        const { grade, ...change } = body;
        return { body: await service.changeGrade(params.id, grade, actorOf(principal), change) };
      },
    }),
    endpoint({
      method: 'GET',
      path: '/api/reports/sla',
      summary:
        "A month's SLA report: outcomes (met, missed, resolved without a response) of each goal by grade, category and organisation, attainment, per-agent responses, first-response percentiles",
      roles: ['agent', 'operator'],
      query: slaReportQuerySchema,
      responds: [{ status: 200, schema: 'SlaReport', description: 'the report, computed from counters kept with every ticket write' }],
      async handle({ query }) {
        return { body: await service.slaReport(query.month, query.orgId) };
      },
    }),
    endpoint({
      method: 'GET',
      path: '/api/reports/sla.csv',
      summary: "The same month's SLA report as CSV (the dashboard's figures, one row each), with the backlog by age",
      roles: ['agent', 'operator'],
      query: slaReportQuerySchema,
      responds: [{ status: 200, description: 'text/csv: section,goal,dimension,key,met,missed,resolved_without_response,attainment' }],
      async handle({ query }) {
        const [report, backlog] = await Promise.all([service.slaReport(query.month, query.orgId), service.backlog()]);
        const filename = `sla-${query.month}${query.orgId ? `-${query.orgId}` : ''}.csv`;
        return { text: { contentType: 'text/csv; charset=utf-8', content: slaReportCsv(report, backlog), filename } };
      },
    }),
    endpoint({
      method: 'GET',
      path: '/api/reports/backlog',
      summary: 'The open tickets now by age since creation and status',
      roles: ['agent', 'operator'],
      responds: [{ status: 200, schema: 'Backlog', description: 'the backlog, counted on the status indexes' }],
      async handle() {
        return { body: await service.backlog() };
      },
    }),
    move('resolve', 'resolved', 'Resolve a ticket'),
    move('close', 'closed', 'Close a resolved ticket'),
    move('reopen', 'in_progress', 'Reopen a resolved or closed ticket', ['resolved', 'closed']),
  ];
}
