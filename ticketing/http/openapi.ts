import type { ZodTypeAny } from 'zod';
import { DELIVERY_STATES } from '../domain/types';
import { SEARCH_BUDGET } from '../service/ticketSearch';
import type { Endpoint } from './endpoint';
import { jsonSchemaOf, type JsonSchema } from './jsonSchema';
import { administratorSchema, categorySchema, gradeSchema, organisationSchema, slaPolicySchema, statusSchema } from './schemas';

const ERROR_TEXT: Record<number, string> = {
  400: 'the body, query or a header is invalid; the message names the field',
  401: 'no valid bearer token or console session (or the token was revoked)',
  403: "the caller's role may not do this, or a signed-in change came without the session's CSRF token",
  404: 'no such ticket, organisation, administrator or queue',
  409: "the request clashes with the current state (illegal transition, existing id, reused Idempotency-Key, agent's open-ticket limit)",
  413: 'the body is larger than 64 KB',
  422: 'refused by a rule named in the message (grade not allowed, not an administrator, a lowering without a reason)',
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const object = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  properties,
  required,
});
const nullableString = { type: 'string', nullable: true };
const instant = { type: 'string', format: 'date-time' };

/** The shapes the API answers with (requests are generated from the zod schemas). */
function responseSchemas(): Record<string, JsonSchema> {
  const historyEntry = object(
    {
      at: instant,
      actor: { type: 'string', description: 'system, agent:<id>, admin:<id>, system:<id>, sla' },
      kind: {
        type: 'string',
        enum: [
          'created',
          'status',
          'assigned',
          'unassigned',
          'grade',
          'deadline',
          'reply',
          'customer_message',
          'sla_warning',
          'sla_breach',
          'lowering_notice',
          'satisfaction',
          'note',
        ],
      },
      from: nullableString,
      to: nullableString,
      reason: { type: 'string' },
      deadlineBefore: nullableString,
      deadlineAfter: nullableString,
    },
    ['at', 'actor', 'kind'],
  );
  const sla = object(
    {
      calendar: { type: 'string', enum: ['always', 'extended', 'office'] },
      timeZone: { type: 'string' },
      targetMs: { type: 'integer', description: 'working time allowed for the first response' },
      startedAt: instant,
      pauses: {
        type: 'array',
        items: object({ from: instant, to: instant, question: { type: 'string', description: 'the question the desk waits on' } }, [
          'from',
        ]),
      },
      dueAt: { ...instant, nullable: true, description: 'null while the clock is paused' },
      warningAt: { ...instant, nullable: true },
      version: { type: 'integer' },
      warned: { type: 'boolean' },
      breached: { type: 'boolean' },
      breachedAt: instant,
      firstResponseAt: instant,
      responseWorkingMs: { type: 'integer' },
      met: { type: 'boolean', description: 'whether the first response came by the deadline' },
      outcome: object(
        {
          result: { type: 'string', enum: ['met', 'missed', 'resolved_without_response'] },
          at: instant,
          dueAt: { ...instant, nullable: true },
          grade: { type: 'string', enum: ['A', 'B', 'C'] },
        },
        ['result', 'at', 'dueAt', 'grade'],
      ),
      alternatives: {
        type: 'array',
        description: 'later regrades that would have judged the recorded outcome otherwise (the outcome itself never changes)',
        items: object(
          {
            at: instant,
            actor: { type: 'string' },
            change: { type: 'string' },
            grade: { type: 'string' },
            dueAt: { ...instant, nullable: true },
            result: { type: 'string', enum: ['met', 'missed', 'not_yet_due'] },
          },
          ['at', 'actor', 'change', 'grade', 'result'],
        ),
      },
      armedAt: instant,
    },
    ['calendar', 'timeZone', 'targetMs', 'startedAt', 'pauses', 'dueAt', 'warningAt', 'version', 'warned', 'breached'],
  );
  // Download one with GET /api/tickets/{id}/attachments/{attachmentId}.
  const files = {
    type: 'array',
    items: object({ id: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, size: { type: 'integer' } }, [
      'id',
      'name',
      'type',
      'size',
    ]),
  };
  const refused = { type: 'array', items: object({ name: { type: 'string' }, reason: { type: 'string' } }, ['name', 'reason']) };
  const ticket = object(
    {
      id: { type: 'string', example: 'SR-2026-000123' },
      orgId: { type: 'string' },
      adminId: { type: 'string' },
      category: jsonSchemaOf(categorySchema),
      grade: jsonSchemaOf(gradeSchema),
      title: { type: 'string' },
      description: { type: 'string' },
      affected: { type: 'string' },
      contact: object({ email: { type: 'string' }, phone: { type: 'string' }, preferred: { type: 'string', enum: ['email', 'phone'] } }, [
        'preferred',
      ]),
      status: jsonSchemaOf(statusSchema),
      assignee: nullableString,
      archived: { type: 'boolean', description: 'true for a ticket read from the archive (closed past the retention period): read-only' },
      createdAt: instant,
      updatedAt: instant,
      sla: ref('SlaClock'),
      messages: {
        type: 'array',
        items: object(
          {
            at: instant,
            from: { type: 'string', enum: ['agent', 'customer'] },
            author: { type: 'string' },
            text: { type: 'string' },
            mailId: { type: 'string' },
            attachments: files,
            refusedFiles: refused,
            notice: { type: 'object', additionalProperties: true, description: "set on the desk's automatic notices (author desk)" },
            delivery: object(
              {
                state: { type: 'string', enum: [...DELIVERY_STATES] },
                channel: { type: 'string', enum: ['chat', 'email'] },
                attempts: { type: 'integer' },
                version: { type: 'integer' },
                at: instant,
                dueAt: instant,
                reason: { type: 'string', description: 'why the last attempt failed, in words for the agent' },
                fallback: { type: 'string', description: 'why it left the chat for e-mail' },
                to: { type: 'string', description: 'the e-mail address it went to' },
              },
              ['state', 'channel', 'attempts', 'version', 'at'],
            ),
          },
          ['at', 'from', 'author', 'text'],
        ),
      },
      attachments: files,
      refusedFiles: refused,
      chatUnreachable: object({ at: instant, reason: { type: 'string' } }, ['at', 'reason']),
      history: { type: 'array', items: ref('HistoryEntry') },
      conversation: { type: 'object', additionalProperties: true },
    },
    [
      'id',
      'orgId',
      'adminId',
      'category',
      'grade',
      'title',
      'description',
      'affected',
      'contact',
      'status',
      'assignee',
      'createdAt',
      'updatedAt',
      'sla',
      'messages',
      'history',
    ],
  );
  return {
    Error: object(
      { error: { type: 'string', description: 'a stable code, e.g. illegal_transition' }, message: { type: 'string' }, details: {} },
      ['error', 'message'],
    ),
    Ticket: ticket,
    SlaClock: sla,
    HistoryEntry: historyEntry,
    TicketPage: object({
      items: { type: 'array', items: ref('Ticket') },
      count: { type: 'integer' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    }),
    TicketSearchPage: object({
      items: { type: 'array', items: ref('Ticket') },
      next: {
        type: 'string',
        nullable: true,
        description:
          'give it as `cursor` for the next page; null when there is no more. A page may be short, even empty, and still have one: the request examined its budget of candidates first',
      },
      scanned: {
        type: 'integer',
        description: `the tickets this request examined, at most ${SEARCH_BUDGET.toLocaleString('en')} however many are stored: with no items and a \`next\`, none matched among them and the search goes on from the cursor`,
      },
    }),
    InternalNote: object({ at: { type: 'string', format: 'date-time' }, author: { type: 'string' }, text: { type: 'string' } }),
    InternalNotes: object({ ticketId: { type: 'string' }, items: { type: 'array', items: ref('InternalNote') } }),
    Presence: object({
      ticketId: { type: 'string' },
      others: {
        type: 'array',
        items: object({
          agent: { type: 'string' },
          state: { type: 'string', enum: ['viewing', 'typing'] },
          until: { type: 'string', format: 'date-time' },
        }),
      },
    }),
    SavedReply: object({
      id: { type: 'string' },
      title: { type: 'string' },
      text: { type: 'string' },
      locale: { type: 'string', enum: ['pl', 'en'] },
      updatedBy: { type: 'string' },
      updatedAt: { type: 'string', format: 'date-time' },
    }),
    SavedReplies: object({ items: { type: 'array', items: ref('SavedReply') } }),
    Queue: object({
      category: jsonSchemaOf(categorySchema),
      items: { type: 'array', items: ref('Ticket') },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    }),
    Claim: object({ ticket: { allOf: [ref('Ticket')], nullable: true } }), // siblings of a $ref are ignored in 3.0
    Revocation: object({ person: { type: 'string' }, sessions: { type: 'integer' }, tokens: { type: 'integer' } }),
    AuditPage: object({
      entries: {
        type: 'array',
        items: object(
          {
            at: instant,
            actor: { type: 'string', description: 'agent:<id>, supervisor:<id>, system:<id>, operator:<id> or anonymous' },
            action: {
              type: 'string',
              description: 'sign_in, sign_in_failed, sign_out, refused, or the request: POST /api/tickets/:id/resolve',
            },
            target: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            ip: { type: 'string' },
          },
          ['at', 'actor', 'action'],
        ),
      },
      more: { type: 'boolean' },
      offset: { type: 'integer' },
      limit: { type: 'integer' },
    }),
    SlaOutcomeCounts: object({ met: { type: 'integer' }, missed: { type: 'integer' }, resolved_without_response: { type: 'integer' } }),
    GoalFigures: object({
      outcomes: ref('SlaOutcomeCounts'),
      attainment: { type: 'number', nullable: true, description: 'met / all decided goals' },
      byGrade: { type: 'object', additionalProperties: ref('SlaOutcomeCounts') },
      byCategory: { type: 'object', additionalProperties: ref('SlaOutcomeCounts') },
      byOrganisation: { type: 'object', additionalProperties: ref('SlaOutcomeCounts') },
    }),
    SlaReport: {
      allOf: [
        ref('GoalFigures'),
        object({
          month: { type: 'string', example: '2026-03' },
          orgId: { type: 'string', nullable: true },
          firstResponse: object({
            count: { type: 'integer' },
            p50Ms: { type: 'integer', nullable: true },
            p90Ms: { type: 'integer', nullable: true },
          }),
          goals: object({ first_response: ref('GoalFigures'), next_response: ref('GoalFigures'), resolution: ref('GoalFigures') }),
          agents: {
            type: 'object',
            description: 'agent id -> goal -> outcome counts of the responses their replies decided',
            additionalProperties: { type: 'object', additionalProperties: ref('SlaOutcomeCounts') },
          },
          satisfaction: object({
            count: { type: 'integer' },
            average: { type: 'number', nullable: true },
            byRating: { type: 'object', additionalProperties: { type: 'integer' }, description: 'rating 1-5 -> answers' },
          }),
        }),
      ],
      description: 'the top-level figures are the first response goal',
    },
    Backlog: object({
      at: instant,
      ages: {
        type: 'array',
        items: object({
          label: { type: 'string', example: '1-3 d' },
          fromDays: { type: 'integer' },
          toDays: { type: 'integer', nullable: true },
          byStatus: { type: 'object', additionalProperties: { type: 'integer' } },
          total: { type: 'integer' },
        }),
      },
    }),
    TicketHistory: object({
      ticketId: { type: 'string' },
      deadline: {
        type: 'object',
        additionalProperties: true,
        description: 'the deadline now, its calendar and target, and each step that set or moved it, in words',
      },
      goals: {
        type: 'array',
        description: 'the next-response and resolution goals: state, deadline, target, paused working time, recorded results',
        items: { type: 'object', additionalProperties: true },
      },
      history: { type: 'array', items: ref('HistoryEntry') },
    }),
    Organisation: jsonSchemaOf(organisationSchema),
    OrganisationList: object({
      items: { type: 'array', items: ref('Organisation') },
      total: { type: 'integer' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    }),
    Administrator: jsonSchemaOf(administratorSchema),
    AdministratorList: object({ items: { type: 'array', items: ref('Administrator') } }),
    SlaPolicyDocument: jsonSchemaOf(slaPolicySchema),
    SlaPolicy: {
      allOf: [
        ref('SlaPolicyDocument'),
        object({
          version: { type: 'integer' },
          storedAt: instant,
          storedBy: { type: 'string', description: 'operator:<id> or repository' },
        }),
      ],
    },
    SlaPolicyList: object({
      current: { type: 'integer', description: 'the version new tickets take' },
      items: { type: 'array', items: ref('SlaPolicy') },
    }),
  };
}

/** The OpenAPI 3 document of the given endpoints. */
export function openApiDocument(endpoints: readonly Endpoint[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const path = e.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][e.method.toLowerCase()] = operation(e);
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Support desk ticketing API',
      version: '1.0.0',
      description:
        'Tickets graded A, B or C with first-response SLAs, agent queues, organisations and administrators. ' +
        'Every call needs `Authorization: Bearer <token>`; each token has a role (agent, system or operator) and its principal is the actor recorded in histories.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: responseSchemas(),
    },
    security: [{ bearer: [] }],
    paths,
  };
}

