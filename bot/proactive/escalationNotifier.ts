import { readFileSync } from 'fs';
import type { ConversationReference } from 'botbuilder';
import type { Logger } from '../../common/logger';
import { escalationSummary, type EscalationEvent, type EscalationNotifier } from '../../ticketing';
import { t, type MessageKey } from '../i18n';
import type { ReplyDelivery } from './replyDelivery';

/**
 * Reads the agents' Teams channel reference saved by an operator (the bot logs it when it is
 * added to a team; see README). A missing or unreadable file is a clear start-up error.
 */
export function loadConversationReference(file: string): Partial<ConversationReference> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`AGENTS_CONVERSATION_REFERENCE_FILE ${file}: ${(err as Error).message}`);
  }
  const reference = parsed as Partial<ConversationReference> | null;
  if (!reference?.conversation?.id || !reference.serviceUrl) {
    throw new Error(`AGENTS_CONVERSATION_REFERENCE_FILE ${file}: a conversation reference needs conversation.id and serviceUrl`);
  }
  return reference;
}

/**
 * SLA escalations in chat: warnings and breaches are posted to the agents' Teams channel (when
 * one is configured). The customer's apology for a missed first response is a notice of the
 * ticket, delivered like any message of it. Add it to the SLA timers' RoutedNotifier as 'teams';
 * it never throws.
 */
export function createEscalationNotifier(options: {
  delivery: ReplyDelivery;
  agentsChannel: Partial<ConversationReference> | null;
  logger: Logger;
}): EscalationNotifier {
  const { delivery, agentsChannel, logger } = options;
  return {
    async notify({ kind, goal, ticket }: EscalationEvent): Promise<void> {
      if (agentsChannel) {
        const key: MessageKey = goal && goal !== 'first_response' ? `agents.${kind}.${goal}` : `agents.${kind}`;
        const posted = await delivery.send(agentsChannel, (locale) =>
          t(locale, key, {
            id: ticket.id,
            grade: ticket.grade,
            title: ticket.title,
            due: escalationSummary({ kind, goal, ticket }).dueAt ?? '-',
          }),
        );
        if (!posted) logger.warn({ ticketId: ticket.id, kind }, 'SLA escalation not posted to the agents channel');
      }
    },
  };
}
