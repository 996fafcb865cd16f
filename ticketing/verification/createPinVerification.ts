import type Redis from 'ioredis';
import type { Logger } from '../../common/logger';
import type { Organisation } from '../domain/types';
import { resolvePinSecret } from './pinSecret';
import { DEFAULT_VERIFICATION_TTL_HOURS, PinVerifier } from './pinService';
import { createCodeSenders, type CodeSenders } from './senders/createCodeSenders';

export interface PinVerification {
  verifier: PinVerifier;
  senders: CodeSenders;
  /** Waits for codes still being delivered, then closes the SMTP pool (graceful shutdown). */
  close(): Promise<void>;
}

/**
 * Everything administrator verification needs, from the environment: the PIN key (PIN_SECRET),
 * the senders (SMTP_URL, MAIL_FROM, SMS_WEBHOOK_*, OUTBOX_DIR) and how long a verification lasts
 * (VERIFICATION_TTL_HOURS). Logs where codes go, as the start-up log must say.
 */
export async function createPinVerification(options: {
  redis: Redis;
  prefix: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  findOrganisation: (orgId: string) => Promise<Organisation | null>;
}): Promise<PinVerification> {
  const { redis, prefix, env, logger } = options;
  const ttlHours = verificationTtlHours(env.VERIFICATION_TTL_HOURS);
  const senders = createCodeSenders(env, logger);
  const secret = await resolvePinSecret(redis, prefix, env, logger);
  const verifier = new PinVerifier({
    redis, prefix, secret, logger, senders,
    findOrganisation: options.findOrganisation,
    verificationTtlSeconds: ttlHours * 3600,
  });
  logger.info(`administrator verification: ${senders.describe()}; a verification lasts ${ttlHours} h`);
  return {
    verifier,
    senders,
    async close() {
      await verifier.drain();
      senders.close();
    },
  };
}

function verificationTtlHours(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_VERIFICATION_TTL_HOURS;
  const hours = Number(value);
  if (!Number.isFinite(hours) || hours <= 0) throw new Error(`Invalid VERIFICATION_TTL_HOURS: expected a positive number of hours, got '${value}'`);
  return hours;
}
