/**
 * The start of every key of one hash tag: `<prefix>{<tag>}:`. A Redis Cluster places a key by
 * its tag alone, so keys of one tag share a slot and one script or MULTI may touch them together;
 * on a single node the tag is just part of the name. The tags and the rules: docs/architecture.md,
 * "Key names and Redis Cluster".
 */
export function keyIn(prefix: string, tag: string): string {
  return `${prefix}{${tag}}:`;
}
