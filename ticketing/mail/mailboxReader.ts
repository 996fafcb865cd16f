import { ImapFlow, type FetchMessageObject, type ImapFlowOptions } from 'imapflow';
import type { Logger } from '../../common/logger';
import { ticketIdInSubject } from '../domain/mailThread';
import { readMail, type InboundMail } from './inboundMail';
import type { MailIntake } from './mailIntake';

/** The IMAP keyword a processed mail gets (set only after its ticket change is stored). */
export const PROCESSED_FLAG = '$DeskProcessed';
/** Mails fetched per round trip: enough to keep the connection busy, few enough to bound memory. */
const BATCH = 50;
/**
 * Mails of a batch processed at once: most of a mail's time is spent waiting (Redis, the SMTP
 * answer), so several in flight overlap those waits instead of adding them up.
 */
const CONCURRENCY = 8;
const RECONNECT_MS = 2000;

export interface MailboxReaderOptions {
  imap: Pick<ImapFlowOptions, 'host' | 'port' | 'secure' | 'auth'>;
  folder: string;
  /** How often the folder is searched even without an IDLE notice (servers without IDLE, missed notices). */
  pollMs: number;
  intake: MailIntake;
  logger: Logger;
}

/**
 * Reads the support folder: waits with IDLE for new mail, searches on a timer as a fallback, and
 * hands every mail without the processed flag to the intake. The flag is set after the intake
 * finished; a mail another instance is working on is left to it. Reconnects after a lost connection.
 */
export class MailboxReader {
  private client: ImapFlow | null = null;
  private stopped = false;
  private draining: Promise<void> | null = null;
  private again = false;
  private poll: NodeJS.Timeout | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  /** Resolves once the first search of the folder has finished (tests, start-up log). */
  readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(private readonly options: MailboxReaderOptions) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  async start(): Promise<void> {
    await this.connect();
    this.poll = setInterval(() => this.drainSoon(), this.options.pollMs);
    this.poll.unref();
  }

  /** Searches the folder now (also called on every IDLE notice of new mail). */
  drainSoon(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.again = false;
        await this.drain().catch((err) =>
          this.options.logger.error({ err }, 'reading the support mailbox failed; retrying on the next notice or poll'),
        );
      } while (this.again && !this.stopped);
      this.draining = null;
      this.markReady();
    })();
    return this.draining;
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    if (this.reconnect) clearTimeout(this.reconnect);
    await this.draining;
    const client = this.client;
    this.client = null;
    if (client?.usable) await client.logout().catch(() => client.close());
    else client?.close();
  }

  private async connect(): Promise<void> {
    const { imap, folder, logger } = this.options;
    const client = new ImapFlow({ ...imap, logger: false, autoIdleDelay: 500, maxIdleTime: this.options.pollMs });
    client.on('error', (err: Error) => logger.warn({ err: err.message }, 'IMAP connection error'));
    client.on('exists', () => void this.drainSoon());
    client.on('close', () => {
      if (this.client !== client || this.stopped) return;
      this.client = null;
      logger.warn('IMAP connection closed; reconnecting');
      this.scheduleReconnect();
    });
    await client.connect();
    await client.mailboxOpen(folder);
    this.client = client;
    void this.drainSoon();
  }

  private scheduleReconnect(): void {
    this.reconnect = setTimeout(() => {
      this.connect().catch((err) => {
        this.options.logger.warn({ err: err.message }, 'IMAP reconnect failed');
        if (!this.stopped) this.scheduleReconnect();
      });
    }, RECONNECT_MS);
    this.reconnect.unref();
  }

  private async drain(): Promise<void> {
    const client = this.client;
    if (!client?.usable || this.stopped) return;
    const uids = (await client.search({ unKeyword: PROCESSED_FLAG }, { uid: true })) || [];
    for (let i = 0; i < uids.length && !this.stopped; i += BATCH) {
      const batch = uids.slice(i, i + BATCH);
      const messages = await client.fetchAll(batch, { uid: true, source: true, internalDate: true }, { uid: true });
      const done = await this.handleAll(messages);
      if (done.length) await client.messageFlagsAdd(done, [PROCESSED_FLAG, '\\Seen'], { uid: true });
    }
  }

  /**
   * A batch's mails, CONCURRENCY at a time; the UIDs of those done. Mails of one conversation
   * (one answering another of the batch, or naming the same ticket) go one after another in
   * mailbox order, so a follow-up finds the ticket its first mail opened.
   */
  private async handleAll(messages: FetchMessageObject[]): Promise<number[]> {
    const read = await Promise.all(
      messages.map(async (message) => ({
        message,
        mail: message.source ? await readMail(message.source).catch(() => null) : null,
      })),
    );
    const conversations = inConversations(read);
    const done: number[] = [];
    const work = async () => {
      for (let next = conversations.shift(); next; next = conversations.shift()) {
        for (const { message, mail } of next) if (await this.handleOne(message, mail)) done.push(message.uid);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, conversations.length) }, work));
    return done;
  }

  /** Whether the mail is done with (processed now or before); false leaves it for the next search. */
  private async handleOne(message: FetchMessageObject, mail: InboundMail | null): Promise<boolean> {
    if (!message.source) return false;
    const receivedAt = message.internalDate instanceof Date ? message.internalDate : undefined;
    try {
      const result = await this.options.intake.handle(message.source, receivedAt, mail ?? undefined);
      return result.outcome !== 'busy';
    } catch (err) {
      // Left unflagged: read again on the next poll; the intake adds nothing twice.
      this.options.logger.error({ err, uid: message.uid }, 'mail not processed; it will be read again');
      return false;
    }
  }
}

interface ReadMessage {
  message: FetchMessageObject;
  mail: InboundMail | null;
}

/**
 * The batch split into conversations, each in mailbox order: two mails share one when one's
 * Message-ID is among the other's In-Reply-To/References, or their subjects name the same ticket.
 */
function inConversations(read: ReadMessage[]): ReadMessage[][] {
  const owner = new Map<string, number>();
  const parent = read.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  read.forEach(({ mail }, i) => {
    if (!mail) return;
    const ticketId = ticketIdInSubject(mail.subject);
    const names = [mail.messageId, ...mail.replyTo].map((id) => id.trim().toLowerCase());
    for (const name of ticketId ? [...names, `ticket ${ticketId}`] : names) {
      const other = owner.get(name);
      if (other === undefined) owner.set(name, i);
      else parent[root(i)] = root(other);
    }
  });
  const groups = new Map<number, ReadMessage[]>();
  read.forEach((entry, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), entry]));
  return [...groups.values()];
}
