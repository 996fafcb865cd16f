import jaroWinkler from 'natural/lib/natural/distance/jaro-winkler_distance';
import { matches } from './glossary';

/** Words remembered per index; bounded so that odd input cannot grow it without end. */
const MEMO_LIMIT = 20_000;
/** Typos are only looked for in words this long: shorter ones have too many neighbours. */
const MIN_TYPO_LENGTH = 5;
/** Jaro-Winkler similarity above which two words count as a typo of each other. */
const TYPO_SIMILARITY = 0.92;

export interface FormsOf {
  /** Vocabulary words that are the word itself or an inflection of it (see `matches`). */
  inflected: string[];
  /** Vocabulary words that look like a typo of it (Jaro-Winkler), not already inflections. */
  typos: string[];
}

/** Letter counts for `mayBeTypo`, reused (and left zeroed) so that no comparison allocates. */
const letterCounts = new Int32Array(128);

/**
 * Whether two words could reach `TYPO_SIMILARITY`, judged from the letters they share: Jaro
 * matches each letter at most once, so the shared letters bound it from above (letters folded
 * into 128 buckets can only raise the bound). Most pairs of different words fail here, which
 * spares the full Jaro-Winkler comparison (and its allocations) for them.
 */
function mayBeTypo(a: string, b: string): boolean {
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i) & 127]!++; // `& 127` keeps every index inside
  let shared = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i) & 127;
    if (letterCounts[c]! > 0) {
      letterCounts[c]!--;
      shared++;
    }
  }
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i) & 127] = 0;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  const jaro = (shared / a.length + shared / b.length + 1) / 3;
  // Winkler's prefix bonus grows with Jaro, so the bound stays a bound (with room for rounding).
  return jaro + prefix * 0.1 * (1 - jaro) >= TYPO_SIMILARITY - 1e-9;
}

/**
 * The vocabulary words a question word may stand for: its inflections, found through an index of
 * words by their first letters (an inflection shares them, see `matches`), and its look-alikes
 * (typos). Worked out once per word and remembered, rather than by a scan of each candidate
 * entry's words for every question: that scan was most of an answer's time on a large base.
 */
export class WordForms {
  /** Words by their first four letters, and three-letter words by themselves. */
  private readonly byStem = new Map<string, string[]>();
  /** Words of up to six letters by their first three: the forms a three-letter word grows into ("kod", "kodem"). */
  private readonly byShortStem = new Map<string, string[]>();
  private readonly words: string[];
  private readonly memo = new Map<string, FormsOf>();

  /**
   * `polish` tells the words of the Polish dictionary: a Polish word spelt right is no typo of an
   * English one ("numer" of "number" in an entry's English title, which counts channels).
   */
  constructor(
    vocabulary: Iterable<string>,
    private readonly polish: (word: string) => boolean = () => false,
  ) {
    this.words = [...new Set(vocabulary)];
    const push = (map: Map<string, string[]>, key: string, word: string): void => {
      const list = map.get(key);
      if (list) list.push(word);
      else map.set(key, [word]);
    };
    for (const word of this.words) {
      if (word.length >= 3) push(this.byStem, word.slice(0, 4), word);
      if (word.length >= 3 && word.length <= 6) push(this.byShortStem, word.slice(0, 3), word);
    }
  }

  /** The word and the vocabulary's inflections of it, without the look-alikes (a scan of the whole vocabulary). */
  inflectionsOf(word: string): Set<string> {
    const inflected = new Set<string>([word]);
    const candidates =
      word.length === 3
        ? (this.byShortStem.get(word) ?? [])
        : [...(this.byStem.get(word.slice(0, 4)) ?? []), ...(word.length <= 6 ? (this.byStem.get(word.slice(0, 3)) ?? []) : [])];
    for (const w of candidates) if (matches(word, w)) inflected.add(w);
    return inflected;
  }

  of(word: string): FormsOf {
    const known = this.memo.get(word);
    if (known) return known;
    const inflected = this.inflectionsOf(word);
    const typos: string[] = [];
    if (word.length >= MIN_TYPO_LENGTH) {
      const polish = this.polish(word);
      for (const w of this.words) {
        if (polish && !this.polish(w)) continue;
        if (inflected.has(w) || Math.abs(word.length - w.length) > 2 || !mayBeTypo(word, w)) continue;
        if (jaroWinkler(word, w) >= TYPO_SIMILARITY) typos.push(w);
      }
    }
    const forms = { inflected: [...inflected], typos };
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(word, forms);
    return forms;
  }
}
