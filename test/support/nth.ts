/** The item at `index` (negative counts from the end); a missing one fails the test and shows what was there. */
export function nth<T>(items: readonly T[] | ArrayLike<T>, index: number): T {
  const item = Array.prototype.at.call(items, index) as T | undefined;
  if (item === undefined) throw new Error(`expected an item at ${index} of ${items.length}: ${JSON.stringify(items).slice(0, 500)}`);
  return item;
}

type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N ? R : Tuple<T, N, [...R, T]>;

/** The first `count` items, typed as a tuple for destructuring; fewer fails the test and shows what was there. */
export function firstOf<T, N extends 1 | 2 | 3 | 4>(items: readonly T[], count: N): Tuple<T, N> {
  if (items.length < count)
    throw new Error(`expected at least ${count} items, got ${items.length}: ${JSON.stringify(items).slice(0, 500)}`);
  return items.slice(0, count) as Tuple<T, N>;
}
