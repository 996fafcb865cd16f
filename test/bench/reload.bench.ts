/**
 * `npm run bench:reload`: how long a returning web chat takes to show its last message (issue
 * 12, "fast reload"). Starts its own redis-server, the real service (bot/main.ts) and Chromium
 * with the official Web Chat page; fills one conversation's transcript with 500 activities (a
 * customer message and the bot's answer, alternately, stored as the connector stores them) and
 * another with 1 (the floor), then opens each in its own tab (a saved token, as a returning tab
 * has) and reloads it: reload start -> the conversation's last message visible. The first visit
 * is not timed (it fetches the Web Chat bundle, which a reload takes from the browser's cache).
 * Five reloads each; prints p50/max and the machine's load average.
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
  const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 430, height: 900 } });
  await returningTab(context, saved);
  const page = await context.newPage();
  const lastVisible = (i: number) =>
    page
      .locator('.webchat__bubble__content', { hasText: last })
      .last()
      .waitFor({ timeout: 180_000 })
      .catch(async (err: Error) => {
        await page.screenshot({ path: '/tmp/reload-bench-failure.png' });
        process.stderr.write(`reload ${i} of ${saved.conversationId} failed\n`);
        throw err;
      });
  // The tab's first visit (not timed): the browser keeps the Web Chat bundle, as a returning tab has it.
  await page.goto(`${service.url}/`, { waitUntil: 'commit', timeout: 180_000 });
  await lastVisible(0);
  const ms: number[] = [];
  for (let i = 1; i <= RELOADS; i++) {
    const started = performance.now();
    await page.reload({ waitUntil: 'commit', timeout: 180_000 });
    await lastVisible(i);
    ms.push(performance.now() - started);
  }
  await context.close();
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
