import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Logger } from '../common/logger';
import { isRedisUnavailable } from '../common/redisConnection';
import type { BotRunner } from './adapter';
import { sendWithButtons } from './buttons';
import { isCommand, ticketIdIn } from './commands';
import { detectLocale, localeFromTag, t, type Locale } from './i18n';
import type { KnowledgeAnswers } from './knowledgeAnswers';

export interface StoreOutageDeps {
  bot: BotRunner;
  kb: KnowledgeAnswers;
  /** Whether Redis (conversation state, tickets, PINs) answers right now. */
  storeAvailable: () => boolean;
  logger: Logger;
}

/** Words that only mean something inside a ticket or verification step. */
const STEP_WORDS = ['commands.human', 'commands.openTicket', 'commands.myTickets', 'commands.yes', 'commands.no', 'commands.resend', 'commands.cancel'] as const;

/**
 * The bot as customers meet it when Redis is unreachable. The knowledge base lives in memory,
 * so questions are still answered; everything that needs Redis (conversation state, tickets,
 * PIN verification) says plainly that it is temporarily unavailable instead of an error or
 * silence. A turn that loses Redis half-way ends with the same sentence.
 */
export function withStoreOutage(deps: StoreOutageDeps): BotRunner {
  return {
    async run(context) {
      if (!deps.storeAvailable()) return outageTurn(context, deps);
      try {
        await deps.bot.run(context);
      } catch (err) {
        if (!isRedisUnavailable(err)) throw err;
        deps.logger.warn({ err: (err as Error).message, conversationId: context.activity.conversation?.id }, 'bot turn cut short: Redis is unreachable');
        await context.sendActivity(t(localeOfTurn(context), 'error.unavailable'));
      }
    },
  };
}

async function outageTurn(context: TurnContext, deps: StoreOutageDeps): Promise<void> {
  const { activity } = context;
  const locale = localeOfTurn(context);
  if (activity.type !== ActivityTypes.Message) {
    const joined = activity.type === ActivityTypes.ConversationUpdate
      ? activity.membersAdded?.some((m) => m.id !== activity.recipient.id)
      : activity.type === ActivityTypes.Event && activity.name === 'webchat/join';
    if (joined) await context.sendActivity(`${t(locale, 'welcome')}\n\n${t(locale, 'error.unavailable')}`);
    return;
  }
  const text = activity.text?.trim() ?? '';
  // A card's button, a ticket id, a 6-digit code or a yes/no belongs to a step we cannot continue.
  const step = !text || activity.value !== undefined || ticketIdIn(text) !== null || /^\s*\d{6}\s*$/.test(text) || STEP_WORDS.some((key) => isCommand(text, key));
  if (step) {
    await context.sendActivity(t(locale, 'error.unavailable'));
    return;
  }
  if (isCommand(text, 'commands.help')) {
    await context.sendActivity(`${t(locale, 'help')}\n\n${t(locale, 'error.unavailable')}`);
    return;
  }
  const found = deps.kb.answer(text, locale);
  if (found.answered && found.source) {
    // No "Did this help?": the feedback would have nowhere to be kept.
    await context.sendActivity(`${found.answer}\n\n${t(locale, 'faq.source', { title: found.source.title })}`);
  } else if (found.suggestions.length > 0) {
    await sendWithButtons(context, t(locale, 'faq.suggestions'), found.suggestions.slice(0, 3).map((s) => s.question));
  } else {
    await context.sendActivity(t(locale, 'error.unavailable'));
  }
}

function localeOfTurn(context: TurnContext): Locale {
  return detectLocale(context.activity.text ?? '') ?? localeFromTag(context.activity.locale) ?? 'pl';
}
