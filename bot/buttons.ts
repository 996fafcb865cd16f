import { ActionTypes, CardFactory, InputHints, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { ListStyle } from 'botbuilder-dialogs';

/** Channels that show suggested actions (buttons under the message that vanish once used). */
const SUGGESTED_ACTION_CHANNELS = new Set(['webchat', 'directline', 'emulator']);
/** Channels that draw hero cards (Web Chat draws them too). */
const CARD_CHANNELS = new Set([...SUGGESTED_ACTION_CHANNELS, 'msteams']);

/**
 * A message with buttons, each of which sends its own title back as the customer's message:
 * suggested actions in Web Chat and the Emulator, a hero card in Teams, a plain list elsewhere.
 * (botbuilder's ChoiceFactory turns long titles into a numbered list, which only a prompt reads.)
 */
export async function sendWithButtons(context: TurnContext, text: string, titles: string[]): Promise<void> {
  await context.sendActivity(withButtons(context, text, titles));
}

/** The message sendWithButtons sends, to go out with others in one sendActivities. */
export function withButtons(context: TurnContext, text: string, titles: string[]): Partial<Activity> {
  const channel = context.activity.channelId;
  if (SUGGESTED_ACTION_CHANNELS.has(channel)) return MessageFactory.suggestedActions(titles, text);
  if (channel === 'msteams') {
    const buttons = titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title }));
    return MessageFactory.attachment(CardFactory.heroCard('', text, undefined, buttons));
  }
  // As sendActivity sends a plain text.
  return { text: [text, ...titles.map((title) => `- ${title}`)].join('\n'), inputHint: InputHints.AcceptingInput };
}

/**
 * A message with a card of buttons under it, headed ("See also:"), each sending its own title
 * back: unlike suggested actions, a card's buttons stay once the bot says more (a question
 * after the message). A plain list where cards are not drawn.
 */
export function withButtonCard(context: TurnContext, text: string, heading: string, titles: string[]): Partial<Activity> {
  if (titles.length === 0) return MessageFactory.text(text);
  if (!CARD_CHANNELS.has(context.activity.channelId))
    return MessageFactory.text([text, '', heading, ...titles.map((title) => `- ${title}`)].join('\n'));
  const buttons = titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title }));
  return MessageFactory.attachment(CardFactory.heroCard('', heading, undefined, buttons), text);
}

/** The same choice for a ChoicePrompt's buttons, whatever the length of their titles. */
export function choiceStyle(context: TurnContext): ListStyle {
  const channel = context.activity.channelId;
  if (SUGGESTED_ACTION_CHANNELS.has(channel)) return ListStyle.suggestedAction;
  return channel === 'msteams' ? ListStyle.heroCard : ListStyle.list;
}
