import type { RedisClient } from '../../common/redisConnection';
import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'crypto';
import { z } from 'zod';
import { describeZodError } from '../../common/http';
import { keyIn } from '../../common/redisKeys';
import { LOCALES, type Locale } from '../../common/locale';
import { silentLogger, type Logger } from '../../common/logger';
import { CONTACT_METHODS, DomainError, type ContactMethod, type Organisation } from '../domain/types';
import { maskEmail, maskPhone } from './mask';
import { CONSUME_CODE, ISSUE_CODE, MARK_VERIFIED, RECORD_WRONG, RESERVE_TRY } from './pinScripts';
import type { CodeSender } from './senders/codeSender';
import { findAdministratorByEmail, normaliseEmail } from '../domain/trustedIdentity';

export const CODE_DIGITS = 6;
export const CODE_VALID_MINUTES = 10;
/** Wrong tries one conversation may make in an hour, whatever codes they were for; then it is locked. */
export const MAX_WRONG_TRIES = 5;
export const LOCK_MINUTES = 15;
/**
 * Wrong tries on one administrator in an hour, from any conversations, that mean distributed
 * guessing: from then on each code gets a single try (her own fresh code still works).
 */
export const GUARD_AFTER_WRONG_TRIES = 10;
/** Codes one conversation may have sent in an hour, to whichever administrators: spent first. */
export const MAX_SENDS_PER_CONVERSATION = 3;
/**
 * Codes one administrator may be sent in an hour, from all conversations: her inbox and phone are
 * not flooded, and no single conversation can spend it (docs/security.md).
 */
export const MAX_SENDS_PER_ADMINISTRATOR = 10;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How long Redis keeps a code record: past its validity, so a late answer hears "expired". */
const CODE_KEEP_MS = HOUR;

export type CodeChannel = ContactMethod;

export interface RequestCodeInput {
  orgId: string;
  /** The administrator e-mail the person typed; the code never goes to it unless it is the registered one. */
  email: string;
  channel: CodeChannel;
  conversationId: string;
  locale?: Locale;
}

/**
 * The same for a registered and an unknown address: the masked destination comes from what was
 * typed (or, for a phone, a stable decoy), and the limits count either way.
 */
export interface RequestCodeResult {
  status: 'sent' | 'rate_limited' | 'locked';
  maskedDestination: string;
  /** For 'sent': how long the code is valid. */
  expiresInMinutes?: number;
  /** For 'rate_limited' and 'locked': when asking again can succeed. */
  retryAfterSeconds?: number;
}

export interface VerifyCodeInput {
  conversationId: string;
  code: string;
}

export type VerifyCodeResult =
  | { status: 'verified'; orgId: string; adminId: string }
  | { status: 'wrong'; attemptsLeft: number }
  | { status: 'locked'; retryAfterSeconds: number }
  /** Not six digits: nothing was compared and no try was used. */
  | { status: 'malformed' }
  | { status: 'expired' }
  /** This conversation has no code waiting (never asked, already used, or replaced by a newer one). */
  | { status: 'no_code' };

export interface VerifiedAdmin {
  orgId: string;
  adminId: string;
}

export interface PinVerifierOptions {
  redis: RedisClient;
  /** HMAC key for the codes (see resolvePinSecret). */
  secret: Buffer;
  findOrganisation: (orgId: string) => Promise<Organisation | null>;
  senders: { email: CodeSender; phone: CodeSender };
  /** The ways codes can be sent here (default both); a request for another one is refused. */
  channels?: readonly CodeChannel[];
  prefix: string;
  /** Epoch milliseconds; injected so tests can move time. */
  now?: () => number;
  logger?: Logger;
  /** How long a verification lasts (VERIFICATION_TTL_HOURS). */
  verificationTtlSeconds: number;
}

const requestSchema = z.object({
  orgId: z.string().trim().min(1),
  email: z.string().trim().min(3).max(254),
  channel: z.enum(CONTACT_METHODS),
  conversationId: z.string().min(1).max(512),
  locale: z.enum(LOCALES).default('pl'),
});

const verifySchema = z.object({
  conversationId: z.string().min(1).max(512),
  code: z.string(),
});

/**
 * One-time codes that prove a person in a chat is an organisation's administrator.
 *
 * A code is 6 digits, valid 10 minutes, single use, bound to the conversation that asked for it,
 * and stored only as an HMAC. Five wrong tries within an hour lock the conversation that made
 * them for 15 minutes (not the administrator: a stranger must not be able to lock her out);
 * ten within an hour on one administrator, from several conversations, leave each of her codes a
 * single try. A conversation may have three codes sent an hour, and an administrator may be sent
 * ten an hour from all conversations, so that one conversation cannot spend her codes; a
 * conversation's new code replaces its own old one only. A Teams identity registered for her needs no code at all.
 * An address that is not registered walks the same path with a decoy record that can never
 * match, so neither the answers nor the limits tell whether an address is known.
 *
 * Delivery runs after the answer (a registered address is not slower to answer than an unknown
 * one). A failed delivery is logged and changes nothing else: giving the send back made probing
 * unlimited, and dropping the code made a registered address answer differently from a decoy.
 * `drain()` waits for deliveries in flight (tests, shutdown).
 */
