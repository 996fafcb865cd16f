import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { ChoicePrompt, DialogSet, ListStyle, type FoundChoice } from 'botbuilder-dialogs';
import { DeskChoicePrompt } from '../../../bot/dialogs/choicePrompt';

const CHOICES = ['Problem techniczny', 'Rozliczenia', 'Konto i dostęp'];

/** What a prompt of this kind makes of each message, asked afresh each time in `locale`. */
async function readings(Prompt: typeof ChoicePrompt, messages: string[], locale: string): Promise<Array<FoundChoice | null>> {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty('dialogs'));
  const prompt = new Prompt('choice');
  prompt.style = ListStyle.suggestedAction;
  dialogs.add(prompt);
  const found: Array<FoundChoice | null> = [];
  const adapter = new TestAdapter(async (context) => {
    const dc = await dialogs.createContext(context);
    if (context.activity.text === 'start') {
      await dc.prompt('choice', { prompt: 'Który?', choices: CHOICES, retryPrompt: 'again' });
    } else {
      const result = await dc.continueDialog();
      found.push(result.status === 'complete' ? (result.result as FoundChoice) : null);
      await dc.cancelAllDialogs();
    }
    await state.saveChanges(context);
  });
  adapter.locale = locale;
  for (const message of messages) {
    await adapter.send('start');
    await adapter.send({ type: 'message', text: message, locale });
  }
  return found;
}

describe('the choice prompt with its number recognisers built once', () => {
  const messages = [
    'Rozliczenia',
    'rozliczenia proszę',
    '2',
    '3',
    '4',
    '0',
    'the second one',
    'second',
    'last',
    'number 1 please',
    'two',
    'Jak połączyć konto Office 365 ze Skype?',
    'mam 2 pytania, pierwsze o konto',
    '',
  ];

  it.each(['pl-PL', 'en-US', 'de-DE'])('reads every message as botbuilder reads it (%s)', async (locale) => {
    expect(await readings(DeskChoicePrompt, messages, locale)).toEqual(await readings(ChoicePrompt, messages, locale));
  });

  it('takes a choice by its words, its position and its number', async () => {
    const [words, number, ordinal, outOfRange] = await readings(DeskChoicePrompt, ['Konto i dostęp', '2', 'the first one', '7'], 'pl-PL');
    expect(words).toMatchObject({ value: 'Konto i dostęp', index: 2 });
    expect(number).toMatchObject({ value: 'Rozliczenia', index: 1 });
    expect(ordinal).toMatchObject({ value: 'Problem techniczny', index: 0 });
    expect(outOfRange).toBeNull();
  });
});
