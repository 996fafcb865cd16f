import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildApp, type App } from '../../bot/app';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import type { DnsResolver } from '../../ticketing/mail/authenticity';
import { redisEnv, testRedisUrl, uniquePrefix } from './redis';
import { SERVICE_API_TOKENS } from './serviceProcess';

export interface DeskAppOptions {
  /** REDIS_PREFIX; two instances given the same prefix (and outbox) are one service. */
  prefix?: string;
  /** Where PIN codes go (the outbox sender); default a fresh temporary folder. */
  outbox?: string;
  /** ATTACHMENTS_DIR; two instances of one service share it. Default: a fresh temporary folder. */
  attachmentsDir?: string;
  /** Log level of the captured log; default 'silent'. */
  logLevel?: string;
  /** Extra or overriding environment variables; a REDIS_URL of its own replaces the run's Redis (one node or cluster). */
  env?: NodeJS.ProcessEnv;
  /** DNS answers for mail authentication (see test/support/mailWorld.ts). */
  dnsResolver?: DnsResolver;
}

export interface DeskApp {
  app: App;
  url: string;
  prefix: string;
  outbox: string;
  attachmentsDir: string;
  /** Every log line the service wrote, as JSON text. */
  logLines: string[];
  close(): Promise<void>;
}

/**
 * The whole service, built by the composition root, in this process on a loopback port: the
 * run's Redis (one node or the cluster) under its own prefix, the demo directory, test API
 * tokens, PIN codes to an outbox.
 */
export async function startDeskApp(name: string, options: DeskAppOptions = {}): Promise<DeskApp> {
  const prefix = options.prefix ?? uniquePrefix(name);
  const ownOutbox = options.outbox === undefined;
  const outbox = options.outbox ?? mkdtempSync(join(tmpdir(), 'desk-app-outbox-'));
  const ownAttachments = options.attachmentsDir === undefined;
  const attachmentsDir = options.attachmentsDir ?? mkdtempSync(join(tmpdir(), 'desk-app-files-'));
  const logLines: string[] = [];
  const logger = createLogger({ level: options.logLevel ?? 'silent', destination: { write: (line: string) => void logLines.push(line) } });
  const app = await buildApp({
    logger,
    dnsResolver: options.dnsResolver,
    config: loadConfig({
      PORT: '0',
      ...(options.env?.REDIS_URL ? {} : redisEnv(testRedisUrl())),
      REDIS_PREFIX: prefix,
      API_TOKENS: SERVICE_API_TOKENS,
      OUTBOX_DIR: outbox,
      ATTACHMENTS_DIR: attachmentsDir,
      DIRECTLINE_SECRET: `directline-secret-${prefix}`,
      ...options.env,
    }),
  });
  return {
    app,
    url: app.url,
    prefix,
    outbox,
    attachmentsDir,
    logLines,
    async close() {
      await app.close();
      if (ownOutbox) rmSync(outbox, { recursive: true, force: true });
      if (ownAttachments) rmSync(attachmentsDir, { recursive: true, force: true });
    },
  };
}
