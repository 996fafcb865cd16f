/**
 * Pure helpers on text that bot, ticketing and knowledge share. Checks on customers' text must
 * stay linear in its length: a message can be long, and a backtracking pattern such as /[.!?]+$/
 * retries every run of those characters from each of its positions (a 64k-character message of
 * dots once froze the service for 40 s).
 *
 * Text folding is the one definition every part of the product compares words with (knowledge
 * search, organisation names, bot commands, ticket grading), so "Łódź", "lodz" and "LODZ" are the
 * same everywhere.
 */

/** `text` without the run of `chars` at its end ("anuluj!!" -> "anuluj"), in one pass from the end. */
export function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

/**
 * Letters that Unicode does not decompose into a base letter and a mark, mapped by hand: ł is
 * the Polish one; the rest as natural's removeDiacritics maps them (organisation names in Redis
 * were folded with it), except ß and ſ, which become 'ss' and 's' as German writes them.
 */
const UNDECOMPOSED: Record<string, string> = {
  ł: 'l',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  ŉ: 'n',
  ø: 'o',
  ŧ: 't',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ſ: 's',
};
const UNDECOMPOSED_LETTER = new RegExp(`[${Object.keys(UNDECOMPOSED).join('')}]`, 'g');

/**
 * Lowercase and without diacritics: 'Łódź' -> 'lodz'. Decomposition (NFD) splits ą, ć, ę, ń, ó,
 * ś, ź, ż into a letter and a combining mark that is then dropped. NFD rather than natural's
 * removeDiacritics, which runs ~90 regular expressions per string and dominated the knowledge
 * index's build time.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(UNDECOMPOSED_LETTER, (letter) => UNDECOMPOSED[letter]!)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** fold, with the ends trimmed and every run of white space one space: 'Łódź  Sp. z o.o. ' -> 'lodz sp. z o.o.'. */
export function foldPhrase(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}

/** Openings that greet, on folded text, each with what separates it from the rest. */
const GREETING =
  /^\s*(?:(?:dzien dobry|dobry wieczor|dobry dzien|witam(?: serdecznie| wszystkich)?|witaj|czesc|hej(?:ka|o)?|siema|siemka|elo|halo|hello|helo|hi|hey|hiya|yo|good (?:morning|afternoon|evening))(?: there| bocie| bot| wam| panstwu| all)?[\s,.!:;–—-]+)+/;

/**
 * How many characters the greetings at the start of folded text take ("dzien dobry, daje 5" ->
 * 13), 0 when it opens with none: the bot reads a request after a hello, a rating reads past it.
 */
export function greetingLength(folded: string): number {
  return GREETING.exec(folded)?.[0].length ?? 0;
}
