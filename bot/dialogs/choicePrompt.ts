import type { TurnContext } from 'botbuilder';
import {
  ChoiceFactory,
  ChoicePrompt,
  ListStyle,
  type FindChoicesOptions,
  type FoundChoice,
  type PromptOptions,
  type PromptRecognizerResult,
} from 'botbuilder-dialogs';
import { NumberRecognizer } from '@microsoft/recognizers-text-number';

type Model = ReturnType<NumberRecognizer['getNumberModel']>;

/** The ordinal ("the second") and number ("2") models of each culture, built on first use. */
const models = new Map<string, { ordinal: Model; number: Model }>();

function modelsOf(culture: string): { ordinal: Model; number: Model } {
  let found = models.get(culture);
  if (!found) {
    const recognizer = new NumberRecognizer(culture);
    found = { ordinal: recognizer.getOrdinalModel(culture, true), number: recognizer.getNumberModel(culture, true) };
    models.set(culture, found);
  }
  return found;
}

/**
 * botbuilder's ChoicePrompt, reading a message the same way (a choice's words first, then an
 * ordinal, then a number, each the first in the message that names a choice), with its number
 * recognisers built once: botbuilder builds both, regular expressions and all, for every message
 * a prompt reads.
 */
export class DeskChoicePrompt extends ChoicePrompt {
  protected override async onRecognize(
    context: TurnContext,
    state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<FoundChoice>> {
    // botbuilder's own word search; it notes on these options the culture it read the message in.
    const search: FindChoicesOptions = { recognizeOrdinals: false, recognizeNumbers: false };
    this.recognizerOptions = search;
    const found = await super.onRecognize(context, state, options);
    const text = context.activity.text;
    if (found.succeeded || !text) return found;
    const choices = (this.style === ListStyle.suggestedAction ? ChoiceFactory.toChoices(options.choices) : options.choices) ?? [];
    const values = choices.map((choice) => (typeof choice === 'string' ? choice : choice.value));
    const { ordinal, number } = modelsOf(search.locale ?? 'en-us');
    const index = firstChoiceIn(ordinal.parse(text), values.length) ?? firstChoiceIn(number.parse(text), values.length);
    return index === undefined ? found : { succeeded: true, value: { value: values[index]!, index, score: 1 } };
  }
}

/** The index of the choice named by the earliest match that names one (1 is the first choice). */
function firstChoiceIn(matches: Array<{ start: number; resolution: { value?: unknown } }>, count: number): number | undefined {
  const indexes = matches
    .map((match) => ({ start: match.start, index: parseInt(String(match.resolution.value), 10) - 1 }))
    .filter(({ index }) => index >= 0 && index < count)
    .sort((a, b) => a.start - b.start);
  return indexes[0]?.index;
}
