import type { TurnContext } from 'botbuilder';
import { LIMITS } from '../ticketing';
import type { BotRunner } from './adapter';
import { localeFromTag, t } from './i18n';

/** The longest message any step can use: a ticket's description or a message added to it. */
export const MAX_MESSAGE_LENGTH = Math.max(LIMITS.description, LIMITS.message);

/**
 * The bot behind a length check on every channel: a longer message is answered with the limit
 * and goes no further (no search, no dialog step, nothing stored), so no step's work grows with
 * what a client chose to send. The conversation stays where it was.
 */
export function withMessageLimit(bot: BotRunner): BotRunner {
  return {
    // Not an async function of its own: a turn is a dozen of them deep already.
    run(context: TurnContext) {
      const { text } = context.activity;
      if (typeof text === 'string' && text.length > MAX_MESSAGE_LENGTH) return refuse(context);
      return bot.run(context);
    },
  };
}

async function refuse(context: TurnContext): Promise<void> {
  const locale = localeFromTag(context.activity.locale) ?? 'pl';
  await context.sendActivity(t(locale, 'ticket.tooLong', { max: MAX_MESSAGE_LENGTH }));
}
