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
import { t, type Locale, type MessageKey } from '../../bot/i18n';
import { chat, contoso, deskWorld, type DeskWorld } from '../fixtures/bot/deskWorld';
import { runEvalCommand } from './evalCommand';
import { readJsonLines } from './evalSets';
import { opening } from './promptAnswers';

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
  const asksAgain: MessageKey[] = ['verify.askAdmin', 'verify.askAdminAgain', 'verify.askAdminNoted'];
  if (asksAgain.some((key) => reply.includes(t(lang, key)))) return 'open';
  return 'other';
}

const MEANT: Record<SequenceKind, Reading> = { detail: 'open', yes: 'yes', no: 'no', unsure: 'open' };

/**
 * After a detail left the question open: "yes", the organisation, the e-mail, the code and a
 * category, as an administrator would answer them; what the desk then offers as the description
 * ('' when it offers none).
 */
async function descriptionOffered(world: DeskWorld, conversation: ReturnType<typeof chat>, lang: Locale): Promise<string> {
  let reply = (await conversation.say(t(lang, 'choice.yes'))).join('\n');
  const answers: [MessageKey, () => Promise<string>][] = [
    ['verify.askOrg', async () => contoso.name],
    ['verify.askEmail', async () => ADMIN_EMAIL],
    ['verify.askChannel', async () => t(lang, 'choice.email')],
    ['verify.askCode', () => world.codeSentTo(ADMIN_EMAIL)],
    ['ticket.askCategory', async () => t(lang, 'category.technical')],
  ];
  for (const [question, answer] of answers) {
    if (!reply.includes(opening(lang, question))) return '';
    reply = (await conversation.say(await answer())).join('\n');
  }
  return reply.includes(opening(lang, 'ticket.askDescriptionOffer')) ? reply : '';
}

const ADMIN_EMAIL = contoso.administrators[0]!.email!;

export async function evaluateSequences(
  cases: SequenceCase[],
): Promise<{ counts: Map<string, Record<string, number>>; detailsKept: Map<string, { kept: number; of: number }>; misses: string[] }> {
  const counts = new Map<string, Record<string, number>>();
  const detailsKept = new Map<string, { kept: number; of: number }>();
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
      if (c.kind === 'detail' && reading === 'open') {
        const offered = await descriptionOffered(world, conversation, c.lang);
        for (const row of [c.lang, 'all']) {
          const tally = detailsKept.get(row) ?? { kept: 0, of: 0 };
          tally.of += 1;
          if (offered.includes(c.second.trim().slice(0, 40))) tally.kept += 1;
          detailsKept.set(row, tally);
        }
      }
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
  return { counts, detailsKept, misses };
}

if (require.main === module)
  runEvalCommand('npm run eval:sequences -- <set.jsonl ...> [--misses]', async (path, showMisses) => {
    const cases = readSequenceSet(path);
    const { counts, detailsKept, misses } = await evaluateSequences(cases);
    process.stdout.write(`${path} (${cases.length} second messages at "are you an administrator?")\n`);
    for (const [row, tally] of counts) {
      const total = Object.values(tally).reduce((a, b) => a + b, 0);
      const rest = Object.entries(tally)
        .filter(([outcome]) => outcome !== 'read as meant')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([outcome, n]) => `${outcome} ${n}`)
        .join(', ');
      const kept = detailsKept.get(row) ?? { kept: 0, of: 0 };
      process.stdout.write(`${row.padEnd(4)} read as meant ${tally['read as meant'] ?? 0}/${total}${rest ? `; ${rest}` : ''}\n`);
      process.stdout.write(`     details kept for the description ${kept.kept}/${kept.of}\n`);
    }
    if (showMisses) process.stdout.write(`${misses.join('\n')}\n`);
    process.stdout.write('\n');
  });
