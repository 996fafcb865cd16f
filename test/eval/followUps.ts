/**
 * npm run eval:followups -- <set.jsonl ...> [--misses]
 * Asks each case's first question in a real conversation with the desk (on a redis-server of its
 * own, through botbuilder's TestAdapter), then sends its follow-up ("a w Niemczech?", "and for
 * Family?"), and counts per language how many follow-ups got an answer that states one of the
 * case's expected facts ("right"), an answer without them ("wrong"), or no answer at all
 * ("none": suggestions, "nothing found", a question back). Facts are compared without spaces
 * or case. Only aggregates are printed, so it can be run on a report set; --misses lists the
 * follow-ups not answered right, for tuning sets only.
 */
import { readFileSync } from 'fs';
import { t, type Locale } from '../../bot/i18n';
import { chat, deskWorld } from '../fixtures/bot/deskWorld';
import { runEvalCommand } from './evalCommand';

export interface FollowUpCase {
  first: string;
  followup: string;
  /** Alternatives: any one in the follow-up's answer shows it was answered in context. */
  expect: string[];
  lang: Locale;
}

export type FollowUpOutcome = 'right' | 'wrong' | 'none';

export function readFollowUpSet(path: string): FollowUpCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const c = JSON.parse(line) as FollowUpCase;
      const valid =
        typeof c.first === 'string' &&
        typeof c.followup === 'string' &&
        Array.isArray(c.expect) &&
        c.expect.length > 0 &&
        c.expect.every((fact) => typeof fact === 'string' && fact.trim() !== '') &&
        (c.lang === 'pl' || c.lang === 'en');
      if (!valid) throw new Error(`${path}:${i + 1}: expected {first, followup, expect: [fact, ...], lang: pl|en}`);
      return c;
    });
}

const squeezed = (text: string) => text.toLocaleLowerCase('pl').replace(/\s+/g, '');

/** What the follow-up's reply was: an answer (it cites its source) with or without an expected fact. */
export function outcomeOf(c: FollowUpCase, reply: string): FollowUpOutcome {
  const source = t(c.lang, 'faq.source', { title: '' }).trim();
  if (!reply.includes(source)) return 'none';
  const answer = squeezed(reply);
  return c.expect.some((fact) => answer.includes(squeezed(fact))) ? 'right' : 'wrong';
}

/** Runs every case in a world of its own on the Redis at TEST_REDIS_URL. */
export async function evaluateFollowUps(
  cases: FollowUpCase[],
): Promise<{ counts: Map<string, Record<FollowUpOutcome, number>>; misses: string[] }> {
  const counts = new Map<string, Record<FollowUpOutcome, number>>();
  const misses: string[] = [];
  for (const c of cases) {
    const world = await deskWorld('eval-followups');
    let reply: string;
    try {
      const conversation = chat(world, { locale: c.lang === 'pl' ? 'pl-PL' : 'en-US' });
      await conversation.say(c.first);
      reply = (await conversation.say(c.followup)).join('\n');
    } finally {
      await world.close();
    }
    const outcome = outcomeOf(c, reply);
    for (const row of [c.lang, 'all']) {
      const tally = counts.get(row) ?? { right: 0, wrong: 0, none: 0 };
      tally[outcome]++;
      counts.set(row, tally);
    }
    if (outcome !== 'right')
      misses.push(`  ${outcome.toUpperCase()} ${c.first} | ${c.followup} [${c.expect.join(' / ')}] -> ${reply.slice(0, 160)}`);
  }
  return { counts, misses };
}

if (require.main === module)
  runEvalCommand('npm run eval:followups -- <set.jsonl ...> [--misses]', async (path, showMisses) => {
    const cases = readFollowUpSet(path);
    const { counts, misses } = await evaluateFollowUps(cases);
    process.stdout.write(`${path} (${cases.length} follow-ups)\nrow   right  wrong  none\n`);
    for (const [row, n] of counts) {
      const total = n.right + n.wrong + n.none;
      process.stdout.write(
        `${row.padEnd(5)} ${`${n.right}/${total}`.padStart(6)} ${String(n.wrong).padStart(6)} ${String(n.none).padStart(5)}\n`,
      );
    }
    if (showMisses) process.stdout.write(`${misses.join('\n')}\n`);
    process.stdout.write('\n');
  });
