import type { RedisClient } from '../../common/redisConnection';
import { randomUUID } from 'crypto';
import type { Logger } from '../../common/logger';
import { suggestCategory } from '../domain/grading/categorySuggester';
import type { GradeSuggester } from '../domain/grading/gradeSuggester';
import { ticketIdInSubject } from '../domain/mailThread';
import { cappedGrade } from '../domain/policy';
import { ratingIn } from '../domain/satisfaction';
import { LIMITS } from '../domain/ticket';
import type { AttachmentStore } from '../attachments/attachmentStore';
import { DomainError, type Administrator, type MessageFiles, type Organisation, type Ticket } from '../domain/types';
import type { TicketService } from '../service/ticketService';
import type { OrganisationStore } from '../store/organisationStore';
import { maskEmail } from '../verification/mask';
import { checkAuthenticity, type DnsResolver } from './authenticity';
import { AutoReplyLimit } from './autoReplyLimit';
import { mailKey, readMail, type InboundMail } from './inboundMail';
import type { MailSender } from './mailSender';
import { acknowledgement, howToReachSupport, replyLanguage, type MailText } from './mailTexts';
import { MailThreads } from './mailThreads';

export type MailOutcome =
  | 'opened' // a new ticket, acknowledged
  | 'threaded' // added to its ticket's thread
  | 'rated' // the requester's answer to the satisfaction question of a resolved ticket
  | 'automatic' // an auto-reply, bounce or bulk mail: nothing opened, nothing answered
  | 'refused' // unknown or unauthenticated sender: one reply on how to reach support
  | 'done_before' // another instance or an earlier run already processed it
  | 'busy'; // another instance is processing it right now

export interface MailResult {
  outcome: MailOutcome;
  ticketId?: string;
  reason?: string;
}

export interface MailIntakeDeps {
  redis: RedisClient;
  prefix: string;
  tickets: TicketService;
  organisations: OrganisationStore;
  sender: MailSender;
  suggester: GradeSuggester;
  /** Automatic mails (acknowledgements, refusals) one address gets at most in any hour. */
  autoRepliesPerHour: number;
  /** How long one instance may hold a mail before another may take it over (one that stalled or died). */
  lockMs: number;
  /** Where the mails' files are kept; without it files are refused (the rest of the mail is kept). */
  attachments?: AttachmentStore;
  /** DNS for the authenticity checks; node's resolver when not given. */
  resolver?: DnsResolver;
  clock?: () => Date;
  logger: Logger;
}

/** How long a processed mail is remembered (a mailbox re-read after this would process it again). */
const DONE_SECONDS = 90 * 24 * 3600;

/**
 * Turns one received mail into a ticket change, exactly once across instances: a per-mail lock
 * keeps two readers from working on it at once, the ticket change itself is idempotent (a ticket
 * opened with the mail's idempotency key; a thread that already holds its Message-ID is left as
 * it is), and the mail counts as done only after the change is stored and any answer sent.
 * A crash anywhere before that leaves the mail to be processed again, which then adds nothing twice.
 */
export class MailIntake {
  private readonly clock: () => Date;
  private readonly threads: MailThreads;
  private readonly limit: AutoReplyLimit;

  constructor(private readonly deps: MailIntakeDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.threads = new MailThreads(deps.redis, deps.prefix);
    this.limit = new AutoReplyLimit(deps.redis, deps.prefix, deps.autoRepliesPerHour);
  }

