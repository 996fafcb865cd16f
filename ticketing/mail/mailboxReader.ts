import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { Logger } from '../../common/logger';
import type { MailIntake } from './mailIntake';

/** The IMAP keyword a processed mail gets (set only after its ticket change is stored). */
export const PROCESSED_FLAG = '$DeskProcessed';
/** Mails fetched per round trip: enough to keep the connection busy, few enough to bound memory. */
const BATCH = 25;
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
      const done: number[] = [];
      for (const message of messages) {
        if (!message.source) continue;
        const receivedAt = message.internalDate instanceof Date ? message.internalDate : undefined;
        try {
          const result = await this.options.intake.handle(message.source, receivedAt);
          if (result.outcome !== 'busy') done.push(message.uid);
        } catch (err) {
          // Left unflagged: read again on the next poll; the intake adds nothing twice.
          this.options.logger.error({ err, uid: message.uid }, 'mail not processed; it will be read again');
        }
      }
      if (done.length) await client.messageFlagsAdd(done, [PROCESSED_FLAG, '\\Seen'], { uid: true });
    }
  }
}
