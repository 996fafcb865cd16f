import type Redis from 'ioredis';
import { keyIn } from '../../common/redisKeys';
import { conversationKeys, conversationOfScope, stateKey } from '../../common/conversationKeys';

/**
 * Moving a store written before the hash tags (docs/architecture.md, "Key names and Redis
 * Cluster") to them: each old name's family and the tag it now carries. Families not listed
 * (knowledge, mail, rate limits, a web-chat stream URL's one-use mark) keep their names.
 */
const FAMILIES: { old: RegExp; tag: string; drop?: string }[] = [
  {
    old: /^(ticket:|seq:ticket:|idem:|tickets:|store:|queue:|agent:|report:|sla-policy:|search:|notes:|presence:|saved-replies$)/,
    tag: 'tickets',
  },
  { old: /^(sla|delivery):(due|inflight|inflight:due|reconciled)$/, tag: 'tickets' },
  { old: /^(org:|orgs$|orgs:names$|org-by-tenant:|org-by-name:|org-by-admin-email:)/, tag: 'orgs' },
  { old: /^pin:/, tag: 'pin', drop: 'pin:' },
  { old: /^verified:/, tag: 'pin' },
  { old: /^bull:/, tag: 'bull', drop: 'bull:' },
];

/** The bot's and web chat's keys: in their conversation's tag, which the old name holds. */
const CONVERSATION_FAMILIES: { old: RegExp; now: (prefix: string, name: string[]) => string }[] = [
  { old: /^bot:state:(.+)$/s, now: (prefix, [key]) => stateKey(prefix, key!) },
  { old: /^bot:lock:(.+)$/s, now: (prefix, [id]) => `${conversationKeys(prefix, id!)}bot:lock` },
  {
    // A person's records, by personScope (`channel|conversation|user`, each part encoded).
    old: /^bot:(awaiting|rating|held-files):([^|]*\|[^|]*\|[^|]*)$/s,
    now: (prefix, [what, scope]) => `${conversationKeys(prefix, conversationOfScope(scope!))}bot:${what}:${scope}`,
  },
  { old: /^dl:(conv|activities|token):(.+)$/s, now: (prefix, [what, id]) => `${conversationKeys(prefix, id!)}dl:${what}` },
];

/** The name an old key has now, or null when it keeps its name (already tagged, or not moved). */
export function taggedName(prefix: string, key: string): string | null {
  if (!key.startsWith(prefix)) return null;
  const rest = key.slice(prefix.length);
  if (rest.startsWith('{')) return null;
  for (const { old, now } of CONVERSATION_FAMILIES) {
    const name = old.exec(rest);
    if (name) return now(prefix, name.slice(1));
  }
  const family = FAMILIES.find((f) => f.old.test(rest));
  if (!family) return null;
  const tail = family.drop && rest.startsWith(family.drop) ? rest.slice(family.drop.length) : rest;
  return `${keyIn(prefix, family.tag)}${tail}`;
}

/**
 * Renames every old key of the prefix to its tagged name, `batchSize` keys a round trip (SCAN,
 * then RENAMENX: a tagged key already there is never overwritten, and is reported). For a single
 * Redis node, with the service stopped. Returns how many were renamed and the clashes.
 */
export async function tagOldKeys(
  redis: Redis,
  prefix: string,
  batchSize = 500,
  onBatch: (renamed: number) => void = () => {},
): Promise<{ renamed: number; clashes: string[] }> {
  let renamed = 0;
  const clashes: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', batchSize);
    cursor = next;
    const moves = found.flatMap((key) => {
      const to = taggedName(prefix, key);
      return to ? [[key, to] as const] : [];
    });
    if (moves.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const [from, to] of moves) pipeline.renamenx(from, to);
    const replies = (await pipeline.exec()) ?? [];
    replies.forEach(([err, done], i) => {
      if (err) throw err;
      if (done === 1) renamed += 1;
      else clashes.push(moves[i]![0]);
    });
    onBatch(renamed);
  } while (cursor !== '0');
  return { renamed, clashes };
}
