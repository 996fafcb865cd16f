/**
 * npm run eval:sequences -- <set.jsonl ...> [--misses]
 * Messages typed past the desk's question "are you an administrator?": each case's first message
 * reports a problem in a real conversation with the desk (on a redis-server of its own, through
 * botbuilder's TestAdapter); its second is what the person typed next, labelled by what they meant:
 * more of the problem ("detail"), that they are an administrator ("yes"), that they are not
 * ("no"), or doubt ("unsure"). Counted per language: the reply read it as meant (a detail or a
 * doubt leaves the question open, a yes asks for the organisation, a no ends with the guidance
 * for others), or misread it as a yes or a no. A first message the desk did not answer with the
 * question counts as "not asked", with what the desk did instead (asked "ticket or question?",
 * was unsure what was meant, found no answer, answered from the base). Only aggregates are printed; --misses lists the misreadings,
 * for tuning sets only.
 */
import { t, type Locale } from '../../bot/i18n';
import { chat, deskWorld } from '../fixtures/bot/deskWorld';
import { runEvalCommand } from './evalCommand';
import { readJsonLines } from './evalSets';

export type SequenceKind = 'detail' | 'yes' | 'no' | 'unsure';

export interface SequenceCase {
  first: string;
  second: string;
  kind: SequenceKind;
  lang: Locale;
}

/** How the desk read the second message: as a yes, a no, or neither (the question stays open). */
export type Reading = 'yes' | 'no' | 'open' | 'other' | 'not asked';

/** What the desk made of a first message that did not lead to the question. */
export function firstReplyOf(lang: Locale, reply: string): string {
  if (reply.includes(t(lang, 'clarify.ticketOrQuestion'))) return 'asked ticket or question';
  if (reply.includes(t(lang, 'clarify.which'))) return 'unsure what is meant';
  if (reply.includes(t(lang, 'faq.noAnswer'))) return 'no answer found';
  if (reply.includes(t(lang, 'faq.source', { title: '' }).trim())) return 'answered from the base';
  return 'something else';
}

const KINDS: readonly string[] = ['detail', 'yes', 'no', 'unsure'];

export function readSequenceSet(path: string): SequenceCase[] {
  return readJsonLines<SequenceCase>(
    path,
    (c) => typeof c.first === 'string' && typeof c.second === 'string' && KINDS.includes(c.kind) && (c.lang === 'pl' || c.lang === 'en'),
    '{first, second, kind: detail|yes|no|unsure, lang: pl|en}',
  );
}

/** What the desk's reply to the second message shows it read. */
export function readingOf(lang: Locale, reply: string): Exclude<Reading, 'not asked'> {
  if (reply.includes(t(lang, 'verify.askOrg'))) return 'yes';
  if (reply.includes(t(lang, 'nonAdmin.guidance'))) return 'no';
  if (reply.includes(t(lang, 'verify.askAdmin')) || reply.includes(t(lang, 'verify.askAdminAgain'))) return 'open';
  return 'other';
}

const MEANT: Record<SequenceKind, Reading> = { detail: 'open', yes: 'yes', no: 'no', unsure: 'open' };

export async function evaluateSequences(cases: SequenceCase[]): Promise<{ counts: Map<string, Record<string, number>>; misses: string[] }> {
  const counts = new Map<string, Record<string, number>>();
  const misses: string[] = [];
  for (const c of cases) {
    const world = await deskWorld('eval-sequences');
    let reading: Reading;
    let reply = '';
    try {
      const conversation = chat(world, { locale: c.lang === 'pl' ? 'pl-PL' : 'en-US' });
      const first = (await conversation.say(c.first)).join('\n');
      const asked = first.includes(t(c.lang, 'verify.askAdmin'));
      reply = asked ? (await conversation.say(c.second)).join('\n') : first;
      reading = asked ? readingOf(c.lang, reply) : 'not asked';
    } finally {
      await world.close();
    }
    const outcome =
      reading === 'not asked'
        ? `not asked: ${firstReplyOf(c.lang, reply)}`
        : reading === MEANT[c.kind]
          ? 'read as meant'
          : `${c.kind} read as ${reading}`;
    for (const row of [c.lang, 'all']) {
      const tally = counts.get(row) ?? {};
      tally[outcome] = (tally[outcome] ?? 0) + 1;
      counts.set(row, tally);
    }
    if (outcome !== 'read as meant') misses.push(`  ${outcome.toUpperCase()}: ${c.first} | ${c.second} -> ${reply.slice(0, 140)}`);
  }
  return { counts, misses };
}

if (require.main === module)
  runEvalCommand('npm run eval:sequences -- <set.jsonl ...> [--misses]', async (path, showMisses) => {
    const cases = readSequenceSet(path);
    const { counts, misses } = await evaluateSequences(cases);
    process.stdout.write(`${path} (${cases.length} second messages at "are you an administrator?")\n`);
    for (const [row, tally] of counts) {
      const total = Object.values(tally).reduce((a, b) => a + b, 0);
      const rest = Object.entries(tally)
        .filter(([outcome]) => outcome !== 'read as meant')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([outcome, n]) => `${outcome} ${n}`)
        .join(', ');
      process.stdout.write(`${row.padEnd(4)} read as meant ${tally['read as meant'] ?? 0}/${total}${rest ? `; ${rest}` : ''}\n`);
    }
    if (showMisses) process.stdout.write(`${misses.join('\n')}\n`);
    process.stdout.write('\n');
  });
