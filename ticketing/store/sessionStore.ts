import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { RedisClient } from '../../common/redisConnection';
import { type ScriptedRedis, withScripts } from './scripts';
import { keyIn } from '../../common/redisKeys';

/** A signed-in session: who, its CSRF token, and when it started (epoch ms). */
export interface Session<P> {
  person: P;
  csrf: string;
  startedAt: number;
  /** After this the session is over however active it is. */
  endsAt: number;
}

export interface SessionLifetimes {
  /** A session unused this long is over. */
  idleMs: number;
  /** A session is over this long after sign-in, however active. */
  absoluteMs: number;
}

/**
 * Browser sessions in RedisClient, shared by every instance: ending one (sign-out, revocation) is seen
 * by the next request wherever it lands. The cookie value is `<person id, base64url>.<secret>`;
 * only the secret's SHA-256 is stored, so a copy of RedisClient signs nobody in. A person's sessions
 * share one key tag (`{auth:<id>}`) with the set that lists them, so revoking them all is one script.
 */
export class SessionStore<P extends { id: string }> {
  private readonly redis: ScriptedRedis;

  constructor(
    redis: RedisClient,
    private readonly prefix: string,
    private readonly lifetimes: SessionLifetimes,
    private readonly clock: () => number = Date.now,
  ) {
    this.redis = withScripts(redis);
  }

  /** Starts a session; returns the cookie value and the session (with its CSRF token). */
  async start(person: P): Promise<{ cookie: string; session: Session<P> }> {
    const secret = randomBytes(32).toString('base64url');
    const now = this.clock();
    const session: Session<P> = {
      person,
      csrf: randomBytes(32).toString('base64url'),
      startedAt: now,
      endsAt: now + this.lifetimes.absoluteMs,
    };
    const digest = sha256(secret);
    await this.redis.deskStartSession(
      2,
      this.sessionKey(person.id, digest),
      this.listKey(person.id),
      JSON.stringify(session),
      Math.min(this.lifetimes.idleMs, this.lifetimes.absoluteMs),
      this.lifetimes.absoluteMs,
      digest,
    );
    return { cookie: `${Buffer.from(person.id).toString('base64url')}.${secret}`, session };
  }

  /** The live session of a cookie value, its idle time restarted; null when unknown, ended or expired. */
  async read(cookie: string): Promise<Session<P> | null> {
    const parsed = parseCookie(cookie);
    if (!parsed) return null;
    const key = this.sessionKey(parsed.personId, sha256(parsed.secret));
    const json = await this.redis.get(key);
    if (!json) return null;
    const session = JSON.parse(json) as Session<P>;
    const left = session.endsAt - this.clock();
    if (session.person.id !== parsed.personId || left <= 0) return null;
    await this.redis.pexpire(key, Math.min(this.lifetimes.idleMs, left));
    return session;
  }

  /** Ends the session of a cookie value (sign-out). */
  async end(cookie: string): Promise<void> {
    const parsed = parseCookie(cookie);
    if (!parsed) return;
    const digest = sha256(parsed.secret);
    await this.redis.deskEndSessions(2, this.listKey(parsed.personId), this.sessionKey(parsed.personId, digest), digest);
  }

  /** Ends every session of a person, on every instance at once; returns how many were live. */
  async endAllOf(personId: string): Promise<number> {
    const digests = await this.redis.smembers(this.listKey(personId));
    if (!digests.length) return 0;
    const keys = digests.map((digest) => this.sessionKey(personId, digest));
    return Number(await this.redis.deskEndSessions(1 + keys.length, this.listKey(personId), ...keys, ...digests));
  }

  private tag(personId: string): string {
    return keyIn(this.prefix, `auth:${personId}`);
  }

  private sessionKey(personId: string, digest: string): string {
    return `${this.tag(personId)}session:${digest}`;
  }

  private listKey(personId: string): string {
    return `${this.tag(personId)}sessions`;
  }
}

/** Compares a presented CSRF token with the session's in constant time. */
export function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseCookie(cookie: string): { personId: string; secret: string } | null {
  const match = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(cookie);
  if (!match) return null;
  const personId = Buffer.from(match[1]!, 'base64url').toString('utf8');
  return personId ? { personId, secret: match[2]! } : null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
