import { IANAZone } from 'luxon';
import { z } from 'zod';
import { EMAIL_PATTERN, MAX_EMAIL_LENGTH, PHONE_PATTERN } from '../domain/contact';
import { DEFAULT_TIME_ZONE } from '../domain/policy';
import { ESCALATION_NOTIFIERS, SLA_GOALS, WEEKDAY_NAMES } from '../domain/slaPolicy';
import { MAX_SATISFACTION_COMMENT } from '../domain/satisfaction';
import { LIMITS } from '../domain/ticket';
import { CATEGORIES, CONTACT_METHODS, CONTRACTS, GRADES, ID_PATTERN, TICKET_STATUSES } from '../domain/types';

/**
 * The REST API's request shapes. Routes validate with them and the OpenAPI document is generated
 * from them, so the two cannot drift apart. Rules that need the organisation (eligibility,
 * administrators) are the domain's; these only say what a well-formed request looks like.
 */

const id = z.string().regex(ID_PATTERN, 'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit');
const phone = z.string().regex(PHONE_PATTERN, 'must be a phone number such as +48 600 100 200');
const email = z.string().max(MAX_EMAIL_LENGTH).regex(EMAIL_PATTERN, 'Invalid email');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const categorySchema = z.enum(CATEGORIES);
export const gradeSchema = z.enum(GRADES);
export const statusSchema = z.enum(TICKET_STATUSES);

export const contactSchema = z
  .object({
    email: email.optional(),
    phone: phone.optional(),
    preferred: z.enum(CONTACT_METHODS),
  })
  .strict()
  .refine((c) => c[c.preferred] !== undefined, { message: 'the preferred contact method needs its address', path: ['preferred'] });

export const createTicketSchema = z
  .object({
    orgId: id,
    adminId: id,
    category: categorySchema,
    grade: gradeSchema,
    title: text(LIMITS.title),
    description: text(LIMITS.description),
    affected: z.string().trim().max(LIMITS.affected).default(''),
    contact: contactSchema,
    /** The customer's chat (a botbuilder ConversationReference), for proactive replies. */
    conversation: z.record(z.unknown()).optional(),
  })
  .strict();

