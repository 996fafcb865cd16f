import type { Choice } from 'botbuilder-dialogs';
import { fold } from '../common/text';

/**
 * A button of a yes/no-like question ("Czy jesteś administratorem?", "Czy dane są poprawne?",
 * "Proponuję priorytet B"): `says` marks the choice that a plain yes or a plain no picks, and
 * `words` are what else picks it ("poprawne", "inny numer", "wysyłaj"). An entry ending in "*"
 * is a stem ("nieaktual*"); any other entry is matched as written (folded), since Polish forms
 * of different answers share long starts ("poprawne", "popraw").
 */
export interface TypedChoice extends Choice {
  says?: 'yes' | 'no';
  words?: string[];
}

/** The most words an answer to such a question has; a longer message is something else. */
const LONGEST_ANSWER_WORDS = 8;

/** Words of doubt: "nie wiem" is not a no. */
const UNSURE = [
  'nie wiem',
  'nie jestem pewien',
  'nie jestem pewna',
  'nie pamietam',
  'nie mam pojecia',
  'not sure',
  'dont know',
  'don t know',
  'no idea',
  'hmm',
];
/** Yes in words that hold a no ("nie ma problemu") or a Polish "no" ("no jasne"). */
const YES_PHRASES = [
  'moze byc',
  'nie ma problemu',
  'no problem',
  'czemu nie',
  'why not',
  'no tak',
  'no jasne',
  'no pewnie',
  'no jestem',
  'no ba',
  // "no i elegancko, dzięki": Polish "no i" opens, it does not deny; a "nie" after it still does.
  'no i',
];
const NEGATIONS = new Set(['nie', 'no', 'not', 'nope', 'nah', 'dont', 'never', 'nigdy', 'rezygnuje', 'niepoprawne', 'nieprawidlowe']);

/**
 * Which choice a message typed at a yes/no-like question picks, 'unsure' when it asks something
 * or doubts or names two, undefined when it says nothing of the kind. In order: the whole title;
 * a grade's code as the last word ("może być C"); the one choice whose own words it has ("numer
 * mam inny"), where a negation just before or after the yes choice's words, or opening the
 * message, makes them a no ("nie jestem adminem", "I'm not an admin", "nie wysyłaj"); then a
 * plain yes or no. A message of more than `longestWords` words is something else.
 */
export function typedAnswerIn(text: string, choices: TypedChoice[], longestWords = LONGEST_ANSWER_WORDS): number | 'unsure' | undefined {
  const words = wordsOf(text);
  if (words.length === 0 || words.length > longestWords) return undefined;
  const phrase = ` ${words.join(' ')} `;
  const titled = choices.findIndex((choice) => titleOf(choice.value) === phrase);
  if (titled >= 0) return titled;
  if (text.includes('?') || UNSURE.some((p) => phrase.includes(` ${p} `))) return 'unsure';
  const coded = choices.findIndex((choice) => choice.value.includes(' – ') && fold(choice.value.split(' – ')[0]!.trim()) === words.at(-1));
  if (coded >= 0) return coded;

  // A yes phrase is taken out first, so that its "nie" or "no" is not read as a negation.
  const yesPhrase = YES_PHRASES.find((p) => phrase.includes(` ${p} `));
  const rest = (yesPhrase ? phrase.replace(` ${yesPhrase} `, ' ') : phrase).trim().split(' ').filter(Boolean);
  const negation = (word: string | undefined) => word !== undefined && NEGATIONS.has(word);
  const yes = choices.findIndex((choice) => choice.says === 'yes');
  const no = choices.findIndex((choice) => choice.says === 'no');

  const positions = choices.map((choice) => positionOf(rest, choice.words ?? []));
  const named = positions.flatMap((position, index) => (position >= 0 ? [index] : []));
  if (named.length > 1) return named.includes(no) && named.every((i) => i === no || i === yes) ? no : 'unsure';
  if (named.length === 1) {
    const at = positions[named[0]!]!;
    const negated = negation(rest[0]) || [rest[at - 2], rest[at - 1], rest[at + 1]].some(negation);
    if (named[0] !== yes || !negated) return named[0];
    return no >= 0 ? no : 'unsure';
  }
  if (rest.some(negation) || positionOf(rest, choices[no]?.synonyms ?? []) >= 0) return no >= 0 ? no : 'unsure';
  if (yesPhrase || positionOf(rest, choices[yes]?.synonyms ?? []) >= 0) return yes >= 0 ? yes : undefined;
  return undefined;
}

/** Titles as phrases (" dane sa poprawne "): the same few buttons are asked about all day. */
const titles = new Map<string, string>();

function titleOf(value: string): string {
  let title = titles.get(value);
  if (title === undefined) {
    title = ` ${wordsOf(value).join(' ')} `;
    // Buttons come from the catalogues, a few dozen titles; the cap only guards against surprises.
    if (titles.size < 1_000) titles.set(value, title);
  }
  return title;
}

/** Folded words: "Zmień dane!" -> zmien, dane; "don't" -> dont. */
function wordsOf(text: string): string[] {
  return fold(text.replace(/['’]/g, '')).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Whether `text` has one of `entries` (see TypedChoice): "nie dostałem kodu" has "nie dostał*". */
export function mentions(text: string, entries: string[]): boolean {
  return positionOf(wordsOf(text), entries) >= 0;
}

/** A list of entries as words, by their first word (a stem's first word is a prefix). */
interface Entries {
  byFirstWord: Map<string, string[][]>;
  stems: string[][];
}

/** Lists read again and again (the feedback's, a turn's) are taken apart once. */
const compiled = new WeakMap<string[], Entries>();

function entriesOf(list: string[]): Entries {
  let entries = compiled.get(list);
  if (!entries) {
    entries = { byFirstWord: new Map(), stems: [] };
    for (const entry of list) {
      const words = wordsOf(entry);
      if (words.length === 0) continue;
      if (entry.endsWith('*')) entries.stems.push(words);
      else entries.byFirstWord.set(words[0]!, [...(entries.byFirstWord.get(words[0]!) ?? []), words]);
    }
    compiled.set(list, entries);
  }
  return entries;
}

/** The first word at which one of `list`'s entries is: a phrase as written, or a stem at a word's start; -1 for none. */
function positionOf(words: string[], list: string[]): number {
  const { byFirstWord, stems } = entriesOf(list);
  const at = (i: number, entry: string[], stem: boolean) =>
    entry.every((word, k) => (stem && k === entry.length - 1 ? words[i + k]?.startsWith(word) : words[i + k] === word));
  for (let i = 0; i < words.length; i++) {
    if (byFirstWord.get(words[i]!)?.some((entry) => at(i, entry, false))) return i;
    if (stems.some((entry) => at(i, entry, true))) return i;
  }
  return -1;
}
