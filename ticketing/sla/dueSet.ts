import type { RedisClient } from '../../common/redisConnection';
import { recordsOf } from '../../common/flatReply';
import { keys } from '../store/keys';
import { DueEvent, parseDueMember } from '../domain/dueEvents';
import type { TimerEventKind } from '../domain/types';

/**
 * The Redis side of the SLA timers.
 *
 * - `<prefix>{tickets}:sla:due`: sorted set, member `ticketId|kind|version`, score = due epoch ms. The
 *   store writes it with every ticket change; the sweeper drains it.
 * - `<prefix>{tickets}:sla:inflight`: sorted set of claimed entries, score = lease expiry. An entry stays
 *   here from the claim until its Bull job exists, so a crash in between loses nothing: once the
 *   lease expires the entry goes back to the due set.
 * - `<prefix>{tickets}:sla:inflight:due`: hash member -> original due ms, so a released entry keeps its time.
 * - `<prefix>{tickets}:sla:reconciled`: when the due set was last rebuilt from every open ticket. The save
 *   script keeps the due set in step with the tickets from then on, so a start only rebuilds it
 *   when this mark is gone (a new store, SLA keys wiped by hand) or the due set is (see reconcile.ts).
 */
export function slaKeys(prefix: string) {
  return dueSetKeys(prefix, 'sla');
}

/** The same three keys for another due set (`delivery`: message deliveries, see ticketing/delivery). */
export function dueSetKeys(prefix: string, name: string) {
  // With the tickets' tag: the save script writes the due set with the ticket.
  const start = keys.store(prefix);
  return {
    due: `${start}${name}:due`,
    inflight: `${start}${name}:inflight`,
    inflightDue: `${start}${name}:inflight:due`,
    reconciled: `${start}${name}:reconciled`,
  };
}

/** A due entry taken by this instance (what its member says, its member and due time): fire it, then ack() it. */
export type Claimed<E> = E & { member: string; dueAtMs: number };
export type SlaEntry = { ticketId: string; kind: TimerEventKind; version: number };
export type ClaimedEvent = Claimed<SlaEntry>;

export interface ClaimResult<E = SlaEntry> {
  claimed: Claimed<E>[];
  /** Members that were due but are not SLA entries; the script has dropped them. */
  malformed: string[];
  /** The earliest entry still waiting, or null when the set is empty. */
  nextDueAtMs: number | null;
  /** The instant the claim went by: the earlier of the caller's clock and the Redis server's. */
  nowMs: number;
}

// The earlier of the caller's clock (ARGV[1]) and the Redis server's, as an integer string:
// an instance whose clock runs fast never fires an event early, and every instance agrees with
// the server within its own clock's error.
const NOW = `
if redis.replicate_commands then redis.replicate_commands() end
local serverTime = redis.call('TIME')
local nowMs = math.min(tonumber(ARGV[1]), tonumber(serverTime[1]) * 1000 + math.floor(tonumber(serverTime[2]) / 1000))
local now = string.format('%d', nowMs)
`;

// Moves up to `limit` due entries into the in-flight set in one step, so two sweepers never
// take the same entry, and reports the next due time so the caller can sleep until then.
// ARGV: caller's now, lease ms, limit.
const CLAIM = `${NOW}
local entries = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
if #entries > 0 then
  local leaseUntil = string.format('%d', nowMs + tonumber(ARGV[2]))
  local members, leases, dues = {}, {}, {}
  for i = 1, #entries, 2 do
    members[#members + 1] = entries[i]
    leases[#leases + 1] = leaseUntil
    leases[#leases + 1] = entries[i]
    dues[#dues + 1] = entries[i]
    dues[#dues + 1] = entries[i + 1]
  end
  redis.call('ZREM', KEYS[1], unpack(members))
  redis.call('ZADD', KEYS[2], unpack(leases))
  redis.call('HSET', KEYS[3], unpack(dues))
end
local nextEntry = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {entries, nextEntry[2] or false, now}
`;

// Puts entries whose lease expired (their claimer died before enqueuing) back into the due set
// with their original time. NX: an entry the store re-wrote meanwhile keeps the store's score.
// ARGV: caller's now, limit.
const RELEASE_EXPIRED = `${NOW}
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(expired) do
  local due = redis.call('HGET', KEYS[3], member) or now
  redis.call('ZADD', KEYS[1], 'NX', due, member)
end
if #expired > 0 then
  redis.call('ZREM', KEYS[2], unpack(expired))
  redis.call('HDEL', KEYS[3], unpack(expired))
end
return #expired
`;

// Adds owed entries that are missing, skipping those already claimed by a sweeper.
const ADD_MISSING = `
local added = 0
for i = 1, #ARGV, 2 do
  if not redis.call('ZSCORE', KEYS[2], ARGV[i + 1]) then
    added = added + redis.call('ZADD', KEYS[1], 'NX', ARGV[i], ARGV[i + 1])
  end
end
return added
`;