export const ticketListQuerySchema = z
  .object({
    orgId: id.optional(),
    status: statusSchema.optional(),
    grade: gradeSchema.optional(),
    category: categorySchema.optional(),
    breached: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** A page of a list read by position (queues, organisations). */
export const pageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const claimSchema = z
  .object({
    categories: z.array(categorySchema).min(1).max(3),
    maxOpen: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

export const assignSchema = z.object({ agentId: id.nullable() }).strict();
/** An agent's reply: its text, and the files uploaded for it (POST /api/tickets/:id/attachments); text may be left out when files are given. */
export const messageSchema = z
  .object({
    text: text(LIMITS.message).optional(),
    attachments: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be ids returned by POST /api/tickets/:id/attachments'))
      .max(20)
      .optional(),
  })
  .strict();
export const satisfactionSchema = z
  .object({
    rating: z.number().int().min(1).max(5),
    comment: z.string().trim().max(MAX_SATISFACTION_COMMENT).optional(),
    author: id.optional(),
  })
  .strict();
export const customerMessageSchema = z.object({ text: text(LIMITS.message), author: id.optional() }).strict();
export const statusChangeSchema = z
  .object({
    status: statusSchema,
    reason: text(500).optional(),
    /** The question sent to the customer; required to wait on them (the clock pauses on it). */
    question: text(LIMITS.message).optional(),
  })
  .strict();
export const gradeChangeSchema = z
  .object({
    grade: gradeSchema,
    /** Lowering: customer_not_responding, agreed_with_customer or wrong_initial_grade. Raising: any text. */
    reason: text(500).optional(),
    /** agreed_with_customer: the id of the administrator who agreed. */
    agreedBy: id.optional(),
    /** wrong_initial_grade: what shows the grade was wrong. */
    evidence: text(2000).optional(),
  })
  .strict();
export const slaReportQuerySchema = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-03'),
    orgId: id.optional(),
  })
  .strict();
export const reasonSchema = z.object({ reason: text(500).optional() }).strict();

export const chatIdentitySchema = z
  .object({
    channel: z.string().trim().min(1).max(50),
    id: z.string().trim().min(1).max(200),
    tenantId: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

const administratorFields = {
  name: text(200),
  email: email.optional(),
  phone: phone.optional(),
  chatIdentities: z.array(chatIdentitySchema).max(50).default([]),
};
const reachable = { message: 'an administrator needs an e-mail or a phone for PIN codes', path: ['email'] };
const hasContact = (a: { email?: string; phone?: string }) => a.email !== undefined || a.phone !== undefined;

export const administratorSchema = z
  .object({ id, ...administratorFields })
  .strict()
  .refine(hasContact, reachable);
/** PUT .../administrators/:adminId: the path names the administrator; an id in the body must match. */
export const administratorUpdateSchema = z
  .object({ id: id.optional(), ...administratorFields })
  .strict()
  .refine(hasContact, reachable);

const organisationFields = {
  name: text(200),
  tenantId: z.string().trim().min(1).max(100).optional(),
  timeZone: z
    .string()
    .max(64)
    .refine((tz) => IANAZone.isValidZone(tz), 'must be an IANA time zone such as Europe/Warsaw')
    .default(DEFAULT_TIME_ZONE),
  contract: z.enum(CONTRACTS),
  administrators: z.array(administratorSchema).max(500).default([]),
  holidays: z
    .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date'))
    .max(400)
    .optional(),
};

export const organisationSchema = z.object({ id, ...organisationFields }).strict();
/** PUT /api/organisations/:id: the path names the organisation. */
export const organisationUpdateSchema = z.object({ id: id.optional(), ...organisationFields }).strict();

export type CreateTicketBody = z.infer<typeof createTicketSchema>;
export type OrganisationBody = z.infer<typeof organisationSchema>;
export type AdministratorBody = z.infer<typeof administratorSchema>;

const hhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:mm (00:00 to 24:00)');
const workingRange = z.object({ start: hhmm, end: hhmm }).strict();
const goalTarget = z.union([
  z
    .object({
      hours: z
        .number()
        .positive()
        .max(24 * 366),
    })
    .strict(),
  z.object({ businessDays: z.number().positive().max(366) }).strict(),
]);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date');

/** An SLA policy as an operator stores it (domain/slaPolicy.ts); the domain then checks calendars and coverage. */
export const slaPolicySchema = z
  .object({
    calendars: z.record(
      z.string().regex(ID_PATTERN, 'a calendar name is letters, digits, ".", "_" or "-"'),
      z
        .object({
          realTime: z.boolean().optional(),
          week: z
            .object(Object.fromEntries(WEEKDAY_NAMES.map((d) => [d, z.array(workingRange).max(24).optional()])))
            .strict()
            .optional(),
          holidayCountry: z
            .string()
            .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 country code such as PL, optionally with a region: DE-BY')
            .optional(),
          holidays: z.array(localDate).max(1000).optional(),
          organisationHolidays: z.boolean().optional(),
        })
        .strict(),
    ),
    rules: z
      .array(
        z
          .object({
            contract: z.enum(CONTRACTS).optional(),
            category: categorySchema.optional(),
            grade: gradeSchema.optional(),
            calendar: z.string().min(1),
            targets: z
              .object({ first_response: goalTarget, next_response: goalTarget.optional(), resolution: goalTarget.optional() })
              .strict(),
          })
          .strict(),
      )
      .min(1)
      .max(100),
    warningShare: z
      .object(Object.fromEntries(SLA_GOALS.map((g) => [g, z.number().gt(0).lt(1).optional()])))
      .strict()
      .optional(),
    escalations: z
      .array(
        z
          .object({
            goal: z.enum(SLA_GOALS).optional(),
            grade: gradeSchema.optional(),
            category: categorySchema.optional(),
            event: z.enum(['warning', 'breach']).optional(),
            notify: z.array(z.enum(ESCALATION_NOTIFIERS)).min(1),
          })
          .strict(),
      )
      .max(100)
      .optional(),
  })
  .strict();
