/**
 * The start of every key of one hash tag: `<prefix>{<tag>}:`. A Redis Cluster places a key by
 * its tag alone, so keys of one tag share a slot and one script or MULTI may touch them together;
 * on a single node the tag is just part of the name. The tags and the rules: docs/architecture.md,
 * "Key names and Redis Cluster".
 */
export function keyIn(prefix: string, tag: string): string {
  return `${prefix}{${tag}}:`;
}

/** The hash tag a Redis Cluster places `key` by: what is inside its first `{...}`, or the whole key. */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/** Keys grouped by hash tag, in their order: a multi-key command may name keys of one tag only. */
export function groupByTag(keys: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const tag = hashTagOf(key);
    groups.set(tag, [...(groups.get(tag) ?? []), key]);
  }
  return [...groups.values()];
}
