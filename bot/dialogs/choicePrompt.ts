import type { TurnContext } from 'botbuilder';
import {
  ChoiceFactory,
  ChoicePrompt,
  findChoices,
  ListStyle,
  type Choice,
  type FindChoicesOptions,
  type FoundChoice,
  type PromptOptions,
  type PromptValidatorContext,
  type PromptRecognizerResult,
} from 'botbuilder-dialogs';
import { NumberRecognizer } from '@microsoft/recognizers-text-number';
import { fold, foldPhrase, greetingLength } from '../../common/text';
import { t, type MessageKey } from '../i18n';
import { localeOf } from '../turnLocale';
import { typedAnswerIn, type TypedChoice } from '../typedAnswer';

/**
 * The most words a typed answer has when it is read by the forms of a choice's words or by a
 * number: a longer message is a sentence (a description, a question), and its numbers ("błąd
 * 5.7.1", "50 osób") or a word in some other sense must not pick a choice for the person.
 */
export const SHORT_ANSWER_WORDS = 4;

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
 * botbuilder's ChoicePrompt, reading a message its way first (a choice's words or synonyms as
 * written, anywhere in the message), then, in a short answer only, another form of a synonym
 * ("techniczne" for "techniczny", "fakturą"), an ordinal and a number, each the first that names
 * a choice. Its number recognisers are built once (botbuilder builds both, regular expressions
 * and all, for every message a prompt reads). An answer it cannot read is asked again with the
 * choices in words, for the channels whose buttons people type past.
 */
export class DeskChoicePrompt extends ChoicePrompt {
  /** Whether people type past this question describing their problem (AnswerReading.describedPast). */
  protected readonly describedPast: boolean = false;

  protected override async onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const style = options.style ?? this.style;
    if (!isRetry || options.retryPrompt || style === ListStyle.list) return super.onPrompt(context, state, options, isRetry);
    const question = typeof options.prompt === 'string' ? options.prompt : (options.prompt?.text ?? '');
    const locale = localeOf(context);
    const quoted = (value: string) => (locale === 'pl' ? `„${value}”` : `"${value}"`);
    const choices = choiceValues(options.choices ?? [])
      .map(quoted)
      .join(', ');
    const retryPrompt = t(locale, 'choice.retry', { question, choices });
    return super.onPrompt(context, state, { ...options, retryPrompt }, isRetry);
  }

  protected override async onRecognize(
    context: TurnContext,
    state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<FoundChoice>> {
    const text = context.activity.text;
    // A yes/no-like question: its own reading, so that "tak, ale numer mam inny" is no yes and "nie
    // wiem" no no.
    const typedChoices = ChoiceFactory.toChoices(options.choices) as TypedChoice[];
    if (text && typedChoices.some((choice) => choice.says)) {
      const answer = this.describedPast ? answerPastDescriptions(text, typedChoices) : typedAnswerIn(text, typedChoices);
      if (answer === 'unsure' || (answer === undefined && this.describedPast)) return { succeeded: false };
      if (answer !== undefined) return { succeeded: true, value: { value: typedChoices[answer]!.value, index: answer, score: 1 } };
    }
    // botbuilder's own word search; it notes on these options the culture it read the message in.
    const search: FindChoicesOptions = { recognizeOrdinals: false, recognizeNumbers: false };
    this.recognizerOptions = search;
    const found = await super.onRecognize(context, state, options);
    // "mail albo sms, wszystko jedno", "mail i telefon": two choices named is none chosen.
    if (found.succeeded && text && namesSeveral(text, options.choices ?? [], search)) return { succeeded: false };
    if (found.succeeded || !text || wordsOf(text).length > SHORT_ANSWER_WORDS) return found;
    const choices = (this.style === ListStyle.suggestedAction ? ChoiceFactory.toChoices(options.choices) : options.choices) ?? [];
    const values = choiceValues(choices);
    const { ordinal, number } = modelsOf(search.locale ?? 'en-us');
    const index =
      choiceTypedIn(text, choices) ?? firstChoiceIn(ordinal.parse(text), values.length) ?? firstChoiceIn(number.parse(text), values.length);
    return index === undefined ? found : { succeeded: true, value: { value: values[index]!, index, score: 1 } };
  }
}

/** The choice made at a DescribedPastChoicePrompt, and the descriptions of the problem typed before it, oldest first. */
export type ChoiceAfterDescriptions = FoundChoice & { describedBefore: string[] };

/** The most messages kept at one question: the conversation's state stays small however long someone goes on. */
const MOST_NOTED = 10;

interface DescriptionsNoted {
  described?: string[];
  /** Whether the message just read was noted as a description. */
  lastNoted?: boolean;
}

/**
 * A yes/no-like question that people type past, describing their problem ("Czy jesteś
 * administratorem?"): only a yes or a no that answers is taken (AnswerReading.describedPast),
 * and nothing else is looked for in the message. A message that `descriptionIn` reads as a
 * description is kept for later (ChoiceAfterDescriptions) and the question asked again with
 * `notedRetryPrompt`, which says so: people should not have to type it twice.
 */
export class DescribedPastChoicePrompt extends DeskChoicePrompt {
  protected override readonly describedPast = true;

  constructor(
    dialogId: string,
    private readonly noting: { descriptionIn: (text: string | undefined) => string | undefined; notedRetryPrompt: MessageKey },
  ) {
    // Noted in the validator, which runs once a message: botbuilder recognises a message twice.
    super(dialogId, async (pc) => this.noted(pc));
  }

