import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from '../../common/logger';
import { DEFAULT_TIME_ZONE, type AttemptOutcome, type OutboundChannel, type TicketMessage } from '../../ticketing';
import { customerNotice } from './ticketNotices';
import { localeFromTag, t, type Locale } from '../i18n';
import type { AwaitingReplies } from './awaitingReplies';
import { personScope } from '../channels';
import { satisfactionCard } from '../cards/satisfactionCard';
import { supportsAdaptiveCards } from '../cards/ticketSummaryCard';

/** How a stored conversation is reached: its channel's adapter and the reference to send with. */
export interface ChannelRoute {
  adapter: CloudAdapter;
  reference: Partial<ConversationReference>;
}

export interface ReplyDeliveryOptions {
  /**
   * The adapter that reaches a conversation's channel (Bot Framework, or the local Direct Line)
   * and the reference to use; throws when the reference leads nowhere this desk may send to.
   */
  routeFor(reference: Partial<ConversationReference>): ChannelRoute;
  /** The bot's MicrosoftAppId ('' when authentication is off). */
  appId: string;
  awaiting: AwaitingReplies;
  /** Where a delivered resolve notice remembers that the requester was asked to rate the ticket. */
  ratings: AwaitingReplies;
  logger: Logger;
  /** A link the customer opens a file an agent attached with (null: the file is only named). */
  fileLink?: (attachmentId: string, ticketId: string) => string | null;
  /** The organisation's time zone, for deadlines in notices. */
  timeZoneOf?: (orgId: string) => Promise<string>;
  clock?: () => Date;
}

export interface ReplyDelivery {
  /** The customer's chat as a delivery channel of the ticket's outbound messages (replies, notices). */
  chat: OutboundChannel;
  /** Sends one message into a stored conversation (the agents' channel); false when it could not be delivered. */
  send(reference: Partial<ConversationReference> | undefined, text: (locale: Locale) => string): Promise<boolean>;
}

/**
 * Proactive messages into customers' chats through the conversation reference stored with the
 * ticket (continueConversationAsync), for Teams and the web chat alike. Each attempt says how it
 * ended, in words an agent understands, and whether trying again could help; the ticketing
 * deliveries decide on retries and the fallback to e-mail. After an agent's reply arrives, the
 * conversation's next message is taken as the customer's answer to that ticket.
 */
export function createReplyDelivery(options: ReplyDeliveryOptions): ReplyDelivery {
  const { routeFor, appId, awaiting, ratings, logger } = options;
  const timeZoneOf = options.timeZoneOf ?? (async () => DEFAULT_TIME_ZONE);
  const clock = options.clock ?? (() => new Date());

  async function attempt(
    stored: Partial<ConversationReference> | undefined,
    text: (locale: Locale) => string | Partial<Activity>,
  ): Promise<AttemptOutcome> {
    if (!stored?.conversation?.id || !stored.serviceUrl)
      return { ok: false, permanent: true, reason: 'the ticket has no chat to answer in' };
    const locale = localeFromTag(stored.locale) ?? 'pl';
    let route: ChannelRoute;
    try {
      route = routeFor(stored);
    } catch (err) {
      return { ok: false, permanent: true, reason: (err as Error).message };
    }
    const { adapter, reference } = route;
    // The adapter hands an error thrown inside the turn to its onTurnError, which logs it and
    // carries on: the failure is kept here, so a send that never arrived is never "delivered".
    let failure: unknown = null;
    try {
      await adapter.continueConversationAsync(appId, reference, async (context: TurnContext) => {
        // botbuilder makes the message reply to its own continuation event, an id the chat never
        // saw, and Web Chat holds such a message back waiting for it: reply to the stored message.
        context.onSendActivities(async (_context, activities, next) => {
          for (const activity of activities) activity.replyToId = reference.activityId;
          return next();
        });
        try {
          await context.sendActivity(text(locale));
        } catch (err) {
          failure = err;
        }
      });
    } catch (err) {
      failure = err;
    }
    if (!failure) return { ok: true };
    logger.warn({ err: failure, channel: stored.channelId, conversationId: stored.conversation.id }, 'proactive message not delivered');
    return chatFailure(failure, stored.serviceUrl);
  }

  /** The agent's files as a list of links (Web Chat and Teams both render markdown links). */
  function filesOf(message: TicketMessage, ticketId: string, locale: Locale): string[] {
    const files = message.attachments ?? [];
    if (files.length === 0) return [];
    const lines = files.map((f) => {
      const link = options.fileLink?.(f.id, ticketId);
      return link ? `- [${markdownText(f.name)}](${link})` : `- ${markdownText(f.name)}`;
    });
    return [`${t(locale, 'reply.files')}\n${lines.join('\n')}`];
  }

  return {
    async send(reference, text) {
      return (await attempt(reference, text)).ok;
    },
    chat: {
      async send(ticket, message) {
        const reference = ticket.conversation as Partial<ConversationReference> | undefined;
        const timeZone = message.notice ? await timeZoneOf(ticket.orgId) : DEFAULT_TIME_ZONE;
        const now = clock();
        // A resolve asks the requester how they rate the help, once per ticket (docs/sla.md, "Reports").
        const asksRating = message.notice?.kind === 'resolved' && !ticket.satisfaction;
        const outcome = await attempt(reference, (locale) => {
          if (!message.notice)
            return message.author === DESK
              ? message.text
              : [
                  t(locale, 'reply.fromAgent', { id: ticket.id }),
                  withoutImages(message.text),
                  ...filesOf(message, ticket.id, locale),
                  t(locale, 'reply.answerHere'),
                ].join('\n\n');
          const notice = customerNotice(ticket, message.notice, locale, timeZone, now);
          if (!asksRating) return notice;
          if (supportsAdaptiveCards(reference?.channelId ?? ''))
            return { type: 'message', text: notice, attachments: [satisfactionCard(ticket.id, locale)] };
          return [notice, t(locale, 'satisfaction.question', { id: ticket.id }), t(locale, 'satisfaction.typed')].join('\n\n');
        });
        if (outcome.ok && (!message.notice || asksRating)) {
          const scope = personScope(reference!.channelId!, reference!.conversation!.id!, reference!.user?.id ?? '');
          try {
            await (asksRating ? ratings : awaiting).set(scope, ticket.id);
          } catch (err) {
            logger.error({ err, ticketId: ticket.id }, 'could not remember which ticket the chat answers');
          }
        }
        return outcome;
      },
    },
  };
}

