/**
 * Bot turns over HTTP: FAQ questions posted to the service's /api/messages with expectReplies,
 * against the floor of an echo bot on the same adapter, server and settings, measured in the
 * same run in alternating rounds (so load from elsewhere on the machine hits both alike).
 * Goal: FAQ turns reach at least 80% of the echo floor's throughput.
 */
import { randomUUID } from 'crypto';
import { postTurn, type ChatPeer } from './support/botClient';
import type { EchoBotProcess } from './support/echoBot';
import { FAQ_QUESTIONS } from './support/faqQuestions';
import { sampleRss, type RssSummary } from './support/rss';
import { loadFor, summarize, type LoadResult, type LoadSample } from './support/stats';
import type { BenchRow } from './support/table';

export interface BotTurnSizes {
  /** Conversations in flight, each sending its next question when the last is answered. */
  concurrency: number;
  /** Measured time per bot, split over `rounds` alternating rounds. */
  durationMs: number;
  rounds: number;
  warmUpMs: number;
}

export const GOAL_RATIO = 0.8;

export interface BotTurnResult {
  rows: BenchRow[];
  faq: LoadResult;
  echo: LoadResult;
  ratio: number;
  goalMet: boolean;
  serviceRss: RssSummary;
  echoRss: RssSummary;
}

/** `service` is the desk (its URL and process id), `echo` the floor. */
export async function benchBotTurns(service: { url: string; pid: number }, echo: EchoBotProcess, sizes: BotTurnSizes): Promise<BotTurnResult> {
  const run = randomUUID().slice(0, 8);
  // Each worker is one customer in their own conversation, asking down the list from their own place.
  const load = (url: string, round: number, durationMs: number) =>
    loadFor(durationMs, sizes.concurrency, async (worker, n) => {
      const peer: ChatPeer = { channelId: 'emulator', from: { id: `bench-user-${worker}`, name: 'Klient' } };
      await postTurn(url, `bench-faq-${run}-${round}-${worker}`, peer, { text: FAQ_QUESTIONS[(worker * 7 + n) % FAQ_QUESTIONS.length] });
    });

  await load(echo.url, -1, sizes.warmUpMs);
  await load(service.url, -1, sizes.warmUpMs);
  const faqSamples: LoadSample[] = [];
  const echoSamples: LoadSample[] = [];
  const serviceRss = sampleRss(service.pid);
  const echoRss = sampleRss(echo.pid);
  for (let round = 0; round < sizes.rounds; round++) {
    echoSamples.push(await load(echo.url, round, sizes.durationMs / sizes.rounds));
    faqSamples.push(await load(service.url, round, sizes.durationMs / sizes.rounds));
  }
  const rss = { service: serviceRss.stop(), echo: echoRss.stop() };
  const faq = summarize(...faqSamples);
  const floor = summarize(...echoSamples);
  const ratio = faq.perSecond / floor.perSecond;
  const goalMet = ratio >= GOAL_RATIO;
  const c = sizes.concurrency;
  const echoWhat = `echo bot, same adapter/server, ${c} in flight`;
  return {
    faq, echo: floor, ratio, goalMet, serviceRss: rss.service, echoRss: rss.echo,
    rows: [
      { figure: `bot turns / s, FAQ over HTTP (${c} conversations, ${faq.latency.count} turns)`, value: faq.perSecond, unit: '/s', floor: floor.perSecond, floorWhat: echoWhat },
      { figure: 'bot turn p50, FAQ', value: faq.latency.p50, unit: 'ms', floor: floor.latency.p50, floorWhat: echoWhat },
      { figure: 'bot turn p99, FAQ', value: faq.latency.p99, unit: 'ms', floor: floor.latency.p99, floorWhat: echoWhat },
      { figure: `FAQ / echo throughput (goal >= ${GOAL_RATIO * 100}%)`, value: `${Math.round(ratio * 100)}% ${goalMet ? 'goal met' : 'goal NOT met'}`, unit: '' },
      { figure: 'service RSS during bot load, mean / peak', value: `${rss.service.meanMb} / ${rss.service.peakMb}`, unit: 'MB', floor: `${rss.echo.meanMb} / ${rss.echo.peakMb}`, floorWhat: 'the echo bot process' },
    ],
  };
}