  private noted(pc: PromptValidatorContext<FoundChoice>): boolean {
    const state = pc.state as DescriptionsNoted;
    const described = (state.described ??= []);
    if (pc.recognized.succeeded) {
      // The object the prompt ends with.
      Object.assign(pc.recognized.value!, { describedBefore: described } satisfies Partial<ChoiceAfterDescriptions>);
      return true;
    }
    // A button's value is no description, whatever its text; past MOST_NOTED the rest is told later.
    const description =
      pc.context.activity.value === undefined && described.length < MOST_NOTED
        ? this.noting.descriptionIn(pc.context.activity.text)
        : undefined;
    if (description !== undefined) described.push(description);
    state.lastNoted = description !== undefined;
    return false;
  }

  protected override async onPrompt(
    context: TurnContext,
    state: DescriptionsNoted,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    if (!(isRetry && state.lastNoted)) return super.onPrompt(context, state, options, isRetry);
    return super.onPrompt(context, state, { ...options, retryPrompt: t(localeOf(context), this.noting.notedRetryPrompt) }, isRetry);
  }
}

/**
 * The choice a typed answer names beyond botbuilder's reading of its words: at a yes/no-like
 * question by its own reading ("tak, wysoki priorytet"); in a short answer by the choice's code
 * ("B") or by another form of a synonym ("techniczne"); undefined for a sentence.
 */
export function choiceTypedIn(text: string, choices: (string | Choice)[]): number | undefined {
  const typed = ChoiceFactory.toChoices(choices) as TypedChoice[];
  const answer = typed.some((choice) => choice.says) ? typedAnswerIn(text, typed) : undefined;
  if (typeof answer === 'number') return answer;
  if (wordsOf(text).length > SHORT_ANSWER_WORDS) return undefined;
  return choiceByCode(text, choiceValues(choices)) ?? choiceBySynonymForm(text, choices);
}

/** "ok", "dobra": an acknowledgement opening a description ("ok, sprawdziłem spam i…") answers nothing. */
const ACKNOWLEDGEMENTS = new Set(['ok', 'okej', 'okay', 'dobra', 'spoko']);

/**
 * The answer a message gives at a question people type past (AnswerReading.describedPast), after
 * any greeting: in the message, or in its first clause ("Nie, jestem zwykłym pracownikiem działu
 * sprzedaży…" -> "Nie") unless that is only an acknowledgement. Nothing else is an answer:
 * botbuilder's word search would find the "nie" of "nie wysyła maili od rana".
 */
function answerPastDescriptions(text: string, choices: TypedChoice[]): number | 'unsure' | undefined {
  const said = text.slice(greetingLength(fold(text)));
  const answer = typedAnswerIn(said, choices, { describedPast: true });
  if (answer !== undefined) return answer;
  const clause = said.split(/[,.;:!–—]|\s-\s/)[0]!;
  return ACKNOWLEDGEMENTS.has(foldPhrase(clause)) ? undefined : typedAnswerIn(clause, choices, { describedPast: true });
}

/** Whether botbuilder's word search finds more than one of the choices in `text`. */
function namesSeveral(text: string, choices: (string | Choice)[], search: FindChoicesOptions): boolean {
  return new Set(findChoices(text, choices, search).map((match) => match.resolution.index)).size > 1;
}

/** Each choice's title (its value). */
export function choiceValues(choices: (string | Choice)[]): string[] {
  return choices.map((choice) => (typeof choice === 'string' ? choice : choice.value));
}

/** Folded words of at least one letter or digit: "E-mail, proszę!" -> e, mail, prosze. */
function wordsOf(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The choice whose code (what its title has before " – ": the B of "B – wysoki") is the last word
 * of a message of at most two words: "B", "priorytet b".
 */
function choiceByCode(text: string, values: string[]): number | undefined {
  const words = wordsOf(text);
  if (words.length > 2) return undefined;
  const index = values.findIndex((value) => value.includes(' – ') && fold(value.split(' – ')[0]!.trim()) === words.at(-1));
  return index < 0 ? undefined : index;
}

/**
 * The one choice a word of the message is another form of a synonym of (a shared start of at
 * least 4 letters, missing at most 2 of the shorter word's: Polish endings), or undefined when no
 * choice or more than one has such a word ("awarie i faktury" names two).
 */
function choiceBySynonymForm(text: string, choices: (string | Choice)[]): number | undefined {
  const words = wordsOf(text).filter((word) => word.length >= 4);
  const named = new Set<number>();
  choices.forEach((choice, index) => {
    if (typeof choice === 'string') return;
    // Words of a phrase are not synonyms: "jest" of "nie jest pilne" names nothing.
    const synonymWords = (choice.synonyms ?? [])
      .filter((synonym) => !/\s/.test(synonym.trim()))
      .flatMap(wordsOf)
      .filter((word) => word.length >= 4);
    if (words.some((word) => synonymWords.some((synonym) => sameWordInAnotherForm(word, synonym)))) named.add(index);
  });
  return named.size === 1 ? [...named][0] : undefined;
}

function sameWordInAnotherForm(a: string, b: string): boolean {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  return shared >= 4 && shared >= Math.min(a.length, b.length) - 2;
}

/** The index of the choice named by the earliest match that names one (1 is the first choice). */
function firstChoiceIn(matches: Array<{ start: number; resolution: { value?: unknown } }>, count: number): number | undefined {
  const indexes = matches
    .map((match) => ({ start: match.start, index: parseInt(String(match.resolution.value), 10) - 1 }))
    .filter(({ index }) => index >= 0 && index < count)
    .sort((a, b) => a.start - b.start);
  return indexes[0]?.index;
}
