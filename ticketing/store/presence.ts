import type { RedisClient } from '../../common/redisConnection';
import { keys } from './keys';

export const PRESENCE_STATES = ['viewing', 'typing'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** Someone with a ticket open, and until when that holds without another heartbeat. */
export interface Presence {
  agent: string;
  state: PresenceState;
  until: string;
}

/** How long a heartbeat holds: a console beats every few seconds, so a closed tab fades within this. */
export const VIEWING_MS = 20_000;
/** Typing fades sooner: it is renewed by each burst of keystrokes. */
export const TYPING_MS = 8_000;

/**
 * Who is viewing or typing on a ticket, across every instance: one Redis hash per ticket
 * (agent -> state and expiry), renewed by each console's heartbeat. The hash itself expires with
 * the last heartbeat, and entries past their time are dropped as they are read, so nothing is left
 * behind by a tab that closed without a word.
 */
export class PresenceBoard {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  /** Records the agent's heartbeat and returns the others present on the ticket. */
  async beat(ticketId: string, agent: string, state: PresenceState, now: Date): Promise<Presence[]> {
    const key = keys.presence(this.prefix, ticketId);
    const until = now.getTime() + (state === 'typing' ? TYPING_MS : VIEWING_MS);
    const replies = await this.redis
      .multi()
      .hset(key, agent, JSON.stringify({ state, until }))
      .pexpire(key, VIEWING_MS)
      .hgetall(key)
      .exec();
    const all = (replies?.[2]?.[1] ?? {}) as Record<string, string>;
    return this.live(key, all, now).filter((p) => p.agent !== agent);
  }

  async leave(ticketId: string, agent: string): Promise<void> {
    await this.redis.hdel(keys.presence(this.prefix, ticketId), agent);
  }

  async present(ticketId: string, now: Date): Promise<Presence[]> {
    const key = keys.presence(this.prefix, ticketId);
    return this.live(key, await this.redis.hgetall(key), now);
  }

  private live(key: string, all: Record<string, string>, now: Date): Presence[] {
    const present: Presence[] = [];
    const gone: string[] = [];
    for (const [agent, json] of Object.entries(all)) {
      const { state, until } = JSON.parse(json) as { state: PresenceState; until: number };
      if (until > now.getTime()) present.push({ agent, state, until: new Date(until).toISOString() });
      else gone.push(agent);
    }
    if (gone.length) void this.redis.hdel(key, ...gone).catch(() => undefined); // tidying only: the next read drops them again
    return present.sort((a, b) => (a.agent < b.agent ? -1 : 1));
  }
}
