import { randomBytes } from 'crypto';
import type { Request, RequestHandler, Response, Server } from 'restify';
import type { Activity, ChannelAccount, CloudAdapter, TurnContext } from 'botbuilder';
import { HttpError, route } from '../../common/http';
import type { Logger } from '../../common/logger';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { ClientRequest } from '../../common/clientAddress';
import { rateLimit } from '../../common/rateLimit';
import { TokenError, type DirectLineClaims, type TokenSigner } from './tokens';
import type { TokenLedger } from './tokenLedger';
import { unlessStoreDown, type RedisClient } from '../../common/redisConnection';
import type { PageFeed } from './pageFeed';
import { parseWatermark, TranscriptFullError, type TranscriptStore } from './transcript';
import { CHANNEL_ID, DIRECTLINE_PATH } from './names';
import type { AttachmentStore } from '../../ticketing';
import { agentScope, readUpload, sendFile } from '../../ticketing';
import { ATTACHMENT_LINK_PATH, AttachmentLinks } from './attachmentLinks';

export interface DirectLineRouteDeps {
  bot: { run(context: TurnContext): Promise<void> };
  adapter: CloudAdapter;
  transcripts: TranscriptStore;
  /** Where activities for the page go (the transcript, or the sockets during a Redis outage). */
  feed: PageFeed;
  signer: TokenSigner;
  ledger: TokenLedger;
  redis: RedisClient;
  prefix: string;
  logger: Logger;
  /** The bot's account in every conversation. */
  botAccount: ChannelAccount;
  /** Base URL of the local connector, as the bot's replies must reach it. */
  serviceUrl: () => string;
  /** ws:// or wss:// origin of stream URLs: from PUBLIC_URL, never from the request's Host. */
  streamOrigin: () => string;
  /** New tokens per client address and minute. */
  tokensPerMinute: number;
  /** Activities posted per client address and minute. */
  activitiesPerMinute: number;
  /** The client's address for the per-client limits. */
  clientOf: (req: ClientRequest) => string;
  limits: WebChatLimits;
  /** Where the customers' files go (Web Chat's upload button), and their download links. */
  files?: { store: AttachmentStore; links: AttachmentLinks };
}

/** The files of a web-chat conversation are that conversation's: this names them in the store. */
export function chatScope(conversationId: string): string {
  return `dl:${conversationId}`;
}

/** Multipart overhead allowed on top of a message's files. */
const FORM_OVERHEAD = 64 * 1024;

/** What one client can make the service keep. */
export interface WebChatLimits {
  /** Largest customer activity stored, as JSON (a 20,000-character message fits). */
  activityBytes: number;
  /** Bytes of activities one client may have stored per hour, across its conversations. */
  bytesPerClientHour: number;
  /** Activities one conversation's transcript holds; then it is full (the page starts a new one). */
  activitiesPerConversation: number;
  /** WebSockets open on one conversation at one instance (each new activity is read once per socket). */
  socketsPerConversation: number;
}

export const DEFAULT_WEB_CHAT_LIMITS: WebChatLimits = {
  activityBytes: 48 * 1024,
  bytesPerClientHour: 1024 * 1024,
  activitiesPerConversation: 1_000,
  socketsPerConversation: 5,
};

/**
 * The Direct Line 3.0 REST surface Web Chat and directlinejs use: tokens, start and resume a
 * conversation, post an activity, read activities from a watermark. Every conversation route
 * needs a token for that very conversation; a missing, forged, foreign or expired one is a 403,
 * which directlinejs treats as "token expired" (it then stops or asks for a new one).
 */
