import { unlessStoreDown, type RedisClient } from '../../common/redisConnection';
import { conversationKeys } from '../../common/conversationKeys';
import { TokenError, type DirectLineClaims } from './tokens';

/**
 * What a signature alone cannot say about a Direct Line token: whether a newer one replaced it
 * (refreshing or resuming a conversation revokes the token before), and whether its stream URL
 * was already opened (one stream URL serves one client). Kept in Redis, so every instance agrees.
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
  ) {}

  /** The pub/sub channel that carries `<conversation id> <current token id>` for every new token. */
  get revocations(): string {
    return `${this.prefix}dl:revocations`;
  }

  /** Makes a just-issued token its conversation's current one; the ones before it stop working. */
  async issued(claims: DirectLineClaims, nowMs: number): Promise<void> {
    const made = this.redis
      .multi()
      .set(this.currentKey(claims.conv), claims.jti, 'EX', secondsLeft(claims, nowMs))
      .publish(this.revocations, `${claims.conv} ${claims.jti}`)
      .exec();
    await unlessStoreDown(made, null);
  }

  /** Throws TokenError('revoked') when a newer token was issued for the conversation. */
  async check(claims: Pick<DirectLineClaims, 'conv' | 'jti'>): Promise<void> {
    const current = await unlessStoreDown(this.redis.get(this.currentKey(claims.conv)), null);
    if (current !== null && current !== claims.jti) {
      throw new TokenError('revoked', 'the token was replaced by a newer one (refreshed or resumed): use the newest token');
    }
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
}

function secondsLeft(claims: DirectLineClaims, nowMs: number): number {
  return Math.max(1, claims.exp - Math.floor(nowMs / 1000));
}
