import type { RedisClient } from '../../common/redisConnection';
import { randomBytes } from 'crypto';
import type { AddressInfo } from 'net';
import type { Server } from 'restify';
import type { ChannelAccount, CloudAdapter, TurnContext } from 'botbuilder';
import type { DirectLineConfig } from '../../common/config';
import type { Logger } from '../../common/logger';
import { CONNECTOR_PATH, createDirectLineAdapter, registerConnectorRoutes } from './connector';
import { DEFAULT_WEB_CHAT_LIMITS, registerDirectLineRoutes, type WebChatLimits } from './routes';
import { clientAddressResolver, type ClientRequest } from '../../common/clientAddress';
import { PageFeed } from './pageFeed';
import { ActivityStream } from './stream';
import { TokenSigner } from './tokens';
import { TokenLedger } from './tokenLedger';
import { TranscriptStore } from './transcript';
import { AttachmentLinks } from './attachmentLinks';
import type { AttachmentStore } from '../../ticketing';

export { DIRECTLINE_PATH, CHANNEL_ID } from './names';
export { TokenSigner } from './tokens';
export { AttachmentLinks } from './attachmentLinks';
export { chatScope } from './routes';

export interface DirectLineOptions extends DirectLineConfig {
  /** The bot (an ActivityHandler) that answers web-chat conversations. */
  bot: { run(context: TurnContext): Promise<void> };
  redis: RedisClient;
  /** The service's Redis key prefix. */
  prefix: string;
  logger: Logger;
  botAccount?: ChannelAccount;
  /** PUBLIC_URL: where browsers reach this service; stream URLs are built from it. Absent: loopback (development). */
  publicUrl?: string;
  /** The client's address for per-client limits; default the socket's (no trusted proxy). */
  clientOf?: (req: ClientRequest) => string;
  limits?: Partial<WebChatLimits>;
  /** Where customers' uploads are kept, and how long their download links work; without it the upload route is absent. */
  files?: { store: AttachmentStore; linkTtlSeconds: number };
}

export interface DirectLine {
  /** The adapter of the web channel: continueConversationAsync with a stored web-chat reference reaches the page. */
  adapter: CloudAdapter;
  /** This instance's own connector: the only place web-chat replies are posted to. */
  connectorUrl(): string;
  /** Where a chat customer downloads a file an agent attached in ticket `ticketId` (null without a file store). */
  replyFileLink(attachmentId: string, ticketId: string): string | null;
  /** Conversations with a WebSocket stream open on this instance, and those sockets: nothing else stays per chat. */
  openStreams(): { conversations: number; sockets: number };
  close(): Promise<void>;
}

/**
 * The web channel: a Direct Line 3.0 endpoint for Web Chat (REST and WebSocket stream) with
 * its transcripts in Redis, the bot run in-process, and a local connector that the bot's
 * replies (in-turn and proactive) are posted to.
 */
export function registerDirectLine(server: Server, options: DirectLineOptions): DirectLine {
  const { logger } = options;
  let secret = options.secret;
  if (!secret) {
    secret = randomBytes(32).toString('base64url');
    logger.warn(
      'DIRECTLINE_SECRET is not set: web-chat tokens are signed with a random per-process key, so they stop working after a restart and on other instances (pages then start a new conversation); set DIRECTLINE_SECRET in production',
    );
  }
  const signer = new TokenSigner(secret, options.tokenTtlSeconds);
  const limits = { ...DEFAULT_WEB_CHAT_LIMITS, ...options.limits };
  const transcripts = new TranscriptStore(
    options.redis,
    options.prefix,
    options.transcriptTtlSeconds * 1000,
    limits.activitiesPerConversation,
  );
  // Per process and never stored: it only ever travels to this instance's own connector, so a
  // key that somehow leaked would open no other instance and die with this one.
  const connectorKey = randomBytes(32).toString('base64url');
  const adapter = createDirectLineAdapter(connectorKey);
  const botAccount = options.botAccount ?? { id: 'support-desk', name: 'Support desk', role: 'bot' };
  const serviceUrl = () => `${options.serviceBaseUrl ?? loopbackUrl(server)}${CONNECTOR_PATH}`;
  const streamOrigin = () => (options.publicUrl ?? loopbackUrl(server)).replace(/^http/, 'ws');
  const ledger = new TokenLedger(options.redis, options.prefix);

  const stream = new ActivityStream({
    redis: options.redis,
    transcripts,
    signer,
    ledger,
    logger,
    socketsPerConversation: limits.socketsPerConversation,
  });
  const feed = new PageFeed(transcripts, stream, logger);
  const links = options.files && new AttachmentLinks(secret, options.files.linkTtlSeconds);
  registerConnectorRoutes(server, { transcripts, feed, connectorKey, logger });
  registerDirectLineRoutes(server, {
    bot: options.bot,
    adapter,
    transcripts,
    feed,
    signer,
    ledger,
    redis: options.redis,
    prefix: options.prefix,
    logger,
    botAccount,
    serviceUrl,
    streamOrigin,
    tokensPerMinute: options.tokensPerMinute,
    activitiesPerMinute: options.activitiesPerMinute,
    clientOf: options.clientOf ?? clientAddressResolver([]),
    limits,
    files: links && options.files && { store: options.files.store, links },
  });
  server.server.on('upgrade', stream.handleUpgrade);

  return {
    adapter,
    connectorUrl: serviceUrl,
    replyFileLink: (attachmentId, ticketId) =>
      links
        ? `${options.publicUrl ?? loopbackUrl(server)}${links.replyFileLink(attachmentId, ticketId, Date.now(), options.transcriptTtlSeconds)}`
        : null,
    openStreams: () => stream.openStreams(),
    async close() {
      server.server.off('upgrade', stream.handleUpgrade);
      await stream.close();
    },
  };
}

function loopbackUrl(server: Server): string {
  const address = server.address() as AddressInfo | null;
  if (!address) throw new Error('the server is not listening yet: the web channel needs its port to reach its connector');
  return `http://127.0.0.1:${address.port}`;
}
