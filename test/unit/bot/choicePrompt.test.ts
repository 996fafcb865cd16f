import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { ChoicePrompt, DialogSet, ListStyle, type Choice, type FoundChoice } from 'botbuilder-dialogs';
import { DeskChoicePrompt } from '../../../bot/dialogs/choicePrompt';
import { setTurnLocale } from '../../../bot/turnLocale';

const CHOICES = ['Problem techniczny', 'Rozliczenia', 'Konto i dostęp'];

/** What a prompt of this kind makes of each message, asked afresh each time in `locale`. */
async function readings(
  Prompt: typeof ChoicePrompt,
  messages: string[],
  locale: string,
  choices: (string | Choice)[] = CHOICES,
): Promise<Array<FoundChoice | null>> {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty('dialogs'));
  const prompt = new Prompt('choice');
  prompt.style = ListStyle.suggestedAction;
  dialogs.add(prompt);
  const found: Array<FoundChoice | null> = [];
  const adapter = new TestAdapter(async (context) => {
    const dc = await dialogs.createContext(context);
    if (context.activity.text === 'start') {
      await dc.prompt('choice', { prompt: 'Który?', choices, retryPrompt: 'again' });
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

describe('what people type at a choice, beyond its words as written', () => {
  const categories: Choice[] = [
    { value: 'Problem techniczny', synonyms: ['techniczny', 'awaria'] },
    { value: 'Rozliczenia i subskrypcja', synonyms: ['rozliczenia', 'faktura', 'subskrypcja'] },
    { value: 'Pytanie przedsprzedażowe', synonyms: ['przedsprzedaż', 'zakup'] },
  ];

  it('reads another form of a synonym in a short answer, as botbuilder does not', async () => {
    const messages = ['techniczne', 'chodzi o fakturę', 'Subskrypcji', 'zakupu licencji'];
    expect((await readings(DeskChoicePrompt, messages, 'pl-PL', categories)).map((found) => found?.index)).toEqual([0, 1, 1, 2]);
    expect(await readings(ChoicePrompt, messages, 'pl-PL', categories)).toEqual([null, null, null, null]);
  });

  it('picks nothing when the words name two choices, or only share a start of 3 letters', async () => {
    expect(await readings(DeskChoicePrompt, ['awarie i faktury', 'zak', 'subiekt'], 'pl-PL', categories)).toEqual([null, null, null]);
  });

  it('never takes a number or a word form out of a sentence: "błąd 5.7.1" is no choice 1', async () => {
    const sentences = [
      'nie działa wysyłanie poczty od rana, użytkownicy dostają 5.7.1',
      'mam 2 pytania, pierwsze o konto',
      'od rana mamy techniczne kłopoty z pocztą',
    ];
    expect(await readings(DeskChoicePrompt, sentences, 'pl-PL', categories)).toEqual([null, null, null]);
    // botbuilder reads the first two as choices 1 and 2.
    expect((await readings(ChoicePrompt, sentences, 'pl-PL', categories)).map((found) => found?.index ?? null)).toEqual([0, 1, null]);
  });

  it('takes a choice by its code, alone or after one word: "B" and "priorytet b" for "B – wysoki"', async () => {
    const grades = ['B – wysoki', 'A – krytyczny', 'C – niekrytyczny'];
    const found = await readings(DeskChoicePrompt, ['B', 'priorytet c', 'a.', 'chyba jednak B'], 'pl-PL', grades);
    expect(found.map((f) => f?.value ?? null)).toEqual(['B – wysoki', 'C – niekrytyczny', 'A – krytyczny', null]);
  });
});

describe('asking again', () => {
  /** The prompt's messages for a start and then each message, on a channel with buttons. */
  async function conversation(messages: string[], locale: string): Promise<string[]> {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty('dialogs'));
    const prompt = new DeskChoicePrompt('choice');
    dialogs.add(prompt);
    const adapter = new TestAdapter(async (context) => {
      // As the bot sets it at the start of every turn.
      setTurnLocale(context, locale === 'pl-PL' ? 'pl' : 'en');
      const dc = await dialogs.createContext(context);
      if (context.activity.text === 'start')
        await dc.prompt('choice', {
          prompt: locale === 'pl-PL' ? 'Jaka forma kontaktu?' : 'How?',
          choices: ['E-mail', 'Telefon'],
          style: ListStyle.suggestedAction,
        });
      else await dc.continueDialog();
      await state.saveChanges(context);
    });
    adapter.locale = locale;
    const said: string[] = [];
    for (const text of ['start', ...messages])
      await adapter.send({ type: 'message', text, locale }).assertReply((reply) => void said.push(reply.text ?? ''));
    return said;
  }

  it('names the choices in words after an answer it cannot read', async () => {
    const [first, again] = await conversation(['hmm'], 'pl-PL');
    expect(first).toBe('Jaka forma kontaktu?');
    expect(again).toBe(
      'Nie rozpoznałem odpowiedzi. Jaka forma kontaktu?\nWybierz jedną z możliwości: „E-mail”, „Telefon” – albo napisz „anuluj”.',
    );
    const [, inEnglish] = await conversation(['hmm'], 'en-US');
    expect(inEnglish).toBe('I did not recognise that answer. How?\nPick one of: "E-mail", "Telefon" – or write "cancel".');
  });
});
