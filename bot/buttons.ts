import { ActionTypes, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { ListStyle } from 'botbuilder-dialogs';

/** Channels that show suggested actions (buttons under the message that vanish once used). */
const SUGGESTED_ACTION_CHANNELS = new Set(['webchat', 'directline', 'emulator']);

/**
 * A message with buttons, each of which sends its own title back as the customer's message:
 * suggested actions in Web Chat and the Emulator, a hero card in Teams, a plain list elsewhere.
 * (botbuilder's ChoiceFactory turns long titles into a numbered list, which only a prompt reads.)
 */
export async function sendWithButtons(context: TurnContext, text: string, titles: string[]): Promise<void> {
  const channel = context.activity.channelId;
  if (SUGGESTED_ACTION_CHANNELS.has(channel)) {
    await context.sendActivity(MessageFactory.suggestedActions(titles, text));
  } else if (channel === 'msteams') {
    const buttons = titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title }));
    await context.sendActivity(MessageFactory.attachment(CardFactory.heroCard('', text, undefined, buttons)));
  } else {
    await context.sendActivity([text, ...titles.map((title) => `- ${title}`)].join('\n'));
  }
}

/** The same choice for a ChoicePrompt's buttons, whatever the length of their titles. */
export function choiceStyle(context: TurnContext): ListStyle {
  const channel = context.activity.channelId;
  if (SUGGESTED_ACTION_CHANNELS.has(channel)) return ListStyle.suggestedAction;
  return channel === 'msteams' ? ListStyle.heroCard : ListStyle.list;
}
