import jaroWinkler from 'natural/lib/natural/distance/jaro-winkler_distance';
import { matches } from './glossary';

/** Jaro-Winkler similarity above which two words count as a typo of each other. */
const TYPO_SIMILARITY = 0.92;

/**
 * The share of the question's content words that an entry contains, allowing inflection
 * (shared prefix) and typos (Jaro-Winkler). A question about Disney+ shares "anulować" and
 * "subskrypcja" with our entries but not "disney": low coverage keeps it from being answered.
 */
export function coverage(queryWords: string[], entryWords: Set<string>): number {
  if (queryWords.length === 0) return 0;
  let found = 0;
  for (const q of queryWords) {
    if (entryWords.has(q)) {
      found++;
      continue;
    }
    for (const w of entryWords) {
      if (matches(q, w) || (q.length >= 5 && Math.abs(q.length - w.length) <= 2 && jaroWinkler(q, w) >= TYPO_SIMILARITY)) {
        found++;
        break;
      }
    }
  }
  return found / queryWords.length;
}