export function registerDirectLineRoutes(server: Server, deps: DirectLineRouteDeps): void {
  const { transcripts, logger } = deps;
  const limitTokens = perMinute(deps, 'directline-tokens', deps.tokensPerMinute);
  const limitActivities = perMinute(deps, 'directline-activities', deps.activitiesPerMinute);
  const storedBytes = new RateLimiterRedis({
    storeClient: deps.redis,
    keyPrefix: `${deps.prefix}ratelimit:directline-bytes`,
    points: deps.limits.bytesPerClientHour,
    duration: 3600,
  });

  // The chat page has no secret: anyone may ask for a token, at a limited rate per client.
  server.post(
    `${DIRECTLINE_PATH}/tokens/generate`,
    limitTokens,
    route(logger, async (_req, res) => {
      const conversationId = randomId();
      const { token, expiresIn } = await issue(deps, conversationId, `dl_${randomId()}`);
      res.json({ conversationId, token, expires_in: expiresIn });
    }),
  );

  server.post(
    `${DIRECTLINE_PATH}/tokens/refresh`,
    route(logger, async (req, res) => {
      const claims = await authorize(req, deps);
      const [{ token, expiresIn }, recentWatermark] = await Promise.all([
        issue(deps, claims.conv, claims.user),
        transcripts.recentWatermark(claims.conv),
      ]);
      // recentWatermark (ours, beside Direct Line's fields): a reloaded page reads the last
      // activities from there, and older ones when asked (GET activities?watermark=).
      res.json({ conversationId: claims.conv, token, expires_in: expiresIn, recentWatermark });
    }),
  );

  server.post(
    `${DIRECTLINE_PATH}/conversations`,
    route(logger, async (req, res) => {
      const claims = await authorize(req, deps);
      const created = await start(deps, claims, localeOf(req.body));
      res.status(created ? 201 : 200);
      // The token the client already has, with the life it has left.
      res.json(conversationBody(req, deps, claims.conv, bearer(req), claims.exp - Math.floor(Date.now() / 1000)));
    }),
  );

  // Resuming (a page reload, or a broken WebSocket): a fresh token and stream address.
  server.get(
    `${DIRECTLINE_PATH}/conversations/:conversationId`,
    route(logger, async (req, res) => {
      const claims = await authorizeConversation(req, deps);
      const { token, expiresIn } = await issue(deps, claims.conv, claims.user);
      res.json(conversationBody(req, deps, claims.conv, token, expiresIn));
    }),
  );

  server.get(
    `${DIRECTLINE_PATH}/conversations/:conversationId/activities`,
    route(logger, async (req, res) => {
      const claims = await authorizeConversation(req, deps);
      res.json(await transcripts.since(claims.conv, watermarkOf(req)));
    }),
  );

  const post = async (req: Request, claims: DirectLineClaims, body: unknown, files?: Partial<Activity>): Promise<string> => {
    const record = await unlessStoreDown(transcripts.get(claims.conv), null);
    const activity = { ...inbound(body, claims, deps, record?.locale), ...files };
    const bytes = Buffer.byteLength(JSON.stringify(activity));
    if (bytes > deps.limits.activityBytes) {
      throw new HttpError(
        413,
        'activity_too_large',
        `the activity is ${bytes} bytes as JSON; at most ${deps.limits.activityBytes} are kept`,
      );
    }
    await spend(storedBytes, deps.clientOf(req), bytes, deps.limits.bytesPerClientHour);
    // Stored first, so the customer's own message is echoed (with its clientActivityID) even if the bot fails.
    activity.id = await appendOrRefuse(deps.feed, claims.conv, activity);
    await deliver(deps, activity as Activity);
    return activity.id;
  };

  server.post(
    `${DIRECTLINE_PATH}/conversations/:conversationId/activities`,
    limitActivities,
    route(logger, async (req, res) => {
      const claims = await authorizeConversation(req, deps);
      res.json({ id: await post(req, claims, req.body) });
    }),
  );

  if (deps.files) registerFileRoutes(server, deps, deps.files, limitActivities, post);
}

function registerFileRoutes(
  server: Server,
  deps: DirectLineRouteDeps,
  { store, links }: { store: AttachmentStore; links: AttachmentLinks },
  limitActivities: RequestHandler,
  post: (req: Request, claims: DirectLineClaims, body: unknown, files?: Partial<Activity>) => Promise<string>,
): void {
  const { logger } = deps;
  // Web Chat's upload button: the files and the activity they came with, as multipart/form-data.
  // Each file is checked by its content; the refused ones are named to the bot (channelData.refusedFiles),
  // which tells the customer, and the rest of the message goes on.
  server.post(
    `${DIRECTLINE_PATH}/conversations/:conversationId/upload`,
    limitActivities,
    route(logger, async (req, res) => {
      const claims = await authorizeConversation(req, deps);
      const upload = await readUpload(req, store.limits.messageBytes + FORM_OVERHEAD);
      const body = activityPart(upload.fields.get('activity'));
      const files = await store.accept(upload.files, chatScope(claims.conv), new Date());
      const origin = deps.streamOrigin().replace(/^ws/, 'http');
      const channelData = { ...(isObject(body.channelData) ? body.channelData : {}), refusedFiles: files.refused };
      const attachments = files.attachments.map((a) => ({
        contentType: a.type.split(';')[0]!,
        name: a.name,
        contentUrl: `${origin}${links.link(a.id, claims.conv, Date.now())}`,
      }));
      res.json({ id: await post(req, claims, body, { attachments, channelData } as Partial<Activity>) });
    }),
  );

  // A file's download link, as Web Chat shows it (signed for the conversation, for a while).
  server.get(
    `${ATTACHMENT_LINK_PATH}/:attachmentId`,
    route(logger, async (req, res) => {
      const id = String(req.params.attachmentId);
      const checked = links.check(id, (req.query ?? {}) as Record<string, unknown>, Date.now());
      if ('refused' in checked) throw new HttpError(403, 'link_refused', checked.refused);
      await sendScopedFile(res, store, id, 'ticketId' in checked ? agentScope(checked.ticketId) : chatScope(checked.conversationId));
    }),
  );

  // The same file with the conversation's token, as directlinejs clients fetch it.
  server.get(
    `${DIRECTLINE_PATH}/conversations/:conversationId/attachments/:attachmentId`,
    route(logger, async (req, res) => {
      const claims = await authorizeConversation(req, deps);
      await sendScopedFile(res, store, String(req.params.attachmentId), chatScope(claims.conv));
    }),
  );
}