export class PinVerifier {
  private readonly redis: RedisClient;
  private readonly secret: Buffer;
  /** The start of every PIN key: one hash tag, since a code's script spans its administrator and its conversation. */
  private readonly pinKeys: string;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly verificationTtlMs: number;
  private readonly deliveries = new Set<Promise<void>>();
  /** The ways a code can be sent here, in the order the bot offers them. */
  readonly codeChannels: readonly CodeChannel[];

  constructor(private readonly options: PinVerifierOptions) {
    this.redis = options.redis;
    this.secret = options.secret;
    this.pinKeys = keyIn(options.prefix, 'pin');
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.verificationTtlMs = options.verificationTtlSeconds * 1000;
    this.codeChannels = options.channels ?? CONTACT_METHODS;
    if (!(this.verificationTtlMs > 0)) throw new Error('verificationTtlSeconds must be a positive number');
  }

  async requestCode(input: RequestCodeInput): Promise<RequestCodeResult> {
    const request = parse(requestSchema, input);
    if (!this.codeChannels.includes(request.channel))
      throw new DomainError('invalid_request', `codes by ${request.channel === 'email' ? 'e-mail' : 'SMS'} are not configured`);
    const org = await this.options.findOrganisation(request.orgId);
    const admin = org ? findAdministratorByEmail(org, request.email) : null;
    const address = request.channel === 'email' ? admin?.email : admin?.phone;
    // Where the code really goes; null (nothing sent) for an unknown address or a missing phone.
    const target = org && admin && address ? { org, admin, address } : null;
    const maskedDestination = request.channel === 'email' ? maskEmail(request.email) : maskPhone(address ?? this.decoyPhone(request));
    // Known administrators are limited per administrator; unknown addresses per typed address.
    const subject = admin
      ? `admin:${request.orgId}:${admin.id}`
      : `unknown:${this.hmac(`subject|${request.orgId}|${normaliseEmail(request.email)}`).slice(0, 32)}`;

    const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
    const issueId = randomUUID();
    // Without a target the record is a decoy: a hash of random bytes no code can match.
    const hash = this.codeHash(issueId, target ? code : randomBytes(16).toString('hex'));
    const [status, msLeft] = await this.eval<[string, number]>(
      ISSUE_CODE,
      [
        this.lockKey(request.conversationId),
        this.key('sends', subject),
        this.codeKey(subject, request.conversationId),
        this.conversationKey(request.conversationId),
        this.key('sends', `conversation:${request.conversationId}`),
      ],
      [
        this.now(),
        hash,
        request.conversationId,
        request.orgId,
        target?.admin.id ?? '',
        subject,
        issueId,
        CODE_VALID_MINUTES * MINUTE,
        MAX_SENDS_PER_ADMINISTRATOR,
        HOUR,
        CODE_KEEP_MS,
        MAX_SENDS_PER_CONVERSATION,
      ],
    );

    this.logger.info(
      { orgId: request.orgId, channel: request.channel, destination: maskedDestination, status, registered: !!target },
      'verification code requested',
    );
    if (status !== 'sent')
      return { status: status as 'locked' | 'rate_limited', maskedDestination, retryAfterSeconds: Math.ceil(msLeft / 1000) };

    if (target) {
      this.deliver(
        { channel: request.channel, address: target.address, name: target.admin.name },
        { code, orgName: target.org.name, expiresMinutes: CODE_VALID_MINUTES, locale: request.locale },
        maskedDestination,
      );
    }
    return { status: 'sent', maskedDestination, expiresInMinutes: CODE_VALID_MINUTES };
  }