  /** `read` is the mail already parsed from `raw`, when the caller had to read it anyway. */
  async handle(raw: Buffer, receivedAt?: Date, read?: InboundMail): Promise<MailResult> {
    const mail = read ?? (await readMail(raw));
    const key = mailKey(mail.messageId);
    const { redis, prefix } = this.deps;
    const doneKey = `${prefix}mail:done:${key}`;
    if (await redis.exists(doneKey)) return { outcome: 'done_before' };
    const lockKey = `${prefix}mail:lock:${key}`;
    const token = randomUUID();
    if (!(await redis.set(lockKey, token, 'PX', this.deps.lockMs, 'NX'))) return { outcome: 'busy' };
    try {
      if (await redis.exists(doneKey)) return { outcome: 'done_before' };
      const result = await this.process(mail, key, raw, receivedAt);
      await redis.set(doneKey, `${result.outcome} ${result.ticketId ?? ''}`.trim(), 'EX', DONE_SECONDS);
      this.deps.logger.info({ mail: key, ...result }, `mail ${result.outcome}`);
      return result;
    } finally {
      await redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, lockKey, token);
    }
  }

  private async process(mail: InboundMail, key: string, raw: Buffer, receivedAt?: Date): Promise<MailResult> {
    if (!mail.from) return { outcome: 'automatic', reason: 'no From address' };
    // Machines' mail is never answered: answering an auto-reply is how mail loops start.
    if (mail.automatic) return { outcome: 'automatic', reason: mail.automatic };
    if (mail.from.address === this.deps.sender.address) return { outcome: 'automatic', reason: 'sent by this desk' };

    const authenticity = await checkAuthenticity(raw, mail.from.address, this.deps.resolver);
    const sender = await this.deps.organisations.findAdministratorBySender(mail.from.address);
    if (!authenticity.authentic || !sender) {
      const reason = !sender ? 'not a registered administrator address' : authenticity.reason;
      const language = replyLanguage(`${mail.subject}\n${mail.text}`, sender?.org ?? null);
      await this.answer(key, mail, howToReachSupport(mail.subject, language), { limited: true });
      return { outcome: 'refused', reason };
    }

    const ticket = await this.ticketAnswered(mail);
    const requester = ticket && ticket.adminId === sender.admin.id && ticket.orgId === sender.org.id;
    if (requester && (await this.rated(ticket, mail))) return { outcome: 'rated', ticketId: ticket.id, reason: authenticity.reason };
    // A ticket's thread is its requester's: another administrator's mail about it opens their own.
    if (ticket && requester && ticket.status !== 'closed') {
      const files = await this.files(mail, key);
      await this.deps.tickets.addCustomerMail(
        ticket.id,
        sender.admin.id,
        mail.text || mail.subject,
        { id: mail.messageId, address: mail.from.address },
        files,
      );
      await this.threads.remember(mail.messageId, ticket.id);
      return { outcome: 'threaded', ticketId: ticket.id, reason: authenticity.reason };
    }
    return this.open(mail, key, sender, receivedAt, authenticity.reason);
  }

  private async open(
    mail: InboundMail,
    key: string,
    sender: { org: Organisation; admin: Administrator },
    receivedAt: Date | undefined,
    reason: string,
  ): Promise<MailResult> {
    const { org, admin } = sender;
    const description = (mail.text || mail.subject).slice(0, LIMITS.description);
    const category = suggestCategory(`${mail.subject}\n${description}`);
    const grade = cappedGrade(org, category, this.deps.suggester.suggest(`${mail.subject}\n${description}`).grade);
    const title = (mail.subject || description.split('\n')[0]!).slice(0, LIMITS.title);
    const files = await this.files(mail, key);
    const { ticket } = await this.deps.tickets.create(
      {
        orgId: org.id,
        adminId: admin.id,
        category,
        grade,
        title,
        description,
        affected: '',
        contact: { email: admin.email, phone: admin.phone, preferred: 'email' },
        mailThread: { address: mail.from!.address, messageIds: [mail.messageId] },
        ...(files.attachments.length ? { attachments: files.attachments } : {}),
        ...(files.refused.length ? { refusedFiles: files.refused } : {}),
      },
      `mail-${key}`,
      { receivedAt },
    );
    await this.threads.remember(mail.messageId, ticket.id);
    // One acknowledgement per ticket opened: not limited (an answer to it threads, opening nothing).
    const language = replyLanguage(`${mail.subject}\n${mail.text}`, org);
    const sentId = await this.answer(key, mail, acknowledgement(ticket, language, this.clock()), { limited: false });
    if (sentId) await this.threads.remember(sentId, ticket.id);
    return { outcome: 'opened', ticketId: ticket.id, reason };
  }

  /**
   * The requester's answer to the resolve notice's "how would you rate our help?": a first line
   * that is a rating ("5", "super, dziękuję"); the lines after it join the comment. Anything else
   * (and any mail once the ticket is rated or reopened) is a message as before.
   */
  private async rated(ticket: Ticket, mail: InboundMail): Promise<boolean> {
    if ((ticket.status !== 'resolved' && ticket.status !== 'closed') || ticket.satisfaction) return false;
    const [first = '', ...rest] = mail.text.split('\n').filter((line) => line.trim());
    const answer = ratingIn(first);
    if (!answer) return false;
    const comment = [answer.comment, ...rest].filter(Boolean).join('\n');
    try {
      await this.deps.tickets.rate(ticket.id, ticket.adminId, answer.rating, comment || undefined);
    } catch (err) {
      // The same mail read again, or a rating that arrived meanwhile: the first answer stands.
      if (!(err instanceof DomainError && err.code === 'already_rated')) throw err;
    }
    await this.threads.remember(mail.messageId, ticket.id);
    return true;
  }

  /** The mail's files checked and kept (the same mail read again gives the same attachments). */
  private async files(mail: InboundMail, key: string): Promise<MessageFiles> {
    if (mail.files.length === 0) return { attachments: [], refused: [] };
    const { attachments } = this.deps;
    if (!attachments) return { attachments: [], refused: mail.files.map((f) => ({ name: f.name, reason: 'this desk keeps no files' })) };
    return attachments.accept(mail.files, `mail:${key}`, this.clock());
  }

  /** The ticket a mail answers: the id in its subject, else the ticket of a mail it replies to. */
  private async ticketAnswered(mail: InboundMail): Promise<Ticket | null> {
    const id = ticketIdInSubject(mail.subject) ?? (await this.threads.ticketOf(mail.replyTo));
    return id ? this.deps.tickets.get(id) : null;
  }

  /**
   * One automatic answer to a mail, threaded under it: at most once per mail (a retry after a
   * failure sends it then) and, when limited, at most autoRepliesPerHour per address in any hour (a sender
   * whose every mail is refused could be a machine answering us). Resolves with the sent mail's
   * Message-ID, or null when nothing was sent.
   */
  private async answer(key: string, mail: InboundMail, text: MailText, options: { limited: boolean }): Promise<string | null> {
    const { redis, prefix, sender, logger } = this.deps;
    const to = mail.from!.address;
    const answeredKey = `${prefix}mail:answered:${key}`;
    if (!(await redis.set(answeredKey, '1', 'EX', DONE_SECONDS, 'NX'))) return null;
    if (options.limited && !(await this.limit.take(to, key, this.clock()))) {
      logger.warn({ to: maskEmail(to) }, `automatic reply not sent: ${this.limit.perHour} in the last hour already`);
      return null;
    }
    try {
      return await sender.send({
        ...text,
        to,
        inReplyTo: mail.messageId,
        references: [...mail.replyTo].reverse().concat(mail.messageId),
        automatic: true,
      });
    } catch (err) {
      // The mail stays unprocessed and is read again: the answer is sent on that try.
      await redis.del(answeredKey);
      if (options.limited) await this.limit.giveBack(to, key);
      throw err;
    }
  }
}
