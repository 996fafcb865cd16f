import type { RedisClient } from '../../common/redisConnection';
import type { Config } from '../../common/config';
import type { Logger } from '../../common/logger';
import type { Organisation } from '../domain/types';
import { resolvePinSecret } from './pinSecret';
import { PinVerifier } from './pinService';
import { createCodeSenders, type CodeSenders } from './senders/createCodeSenders';

export interface PinVerification {
  verifier: PinVerifier;
  senders: CodeSenders;
  /** Waits for codes still being delivered, then closes the SMTP pool (graceful shutdown). */
  close(): Promise<void>;
}

/**
 * Everything administrator verification needs, from its configuration: the PIN key, the code
 * senders and how long a verification lasts. Logs where codes go, as the start-up log must say.
 */
export async function createPinVerification(options: {
  redis: RedisClient;
  prefix: string;
  config: Config['verification'];
  logger: Logger;
  findOrganisation: (orgId: string) => Promise<Organisation | null>;
}): Promise<PinVerification> {
  const { redis, prefix, config, logger } = options;
  const { ttlHours } = config;
  const senders = createCodeSenders(config.delivery, logger);
  const secret = await resolvePinSecret(redis, prefix, config.pinSecret, logger);
  const verifier = new PinVerifier({
    redis,
    prefix,
    secret,
    logger,
    senders,
    channels: senders.channels,
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
