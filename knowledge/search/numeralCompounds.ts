/**
 * Adjectives led by a number ("trzydniowy", "sześćdziesięciominutowy", "trzystukanałowy"): the
 * articles write the number in digits and the noun apart ("3 dni", "60 minut", "300 kanałów"),
 * so such a word is read as the two: "3" and the lemma of the rest.
 */

/** The folded combining forms of numbers, by value. */
const COMBINING: Record<string, number> = {
  jedno: 1,
  dwu: 2,
  trzy: 3,
  cztero: 4,
  piecio: 5,
  szescio: 6,
  siedmio: 7,
  osmio: 8,
  dziewiecio: 9,
  dziesiecio: 10,
  jedenasto: 11,
  dwunasto: 12,
  trzynasto: 13,
  czternasto: 14,
  pietnasto: 15,
  szesnasto: 16,
  siedemnasto: 17,
  osiemnasto: 18,
  dziewietnasto: 19,
  dwudziesto: 20,
  trzydziesto: 30,
  czterdziesto: 40,
  piecdziesiecio: 50,
  szescdziesiecio: 60,
  siedemdziesiecio: 70,
  osiemdziesiecio: 80,
  dziewiecdziesiecio: 90,
  stu: 100,
  dwustu: 200,
  trzystu: 300,
  czterystu: 400,
  pieciuset: 500,
  szesciuset: 600,
  siedmiuset: 700,
  osmiuset: 800,
  dziewieciuset: 900,
};
/** Longest first, so that "dwudziesto" is not read as "dwu". */
const PREFIXES = Object.keys(COMBINING).sort((a, b) => b.length - a.length);
/** The rest must be a word of its own ("dniowy"), not a scrap ("trzy-mać"). */
const MIN_REST = 5;
/**
 * A rest made with -ny, in any case: "godzin-ny". After a number it is always made from a noun,
 * which is not so of a -ny word alone ("dostępny").
 */
const DENOMINAL_NY = /^(\p{L}{3,})n(y|a|e|ego|ej|emu|ym|ymi|ych)$/u;

/**
 * The number and the lemma of the rest, or undefined when the word is no such compound.
 * `lemmaOf` reads the rest (undefined for a word it does not know).
 */
export function numeralCompound(word: string, lemmaOf: (rest: string) => string | undefined): [string, string] | undefined {
  let value = 0;
  let rest = word;
  // Hundreds, tens, then units: each part smaller than the one before ("dwudziesto-cztero-").
  for (let last = Infinity; ;) {
    const prefix = PREFIXES.find((p) => rest.startsWith(p) && COMBINING[p]! < last);
    if (prefix === undefined) break;
    last = COMBINING[prefix]!;
    value += last;
    rest = rest.slice(prefix.length);
  }
  if (value === 0 || rest.length < MIN_REST) return undefined;
  const noun = DENOMINAL_NY.exec(rest)?.[1];
  const lemma = lemmaOf(rest) ?? (noun === undefined ? undefined : lemmaOf(noun));
  return lemma === undefined ? undefined : [String(value), lemma];
}
