import { LruCache } from '../../common/lruCache';

/** Words shorter than this are left as typed: "ty" and "tu" are one edit apart and mean different things. */
const SHORTEST = 4;
/**
 * Words shorter than this are corrected only for two swapped letters ("hepl"): among short words
 * one replaced letter is most often another word ("stoi" is not "stop", "helo" not "help").
 */
const SHORT = 5;
/** Words from this length may be two edits away from the word meant ("anlouj", "dzienkuje"). */
const LONG = 8;
/** At most this many words of one message are looked up (a pasted log must not cost more). */
const LOOKED_UP = 30;
/** Words whose correction is kept, and the longest kept (so the cache stays small whatever is sent). */
const CORRECTIONS_KEPT = 10_000;
const LONGEST_KEPT = 40;

/**
 * Typo tolerance for the intent classifier: a word it never saw in training becomes the training
 * word one edit away (two for long words; a transposition is one edit), so "stauts", "thnaks"
 * and "czśeć" mean what "status", "thanks" and "cześć" do. Ties go to the word seen more often.
 */
export class Spelling {
  private readonly known = new Map<string, number>();
  private readonly byLength = new Map<number, string[]>();
  /** Each word's correction, found once: customers use the same words message after message. */
  private readonly corrections = new LruCache<string, string>(CORRECTIONS_KEPT);

  constructor(trainingWords: Iterable<string>) {
    for (const w of trainingWords) this.known.set(w, (this.known.get(w) ?? 0) + 1);
    for (const w of [...this.known.keys()].sort()) {
      const list = this.byLength.get(w.length) ?? [];
      list.push(w);
      this.byLength.set(w.length, list);
    }
  }

  /** The words with each unknown one replaced by its nearest training word, when there is one close enough. */
  correct(words: readonly string[]): string[] {
    return words.map((w, i) =>
      i >= LOOKED_UP ? w : w.length > LONGEST_KEPT ? this.nearest(w) : this.corrections.through(w, () => this.nearest(w)),
    );
  }

  private nearest(word: string): string {
    if (word.length < SHORTEST || this.known.has(word) || /\d/.test(word)) return word;
    if (word.length < SHORT) return this.swapped(word);
    const allowed = word.length >= LONG ? 2 : 1;
    let best = word;
    let bestDistance = allowed;
    let bestCount = 0;
    for (let length = word.length - allowed; length <= word.length + allowed; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        // A typo seldom hits the first letter; a word that differs there is mostly another word
        // ("rozlacza" is not "oznacza").
        if (candidate.length < SHORTEST || candidate[0] !== word[0]) continue;
        const d = editsBetween(word, candidate, bestDistance);
        const count = this.known.get(candidate)!;
        if (d < bestDistance || (d === bestDistance && count > bestCount)) {
          best = candidate;
          bestDistance = d;
          bestCount = count;
        }
      }
    }
    return best;
  }

  /** The training word that is `word` with two neighbouring letters swapped, the most seen one. */
  private swapped(word: string): string {
    let best = word;
    let bestCount = 0;
    for (let i = 0; i + 1 < word.length; i++) {
      const candidate = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      const count = this.known.get(candidate) ?? 0;
      if (count > bestCount) [best, bestCount] = [candidate, count];
    }
    return best;
  }
}

/**
 * Edits (insert, delete, replace, swap of neighbours) from `a` to `b`, or more than `max` once
 * that is certain. Written out rather than natural's DamerauLevenshteinDistance: a message's
 * words are each compared with hundreds of training words, and the bounded rows are ~50x faster.
 */
export function editsBetween(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < rowBest) rowBest = d;
    }
    if (rowBest > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}
