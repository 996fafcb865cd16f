import AggressiveTokenizerPl from 'natural/lib/natural/tokenizers/aggressive_tokenizer_pl';
import { words as polishStopWords } from 'natural/lib/natural/util/stopwords_pl';
import { fold } from '../common/text';
import { ENGLISH_STOP_WORDS } from './search/glossary';

const tokenizer = new AggressiveTokenizerPl();

/**
 * Question words that natural lists as stop words but that change what is asked
 * ("ile" = how many, "kiedy" = when, "nie" = not).
 */
const MEANINGFUL = new Set(['ile', 'kiedy', 'gdzie', 'nie', 'dlaczego', 'jak', 'co', 'czym', 'kto']);

/**
 * Forms of "być" that natural's list lacks (it has "będzie", "była", "jestem", not "będę"), and
 * the instrumental plural of "ten" and "który" (it has "tym", "którym").
 */
const MORE_STOP_WORDS = [
  'będę',
  'będziesz',
  'będziemy',
  'będziecie',
  'byłem',
  'byłam',
  'byłeś',
  'byłaś',
  'byliśmy',
  'jesteś',
  'jesteśmy',
  'tymi',
  'którymi',
  // The other cases of pronouns natural lists in one or two ("taki", "jakiś", "coś", "nasz",
  // "swoje", "wszystko"): "coś w tym stylu", "jakiejś pomocy", "dla naszej firmy" carry nothing asked, and an
  // unlisted form weighed as much as the rarest word the base never uses.
  'takiego',
  'takiej',
  'takich',
  'takim',
  'takimi',
  'takiemu',
  'jakiegoś',
  'jakiejś',
  'jakichś',
  'jakimś',
  'czegoś',
  'czymś',
  'kogoś',
  'komuś',
  'niczego',
  'wszystkiego',
  'wszystkimi',
  'nikt',
  'nikogo',
  'żadnego',
  'żadnej',
  'żadnych',
  'swój',
  'swoja',
  'swojego',
  'swojej',
  'swoich',
  'swoim',
  'mojego',
  'mojej',
  'moich',
  'moim',
  'naszej',
  'naszego',
  'naszym',
  'waszego',
  'waszej',
  'waszych',
  'tamten',
  'tamta',
  'tamto',
  'samo',
  'samego',
  'siebie',
  'go',
  'pomiędzy',
  // Compound prepositions natural lacks ("znad Zatoki", "spoza Unii", "sprzed roku").
  'znad',
  'spod',
  'sprzed',
  'zza',
  'spoza',
  'spośród',
  'poprzez',
  'wśród',
  'wokół',
  // Hedges and fillers: "chyba", "raczej", "naprawdę", "trochę".
  'chyba',
  'raczej',
  'pewnie',
  'naprawdę',
  'trochę',
];

/** Folded stop words, so that "ktory" typed without diacritics is dropped as well. */
const STOP_WORDS = new Set([...polishStopWords, ...MORE_STOP_WORDS].map((w: string) => fold(w)).filter((w: string) => !MEANINGFUL.has(w)));

/**
 * "ważność B", "priorytet c", "severity A", "ważności A, B i C": the grade letter alone is a stop
 * word or too short to match, so each becomes a word of its own ("bbbb") whose trigrams no other
 * word shares. Every repeat is bounded (an ending of a few letters, a few spaces, at most three
 * grades): unbounded ones made "priorytetą" repeated 10,000 times take seconds, since \b sees a
 * word start after each "ą" and \p{L}* then ran to the end of the text from every one of them.
 */
const GRADE =
  /\b(wa[zż]no[sś][cć]\p{L}{0,4}|priorytet\p{L}{0,4}|severity|sev|poziom\p{L}{0,4})\s{1,3}\(?([abc](?:\s{0,3}(?:,|\/|i|lub|oraz|albo|and|or)\s{0,3}[abc]){0,2})\b/giu;

/** An ending of a few letters after an apostrophe inside a word. */
const APOSTROPHE_ENDING = /(?<=\p{L})['’](\p{L}{1,5})(?!\p{L})/gu;

/**
 * A Polish ending of two letters or more after a hyphen, as an acronym or a name takes it
 * ("PIN-em", "SIP-ie", "Teams-ów", "SIP-owymi", "USA-owych", "M365-ki"). One letter is left
 * alone: "severity-A" names a grade.
 */
const HYPHEN_ENDING = /(?<=[\p{L}\d])-(em|ie|owi|ów|om|ami|ach|ow(?:y|a|e|ego|ej|emu|ym|ymi|ych|o)|k[iaęą]|ek)(?![\p{L}\d-])/giu;

/** Words of a text: folded, split on anything that is not a letter or digit. */
export function words(text: string): string[] {
  text = text.replace(GRADE, (_m, word: string, grades: string) =>
    [word, ...(grades.match(/\b[abc]\b/giu) ?? []).map((g) => g.toLowerCase().repeat(4))].join(' '),
  );
  // A foreign name's Polish ending goes after an apostrophe ("Skype'a", "office'owe",
  // "skype'owych"), as does an English contraction ("What's"): the name is the word, the ending
  // alone would be a word no entry uses. Then fold: the Polish tokenizer keeps only
  // [a-ząćęłńóśźż0-9] and would split other accented words. So does an ending after a hyphen.
  return tokenizer.tokenize(fold(text.replace(APOSTROPHE_ENDING, '').replace(HYPHEN_ENDING, '')));
}

/** Whether a folded word is a Polish stop word (it carries no meaning of its own). */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * Whether a folded word is one of the question words kept from the stop words: it changes what is
 * asked but names nothing asked about ("i co?" shares its "co" with "co miesiąc").
 */
export function isKeptQuestionWord(word: string): boolean {
  return MEANINGFUL.has(word);
}

/** Words that carry meaning: folded, without Polish stop words. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => !STOP_WORDS.has(w));
}

/** Words that say what a message is about, in either language: no Polish or English stop word. */
export function topicWords(text: string): string[] {
  return contentWords(text).filter((w) => !ENGLISH_STOP_WORDS.has(w));
}

/** The text the search engine indexes and queries with: content words joined by spaces. */
export function normalize(text: string): string {
  return contentWords(text).join(' ');
}
