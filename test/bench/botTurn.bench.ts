/**
 * Bot turns over HTTP: FAQ questions posted to the service's /api/messages with expectReplies,
 * against the floor of an echo bot on the same adapter, server and settings, measured in the
 * same run in alternating rounds (so load from elsewhere on the machine hits both alike).
 * Goal: FAQ turns reach at least 80% of the echo floor's throughput. Beside the throughput, each
 * process's CPU time per turn: the same comparison, hardly moved by other work on the machine.
 *
 * Optionally a second floor, the echo with the product's state (echoBot.ts with REDIS_URL): the
 * conversation lock and the state's two Redis round trips, which every stateful bot pays, so FAQ
 * against it is the cost of the desk's own work alone.
 */
import { randomUUID } from 'crypto';
import { postTurn, type ChatPeer } from './support/botClient';
import type { EchoBotProcess } from './support/echoBot';
import { FAQ_QUESTIONS } from './support/faqQuestions';
import { cpuMsOf, watchProcess, type ProcessLoadSummary } from './support/processStats';
import { loadFor, summarize, type LoadResult, type LoadSample } from './support/stats';
import type { BenchRow } from './support/table';
import { TEST_TOKENS } from '../support/ticketingApiServer';

export interface BotTurnSizes {
  /** Conversations in flight, each sending its next question when the last is answered. */
  concurrency: number;
  /** Measured time per bot, split over `rounds` alternating rounds. */
  durationMs: number;
  rounds: number;
  warmUpMs: number;
  /**
   * Every turn's text unique (the same words, spaced differently), so that no cache keyed by the
   * message (answers, intents, spellings) is hit: the cost of questions never asked before.
   */
  distinct?: boolean;
  /**
   * A new conversation every this many turns of a worker; by default each worker keeps one
   * conversation a round (50+ turns), so once a question starts a dialog the questions after it
   * are asked at that dialog's prompt.
   */
  conversationTurns?: number;
}

export const GOAL_RATIO = 0.8;

export interface BotTurnResult {
  rows: BenchRow[];
  faq: LoadResult;
  echo: LoadResult;
  ratio: number;
  goalMet: boolean;
  /**
   * CPU ms per turn of the service and of the echo bot, and echo / FAQ (the capacity ratio); with
   * the stateful echo, its CPU per turn and echoWithState / FAQ too.
   */
  cpuPerTurn: { faq: number; echo: number; ratio: number; echoWithState?: number; ratioWithState?: number };
  service: ProcessLoadSummary;
  echoProcess: ProcessLoadSummary;
  /** The echo with the product's state, when it was measured. */
  echoWithState?: LoadResult;
  echoWithStateProcess?: ProcessLoadSummary;
  /** How the measured FAQ turns ended, from the service's own desk_kb_answers_total. */
  outcomes: Record<string, number>;
}

