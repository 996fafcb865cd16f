import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/** What a Direct Line token grants: one conversation, as one user, until `exp` (epoch seconds); `jti` names this token. */
export interface DirectLineClaims {
  conv: string;
  user: string;
  iat: number;
  exp: number;
  jti: string;
}

/** Why a token was refused; each is answered with 403, which directlinejs reads as "expired token". */
export class TokenError extends Error {
  constructor(
    readonly reason: 'invalid' | 'expired' | 'revoked',
    message: string,
  ) {
    super(message);
  }
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Issues and checks Direct Line tokens: compact JWTs signed with HMAC-SHA256. They are JWTs so
 * that directlinejs and Web Chat can read the `user` claim (they take the user id from it), and
 * signed so that nobody can widen one to another conversation or extend its life.
 */
export class TokenSigner {
  constructor(
    private readonly secret: string,
    readonly ttlSeconds: number,
  ) {
    if (secret.length < 16) throw new Error('the Direct Line secret must be at least 16 characters');
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
      throw new Error(`token lifetime must be a positive whole number of seconds, got ${ttlSeconds}`);
  }

  issue(conversationId: string, userId: string, nowMs: number): { token: string; expiresIn: number; claims: DirectLineClaims } {
    const iat = Math.floor(nowMs / 1000);
    const claims: DirectLineClaims = {
      conv: conversationId,
      user: userId,
      iat,
      exp: iat + this.ttlSeconds,
      jti: randomBytes(12).toString('base64url'),
    };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return { token: `${body}.${this.sign(body)}`, expiresIn: this.ttlSeconds, claims };
  }

  /** The token's claims, or a TokenError when it is malformed, forged or expired. */
  verify(token: string, nowMs: number): DirectLineClaims {
    const parts = token.split('.');
    const [header, payload, signature] = parts;
    if (parts.length !== 3 || header !== HEADER || payload === undefined || signature === undefined) {
      throw new TokenError('invalid', 'the token is not a Direct Line token of this service');
    }
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new TokenError('invalid', 'the token signature is not valid');
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as DirectLineClaims;
    if (claims.exp * 1000 <= nowMs)
      throw new TokenError('expired', 'the token has expired: start a new conversation or refresh the token before it expires');
    return claims;
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
