/**
 * npm run eval:followups -- <set.jsonl ...> [--misses]
 * Asks each case's first question in a real conversation with the desk (on a redis-server of its
 * own, through botbuilder's TestAdapter), then sends its follow-up ("a w Niemczech?", "and for
 * Family?"), and counts per language how many follow-ups got an answer that states one of the
 * case's expected facts ("right"), an answer without them ("wrong"), or no answer at all
 * ("none": suggestions, "nothing found", a question back). Facts are compared without spaces
 * or case. Only aggregates are printed, so it can be run on a report set; --misses lists the
 * follow-ups not answered right, for tuning sets only.
 *
 * A set of requests instead ({first, next, wants}: "a mogę to zgłosić?", "can I talk to someone?"
 * after an answer) counts the other way: how many next messages were answered from the base as
 * if they were follow-ups ("answered", a request lost) and how many were left to the desk's
 * other rules ("kept").
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

/** A request sent after an answer, which must not be answered as a follow-up. */
export interface RequestCase {
  first: string;
  next: string;
  /** The intent a person means by `next` (for the reader; the outcome only asks whether it was answered). */
  wants: string;
  lang: Locale;
}

export type FollowUpOutcome = 'right' | 'wrong' | 'none';
export type RequestOutcome = 'kept' | 'answered';

export function readFollowUpSet(path: string): (FollowUpCase | RequestCase)[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const c = JSON.parse(line) as FollowUpCase & RequestCase;
      const followUp =
        typeof c.followup === 'string' &&
        Array.isArray(c.expect) &&
        c.expect.length > 0 &&
        c.expect.every((fact) => typeof fact === 'string' && fact.trim() !== '');
      const request = typeof c.next === 'string' && typeof c.wants === 'string';
      const valid = typeof c.first === 'string' && (followUp || request) && (c.lang === 'pl' || c.lang === 'en');
      if (!valid)
        throw new Error(
          `${path}:${i + 1}: expected {first, followup, expect: [fact, ...], lang: pl|en} or {first, next, wants, lang: pl|en}`,
        );
      return c;
    });
}

const isRequest = (c: FollowUpCase | RequestCase): c is RequestCase => 'next' in c;

const squeezed = (text: string) => text.toLocaleLowerCase('pl').replace(/\s+/g, '');

/**
 * What the reply to the second message was: for a follow-up, an answer (it cites its source) with
 * or without an expected fact; for a request, whether it was answered from the base.
 */
export function outcomeOf(c: FollowUpCase | RequestCase, reply: string): FollowUpOutcome | RequestOutcome {
  const answered = reply.includes(t(c.lang, 'faq.source', { title: '' }).trim());
  if (isRequest(c)) return answered ? 'answered' : 'kept';
  if (!answered) return 'none';
  const answer = squeezed(reply);
  return c.expect.some((fact) => answer.includes(squeezed(fact))) ? 'right' : 'wrong';
}

const MISSED: ReadonlySet<string> = new Set(['wrong', 'none', 'answered']);

/** Runs every case in a world of its own on the Redis at TEST_REDIS_URL; counts outcomes per language and in all. */
export async function evaluateFollowUps(
  cases: (FollowUpCase | RequestCase)[],
): Promise<{ counts: Map<string, Record<string, number>>; misses: string[] }> {
  const counts = new Map<string, Record<string, number>>();
  const misses: string[] = [];
  for (const c of cases) {
    const second = isRequest(c) ? c.next : c.followup;
    const world = await deskWorld('eval-followups');
    let reply: string;
    try {
      const conversation = chat(world, { locale: c.lang === 'pl' ? 'pl-PL' : 'en-US' });
      await conversation.say(c.first);
      reply = (await conversation.say(second)).join('\n');
    } finally {
      await world.close();
    }
    const outcome = outcomeOf(c, reply);
    for (const row of [c.lang, 'all']) {
      const tally = counts.get(row) ?? {};
      tally[outcome] = (tally[outcome] ?? 0) + 1;
      counts.set(row, tally);
    }
    if (MISSED.has(outcome)) {
      const wanted = isRequest(c) ? c.wants : c.expect.join(' / ');
      misses.push(`  ${outcome.toUpperCase()} ${c.first} | ${second} [${wanted}] -> ${reply.slice(0, 160)}`);
    }
  }
  return { counts, misses };
}

if (require.main === module)
  runEvalCommand('npm run eval:followups -- <set.jsonl ...> [--misses]', async (path, showMisses) => {
    const cases = readFollowUpSet(path);
    const { counts, misses } = await evaluateFollowUps(cases);
    const requests = cases.every(isRequest);
    const columns = requests ? ['kept', 'answered'] : ['right', 'wrong', 'none'];
    process.stdout.write(`${path} (${cases.length} ${requests ? 'requests' : 'follow-ups'})\nrow   ${columns.join('  ')}\n`);
    for (const [row, n] of counts) {
      const total = Object.values(n).reduce((a, b) => a + b, 0);
      const [first, ...rest] = columns.map((column) => n[column] ?? 0);
      process.stdout.write(`${row.padEnd(5)} ${`${first}/${total}`.padStart(6)} ${rest.map((v) => String(v).padStart(6)).join(' ')}\n`);
    }
    if (showMisses) process.stdout.write(`${misses.join('\n')}\n`);
    process.stdout.write('\n');
  });
