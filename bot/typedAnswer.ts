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
  'no ja',
  'no ba',
  // "no i elegancko, dzięki": Polish "no i" opens, it does not deny; a "nie" after it still does.
  'no i',
];
const NEGATIONS = new Set(['nie', 'no', 'not', 'nope', 'nah', 'dont', 'never', 'nigdy', 'rezygnuje', 'niepoprawne', 'nieprawidlowe']);

/** How a message is read at a question; see typedAnswerIn. */
export interface AnswerReading {
  /** The most words an answer has; a longer message is something else. */
  longestWords?: number;
  /**
   * People type past this question describing their problem ("Czy jesteś administratorem?"):
   * only a no or a yes that answers counts ("nie", "raczej nie", "nie jestem", "tak", "ok"), not
   * one of what they describe ("nie wysyła maili od rana", "kwota się nie zgadza", "tak jak
   * mówiłem…"). Elsewhere any negation is a no: "dalej nie działa" after "Did this help?", "telefon
   * się nie zgadza" at "Are these details correct?".
   */
  describedPast?: boolean;
}

/**
 * Which choice a message typed at a yes/no-like question picks, 'unsure' when it asks something
 * or doubts or names two, undefined when it says nothing of the kind. In order: the whole title;
 * a grade's code as the last word ("może być C"); the one choice whose own words it has ("numer
 * mam inny"), where a negation just before or after the yes choice's words, or opening the
 * message, makes them a no ("nie jestem adminem", "I'm not an admin", "nie wysyłaj"); then a
 * plain yes or no (see AnswerReading.describedPast).
 */
export function typedAnswerIn(text: string, choices: TypedChoice[], reading: AnswerReading = {}): number | 'unsure' | undefined {
  const { longestWords = LONGEST_ANSWER_WORDS, describedPast = false } = reading;
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
    // Around the words: "nie jestem", "jestem nie…", "I am not" (two words of the choice before it).
    const negated = negation(rest[0]) || [rest[at - 2], rest[at - 1], rest[at + 1], rest[at + 2]].some(negation);
    if (named[0] !== yes || !negated) return named[0];
    return no >= 0 ? no : 'unsure';
  }
  const saysNo = describedPast ? answeringNegationIn(rest, typedForms(text, words), text) : rest.some(negation);
  if (saysNo || positionOf(rest, describedPast ? phrasesOf(choices[no]?.synonyms ?? []) : (choices[no]?.synonyms ?? [])) >= 0)
    return no >= 0 ? no : 'unsure';
  const yesSynonyms = choices[yes]?.synonyms ?? [];
  const saysYes = describedPast ? answeringWordIn(rest, yesSynonyms, text) : positionOf(rest, yesSynonyms) >= 0;
  if (yesPhrase || saysYes) return yes >= 0 ? yes : undefined;
  return undefined;
}

/** Words after a yes that make it a word of the sentence: "tak jak mówiłem", "ok so the error says". */
const NOT_AN_ANSWER_AFTER = new Set(['jak', 'so', 'wiec', 'to', 'teraz', 'then']);

/**
 * Whether `words` say one of `entries` as an answer: a phrase anywhere ("zgadza się"), a single
 * word ("tak", "ok") only opening a message of a few words or set apart by punctuation, not as a
 * word of what the person goes on to describe ("tak jak mówiłem, nie działa").
 */
function answeringWordIn(words: string[], entries: string[], text: string): boolean {
  const phrase = positionOf(words, phrasesOf(entries, true));
  // "nie zgadza się kwota" is no "zgadza się".
  if (phrase >= 0) return !NEGATIONS.has(words[phrase - 1] ?? '');
  const at = positionOf(words.slice(0, 2), entries);
  if (at < 0 || NOT_AN_ANSWER_AFTER.has(words[at + 1] ?? '')) return false;
  return words.length - at <= 4 || new RegExp(`^\\W*(?:\\p{L}+\\W+)?${words[at]}\\s*[,.!;:–—-]`, 'u').test(fold(text));
}

