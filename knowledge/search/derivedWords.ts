/**
 * Words read through a word of the lemma table they are made from. The table holds only the
 * dictionary words the articles use, so a question may say "odpowiedzialni" where an article says
 * "odpowiedzialność", or "ankietowanie" where it says "ankietach". Read at run time, for words
 * outside the table: the table keeps its size, and with it the other words typo correction leaves
 * alone (building these pairs into the table cost both).
 */

/** An adjective made from a noun with -owy, in any case: "kanał-owego". */
const DENOMINAL_ADJECTIVE = /^(\p{L}{3,})ow(y|a|e|ego|ej|emu|ym|ymi|ych|o)$/u;
/**
 * Words made from another, each by its ending (or beginning) and the forms of the word it is made
 * from, tried in turn; the first of those forms the table reads (as a -owy adjective too) wins.
 */
const RULES: [RegExp, (m: RegExpExecArray) => string[]][] = [
  // A word of recurrence made with co-, an adjective or adverb: "co-miesięcznie", "co-dzienny" (not "Corolli").
  [/^co(\p{L}{3,}[nw](?:y|a|e|ie|ego|ej|emu|ym|ymi|ych|o))$/u, (m) => [m[1]!]],
  // An adverbial participle, a word of its own in the dictionary: "zgłaszając" as "zgłaszający".
  [/^\p{L}{3,}ac$/u, (m) => [`${m[0]}y`]],
  // A verb made from a noun with -ować, as gerund, infinitive or present: "ankiet-owanie", "ankiet-ują";
  // or one that names the noun in -acja: "modyfik-ować" of "modyfik-acja".
  [/^(\p{L}{4,})(?:ow(?:ac|anie|ania|aniu|aniem)|uj(?:e|a|esz|emy|ecie|acy|acego|acych))$/u, (m) => [m[1]!, `${m[1]}acja`]],
  // A noun in -acja, for the -ować verb that names it: "anul-acji" of "anul-ować".
  [/^(\p{L}{4,})acj(a|i|e|o|ach|ami|om)$/u, (m) => [`${m[1]}owac`]],
  // A noun of quality made from an adjective with -ość: "całodobow-ością".
  [/^(\p{L}{3,})osc(i|ia|iach|iami|iom)?$/u, (m) => [`${m[1]}y`, `${m[1]}i`]],
  // An adjective, for the quality noun made from it: "odpowiedzialn-i".
  [/^(\p{L}{3,}n)(y|i|a|e|ego|ej|emu|ym|ymi|ych)$/u, (m) => [`${m[1]}osc`]],
];

/**
 * The lemma of the noun a -owy adjective is made from ("kanałowego" -> "kanał"), or undefined.
 * `lemmaOf` gives the lemma of a form of the table (undefined for other words). Also read for
 * adjectives the table lists: the articles' "firmowy" is about the "firma".
 */
export function denominalAdjective(word: string, lemmaOf: (form: string) => string | undefined): string | undefined {
  const noun = DENOMINAL_ADJECTIVE.exec(word)?.[1];
  return noun === undefined ? undefined : lemmaOf(noun);
}

/**
 * The lemma of the table word another word is made from (see RULES): "ankietowanie" -> "ankieta",
 * "całodobowością" -> "całodobowy", "odpowiedzialni" -> "odpowiedzialność", "comiesięcznie" ->
 * "miesięcznie", "zgłaszając" -> "zgłaszać"; or undefined.
 */
export function derivedLemma(word: string, lemmaOf: (form: string) => string | undefined): string | undefined {
  for (const [pattern, bases] of RULES) {
    const m = pattern.exec(word);
    if (!m) continue;
    for (const base of bases(m)) {
      const lemma = lemmaOf(base) ?? denominalAdjective(base, lemmaOf);
      if (lemma !== undefined) return lemma;
    }
  }
  return undefined;
}
