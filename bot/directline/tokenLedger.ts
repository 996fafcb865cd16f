import { unlessStoreDown, type RedisClient } from '../../common/redisConnection';
import { conversationKeys } from '../../common/conversationKeys';
import { TokenError, type DirectLineClaims } from './tokens';

// The new token becomes current and the one it replaces the previous, in one step, so a crash
// between them never leaves an older token usable. KEYS: current, previous. ARGV: token id, ttl
// seconds, revocations channel, message.
const ISSUE = `
local before = redis.call('GET', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
if before and before ~= ARGV[1] then
  redis.call('SET', KEYS[2], before, 'EX', ARGV[2])
else
  redis.call('DEL', KEYS[2])
end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
`;

type LedgerRedis = RedisClient & {
  dlIssue(current: string, previous: string, jti: string, ttl: string, channel: string, message: string): Promise<number>;
};

/**
 * What a signature alone cannot say about a Direct Line token: whether a newer one replaced it
 * (refreshing or resuming a conversation revokes the token before), and whether its stream URL
 * was already opened (one stream URL serves one client). The token just replaced keeps working
 * until its successor is first used: a page reloaded while its renewal was on the way never
 * received the successor, and would otherwise lose its conversation. Kept in Redis, so every instance agrees.
 * While Redis is unreachable the ledger cannot answer and the signature alone decides, so that the
 * web chat keeps answering FAQ questions during an outage as Teams does (nothing is stored then;
 * docs/security.md weighs this).
 * Each new token is also published on `revocations`, so every instance closes the streams that
 * were opened with a token it replaced.
 */
export class TokenLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    if (!('dlIssue' in redis)) redis.defineCommand('dlIssue', { numberOfKeys: 2, lua: ISSUE });
  }

  /** The pub/sub channel that carries `<conversation id> <current token id>` for every new token. */
  get revocations(): string {
    return `${this.prefix}dl:revocations`;
  }

  /** Makes a just-issued token its conversation's current one; the one before it works until this one is used, older ones stop. */
  async issued(claims: DirectLineClaims, nowMs: number): Promise<void> {
    const made = (this.redis as LedgerRedis).dlIssue(
      this.currentKey(claims.conv),
      this.previousKey(claims.conv),
      claims.jti,
      String(secondsLeft(claims, nowMs)),
      this.revocations,
      `${claims.conv} ${claims.jti}`,
    );
    await unlessStoreDown(made, null);
  }

  /**
   * Throws TokenError('revoked') when a newer token was issued for the conversation and used.
   * Resolves true when the token is its conversation's current one (false when it is the one
   * before, or when the ledger cannot tell).
   */
  async check(claims: Pick<DirectLineClaims, 'conv' | 'jti'>): Promise<boolean> {
    const [current, previous] = await unlessStoreDown(this.redis.mget(this.currentKey(claims.conv), this.previousKey(claims.conv)), [
      null,
      null,
    ]);
    if (current === null || current === claims.jti) {
      // The newest token is in use: the client has it, so the one before it may stop.
      if (current !== null && previous !== null) await unlessStoreDown(this.redis.del(this.previousKey(claims.conv)), 0);
      return current !== null;
    }
    if (previous === claims.jti) return false;
    throw new TokenError('revoked', 'the token was replaced by a newer one (refreshed or resumed): use the newest token');
  }

  /** True the first time the token's stream is opened; false for every later attempt. */
  async claimStream(claims: DirectLineClaims, nowMs: number): Promise<boolean> {
    return (
      (await unlessStoreDown(
        this.redis.set(`${this.prefix}dl:stream:${claims.jti}`, '1', 'EX', secondsLeft(claims, nowMs), 'NX'),
        'OK',
      )) === 'OK'
    );
  }

  private currentKey(conversationId: string): string {
    return `${conversationKeys(this.prefix, conversationId)}dl:token`;
  }

  private previousKey(conversationId: string): string {
    return `${conversationKeys(this.prefix, conversationId)}dl:token:previous`;
  }
}

function secondsLeft(claims: DirectLineClaims, nowMs: number): number {
  return Math.max(1, claims.exp - Math.floor(nowMs / 1000));
}
