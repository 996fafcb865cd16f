import { readFileSync } from 'fs';
import { isIntent, TICKET_ACTIONS, type Intent } from './intents';
import type { Recognition } from './recognizer';

/** One line of an intent set: a message, the intent its writer meant, its language and style. */
export interface IntentCase {
  text: string;
  intent: Intent;
  lang: string;
  style: string;
}

export interface IntentTally {
  total: number;
  /** Recognised as the intended intent outright. */
  direct: number;
  /** Asked about, with the intended intent among the two offered (one click away). */
  askedRight: number;
  /** Asked about without the intended intent among the offers. */
  askedWrong: number;
}

export interface IntentReport {
  /** Keyed 'all', a language ('pl'), or language/style ('pl/typos'). */
  groups: Map<string, IntentTally>;
  /** Questions taken for ticket work without asking: must stay 0. */
  questionsToTicket: IntentCase[];
  misses: { case: IntentCase; got: Recognition }[];
}

export function readIntentSet(path: string): IntentCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      let row: IntentCase;
      try {
        row = JSON.parse(line) as IntentCase;
      } catch {
        // Not the parser's message: it quotes the line, and a blind set's lines are never printed.
        throw new Error(`${path}:${i + 1}: not a JSON object`);
      }
      if (!isIntent(row.intent)) throw new Error(`${path}:${i + 1}: unknown intent "${String(row.intent)}"`);
      return row;
    });
}

export function evaluateIntents(cases: readonly IntentCase[], recognize: (text: string) => Recognition): IntentReport {
  const groups = new Map<string, IntentTally>();
  const report: IntentReport = { groups, questionsToTicket: [], misses: [] };
  for (const c of cases) {
    const got = recognize(c.text);
    const direct = 'intent' in got && got.intent === c.intent;
    const asked = 'ask' in got;
    const askedRight = asked && got.ask.includes(c.intent);
    for (const key of ['all', c.lang, `${c.lang}/${c.style}`]) {
      const tally = groups.get(key) ?? { total: 0, direct: 0, askedRight: 0, askedWrong: 0 };
      tally.total++;
      if (direct) tally.direct++;
      else if (askedRight) tally.askedRight++;
      else if (asked) tally.askedWrong++;
      groups.set(key, tally);
    }
    if (c.intent === 'question' && 'intent' in got && TICKET_ACTIONS.has(got.intent)) report.questionsToTicket.push(c);
    if (!direct) report.misses.push({ case: c, got });
  }
  return report;
}

const pct = (n: number, of: number): string => `${((100 * n) / of).toFixed(1)}%`;

/** The report as a fixed-width table: per group, direct hits, hits after one question back, and asks. */
export function formatIntentReport(report: IntentReport): string {
  const keys = [...report.groups.keys()].sort((a, b) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)));
  const header = ['group', 'n', 'direct', 'reached', 'asked'];
  const rows = keys.map((key) => {
    const g = report.groups.get(key)!;
    return [key, String(g.total), pct(g.direct, g.total), pct(g.direct + g.askedRight, g.total), pct(g.askedRight + g.askedWrong, g.total)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), ...rows.map(line), `questions taken for ticket work without asking: ${report.questionsToTicket.length}`].join('\n');
}
