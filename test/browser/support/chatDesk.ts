import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser } from 'playwright-core';
import { buildApp, type App } from '../../../bot/app';
import { loadConfig } from '../../../common/config';
import { silentLogger } from '../../../common/logger';
import { startSmtpPeer, type SmtpPeer } from '../../support/smtpPeer';
import { redisEnv, testRedisUrl, uniquePrefix } from '../../support/redis';
import { launchChromium } from './browser';

/** The whole product as `npm start` builds it, the real SMTP server its mail goes to, and Chromium. */
export interface ChatDesk {
  app: App;
  smtp: SmtpPeer;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts the desk for a browser test that follows a customer in Web Chat and an agent in the
 * console: `agentToken` signs in as the agent alice; outbox and files live in temporary folders.
 */
export async function startChatDesk(options: {
  name: string;
  agentToken: string;
  prefix?: string;
  /** More API_TOKENS entries (`token:role:id,...`), for tests with several people. */
  moreTokens?: string;
}): Promise<ChatDesk> {
  const { name, agentToken } = options;
  const outbox = mkdtempSync(join(tmpdir(), `desk-${name}-outbox-`));
  const files = mkdtempSync(join(tmpdir(), `desk-${name}-files-`));
  const smtp = await startSmtpPeer();
  const [app, browser] = await Promise.all([
    buildApp({
      config: loadConfig({
        PORT: '0',
        ...redisEnv(testRedisUrl()),
        REDIS_PREFIX: options.prefix ?? uniquePrefix(name),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'desk@example.test',
        OUTBOX_DIR: outbox,
        ATTACHMENTS_DIR: files,
        API_TOKENS: [`${agentToken}:agent:alice`, options.moreTokens].filter(Boolean).join(','),
        DIRECTLINE_SECRET: `${name}-directline-secret-0123456789`,
        PIN_SECRET: `${name}-pin-secret-0123456789abcdef0123`,
      }),
      logger: silentLogger,
    }),
    launchChromium(),
  ]);
  return {
    app,
    smtp,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await smtp.stop();
      for (const dir of [outbox, files]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