  async verifyCode(input: VerifyCodeInput): Promise<VerifyCodeResult> {
    const request = parse(verifySchema, input);
    const typed = request.code.replace(/[\s-]/g, '');
    if (!new RegExp(`^\\d{${CODE_DIGITS}}$`).test(typed)) return { status: 'malformed' };
    const subject = await this.redis.get(this.conversationKey(request.conversationId));
    if (!subject) return { status: 'no_code' };

    const lockKey = this.lockKey(request.conversationId);
    const codeKey = this.codeKey(subject, request.conversationId);
    const tryKeys = [this.key('tries', `conversation:${request.conversationId}`), this.key('tries', subject)];
    const tryId = randomUUID();
    const reserved = await this.eval<[string, number, string?, string?]>(
      RESERVE_TRY,
      [lockKey, codeKey, ...tryKeys],
      [this.now(), request.conversationId, MAX_WRONG_TRIES, LOCK_MINUTES * MINUTE, tryId, HOUR, GUARD_AFTER_WRONG_TRIES],
    );
    if (reserved[0] !== 'compare') return outcome(reserved[0], reserved[1]);
    const [, , storedHash, issueId] = reserved as [string, number, string, string];

    const matches = timingSafeEqual(Buffer.from(storedHash, 'hex'), Buffer.from(this.codeHash(issueId, typed), 'hex'));
    const result = matches
      ? await this.eval<[string, string | number, string?]>(
          CONSUME_CODE,
          [lockKey, codeKey, this.conversationKey(request.conversationId), this.verifiedKey(request.conversationId), ...tryKeys],
          [issueId, this.now(), this.verificationTtlMs, tryId],
        )
      : await this.eval<[string, number, number?]>(
          RECORD_WRONG,
          [lockKey, codeKey, ...tryKeys],
          [issueId, this.now(), MAX_WRONG_TRIES, LOCK_MINUTES * MINUTE, GUARD_AFTER_WRONG_TRIES],
        );
    if (result[0] === 'verified') {
      const [, orgId, adminId] = result as [string, string, string];
      this.logger.info({ orgId, adminId }, 'administrator verified with a one-time code');
      return { status: 'verified', orgId, adminId };
    }
    if (result[2] === 1) this.logger.warn({ subject }, 'conversation locked after too many wrong codes');
    return outcome(result[0], Number(result[1]));
  }

  /** Records that this conversation speaks for the administrator (after a code, or a trusted identity). */
  async markVerified(
    who: { conversationId: string; orgId: string; adminId: string },
    ttlSeconds = this.verificationTtlMs / 1000,
  ): Promise<void> {
    if (!who.conversationId || !who.orgId || !who.adminId)
      throw new DomainError('invalid_request', 'conversationId, orgId and adminId are required');
    if (!(ttlSeconds > 0)) throw new DomainError('invalid_request', 'ttlSeconds must be positive');
    const ttlMs = Math.round(ttlSeconds * 1000);
    await this.eval(MARK_VERIFIED, [this.verifiedKey(who.conversationId)], [who.orgId, who.adminId, this.now() + ttlMs, ttlMs]);
  }

  /** The administrator this conversation is verified as, while the verification lasts. */
  async verifiedAdmin(conversationId: string): Promise<VerifiedAdmin | null> {
    const [orgId, adminId, until] = await this.redis.hmget(this.verifiedKey(conversationId), 'org', 'admin', 'until');
    if (!orgId || !adminId || !(Number(until) > this.now())) return null;
    return { orgId, adminId };
  }

  /** Waits until every delivery started so far has finished (delivered or refunded). */
  async drain(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.allSettled([...this.deliveries]);
  }

  private deliver(to: Parameters<CodeSender['send']>[0], message: Parameters<CodeSender['send']>[1], masked: string): void {
    const sender = to.channel === 'email' ? this.options.senders.email : this.options.senders.phone;
    const delivery = sender
      .send(to, message)
      .then(() => this.logger.info({ channel: to.channel, destination: masked }, 'verification code delivered'))
      .catch((error: unknown) =>
        this.logger.error({ channel: to.channel, destination: masked, reason: scrub(error) }, 'verification code delivery failed'),
      )
      .finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }

  private decoyPhone(request: { orgId: string; email: string }): string {
    const digits = BigInt(`0x${this.hmac(`phone|${request.orgId}|${normaliseEmail(request.email)}`).slice(0, 12)}`) % 1000n;
    return `+48 000 000 ${String(digits).padStart(3, '0')}`;
  }

  private codeHash(issueId: string, code: string): string {
    return this.hmac(`code|${issueId}|${code}`);
  }

  private hmac(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('hex');
  }

  private key(kind: 'sends' | 'tries', subject: string): string {
    return `${this.pinKeys}${kind}:${subject}`;
  }

  private codeKey(subject: string, conversationId: string): string {
    return `${this.pinKeys}code:${subject}|${conversationId}`;
  }

  private lockKey(conversationId: string): string {
    return `${this.pinKeys}lock:conversation:${conversationId}`;
  }

  private conversationKey(conversationId: string): string {
    return `${this.pinKeys}conversation:${conversationId}`;
  }

  private verifiedKey(conversationId: string): string {
    return `${this.pinKeys}verified:${conversationId}`;
  }

  private eval<T>(script: string, keys: string[], args: Array<string | number>): Promise<T> {
    return this.redis.eval(script, keys.length, ...keys, ...args) as Promise<T>;
  }
}

/** A script's answer as a result; `value` is ms left for 'locked' and tries left for 'wrong'. */
function outcome(status: string, value: number): VerifyCodeResult {
  switch (status) {
    case 'locked':
      return { status: 'locked', retryAfterSeconds: Math.ceil(value / 1000) };
    case 'wrong':
      return { status: 'wrong', attemptsLeft: value };
    case 'expired':
      return { status: 'expired' };
    default:
      return { status: 'no_code' };
  }
}

function parse<T extends z.ZodTypeAny>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new DomainError('invalid_request', describeZodError(parsed.error));
}

/** An error's message with any e-mail address masked, for the log. */
function scrub(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, (address) => maskEmail(address));
}
