/**
 * An answer's facts: its sentences and numbered steps, each searched on its own so that one
 * detail deep in a long answer ("Katar" in a list of sixteen countries, step 4 of a procedure) is
 * found by a question about that detail alone.
 */
/**
 * A sentence ends on its mark unless an abbreviation's ("np. 112" goes on), and a step opens on
 * its number and its words: "(np. 112) – w nagłym wypadku" is no sentence or step of its own.
 */
const BOUNDARY = /(?<=[.!?;])(?<!\b(?:np|tzw|ok|m\.in|e\.g|i\.e)\.)\s+(?=[\p{Lu}\d(„"])|\s+(?=\d{1,2}\)\s+[\p{L}„"])/u;

/** Passages shorter than this are joined to the one before: "1)" or "Nie." say nothing alone. */
const MIN_FACT_LENGTH = 25;

export function splitFacts(text: string): string[] {
  const facts: string[] = [];
  for (const part of text.split(BOUNDARY)) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const previous = facts.at(-1);
    if (previous !== undefined && previous.length < MIN_FACT_LENGTH) facts[facts.length - 1] = `${previous} ${trimmed}`;
    else facts.push(trimmed);
  }
  return facts;
}
