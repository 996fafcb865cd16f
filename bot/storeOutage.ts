import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Logger } from '../common/logger';
import { isRedisUnavailable } from '../common/redisConnection';
import type { BotRunner } from './adapter';
import { detectLocale, localeFromTag, t, type Locale } from './i18n';
import type { KnowledgeAnswers } from './knowledgeAnswers';
import type { IntentRecognizer } from './intents/recognizer';
import { ChatFiles } from './files/chatFiles';
import { runTurnRules } from './bots/turnRules';
import type { SupportContacts } from './supportContacts';

export interface StoreOutageDeps {
  bot: BotRunner;
  kb: KnowledgeAnswers;
  intents: IntentRecognizer;
  contacts: SupportContacts;
  /** Whether Redis (conversation state, tickets, PINs) answers right now. */
  storeAvailable: () => boolean;
  logger: Logger;
}

/**
 * The bot as customers meet it when Redis is unreachable. The knowledge base and the intent
 * classifier live in memory, so the same turn rules run without a store: questions are still
 * answered, and every rule that needs Redis (conversation state, tickets, PIN verification) says
 * plainly that it is temporarily unavailable instead of an error or silence. A turn that loses
 * Redis half-way ends with the same sentence.
 */
export function withStoreOutage(deps: StoreOutageDeps): BotRunner {
  return {
    // Not an async function of its own: a turn is a dozen of them deep already.
    run(context) {
      if (!deps.storeAvailable()) return outageTurn(context, deps);
      return deps.bot.run(context).catch((err) => cutShort(err, context, deps));
    },
  };
}

/** A turn that lost Redis half-way ends with the sentence an outage turn says; any other failure is the adapter's. */
async function cutShort(err: unknown, context: TurnContext, deps: StoreOutageDeps): Promise<void> {
  if (!isRedisUnavailable(err)) throw err;
  deps.logger.warn(
    { err: (err as Error).message, conversationId: context.activity.conversation?.id },
    'bot turn cut short: Redis is unreachable',
  );
  const locale = localeOfTurn(context);
  await context.sendActivity(deps.contacts.refusal(locale, t(locale, 'error.unavailable')));
}

async function outageTurn(context: TurnContext, deps: StoreOutageDeps): Promise<void> {
  const { activity } = context;
  const locale = localeOfTurn(context);
  if (activity.type !== ActivityTypes.Message) {
    const joined =
      activity.type === ActivityTypes.ConversationUpdate
        ? activity.membersAdded?.some((m) => m.id !== activity.recipient.id)
        : activity.type === ActivityTypes.Event && activity.name === 'webchat/join';
    if (joined) await context.sendActivity(`${t(locale, 'welcome')}\n\n${t(locale, 'error.unavailable')}`);
    return;
  }
  const text = activity.text?.trim() ?? '';
  // Files cannot be kept while Redis is down: the files rule says so (it needs the store).
  const files = ChatFiles.carries(activity) ? { attachments: [], refused: [] } : null;
  await runTurnRules({ context, text, locale, kb: deps.kb, contacts: deps.contacts, ...deps.intents.lazy(text), store: null, files });
}

function localeOfTurn(context: TurnContext): Locale {
  return detectLocale(context.activity.text ?? '') ?? localeFromTag(context.activity.locale) ?? 'pl';
}
