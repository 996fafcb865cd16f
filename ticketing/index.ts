/**
 * The ticketing package's face: everything the conversation and the composition root (bot/) may
 * use. bot/ imports nothing deeper (test/unit/architecture/imports.test.ts), so what lies behind
 * this file can be rearranged without touching the bot.
 */

// The domain's records, and the rules the conversation checks before it asks the service.
export { CATEGORIES, GRADES } from './domain/types';
export type {
  Administrator,
  AttachmentRef,
  MessageFiles,
  RefusedFile,
  Category,
  ContactMethod,
  Grade,
  HistoryEntry,
  Notice,
  Organisation,
  SlaEventKind,
  Ticket,
  TicketMessage,
} from './domain/types';
export { LIMITS, type NewTicketInput } from './domain/ticket';
export { ratingIn } from './domain/satisfaction';
export { DomainError } from './domain/types';
export { emailAddressIn, isEmailAddress, isPhoneNumber, phoneNumberIn } from './domain/contact';
export { allowedGrades, cappedGrade, DEFAULT_TIME_ZONE } from './domain/policy';
export { GradeSuggester } from './domain/grading/gradeSuggester';

// Tickets, and their figures on /metrics.
export { TicketService, type TicketEvents } from './service/ticketService';
export { SlaPolicies } from './service/slaPolicies';
export { ticketMetrics } from './service/ticketMetrics';
export { collectTicketGauges } from './store/ticketGauges';
export { startCellsBackfill } from './store/cellBackfill';
export { startSearchBackfill } from './store/searchBackfill';
export { startArchiving, archiveClosedTickets } from './store/archiving';
export { exportOrganisation, erasePerson } from './service/personalData';
export { redactValue, type Person } from './domain/erasure';

// The directory of organisations and administrators.
export { OrganisationStore, type OrganisationDirectory } from './store/organisationStore';
export { findOrganisationNamed, matchOrganisationIn, matchOrganisationNamed, type OrganisationMatch } from './store/organisationLookup';
export { loadStartupDirectory } from './demo/loadDirectory';

// Administrator verification: trusted chat identities and one-time PIN codes.
export { findTrustedAdministrator } from './domain/trustedIdentity';
export { createPinVerification } from './verification/createPinVerification';
export type { CodeChannel, PinVerifier, VerifiedAdmin } from './verification/pinService';

// SLA timers and the escalations they raise.
export { SlaTimers } from './sla/slaTimers';
export { escalationNotifierFromConfig } from './notify/fromConfig';
export type { EscalationEvent, EscalationNotifier } from './notify/escalationNotifier';
export { escalationSummary } from './notify/escalationNotifier';

// The e-mail channel: the support mailbox into tickets, agents' replies back by mail.
export { createOutboundMail, startMailDesk, type MailDesk } from './mail';

// Outbound messages: delivery state, retries, the fallback to e-mail.
export { Deliveries, type OutboundChannel } from './delivery/deliveries';
export type { AttemptOutcome } from './domain/delivery';
export type { DnsResolver } from './mail/authenticity';

// Files customers and agents send: checked by content, kept once, served only to who may see them.
export { AttachmentStore, type IncomingFile } from './attachments/attachmentStore';
export { FileStore } from './attachments/fileStore';
export { startUnlinkedSweep } from './attachments/unlinkedSweep';
export { ACCEPTED_KINDS } from './attachments/contentCheck';
export { readUpload, sendFile } from './attachments/fileHttp';
export { agentScope, registerAttachmentRoutes } from './http/attachmentRoutes';

// The REST API and the agent console.
export {
  AccessGate,
  actorOf,
  loadTokens,
  registerSignIn,
  registerTicketingRoutes,
  type OidcSettings,
  type Principal,
  type TokenRegistry,
} from './http';
export { SessionStore } from './store/sessionStore';
export { PeopleStore } from './store/peopleStore';
export { AuditLog } from './store/auditLog';
export { DEMO_AGENTS, startDevIdentityProvider } from './demo/devIdentityProvider';
export { TicketChangeFeed } from './console/changeFeed';
export { registerConsole } from './console/registerConsole';
