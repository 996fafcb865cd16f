import type { TurnContext } from 'botbuilder';
import { ChoiceFactory } from 'botbuilder-dialogs';

/**
 * A message with buttons in the form the channel shows best: suggested actions in Web Chat and
 * the Emulator, a card in Teams, a numbered list where neither works. Each button sends its title.
 */
export async function sendWithButtons(context: TurnContext, text: string, titles: string[]): Promise<void> {
  await context.sendActivity(ChoiceFactory.forChannel(context.activity.channelId, titles, text));
}
