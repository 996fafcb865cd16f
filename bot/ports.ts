/**
 * What the bot needs from its neighbours (knowledge/ and ticketing/), stated as the narrow shapes
 * it calls. The real KnowledgeBase, PinVerifier, TicketService and OrganisationStore satisfy them
 * structurally; the bot depends on nothing more.
 */
import type { Category, ChatIdentity, Grade, Organisation, Administrator, Ticket, TicketMessage } from '../ticketing/domain/types';

export interface FaqAnswer {
  answered: boolean;
  answer: string;
  confidence: number;
  source: { articleId: string; title: string } | null;
  suggestions: { question: string; articleId: string; confidence: number }[];
}

export interface KnowledgeAnswers {
  answer(question: string, locale?: 'pl' | 'en'): FaqAnswer;
}

export type CodeChannel = 'email' | 'phone';

export interface CodeRequestResult {
  status: 'sent' | 'rate_limited' | 'locked' | 'no_destination';
  maskedDestination?: string;
  retryAfterSeconds?: number;
}

export interface CodeCheckResult {
  status: 'verified' | 'wrong' | 'expired' | 'locked' | 'no_code';
  attemptsLeft?: number;
}

export interface VerifiedAdmin {
  orgId: string;
  adminId: string;
}

export interface AdminVerifier {
  requestCode(input: { orgId: string; adminId: string | null; channel: CodeChannel; conversationId: string }): Promise<CodeRequestResult>;
  verifyCode(input: { orgId: string; adminId: string | null; conversationId: string; code: string }): Promise<CodeCheckResult>;
  markVerified(input: { orgId: string; adminId: string; conversationId: string }): Promise<void>;
  verifiedAdmin(conversationId: string): Promise<VerifiedAdmin | null>;
}

export interface Organisations {
  findOrganisation(query: string): Promise<Organisation | null>;
  findByTenant(tenantId: string): Promise<Organisation | null>;
  get(id: string): Promise<Organisation | null>;
  findAdministratorByEmail(orgId: string, email: string): Promise<Administrator | null>;
}

export interface NewTicket {
  orgId: string;
  adminId: string;
  category: Category;
  grade: Grade;
  title: string;
  description: string;
  affected: string;
  contact: { email?: string; phone?: string; preferred: 'email' | 'phone' };
  conversation?: Record<string, unknown>;
}

export interface Tickets {
  create(input: NewTicket, idempotencyKey: string): Promise<{ ticket: Ticket; created: boolean }>;
  get(id: string): Promise<Ticket | null>;
  list(query: { orgId: string }): Promise<Ticket[]>;
  customerMessage(id: string, author: string, text: string): Promise<Ticket>;
}

/** Which grades an organisation may choose for a category, and why the others are not offered. */
export type GradePolicy = (org: Organisation, category: Category) => { grades: Grade[]; refused: { grade: Grade; reason: string }[] };

/** Finds the administrator a trusted chat identity belongs to (Teams AAD id within the tenant). */
export type TrustedAdministratorFinder = (org: Organisation, identity: ChatIdentity) => Administrator | null;

export type { Ticket, TicketMessage, Organisation, Administrator };