/** The author of the desk's own messages (the automatic lowering's notice is written in full). */
const DESK = 'desk';

interface ConnectorError {
  code?: string;
  statusCode?: number;
  cause?: { code?: string };
  message?: string;
}

/**
 * Why a chat did not take a message, for the agent, and whether trying again could help: a host
 * that does not exist, a conversation the channel no longer knows, or a bot removed from it
 * will not come back; a refused connection, a timeout or a busy service may.
 */
export function chatFailure(err: unknown, serviceUrl: string): AttemptOutcome {
  const e = (err ?? {}) as ConnectorError;
  const host = URL.canParse(serviceUrl) ? new URL(serviceUrl).host : serviceUrl;
  const code = e.code ?? e.cause?.code ?? /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT)\b/.exec(e.message ?? '')?.[1];
  if (code === 'ENOTFOUND')
    return { ok: false, permanent: true, reason: `the chat service ${host} does not exist (its name does not resolve)` };
  if (code === 'EAI_AGAIN') return { ok: false, permanent: false, reason: `the chat service ${host} could not be looked up (DNS)` };
  if (code === 'ECONNREFUSED') return { ok: false, permanent: false, reason: `the chat service ${host} refused the connection` };
  if (code === 'ECONNRESET' || code === 'ETIMEDOUT')
    return { ok: false, permanent: false, reason: `the chat service ${host} did not answer` };
  const status = e.statusCode;
  if (status === 401 || status === 403)
    return {
      ok: false,
      permanent: true,
      reason: `the chat service ${host} refused the bot (HTTP ${status}): it may have been removed from the chat`,
    };
  if (status === 404)
    return { ok: false, permanent: true, reason: `the chat service ${host} no longer knows this conversation (HTTP 404)` };
  if (status) return { ok: false, permanent: false, reason: `the chat service ${host} answered HTTP ${status}` };
  return { ok: false, permanent: false, reason: `the chat service ${host} failed: ${e.message ?? String(err)}` };
}

/**
 * An agent's text with markdown image syntax made literal ("![x](url)" shows as typed): the
 * customer's chat would otherwise fetch the picture from wherever it points (a tracking pixel).
 * Links stay links: a person decides to follow them.
 */
export function withoutImages(text: string): string {
  return text.replace(/!\[/g, '!\\[');
}

/** A file name shown as it is: markdown's own characters taken literally. */
function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]()<>#!|]/g, (c) => `\\${c}`);
}
