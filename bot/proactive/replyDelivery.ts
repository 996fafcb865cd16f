import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from '../../common/logger';
import { DEFAULT_TIME_ZONE, type HistoryEntry, type SlaEventKind, type Ticket, type TicketMessage } from '../../ticketing';
import { customerNotice } from './ticketNotices';
import { localeFromTag, t, type Locale } from '../i18n';
import type { AwaitingReplies } from './awaitingReplies';
import { personScope } from '../channels';

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
  logger: Logger;
  /** The organisation's time zone, for deadlines in notices. */
  timeZoneOf?: (orgId: string) => Promise<string>;
  clock?: () => Date;
}

export interface ReplyDelivery {
  /** TicketEvents.onAgentReply: the customer reads the agent's reply in the chat the ticket came from. */
  onAgentReply(ticket: Ticket, message: TicketMessage): Promise<void>;
  /** TicketEvents.onChanged: the customer hears that their ticket was resolved, closed, reopened or regraded. */
  onChanged(ticket: Ticket, change: readonly HistoryEntry[]): Promise<void>;
  /** A missed first-response deadline: the customer hears that the request is escalated. */
  slaNotice(ticket: Ticket, kind: SlaEventKind): Promise<void>;
  /** Sends one message into a stored conversation; false when it could not be delivered. */
  send(reference: Partial<ConversationReference> | undefined, text: (locale: Locale) => string): Promise<boolean>;
}

/**
 * Proactive messages into customers' chats through the conversation reference stored with the
 * ticket (continueConversationAsync), for Teams and the web chat alike. After an agent's reply,
 * the conversation's next message is taken as the customer's answer to that ticket.
 * Nothing here throws: a failed delivery is logged (the ticket itself is already saved).
 */
export function createReplyDelivery(options: ReplyDeliveryOptions): ReplyDelivery {
  const { routeFor, appId, awaiting, logger } = options;
  const timeZoneOf = options.timeZoneOf ?? (async () => DEFAULT_TIME_ZONE);
  const clock = options.clock ?? (() => new Date());

  async function send(stored: Partial<ConversationReference> | undefined, text: (locale: Locale) => string): Promise<boolean> {
    if (!stored?.conversation?.id || !stored.serviceUrl) return false;
    const locale = localeFromTag(stored.locale) ?? 'pl';
    try {
      const { adapter, reference } = routeFor(stored);
      // The adapter hands an error thrown inside the turn to its onTurnError, which logs it and
      // carries on: the failure is kept here, so a send that never arrived is never "delivered".
      let failure: unknown = null;
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
      if (failure) throw failure;
      return true;
    } catch (err) {
      logger.error({ err, channel: stored.channelId, conversationId: stored.conversation.id }, 'proactive message not delivered');
      return false;
    }
  }

  return {
    send,
    async onAgentReply(ticket, message) {
      const reference = ticket.conversation as Partial<ConversationReference> | undefined;
      const waiting = ticket.status === 'waiting_on_customer';
      const delivered = await send(reference, (locale) =>
        [t(locale, 'reply.fromAgent', { id: ticket.id }), withoutImages(message.text), t(locale, 'reply.answerHere')].join('\n\n'),
      );
      if (!delivered) {
        logger.warn({ ticketId: ticket.id, hasConversation: !!reference }, 'agent reply not delivered in chat');
        return;
      }
      try {
        await awaiting.set(personScope(reference!.channelId!, reference!.conversation!.id!, reference!.user?.id ?? ''), ticket.id);
      } catch (err) {
        logger.error({ err, ticketId: ticket.id }, 'could not remember which ticket the chat answers');
      }
      logger.info({ ticketId: ticket.id, channel: reference!.channelId, waiting }, 'agent reply delivered in chat');
    },
    async onChanged(ticket, change) {
      const reference = ticket.conversation as Partial<ConversationReference> | undefined;
      const timeZone = await timeZoneOf(ticket.orgId);
      const now = clock();
      // Rendered before sending, so a change with nothing to tell sends nothing.
      const texts = new Map((['pl', 'en'] as const).map((locale) => [locale, customerNotice(ticket, change, locale, timeZone, now)]));
      if (!texts.get('pl')) return;
      const delivered = await send(reference, (locale) => texts.get(locale) ?? texts.get('pl')!);
      logger.info({ ticketId: ticket.id, delivered }, 'ticket change notice for the customer');
    },
    async slaNotice(ticket, kind) {
      if (kind !== 'breach') return;
      const delivered = await send(ticket.conversation as Partial<ConversationReference> | undefined, (locale) =>
        t(locale, 'reply.slaBreach', { id: ticket.id }),
      );
      if (delivered) logger.info({ ticketId: ticket.id }, 'SLA breach notice delivered in chat');
    },
  };
}

/**
 * An agent's text with markdown image syntax made literal ("![x](url)" shows as typed): the
 * customer's chat would otherwise fetch the picture from wherever it points (a tracking pixel).
 * Links stay links: a person decides to follow them.
 */
export function withoutImages(text: string): string {
  return text.replace(/!\[/g, '!\\[');
}
