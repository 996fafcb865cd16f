import type { IncomingMessage } from 'http';
import type { Duplex } from 'stream';
import type { Activity } from 'botbuilder';
import { WebSocketServer, WebSocket } from 'ws';
import type { Logger } from '../../common/logger';
import { DIRECTLINE_PATH } from './names';
import { TokenError, type TokenSigner } from './tokens';
import type { TokenLedger } from './tokenLedger';
import { parseWatermark, type TranscriptStore } from './transcript';
import { endConnection, type RedisClient } from '../../common/redisConnection';
import { settleWithin } from '../../common/settleWithin';

const STREAM_PATH = new RegExp(`^${DIRECTLINE_PATH}/conversations/([A-Za-z0-9_-]+)/stream$`);
/** A silent connection is pinged this often, so proxies keep it and dead peers are noticed. */
const PING_MS = 25_000;
/** How long closing waits for the open sockets to go. */
const CLOSE_GRACE_MS = 5_000;

interface Subscriber {
  socket: WebSocket;
  /** The id of the token the stream was opened with: a newer token for the conversation closes it. */
  tokenId: string;
  watermark: number;
  /** Sends run one after another, so no activity is sent twice or out of order. */
  sending: Promise<void>;
}

/** A stream let in: where it starts, its token, and whether that is the conversation's current token. */
interface Admitted {
  watermark: number;
  tokenId: string;
  current: boolean;
}

/** Close code for a stream whose token was replaced (refreshed or resumed): the client resumes with its newest token. */
export const REVOKED_CLOSE_CODE = 4001;

/**
 * The Direct Line WebSocket stream (`streamUrl`): each socket gets `{activities, watermark}`
 * frames as soon as activities are stored, on whichever instance. Instances learn of new
 * activities through Redis pub/sub and read them from the shared transcript; they learn of
 * replaced tokens the same way and close the streams opened with them, and every ping round
 * checks the ledger again, for a message missed while Redis was away.
 */