/** Words that may come before an answer's negation: "raczej nie", "niestety nie", "well, no". */
const BEFORE_ANSWER = new Set([
  'raczej',
  'chyba',
  'jednak',
  'niestety',
  'zdecydowanie',
  'absolutnie',
  'oj',
  'ah',
  'oh',
  'well',
  'sorry',
  'unfortunately',
  'actually',
  'przepraszam',
  'to',
  'w',
  'sumie',
  'ja',
  'i',
  'im',
  'we',
  'am',
  'are',
  'do',
]);
/** Words after "no" or "not" that keep it an answer: "no thanks", "no I'm not", "not really", "not an admin". */
const AFTER_ENGLISH_NO = new Set([
  'the',
  'thanks',
  'thank',
  'sorry',
  'i',
  'im',
  'it',
  'its',
  'not',
  'never',
  'way',
  'unfortunately',
  'really',
  'that',
  'this',
  'we',
  'just',
  'actually',
  'at',
  'an',
  'a',
  'me',
  'yet',
  'now',
  'quite',
  'exactly',
  'admin',
  'administrator',
  'ja',
]);
const DONT_ANSWERS = new Set(['think', 'want', 'need', 'believe']);
/** After "nie", what a no says in words that look like a described state: "nie trzeba", "nie ja", "nie, chyba". */
const AFTER_POLISH_NO = new Set([
  'trzeba',
  'potrzeba',
  'ja',
  'chyba',
  'zawsze',
  'calkiem',
  'calkowicie',
  'bardzo',
  'za',
  'do',
  'teraz',
  'tym',
  'dzisiaj',
  'dzis',
  'jestem',
  'mam',
  'jest',
  'tak',
]);

/**
 * Whether a negation in `words` (folded, without a yes phrase) answers the question: it stands
 * alone or opens the message after words like "raczej" and is not followed by what it negates
 * ("nie wysyła…", "no emails since…", "not syncing"), or it ends the message ("chyba jednak
 * nie"). `raw` gives each folded word as typed: "nie chcę" answers, "nie chce" (third person,
 * as typed without diacritics too) does not.
 */
function answeringNegationIn(words: string[], raw: Map<string, string>, text: string): boolean {
  return words.some((word, i) => {
    if (!NEGATIONS.has(word)) return false;
    if (i === words.length - 1) return true;
    if (!words.slice(0, i).every((before) => BEFORE_ANSWER.has(before) || NEGATIONS.has(before))) return false;
    // "Nie, wysyła, ale…": a negation set apart by punctuation is the answer, whatever follows.
    if (new RegExp(`(?:^|[^\\p{L}])${word}\\s*[,.!;:–—-]`, 'iu').test(fold(text))) return true;
    const next = words[i + 1]!;
    if (word === 'no' || word === 'not') return AFTER_ENGLISH_NO.has(next) || next.startsWith('admin');
    // "don't send it", "I don't think so"; not "we don't have access".
    if (word === 'dont') return i === 0 || DONT_ANSWERS.has(next);
    if (word !== 'nie') return true;
    return AFTER_POLISH_NO.has(next) || !describes(raw.get(next) ?? next);
  });
}

/**
 * Whether a Polish word after "nie" reads as a verb of a described state, in the third person
 * ("działa", "wysyłają", "przyszło", "zgadza") rather than the person's own ("jestem", "chcę",
 * "potrzebuję") or an order ("wysyłaj", "zmieniaj").
 */
function describes(word: string): boolean {
  if (/[ęm]$/.test(word) || /(?:j|ij|aj|uj|cie|my)$/.test(word)) return false;
  return /(?:[aiyeą]|ło|ła|ły|li|ł|lo|ly)$/.test(word);
}

/**
 * The entries that are not a bare negation (read by answeringNegationIn), or with `phrasesOnly`
 * the entries of more than one word.
 */
function phrasesOf(entries: string[], phrasesOnly = false): string[] {
  const cache = phrasesOnly ? phrasesOnlyOf : negationsDropped;
  let phrases = cache.get(entries);
  if (!phrases) {
    phrases = entries.filter((entry) => {
      const words = wordsOf(entry);
      return phrasesOnly ? words.length > 1 : !NEGATIONS.has(words.join(' '));
    });
    cache.set(entries, phrases);
  }
  return phrases;
}

const negationsDropped = new WeakMap<string[], string[]>();
const phrasesOnlyOf = new WeakMap<string[], string[]>();

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

/** Each folded word of `text` (`words`) as it was typed, in lower case: "chce" -> "chcę". */
function typedForms(text: string, words: string[]): Map<string, string> {
  const typed =
    text
      .replace(/['’]/g, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Map(words.map((word, i) => [word, typed[i] ?? word]));
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
