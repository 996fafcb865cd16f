/**
 * A flat Redis reply of fixed-width records ([a1, b1, a2, b2, ...]) as tuples. A reply that does
 * not split evenly is a bug in the script that produced it, so it throws instead of guessing.
 */
export function recordsOf(flat: readonly string[], width: 2): [string, string][];
export function recordsOf(flat: readonly string[], width: 3): [string, string, string][];
export function recordsOf(flat: readonly string[], width: number): string[][] {
  if (flat.length % width !== 0) throw new Error(`a Redis reply of ${flat.length} fields does not split into records of ${width}`);
  const records: string[][] = [];
  for (let i = 0; i < flat.length; i += width) records.push(flat.slice(i, i + width));
  return records;
}
