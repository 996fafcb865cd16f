/**
 * `npm run bench:reload`: how long a returning web chat takes to show its last message (issue
 * 12, "fast reload"). Starts its own redis-server, the real service (bot/main.ts) and Chromium
 * with the official Web Chat page; fills one conversation's transcript with 500 activities (a
 * customer message and the bot's answer, alternately, stored as the connector stores them) and
 * another with 1 (the floor), then reloads the page of each as a returning tab does (its saved
 * token) and times navigation start -> the conversation's last message visible. Five reloads
 * each; prints p50/max and the machine's load average.
 */
import { loadavg } from 'os';
import Redis from 'ioredis';
import type { Browser } from 'playwright-core';
import { startRedisServer } from '../support/redisServer';
import { startService, type ServiceProcess } from '../support/serviceProcess';
import { launchChromium } from '../browser/support/browser';
import { longConversation, returningTab } from '../support/longConversation';
import { latencyStats } from './support/stats';

const PREFIX = 'bench:reload:';
const RELOADS = 5;

async function reloadTimes(browser: Browser, service: ServiceProcess, saved: { token: string; conversationId: string }, last: string) {
  const ms: number[] = [];
  let token = saved.token;
  for (let i = 0; i < RELOADS; i++) {
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 430, height: 900 } });
    await returningTab(context, { token, conversationId: saved.conversationId });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${service.url}/`);
    await page
      .locator('.webchat__bubble__content', { hasText: last })
      .last()
      .waitFor({ timeout: 120_000 })
      .catch(async (err: Error) => {
        await page.screenshot({ path: '/tmp/reload-bench-failure.png' });
        process.stderr.write(`reload ${i + 1} of ${saved.conversationId} failed\n`);
        throw err;
      });
    ms.push(performance.now() - started);
    // The page renewed the token: the next reload uses the newest, as the tab would.
    token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('desk.chat') ?? '{}').token as string);
    await context.close();
  }
  return latencyStats(ms);
}

async function main(): Promise<void> {
  const redisServer = await startRedisServer();
  const service = await startService({
    redisUrl: redisServer.url,
    prefix: PREFIX,
    env: { LOG_LEVEL: 'warn', DIRECTLINE_SECRET: 'bench-reload-directline-secret-0123', DIRECTLINE_TOKENS_PER_MINUTE: '1000' },
  });
  const redis = new Redis(redisServer.url);
  const browser = await launchChromium();
  try {
    const long = await longConversation(service.url, redis, PREFIX, 500, 'Ostatnia wiadomość długiej rozmowy');
    const short = await longConversation(service.url, redis, PREFIX, 1, 'Jedyna wiadomość krótkiej rozmowy');
    const floor = await reloadTimes(browser, service, short, 'Jedyna wiadomość krótkiej rozmowy');
    const reload = await reloadTimes(browser, service, long, 'Ostatnia wiadomość długiej rozmowy');
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    process.stdout.write(
      [
        `reload to the last message visible (${RELOADS} reloads each, ms), load average ${load}`,
        `  500 activities: p50 ${reload.p50.toFixed(0)}  max ${reload.max.toFixed(0)}`,
        `  floor, 1 activity: p50 ${floor.p50.toFixed(0)}  max ${floor.max.toFixed(0)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await browser.close();
    redis.disconnect();
    await service.kill();
    await redisServer.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