type DueSetRedis = RedisClient & {
  slaClaim(
    due: string,
    inflight: string,
    inflightDue: string,
    now: string,
    leaseMs: string,
    limit: string,
  ): Promise<[string[], string | null, string]>;
  slaReleaseExpired(due: string, inflight: string, inflightDue: string, now: string, limit: string): Promise<number>;
  slaAddMissing(due: string, inflight: string, ...scoreMembers: string[]): Promise<number>;
};

export class DueSet<E extends object = SlaEntry> {
  readonly keys: ReturnType<typeof slaKeys>;
  private readonly redis: DueSetRedis;
  private readonly parse: (member: string) => E | null;

  /** The SLA timers' set by default; another set names itself and says how its members read. */
  constructor(redis: RedisClient, prefix: string, other?: { name: string; parse: (member: string) => E | null }) {
    this.keys = other ? dueSetKeys(prefix, other.name) : slaKeys(prefix);
    this.parse = other?.parse ?? (parseDueMember as unknown as (member: string) => E | null);
    if (!('slaClaim' in redis)) {
      redis.defineCommand('slaClaim', { numberOfKeys: 3, lua: CLAIM });
      redis.defineCommand('slaReleaseExpired', { numberOfKeys: 3, lua: RELEASE_EXPIRED });
      redis.defineCommand('slaAddMissing', { numberOfKeys: 2, lua: ADD_MISSING });
    }
    this.redis = redis as DueSetRedis;
  }

  async claim(nowMs: number, leaseMs: number, limit: number): Promise<ClaimResult<E>> {
    const { due, inflight, inflightDue } = this.keys;
    const [entries, next, now] = await this.redis.slaClaim(
      due,
      inflight,
      inflightDue,
      String(Math.floor(nowMs)),
      String(leaseMs),
      String(limit),
    );
    const claimed: Claimed<E>[] = [];
    const malformed: string[] = [];
    for (const [member, dueAt] of recordsOf(entries, 2)) {
      const parsed = this.parse(member);
      if (parsed) claimed.push({ member, ...parsed, dueAtMs: Number(dueAt) });
      else malformed.push(member);
    }
    // A malformed member can never fire: drop it from in-flight so it is not retried forever.
    if (malformed.length > 0) await this.ack(malformed);
    return { claimed, malformed, nextDueAtMs: next === null ? null : Number(next), nowMs: Number(now) };
  }

  /** The claimed entries now have their Bull jobs: forget them. */
  async ack(members: string[]): Promise<void> {
    if (members.length === 0) return;
    await this.redis
      .multi()
      .zrem(this.keys.inflight, ...members)
      .hdel(this.keys.inflightDue, ...members)
      .exec();
  }

  async releaseExpired(nowMs: number, limit = 10_000): Promise<number> {
    const { due, inflight, inflightDue } = this.keys;
    return this.redis.slaReleaseExpired(due, inflight, inflightDue, String(Math.floor(nowMs)), String(limit));
  }

  /** Adds the given owed entries where missing; returns how many were added. */
  async addMissing(events: DueEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const args = events.flatMap((e) => [String(e.dueAtMs), e.member]);
    return this.redis.slaAddMissing(this.keys.due, this.keys.inflight, ...args);
  }

  /** Puts an entry (back) in the due set at the given time, whatever its current score. */
  async schedule(member: string, dueAtMs: number): Promise<void> {
    await this.redis.zadd(this.keys.due, dueAtMs, member);
  }

  async remove(members: string[]): Promise<number> {
    if (members.length === 0) return 0;
    return this.redis.zrem(this.keys.due, ...members);
  }

  /** Every member of the due set, in pages (the set may hold hundreds of thousands). */
  async *members(pageSize = 1000): AsyncGenerator<string[]> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.zscan(this.keys.due, cursor, 'COUNT', pageSize);
      cursor = next;
      const members = flat.filter((_, i) => i % 2 === 0);
      if (members.length > 0) yield members;
    } while (cursor !== '0');
  }

  /** Whether the due set was rebuilt from the tickets and is still there (or nothing is pending at all). */
  async isReconciled(): Promise<boolean> {
    const [mark, { due, inflight }] = await Promise.all([this.redis.exists(this.keys.reconciled), this.counts()]);
    return mark === 1 && due + inflight > 0;
  }

  async markReconciled(atMs: number): Promise<void> {
    await this.redis.set(this.keys.reconciled, new Date(atMs).toISOString());
  }

  async counts(): Promise<{ due: number; inflight: number }> {
    const [due, inflight] = await Promise.all([this.redis.zcard(this.keys.due), this.redis.zcard(this.keys.inflight)]);
    return { due, inflight };
  }
}
