/**
 * npm run eval:announced -- <set.jsonl ...> [--misses]
 * First messages that announce a question, the way people open a chat: the announcement alone
 * ("mam pytanie", "quick question"), with its topic ("chciałbym zapytać o skype"), or with the
 * question itself ("chciałam się dowiedzieć, ile minut…"). Each is sent as the first message of
 * a real conversation with the desk (on a redis-server of its own, through botbuilder's
 * TestAdapter) and its reply counted per kind and language: taken as a question ("go ahead", an
 * answer, suggestions, nothing found) or as something else (the greeting, a menu, the ticket
 * flow); an answer to a question is right when it states one of the case's expected facts
 * (compared as eval:followups compares them). Only aggregates are printed; --misses lists the
 * messages not taken as meant, for tuning sets only.
 */
import { t, type Locale } from '../../bot/i18n';
import { buttonsOf, chat, deskWorld } from '../fixtures/bot/deskWorld';
import { runEvalCommand } from './evalCommand';
import { groupCases, readJsonLines } from './evalSets';
import { outcomeOf } from './followUps';

export type AnnouncedKind = 'announce' | 'topic' | 'question';

export interface AnnouncedCase {
  text: string;
  kind: AnnouncedKind;
  lang: Locale;
  /** For a question: alternatives, any one in the answer makes it right. */
  expect: string[];
}

const KINDS: readonly string[] = ['announce', 'topic', 'question'];

export function readAnnouncedSet(path: string): AnnouncedCase[] {
  return readJsonLines<AnnouncedCase>(
    path,
    (c) =>
      typeof c.text === 'string' &&
      KINDS.includes(c.kind) &&
      (c.lang === 'pl' || c.lang === 'en') &&
      Array.isArray(c.expect) &&
      c.expect.every((fact) => typeof fact === 'string'),
    '{text, kind: announce|topic|question, lang: pl|en, expect: string[]}',
  );
}

/** Replies that take the message as a question. */
export const AS_QUESTION: ReadonlySet<string> = new Set([
  'go ahead',
  'answered right',
  'answered wrong',
  'answered',
  'suggestions',
  'no answer found',
]);

/** What the desk's reply shows it made of the message. */
export function replyKindOf(c: AnnouncedCase, text: string, buttons: string[]): string {
  const has = (key: Parameters<typeof t>[1]) => text.includes(t(c.lang, key).split('{')[0]!.trim());
  if (has('question.goAhead')) return 'go ahead';
  if (text.includes(t(c.lang, 'faq.source', { title: '' }).trim())) {
    if (c.kind !== 'question' || c.expect.length === 0) return 'answered';
    return outcomeOf({ first: '', followup: c.text, expect: c.expect, lang: c.lang }, text) === 'right'
      ? 'answered right'
      : 'answered wrong';
  }
  if (has('faq.noAnswer')) return 'no answer found';
  if (has('welcome')) return 'greeting';
  if (has('bot.identity')) return 'said who answers';
  if (has('clarify.ticketOrQuestion')) return 'asked ticket or question';
  if (has('clarify.which')) return 'unsure what is meant';
  if (has('verify.askAdmin')) return 'ticket flow';
  // The knowledge base's suggestions, or its question back about which service is meant.
  if (has('faq.suggestions') || buttons.length > 0) return 'suggestions';
  return 'something else';
}

export async function evaluateAnnounced(cases: AnnouncedCase[]): Promise<{ outcomes: string[]; misses: string[] }> {
  const outcomes: string[] = [];
  const misses: string[] = [];
  for (const c of cases) {
    const world = await deskWorld('eval-announced');
    try {
      const conversation = chat(world, { locale: c.lang === 'pl' ? 'pl-PL' : 'en-US' });
      const text = (await conversation.say(c.text)).join('\n');
      const outcome = replyKindOf(c, text, conversation.replies.flatMap(buttonsOf));
      outcomes.push(outcome);
      const meant =
        c.kind === 'announce' ? outcome === 'go ahead' : c.kind === 'question' ? outcome === 'answered right' : AS_QUESTION.has(outcome);
      if (!meant)
        misses.push(
          `  ${c.kind.toUpperCase()} ${outcome}: ${c.text} [${c.expect.join(' / ')}] -> ${text.slice(0, 160).replace(/\n/g, ' ')}`,
        );
    } finally {
      await world.close();
    }
  }
  return { outcomes, misses };
}

if (require.main === module)
  runEvalCommand('npm run eval:announced -- <set.jsonl ...> [--misses]', async (path, showMisses) => {
    const cases = readAnnouncedSet(path);
    const { outcomes, misses } = await evaluateAnnounced(cases);
    process.stdout.write(`${path} (${cases.length} first messages announcing a question)\n`);
    for (const [row, indexes] of groupCases(cases, (c) => [`${c.kind} ${c.lang}`, c.kind])) {
      const tally = new Map<string, number>();
      for (const i of indexes) tally.set(outcomes[i]!, (tally.get(outcomes[i]!) ?? 0) + 1);
      const asQuestion = indexes.filter((i) => AS_QUESTION.has(outcomes[i]!)).length;
      const detail = [...tally]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([outcome, n]) => `${outcome} ${n}`)
        .join(', ');
      process.stdout.write(`${row.padEnd(12)} taken as a question ${asQuestion}/${indexes.length}: ${detail}\n`);
    }
    if (showMisses) process.stdout.write(`${misses.join('\n')}\n`);
    process.stdout.write('\n');
  });