/** Sends a file of this scope (a conversation's, or a ticket's agent files); any other is as absent as one that never was. */
async function sendScopedFile(res: Response, store: AttachmentStore, attachmentId: string, scope: string): Promise<void> {
  const file = await store.open(attachmentId);
  if (!file || file.attachment.scope !== scope) throw new HttpError(404, 'not_found', 'no such file in this conversation');
  sendFile(res, file.attachment, file.data);
}

/** The activity part of an upload (JSON), or a bare message when the client sent none. */
function activityPart(json: string | undefined): Record<string, unknown> {
  if (json === undefined) return { type: 'message' };
  try {
    const parsed = JSON.parse(json) as unknown;
    if (isObject(parsed)) return parsed;
  } catch {
    // named below
  }
  throw new HttpError(400, 'invalid_activity', 'the "activity" part of the upload must be a JSON object');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A per-client limit shared by all instances. */
function perMinute(deps: DirectLineRouteDeps, name: string, limit: number) {
  return rateLimit({ redis: deps.redis, prefix: deps.prefix, limit, windowSeconds: 60, name, clientOf: deps.clientOf });
}

/** Takes `bytes` from the client's hourly budget; a 429 when it is spent (passes while Redis is unreachable). */
async function spend(budget: RateLimiterRedis, client: string, bytes: number, perHour: number): Promise<void> {
  try {
    await budget.consume(client, bytes);
  } catch (refused) {
    if (!(refused instanceof RateLimiterRes)) return;
    throw new HttpError(
      429,
      'rate_limited',
      `too much stored from this client: at most ${perHour} bytes of messages an hour, try again later`,
    );
  }
}

/** Appends to the page's feed; a full transcript is the client's to know (409), not a failure. */
export async function appendOrRefuse(feed: PageFeed, conversationId: string, activity: Partial<Activity>): Promise<string> {
  try {
    return await feed.append(conversationId, activity);
  } catch (err) {
    if (err instanceof TranscriptFullError) throw new HttpError(409, 'conversation_full', err.message);
    throw err;
  }
}

/** A new token for the conversation; it replaces every earlier one. */
async function issue(deps: DirectLineRouteDeps, conversationId: string, userId: string): Promise<{ token: string; expiresIn: number }> {
  const now = Date.now();
  const issued = deps.signer.issue(conversationId, userId, now);
  await deps.ledger.issued(issued.claims, now);
  return issued;
}

/** The token of the request, checked (signature, life, not replaced); a TokenError or a missing header becomes an HTTP error. */
async function authorize(req: Request, deps: DirectLineRouteDeps): Promise<DirectLineClaims> {
  const token = bearer(req);
  try {
    const claims = deps.signer.verify(token, Date.now());
    await deps.ledger.check(claims);
    return claims;
  } catch (err) {
    if (err instanceof TokenError) throw new HttpError(403, `token_${err.reason}`, err.message);
    throw err;
  }
}

async function authorizeConversation(req: Request, deps: DirectLineRouteDeps): Promise<DirectLineClaims> {
  const claims = await authorize(req, deps);
  const conversationId = String(req.params.conversationId);
  if (claims.conv !== conversationId) throw new HttpError(403, 'token_wrong_conversation', 'the token was issued for another conversation');
  // A client may go straight to the conversation its token names (as with Azure's Direct Line).
  await start(deps, claims, undefined);
  return claims;
}

/** Starts the token's conversation unless it exists; true when this call started it. */
async function start(deps: DirectLineRouteDeps, claims: DirectLineClaims, locale: string | undefined): Promise<boolean> {
  // While Redis is unreachable nothing can be created; the page still chats (see PageFeed), and
  // the conversation is created, with its greeting, at its first request once Redis is back.
  const created = await unlessStoreDown(
    deps.transcripts.create(claims.conv, { userId: claims.user, locale, createdAt: new Date().toISOString() }),
    false,
  );
  if (created) await greet(deps, claims, locale);
  return created;
}

function bearer(req: Request): string {
  const header = req.header('authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) throw new HttpError(401, 'token_missing', 'send the Direct Line token as "Authorization: Bearer <token>"');
  return token;
}

function watermarkOf(req: Request): string | undefined {
  const value = (req.query as Record<string, unknown> | undefined)?.watermark;
  if (value === undefined) return undefined;
  try {
    parseWatermark(String(value));
  } catch (err) {
    throw new HttpError(400, 'invalid_watermark', (err as Error).message);
  }
  return String(value);
}

function conversationBody(req: Request, deps: DirectLineRouteDeps, conversationId: string, token: string, expiresIn: number) {
  const watermark = watermarkOf(req) ?? '';
  const streamUrl = `${deps.streamOrigin()}${DIRECTLINE_PATH}/conversations/${conversationId}/stream?watermark=${watermark}&t=${encodeURIComponent(token)}`;
  return { conversationId, token, expires_in: expiresIn, streamUrl };
}

/**
 * The customer's activity as the bot must see it: the channel, conversation, sender and
 * recipient are this service's to say, never the client's (a client cannot speak as the bot or
 * as another user). The rest, channelData.clientActivityID included, is kept for the echo.
 */
function inbound(body: unknown, claims: DirectLineClaims, deps: DirectLineRouteDeps, locale: string | undefined): Partial<Activity> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_activity', 'the activity must be a JSON object (Content-Type: application/json)');
  }
  const given = body as Partial<Activity>;
  if (typeof given.type !== 'string' || !given.type)
    throw new HttpError(400, 'invalid_activity', 'type: the activity needs a "type", e.g. "message"');
  if (given.text !== undefined && typeof given.text !== 'string') throw new HttpError(400, 'invalid_activity', 'text: must be a string');
  const name = typeof given.from?.name === 'string' ? given.from.name : undefined;
  // Which files were refused is this service's to say (the upload route sets it), never the client's.
  const { refusedFiles: _forged, ...channelData } = isObject(given.channelData) ? given.channelData : {};
  return {
    ...given,
    ...(given.channelData === undefined ? {} : { channelData }),
    channelId: CHANNEL_ID,
    serviceUrl: deps.serviceUrl(),
    conversation: { id: claims.conv } as Activity['conversation'],
    from: { id: claims.user, name: name ?? '', role: 'user' },
    recipient: deps.botAccount,
    timestamp: new Date(),
    locale: typeof given.locale === 'string' ? given.locale : locale,
  };
}

