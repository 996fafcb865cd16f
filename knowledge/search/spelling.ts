/**
 * Word-level typo correction: a question word the knowledge base does not know is replaced by
 * a known word one edit away (a letter missing, extra, changed, or two letters swapped):
 * "abonamnet" -> "abonament". Candidates come from a deletion index (every known word and its
 * one-letter deletions), so a lookup costs a few map reads, not a scan of the vocabulary.
 */

import { otherWords } from '../morphology/lemmas';

/** Shorter words have too many neighbours one edit away ("plan", "play") to correct safely. */
export const MIN_LENGTH = 5;

/** The word with one letter left out, for each of its letters. */
export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Letters as laid out on a QWERTY keyboard (Polish programmer's layout), by row. */
const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** Each row sits this far right of the one above, in keys. */
const ROW_SHIFT = [0, 0.25, 0.75];
const KEYS = new Map<string, [number, number]>(
  KEY_ROWS.flatMap((row, r) => [...row].map((letter, c): [string, [number, number]] => [letter, [r, c + ROW_SHIFT[r]!]])),
);
/** Letters spelt alike in Polish: "minót" (folded "minot") for "minut". */
const SOUND_ALIKE = new Set(['ou', 'uo']);

/** Whether a typed letter for another is a slip of the finger (a neighbouring key) or of the ear. */
export function slipOf(typed: string, meant: string): boolean {
  if (SOUND_ALIKE.has(typed + meant)) return true;
  const a = KEYS.get(typed);
  const b = KEYS.get(meant);
  return !!a && !!b && Math.abs(a[0] - b[0]) <= 1 && Math.abs(a[1] - b[1]) <= 1;
}

/**
 * Optimal string alignment distance, stopping early: true when at most one edit apart, a changed
 * letter only when `substitutes` allows it.
 */
export function oneEditApart(a: string, b: string, substitutes: (typed: string, meant: string) => boolean = () => true): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return substitutes(a[i]!, b[i]!); // one letter changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * A Polish word outside the vocabulary is read as a typo only from this length: among short words
 * one letter more is often another common word ("pisze", "opisze"; "liczy", "liczby").
 */
const OTHER_WORD_MIN_LENGTH = 7;

/**
 * Whether `meant` is `typed` with one letter more, neither first nor last: a letter dropped inside
 * a long word is a slip ("kandzie" for "kanadzie"), while one at either end makes another word as
 * often ("tygodni", "tygodniu"; "konczy", "skonczy").
 */
function droppedInside(typed: string, meant: string): boolean {
  return meant.length === typed.length + 1 && meant[0] === typed[0] && meant.at(-1) === typed.at(-1) && oneEditApart(typed, meant);
}

export class Spelling {
  private readonly index = new Map<string, string[]>();

  /**
   * `frequency` orders candidates: the word more entries use wins a tie. `substitutes` says which
   * changed letters count as a typo (any, unless told). `keepsOtherWords`: a Polish word outside
   * the vocabulary stays as typed (see otherWords); 'unlessDropped' keeps it unless it is long and
   * a known word is it with a letter dropped inside (see droppedInside).
   */
  constructor(
    vocabulary: Iterable<string>,
    private readonly isKnown: (word: string) => boolean,
    private readonly frequency: (word: string) => number,
    private readonly substitutes: (typed: string, meant: string) => boolean = () => true,
    private readonly keepsOtherWords: boolean | 'unlessDropped' = true,
  ) {
    for (const word of vocabulary) {
      if (word.length < MIN_LENGTH - 1) continue;
      for (const key of [word, ...deletions(word)]) {
        const list = this.index.get(key);
        if (list) list.push(word);
        else this.index.set(key, [word]);
      }
    }
  }

  /**
   * The word itself when known, uncorrectable or another Polish word ("wyłączyć" is no typo of
   * "włączyć"), else the likeliest known word one edit away.
   */
  correct(word: string): string {
    if (word.length < MIN_LENGTH || this.isKnown(word)) return word;
    const other = this.keepsOtherWords !== false && otherWords().has(word);
    if (other && (this.keepsOtherWords === true || word.length < OTHER_WORD_MIN_LENGTH)) return word;
    let best: string | null = null;
    for (const key of [word, ...deletions(word)]) {
      for (const candidate of this.index.get(key) ?? []) {
        if (candidate === best || !(other ? droppedInside(word, candidate) : oneEditApart(word, candidate, this.substitutes))) continue;
        if (best === null || this.frequency(candidate) > this.frequency(best)) best = candidate;
      }
    }
    return best ?? word;
  }
}