function operation(e: Endpoint): JsonSchema {
  const parameters: JsonSchema[] = [];
  for (const [, name] of e.path.matchAll(/:(\w+)/g)) parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  if (e.query) parameters.push(...queryParameters(e.query as ZodTypeAny));
  for (const h of e.headers ?? [])
    parameters.push({
      name: h.name,
      in: 'header',
      required: h.required,
      description: h.description,
      schema: { type: 'string', minLength: 1, maxLength: 200 },
    });

  const responses: Record<string, JsonSchema> = {};
  for (const r of e.responds) {
    responses[r.status] = r.schema
      ? { description: r.description, content: { 'application/json': { schema: ref(r.schema) } } }
      : { description: r.description };
  }
  const errors = new Set([401, 403, ...(e.body || e.query || e.headers ? [400] : []), ...(e.body ? [413] : []), ...(e.errors ?? [])]);
  for (const status of [...errors].sort((a, b) => a - b)) {
    responses[status] = { description: ERROR_TEXT[status] ?? 'error', content: { 'application/json': { schema: ref('Error') } } };
  }

  const op: JsonSchema = {
    summary: e.summary,
    description: `Roles: ${e.roles.join(', ')}.`,
    'x-roles': e.roles,
    responses,
  };
  if (parameters.length) op.parameters = parameters;
  if (e.body)
    op.requestBody = { required: !e.bodyOptional, content: { 'application/json': { schema: jsonSchemaOf(e.body as ZodTypeAny) } } };
  return op;
}

function queryParameters(schema: ZodTypeAny): JsonSchema[] {
  const described = jsonSchemaOf(schema) as { properties: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(described.properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: described.required?.includes(name) ?? false,
    schema: s,
  }));
}