/** `service` is the desk (its URL and process id), `echo` the floor, `echoWithState` the stateful floor. */
export async function benchBotTurns(
  service: { url: string; pid: number },
  echo: EchoBotProcess,
  sizes: BotTurnSizes,
  echoWithState?: EchoBotProcess,
): Promise<BotTurnResult> {
  const run = randomUUID().slice(0, 8);
  const timesAsked: Record<string, number> = {};
  // Each worker is one customer in their own conversation, asking down the list from their own place.
  const load = (url: string, round: number, durationMs: number) =>
    loadFor(durationMs, sizes.concurrency, async (worker, n) => {
      const peer: ChatPeer = { channelId: 'emulator', from: { id: `bench-user-${worker}`, name: 'Klient' } };
      const question = FAQ_QUESTIONS[(worker * 7 + n) % FAQ_QUESTIONS.length]!;
      const text = sizes.distinct ? spacedUniquely(question, (timesAsked[question] = (timesAsked[question] ?? 0) + 1)) : question;
      const conversation = sizes.conversationTurns ? `-${Math.floor(n / sizes.conversationTurns)}` : '';
      await postTurn(url, `bench-faq-${run}-${round}-${worker}${conversation}`, peer, { text });
    });

  const bots = [
    { name: 'echo', ...echo },
    ...(echoWithState ? [{ name: 'echoWithState', ...echoWithState }] : []),
    { name: 'faq', ...service },
  ];
  for (const bot of bots) await load(bot.url, -1, sizes.warmUpMs);
  const samples = new Map<string, LoadSample[]>(bots.map((bot) => [bot.name, []]));
  const cpu = new Map<string, number>(bots.map((bot) => [bot.name, 0]));
  const outcomesBefore = await kbOutcomes(service.url);
  const watched = new Map(bots.map((bot) => [bot.name, watchProcess(bot.pid)]));
  for (let round = 0; round < sizes.rounds; round++) {
    for (const bot of bots) {
      // Each process's CPU is counted only during its own rounds.
      const before = cpuMsOf(bot.pid);
      samples.get(bot.name)!.push(await load(bot.url, round, sizes.durationMs / sizes.rounds));
      cpu.set(bot.name, cpu.get(bot.name)! + cpuMsOf(bot.pid) - before);
    }
  }
  const processes = new Map([...watched].map(([name, watch]) => [name, watch.stop()]));
  const outcomesAfter = await kbOutcomes(service.url);
  const outcomes = Object.fromEntries(Object.entries(outcomesAfter).map(([outcome, n]) => [outcome, n - (outcomesBefore[outcome] ?? 0)]));
  const results = new Map([...samples].map(([name, of]) => [name, summarize(...of)]));
  const faq = results.get('faq')!;
  const floor = results.get('echo')!;
  const stateFloor = results.get('echoWithState');
  const ratio = faq.perSecond / floor.perSecond;
  const goalMet = ratio >= GOAL_RATIO;
  const msPerTurn = (name: string) => cpu.get(name)! / results.get(name)!.latency.count;
  const hundredths = (x: number) => Math.round(x * 100) / 100;
  // To the microsecond: a per-turn saving worth measuring is a few µs, below a 10 µs rounding.
  const micros = (ms: number) => Math.round(ms * 1000) / 1000;
  const cpuPerTurn: BotTurnResult['cpuPerTurn'] = {
    faq: micros(msPerTurn('faq')),
    echo: micros(msPerTurn('echo')),
    ratio: hundredths(msPerTurn('echo') / msPerTurn('faq')),
    ...(stateFloor && {
      echoWithState: micros(msPerTurn('echoWithState')),
      ratioWithState: hundredths(msPerTurn('echoWithState') / msPerTurn('faq')),
    }),
  };
  const c = sizes.concurrency;
  const echoWhat = `echo bot, same adapter/server, ${c} in flight`;
  const stateWhat = `echo bot with the product's state (lock + RedisStorage), ${c} in flight`;
  const stateProcess = processes.get('echoWithState');
  return {
    faq,
    echo: floor,
    ratio,
    goalMet,
    cpuPerTurn,
    service: processes.get('faq')!,
    echoProcess: processes.get('echo')!,
    ...(stateFloor && { echoWithState: stateFloor, echoWithStateProcess: stateProcess }),
    outcomes,
    rows: [
      {
        figure: `bot turns / s, FAQ over HTTP (${c} conversations, ${faq.latency.count} turns)`,
        value: faq.perSecond,
        unit: '/s',
        floor: floor.perSecond,
        floorWhat: echoWhat,
      },
      { figure: 'bot turn p50, FAQ', value: faq.latency.p50, unit: 'ms', floor: floor.latency.p50, floorWhat: echoWhat },
      { figure: 'bot turn p99, FAQ', value: faq.latency.p99, unit: 'ms', floor: floor.latency.p99, floorWhat: echoWhat },
      {
        figure: 'FAQ turns answered / suggested / abstained',
        value: ['answered', 'suggested', 'abstained'].map((o) => outcomes[o] ?? 0).join(' / '),
        unit: '',
      },
      {
        figure: `FAQ / echo throughput (goal >= ${GOAL_RATIO * 100}%)`,
        value: `${Math.round(ratio * 100)}% ${goalMet ? 'goal met' : 'goal NOT met'}`,
        unit: '',
      },
      {
        figure: 'server CPU per bot turn, FAQ',
        value: cpuPerTurn.faq,
        unit: 'ms',
        floor: cpuPerTurn.echo,
        floorWhat: 'the echo bot process',
      },
      { figure: 'FAQ / echo capacity by CPU per turn (echo CPU ÷ FAQ CPU)', value: `${Math.round(cpuPerTurn.ratio * 100)}%`, unit: '' },
      ...(stateFloor
        ? [
            {
              figure: 'bot turns / s, FAQ, against the echo with state',
              value: faq.perSecond,
              unit: '/s',
              floor: stateFloor.perSecond,
              floorWhat: stateWhat,
            },
            {
              figure: 'server CPU per bot turn, FAQ, against the echo with state',
              value: cpuPerTurn.faq,
              unit: 'ms',
              floor: cpuPerTurn.echoWithState,
              floorWhat: 'the stateful echo bot process',
            },
            {
              figure: 'FAQ / echo with state by CPU per turn (echo+state CPU ÷ FAQ CPU)',
              value: `${Math.round(cpuPerTurn.ratioWithState! * 100)}%`,
              unit: '',
            },
          ]
        : []),
      {
        figure: 'service RSS during bot load, mean / peak',
        value: `${processes.get('faq')!.meanRssMb} / ${processes.get('faq')!.peakRssMb}`,
        unit: 'MB',
        floor: `${processes.get('echo')!.meanRssMb} / ${processes.get('echo')!.peakRssMb}`,
        floorWhat: 'the echo bot process',
      },
    ],
  };
}

/**
 * The question with its word gaps widened by the digits of `n` (1 to 3 spaces each: the grade
 * pattern "ważność  B" allows 3) and its first letter's case flipped by n's parity. For the first
 * hundred variants of every bench question the outcome is the plain question's (answered or not,
 * the article, the suggestions, the intent, the language); only the engine's confidence may move
 * (a double space scores some questions lower). The shortest questions repeat after 2 x 3^gaps.
 */
export function spacedUniquely(question: string, n: number): string {
  const words = question.split(' ');
  let rest = Math.floor(n / 2);
  const spaced = words.reduce((text, word) => {
    const gap = ' '.repeat(1 + (rest % 3));
    rest = Math.floor(rest / 3);
    return `${text}${gap}${word}`;
  });
  const first = n % 2 ? spaced[0]!.toUpperCase() : spaced[0]!.toLowerCase();
  return first + spaced.slice(1);
}

/** The service's knowledge-base outcomes so far (GET /metrics, desk_kb_answers_total by outcome). */
async function kbOutcomes(url: string): Promise<Record<string, number>> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TEST_TOKENS.operator}` } });
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`);
  const counts: Record<string, number> = {};
  for (const [, outcome, n] of (await res.text()).matchAll(/^desk_kb_answers_total\{outcome="(\w+)"\} (\d+)/gm))
    counts[outcome!] = Number(n);
  return counts;
}