export class ActivityStream {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly byConversation = new Map<string, Set<Subscriber>>();
  private readonly subscriber: RedisClient;
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly deps: {
      redis: RedisClient;
      transcripts: TranscriptStore;
      signer: TokenSigner;
      ledger: TokenLedger;
      logger: Logger;
      socketsPerConversation: number;
    },
  ) {
    this.subscriber = deps.redis.duplicate();
    this.subscriber.on('error', (err) => deps.logger.warn({ err: err.message }, 'directline stream subscriber error'));
    this.subscriber
      .subscribe(deps.transcripts.channel, deps.ledger.revocations)
      .catch((err) => deps.logger.error({ err }, 'directline stream could not subscribe'));
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === deps.ledger.revocations) {
        const [conversationId = '', issuedTokenId = ''] = message.split(' ');
        this.closeRevoked(conversationId, issuedTokenId).catch((err) =>
          deps.logger.warn({ err }, 'directline stream: revocation check failed'),
        );
      } else this.notify(message);
    });
    this.pinger = setInterval(() => {
      this.wss.clients.forEach((s) => s.ping());
      this.recheckTokens().catch((err) => deps.logger.warn({ err }, 'directline stream: token re-check failed'));
    }, PING_MS);
    this.pinger.unref();
  }

  /** The HTTP server's 'upgrade' handler; other paths are left to other handlers. */
  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const conversationId = STREAM_PATH.exec(url.pathname)?.[1];
    if (!conversationId) return;
    // Each new activity is read from Redis once per socket: one conversation must not fan that out.
    if ((this.byConversation.get(conversationId)?.size ?? 0) >= this.deps.socketsPerConversation) {
      socket.end(
        `HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nat most ${this.deps.socketsPerConversation} streams per conversation\n`,
      );
      return;
    }
    void this.admit(url, conversationId).then(
      (admitted) => {
        if (!socket.destroyed) this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(conversationId, ws, admitted));
      },
      (err: Error) => socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${err.message}\n`),
    );
  };

  /** The watermark to start from, when the stream URL's token is valid, not replaced and not yet used by another client. */
  private async admit(url: URL, conversationId: string): Promise<Admitted> {
    const now = Date.now();
    const claims = this.deps.signer.verify(url.searchParams.get('t') ?? '', now);
    if (claims.conv !== conversationId) throw new Error('the token was issued for another conversation');
    const watermark = parseWatermark(url.searchParams.get('watermark') ?? undefined);
    const current = await this.deps.ledger.check(claims);
    if (!(await this.deps.ledger.claimStream(claims, now)))
      throw new Error('this stream URL is already in use: resume the conversation for a new one');
    return { watermark, tokenId: claims.jti, current };
  }

  /**
   * Closes this instance's streams of the conversation whose token was replaced. They leave the
   * count at once: a replaced stream is sent nothing more, and its close handshake can take long
   * enough on a busy machine for the client's next resume to meet the cap.
   */
  private closeReplaced(conversationId: string, replaced: (tokenId: string) => boolean): void {
    for (const subscriber of this.byConversation.get(conversationId) ?? []) {
      if (!replaced(subscriber.tokenId)) continue;
      this.detach(conversationId, subscriber);
      subscriber.socket.close(REVOKED_CLOSE_CODE, 'token replaced');
    }
  }

  private detach(conversationId: string, subscriber: Subscriber): void {
    const set = this.byConversation.get(conversationId);
    if (!set?.delete(subscriber)) return;
    if (set.size === 0) this.byConversation.delete(conversationId);
  }

  /**
   * Closes this instance's streams of the conversation opened with a token other than the one just
   * issued, each once the ledger says its token is no longer the current one: the revocations of a
   * conversation resumed twice in quick succession can arrive after the stream of the newest token
   * opened here, and must not close it (seen on a Redis Cluster, whose pub/sub goes through every node).
   */
  private async closeRevoked(conversationId: string, issuedTokenId: string): Promise<void> {
    for (const tokenId of this.tokensHeld(conversationId)) {
      if (tokenId !== issuedTokenId && (await this.standing(conversationId, tokenId)) !== 'current')
        this.closeReplaced(conversationId, (id) => id === tokenId);
    }
  }

  /** One ledger read per token held; a stream whose token was replaced and its successor used is closed. */
  private async recheckTokens(): Promise<void> {
    for (const conversationId of [...this.byConversation.keys()]) {
      for (const tokenId of this.tokensHeld(conversationId)) {
        if ((await this.standing(conversationId, tokenId)) === 'replaced') this.closeReplaced(conversationId, (id) => id === tokenId);
      }
    }
  }

  private tokensHeld(conversationId: string): Set<string> {
    return new Set([...(this.byConversation.get(conversationId) ?? [])].map((s) => s.tokenId));
  }

  /** What the ledger says of a token: its conversation's current one, the one before (it still works), or replaced. */
  private standing(conversationId: string, tokenId: string): Promise<'current' | 'previous' | 'replaced'> {
    return this.deps.ledger.check({ conv: conversationId, jti: tokenId }).then(
      (current) => (current ? 'current' : 'previous'),
      (err: unknown) => {
        if (err instanceof TokenError) return 'replaced';
        throw err;
      },
    );
  }

  async close(): Promise<void> {
    clearInterval(this.pinger);
    for (const ws of this.wss.clients) ws.terminate();
    // ws waits until every socket has emitted 'close'; one that never does (a reset mid-close,
    // seen on a machine at load 11) must not hold the shutdown for ever.
    await settleWithin(new Promise<void>((resolve) => this.wss.close(() => resolve())), CLOSE_GRACE_MS);
    await endConnection(this.subscriber);
  }

  /** What this instance holds for web chats: conversations with a stream open here, and their sockets. */
  openStreams(): { conversations: number; sockets: number } {
    let sockets = 0;
    for (const set of this.byConversation.values()) sockets += set.size;
    return { conversations: this.byConversation.size, sockets };
  }

  private attach(conversationId: string, socket: WebSocket, { watermark, tokenId, current }: Admitted): void {
    const subscriber: Subscriber = { socket, tokenId, watermark, sending: Promise.resolve() };
    let set = this.byConversation.get(conversationId);
    if (!set) this.byConversation.set(conversationId, (set = new Set()));
    set.add(subscriber);
    socket.on('close', () => this.detach(conversationId, subscriber));
    // A stream of the current token replaces every other of the conversation's streams here:
    // closed now rather than when the revocation comes round through Redis.
    if (current) this.closeReplaced(conversationId, (id) => id !== tokenId);
    socket.on('error', () => socket.terminate());
    // Clients send empty frames as keep-alives; nothing they send needs an answer.
    this.send(conversationId, subscriber);
  }

  /**
   * Sends an activity that could not be stored (Redis unreachable) to this instance's sockets of
   * the conversation, leaving their watermark where it is: once Redis is back, the stored
   * transcript continues from there and nothing is skipped.
   */
  pushUnstored(conversationId: string, activity: Partial<Activity>): void {
    for (const subscriber of this.byConversation.get(conversationId) ?? []) {
      subscriber.sending = subscriber.sending.then(() => {
        if (subscriber.socket.readyState !== WebSocket.OPEN) return;
        subscriber.socket.send(JSON.stringify({ activities: [activity], watermark: String(subscriber.watermark) }));
      });
    }
  }

  private notify(conversationId: string): void {
    for (const subscriber of this.byConversation.get(conversationId) ?? []) this.send(conversationId, subscriber);
  }

  private send(conversationId: string, subscriber: Subscriber): void {
    subscriber.sending = subscriber.sending
      .then(async () => {
        for (;;) {
          const set = await this.deps.transcripts.since(conversationId, String(subscriber.watermark));
          if (set.activities.length === 0 || subscriber.socket.readyState !== WebSocket.OPEN) return;
          subscriber.socket.send(JSON.stringify(set));
          subscriber.watermark = Number(set.watermark);
        }
      })
      .catch((err) => this.deps.logger.warn({ err, conversationId }, 'directline stream send failed'));
  }
}