/** A new conversation is announced to the bot as Direct Line does: the user joined. */
async function greet(deps: DirectLineRouteDeps, claims: DirectLineClaims, locale: string | undefined): Promise<void> {
  const update: Partial<Activity> = {
    type: 'conversationUpdate',
    id: `${claims.conv}|start`,
    channelId: CHANNEL_ID,
    serviceUrl: deps.serviceUrl(),
    conversation: { id: claims.conv } as Activity['conversation'],
    from: { id: claims.user, name: '', role: 'user' },
    recipient: deps.botAccount,
    membersAdded: [deps.botAccount, { id: claims.user, name: '' }],
    timestamp: new Date(),
    locale,
  };
  await deliver(deps, update as Activity);
}

/** Runs the bot's turn in-process. A failing turn is logged: the customer's message is already stored. */
async function deliver(deps: DirectLineRouteDeps, activity: Activity): Promise<void> {
  try {
    await deps.adapter.processActivityDirect('', activity, (context) => deps.bot.run(context));
  } catch (err) {
    deps.logger.error({ err, conversationId: activity.conversation.id, type: activity.type }, 'web-chat bot turn failed');
  }
}

function localeOf(body: unknown): string | undefined {
  const locale = (body as { locale?: unknown } | undefined)?.locale;
  return typeof locale === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale) ? locale : undefined;
}

function randomId(): string {
  return randomBytes(16).toString('base64url');
}
