import { readFileSync } from 'fs';

/**
 * The cases of a JSONL set, one per non-blank line, each checked by `valid`; a line that fails
 * stops the evaluation with its place and the `expected` shape.
 */
export function readJsonLines<T>(path: string, valid: (c: T) => boolean, expected: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const c = JSON.parse(line) as T;
      if (!valid(c)) throw new Error(`${path}:${i + 1}: expected ${expected}`);
      return c;
    });
}

/** The indexes of `cases` in the groups `groupsOf` names for each, sorted by name, and 'all' last: a report's rows. */
export function groupCases<T>(cases: T[], groupsOf: (c: T) => string[]): [string, number[]][] {
  const groups = new Map<string, number[]>();
  cases.forEach((c, i) => {
    for (const name of [...groupsOf(c), 'all']) groups.set(name, [...(groups.get(name) ?? []), i]);
  });
  return [...groups].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)));
}

/** `n` of `of` as a percentage with one decimal, '-' of nothing. */
export function percent(n: number, of: number): string {
  return of ? `${((100 * n) / of).toFixed(1)}%` : '-';
}
