import { timingSafeEqual } from 'crypto';
import type { Request, Response, Server } from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { HttpError, route } from '../../common/http';
import type { Logger } from '../../common/logger';
import { unlessStoreDown } from '../../common/redisConnection';
import type { PageFeed } from './pageFeed';
import { appendOrRefuse } from './routes';
import type { TranscriptStore } from './transcript';
import { SharedClientsAuthentication } from '../sharedClients';

/** Where the bot's connector client posts: `${base}/v3/conversations/:id/activities[/:replyToId]`. */
export const CONNECTOR_PATH = '/directline/connector';

type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;

/**
 * A CloudAdapter for the local web channel. Nothing from Azure is involved: inbound requests
 * are already authenticated by their Direct Line token, so Bot Framework authentication is off,
 * and every outbound call (replies, proactive messages) carries `connectorKey`, which the local
 * connector routes require. The key is this process's own: a web-chat reply always goes to the
 * instance's own connector (the reference's serviceUrl is replaced with it).
 */
export function createDirectLineAdapter(connectorKey: string): CloudAdapter {
  const credentials = {
    async signRequest<T extends { headers: { set(name: string, value: string): void } }>(request: T): Promise<T> {
      request.headers.set('authorization', `Bearer ${connectorKey}`);
      return request;
    },
  };
  const factory: CredentialsFactory = {
    isValidAppId: async () => true,
    isAuthenticationDisabled: async () => true,
    createCredentials: async () => credentials,
  };
  return new CloudAdapter(new SharedClientsAuthentication({}, factory));
}

/**
 * The Bot Connector API subset the bot uses to talk back (send to a conversation, reply to an
 * activity). What arrives is appended to the conversation's transcript, where the customer's
 * page picks it up.
 */
export function registerConnectorRoutes(
  server: Server,
  deps: { transcripts: TranscriptStore; feed: PageFeed; connectorKey: string; logger: Logger },
): void {
  const { transcripts, feed, connectorKey, logger } = deps;
  const expected = Buffer.from(`Bearer ${connectorKey}`);

  const post = route(logger, async (req: Request, res: Response) => {
    const given = Buffer.from(req.header('authorization') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpError(401, 'unauthorized', "the connector accepts only this service's own bot");
    }
    const conversationId = String(req.params.conversationId);
    // During a Redis outage the conversation cannot be looked up; the key already proves the caller is our bot.
    const known = await unlessStoreDown(
      transcripts.get(conversationId).then((record) => record !== null),
      true,
    );
    if (!known) throw new HttpError(404, 'conversation_not_found', `no web-chat conversation ${conversationId}`);
    const body = req.body as Partial<Activity> | undefined;
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') {
      throw new HttpError(400, 'invalid_activity', 'the activity must be a JSON object with a "type"');
    }
    const activity: Partial<Activity> = {
      ...body,
      channelId: 'directline',
      conversation: { ...(body.conversation ?? {}), id: conversationId } as Activity['conversation'],
      from: { ...(body.from ?? { id: 'bot', name: 'bot' }), role: 'bot' },
      timestamp: new Date(),
    };
    if (req.params.replyToId) activity.replyToId = String(req.params.replyToId);
    const id = await appendOrRefuse(feed, conversationId, activity);
    res.status(200);
    res.json({ id });
  });

  server.post(`${CONNECTOR_PATH}/v3/conversations/:conversationId/activities`, post);
  server.post(`${CONNECTOR_PATH}/v3/conversations/:conversationId/activities/:replyToId`, post);
}
