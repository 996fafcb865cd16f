/**
 * Words read through a word of the lemma table they are made from. The table holds only the
 * dictionary words the articles use, so a question may say "odpowiedzialni" where an article says
 * "odpowiedzialność", or "ankietowanie" where it says "ankietach". Read at run time, for words
 * outside the table: the table keeps its size, and with it the other words typo correction leaves
 * alone (building these pairs into the table cost both).
 */

/** An adjective made from a noun with -owy, in any case: "kanał-owego". */
const DENOMINAL_ADJECTIVE = /^(\p{L}{3,})ow(y|a|e|ego|ej|emu|ym|ymi|ych|o)$/u;
/** A verb made from a noun with -ować, as gerund, infinitive or present: "ankiet-owanie", "ankiet-ują". */
const DENOMINAL_VERB = /^(\p{L}{4,})(?:ow(?:ac|anie|ania|aniu|aniem)|uj(?:e|a|esz|emy|ecie|acy|acego|acych))$/u;
/** A noun of quality made from an adjective with -ość, in any case: "całodobow-ością". */
const QUALITY_NOUN = /^(\p{L}{3,})osc(i|ia|iach|iami|iom)?$/u;
/** A word of recurrence made with co-: "co-miesięcznie", "co-dzienny". */
const RECURRENCE = /^co(\p{L}{5,})$/u;
/** An adverbial participle (a word of its own in the dictionary): "zgłaszając", read as "zgłaszający". */
const ADVERBIAL_PARTICIPLE = /^\p{L}{3,}ac$/u;
/** An adjective in any case, for the quality noun made from it: "odpowiedzialn-i". */
const ADJECTIVE = /^(\p{L}{3,}n)(y|i|a|e|ego|ej|emu|ym|ymi|ych)$/u;

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
 * The lemma of the table word another word is made from: the noun of a -ować verb
 * ("ankietowanie" -> "ankieta"), the adjective of an -ość noun ("całodobowością" -> "całodobowy"),
 * the -ość noun of an adjective ("odpowiedzialni" -> "odpowiedzialność"), the word a recurrence is
 * made from ("comiesięcznie" -> "miesięcznie"), the verb of an adverbial participle ("zgłaszając"
 * -> "zgłaszać"); or undefined.
 */
export function derivedLemma(word: string, lemmaOf: (form: string) => string | undefined): string | undefined {
  const recurring = RECURRENCE.exec(word)?.[1];
  if (recurring !== undefined) {
    const lemma = lemmaOf(recurring) ?? denominalAdjective(recurring, lemmaOf);
    if (lemma !== undefined) return lemma;
  }
  if (ADVERBIAL_PARTICIPLE.test(word)) return lemmaOf(`${word}y`);
  const noun = DENOMINAL_VERB.exec(word)?.[1];
  if (noun !== undefined) return lemmaOf(noun);
  const quality = QUALITY_NOUN.exec(word)?.[1];
  if (quality !== undefined) return lemmaOf(`${quality}y`) ?? lemmaOf(`${quality}i`);
  const adjective = ADJECTIVE.exec(word)?.[1];
  return adjective === undefined ? undefined : lemmaOf(`${adjective}osc`);
}
