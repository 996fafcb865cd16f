/**
 * `npm run bench:reload`: how long a returning web chat takes to show its last message (issue
 * 12, "fast reload"). Starts its own redis-server, the real service (bot/main.ts) and Chromium
 * with the official Web Chat page; fills one conversation's transcript with 500 activities (a
 * customer message and the bot's answer, alternately, stored as the connector stores them) and
 * another with 1 (the floor), then opens each in its own tab (a saved token, as a returning tab
 * has) and reloads it: reload start -> the conversation's last message visible, and -> the whole
 * recent history drawn (the oldest of the last RECENT_ACTIVITIES in the page). The first visit is
 * not timed (it fetches the Web Chat bundle, which a reload takes from the browser's cache).
 * Five reloads each; prints p50/max, the ratio to the floor and the machine's load average.
 */
import { loadavg } from 'os';
import Redis from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { startRedisServer } from '../support/redisServer';
import { startService, type ServiceProcess } from '../support/serviceProcess';
import { launchChromium } from '../browser/support/browser';
import { longConversation, longConversationText, returningTab } from '../support/longConversation';
import { RECENT_ACTIVITIES } from '../../bot/directline/transcript';
import { latencyStats, type LatencyStats } from './support/stats';

const PREFIX = 'bench:reload:';
const RELOADS = 5;
const SIZE = 500;
const LAST = 'Ostatnia wiadomość długiej rozmowy';
const ONLY = 'Jedyna wiadomość krótkiej rozmowy';

/** `text`'s bubble in the page (drawn, even when scrolled out of view). */
function bubbleDrawn(page: Page, text: string, what: string): Promise<void> {
  return page
    .locator('.webchat__bubble__content', { hasText: text })
    .last()
    .waitFor({ state: 'attached', timeout: 180_000 })
    .catch(async (err: Error) => {
      await page.screenshot({ path: '/tmp/reload-bench-failure.png' });
      process.stderr.write(`${what} failed\n`);
      throw err;
    });
}

async function reloadTimes(
  browser: Browser,
  service: ServiceProcess,
  saved: { token: string; conversationId: string },
  last: string,
  oldestRecent: string,
): Promise<{ last: LatencyStats; recent: LatencyStats }> {
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
  await bubbleDrawn(page, oldestRecent, 'first visit');
  const lastMs: number[] = [];
  const recentMs: number[] = [];
  for (let i = 1; i <= RELOADS; i++) {
    const started = performance.now();
    await page.reload({ waitUntil: 'commit', timeout: 180_000 });
    const drawn = bubbleDrawn(page, oldestRecent, `reload ${i}`).then(() => recentMs.push(performance.now() - started));
    await lastVisible(i);
    lastMs.push(performance.now() - started);
    await drawn;
  }
  await context.close();
  return { last: latencyStats(lastMs), recent: latencyStats(recentMs) };
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
    const long = await longConversation(service.url, redis, PREFIX, SIZE, LAST);
    const short = await longConversation(service.url, redis, PREFIX, 1, ONLY);
    const floor = await reloadTimes(browser, service, short, ONLY, ONLY);
    const reload = await reloadTimes(browser, service, long, LAST, longConversationText(SIZE, SIZE - RECENT_ACTIVITIES));
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    const line = (what: string, s: LatencyStats) =>
      `  ${what.padEnd(44)} p50 ${s.p50.toFixed(0).padStart(5)}  max ${s.max.toFixed(0).padStart(5)}  (${(s.p50 / floor.last.p50).toFixed(2)} × floor)`;
    process.stdout.write(
      [
        `reload of a returning web chat (${RELOADS} reloads each, ms), load average ${load}`,
        line(`${SIZE} activities: last message visible`, reload.last),
        line(`${SIZE} activities: last ${RECENT_ACTIVITIES} drawn`, reload.recent),
        line('floor, 1 activity: its message visible', floor.last),
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
