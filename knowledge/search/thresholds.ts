import { matches } from './glossary';

/**
 * A rule stated for quantities past a limit ("Liczby kanałów powyżej 100 są zaokrąglane",
 * "Channel counts above 100 are rounded"). "Ponad 60 krajów" is a count, not a rule: only these
 * words state one.
 */
const RULE = /(?<!\p{L})(powyżej|above)\s+(\d+)(?!\d)/giu;
/** Terms before a number that put the number itself past the limit ("większa niż 100"; "więcej", "ponad" are stop words). */
const COMPARATIVE = new Set(['wiekszy', 'powyzej', 'above', 'over', 'more', 'greater']);
/** Words of a rule's sentence shorter than this say too little to tie a number to it. */
const MIN_CONTEXT_LENGTH = 4;
/**
 * A neighbour of the number meets a word of the rule as the same term, or as another form of it
 * when both are this long ("channels", "channel"): four shared letters made "Kanadzie" a "kanał".
 */
const MIN_FORM_LENGTH = 6;

export interface Threshold {
  limit: number;
  /** The rule's own terms for "powyżej 100". */
  words: string[];
  /** The other words of its sentence ("kanal", "liczba"): what the number must count. */
  context: string[];
  /**
   * Numbers the facts state of what the rule counts ("do 300 kanałów"): a question naming one asks
   * about that fact, not about the rule.
   */
  stated: number[];
}

/** The thresholds stated in the facts (sentences) of the articles, from their terms. */
export function thresholdsOf(facts: Iterable<string>, termsOf: (text: string) => string[]): Threshold[] {
  const found: Threshold[] = [];
  const factTerms = [...facts].map((fact) => ({ fact, terms: termsOf(fact) }));
  for (const { fact, terms } of factTerms) {
    for (const [phrase, , limit] of fact.matchAll(RULE)) {
      const words = termsOf(phrase);
      const context = terms.filter((w) => w.length >= MIN_CONTEXT_LENGTH && !words.includes(w) && !/^\d+$/.test(w));
      found.push({ limit: Number(limit), words, context, stated: [] });
    }
  }
  for (const t of found) {
    const stated = new Set<number>();
    for (const { terms } of factTerms)
      if (terms.some((w) => t.context.includes(w)))
        for (const w of terms) if (/^\d+$/.test(w) && Number(w) > t.limit) stated.add(Number(w));
    t.stated = [...stated];
  }
  return found;
}

function sameWord(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= MIN_FORM_LENGTH && matches(a, b));
}

/**
 * A question that names a number past a stated limit next to a word of that rule ("wpisałem 137
 * kanałów", "245 channels") asks about the rule, though it shares no word with "powyżej 100": it
 * gets the rule's words. "Office 365" counts no channels and gets nothing.
 */
export function withThresholds(words: string[], thresholds: readonly Threshold[]): string[] {
  if (thresholds.length === 0) return words;
  const extra = new Set<string>();
  words.forEach((w, i) => {
    if (!/^\d{1,6}$/.test(w)) return;
    const n = Number(w);
    const before = words[i - 1];
    const compared = before !== undefined && COMPARATIVE.has(before);
    // "liczba kanałów większa niż 100": what is compared stands before the comparative.
    const neighbours = [before, words[i + 1], compared ? words[i - 2] : undefined].filter((x): x is string => x !== undefined);
    for (const t of thresholds) {
      const past = (n > t.limit && !t.stated.includes(n)) || (n === t.limit && compared);
      if (past && neighbours.some((x) => t.context.some((c) => sameWord(x, c)))) for (const r of t.words) extra.add(r);
    }
  });
  const added = [...extra].filter((w) => !words.includes(w));
  return added.length > 0 ? [...words, ...added] : words;
}
