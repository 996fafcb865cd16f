/**
 * npm run eval:prompts -- <set.jsonl ...> [--misses]
 * Types each answer of a prompt-answer set (JSONL: prompt, text, expect, lang) at its prompt of
 * a real conversation with the bot (the desk on a redis-server of its own, through botbuilder's
 * TestAdapter), walks the rest of the way with the buttons, and counts per prompt and language
 * how many answers the bot read as meant ("right"), asked again about ("asked"), took for another
 * choice ("wrong"), or left the dialog on ("left"). Only aggregates are printed, so it can be run
 * on a report set; --misses lists the answers it got wrong, for tuning sets only.
 */
import type { Activity } from 'botbuilder';
import { t, type Locale, type MessageKey } from '../../bot/i18n';
import { buttonsOf, chat, deskWorld, verifiedChat, type DeskWorld } from '../fixtures/bot/deskWorld';
import { runEvalCommand } from './evalCommand';
import { readJsonLines } from './evalSets';

const PROMPTS = [
  'helped',
  'admin',
  'org',
  'admin_email',
  'pin_channel',
  'code',
  'category',
  'contact',
  'contact_email',
  'contact_phone',
  'preferred',
  'grade',
  'confirm',
] as const;
type Prompt = (typeof PROMPTS)[number];

export interface PromptCase {
  prompt: Prompt;
  text: string;
  expect: string;
  lang: Locale;
}

/** Where a conversation stands after a turn: the prompt its last reply asks, or how it ended. */
type Step = Prompt | 'email_retry' | 'description' | 'affected' | 'done' | 'refused' | 'other';

const ADMIN_EMAIL = 'jan.kowalski@contoso.pl';
/** The contact details every set's writer was told the person gives for the ticket. */
const CONTACT = { email: 'anna.nowak@contoso.pl', phone: '+48 600 700 800' };
/** The code every set's writer was told the person received; replaced by the one really sent. */
const WRITTEN_CODE = /4([\s-]?)8([\s-]?)2([\s-]?)9([\s-]?)1([\s-]?)3/;
const CONFIRM: Partial<Activity> = { type: 'message', value: { action: 'confirm_ticket' } };
const WORDS = {
  pl: {
    question: 'do ilu krajów mogę dzwonić?',
    human: 'rozmowa z człowiekiem',
    description: 'Poczta nie wychodzi u nikogo w firmie od rana',
    affected: 'Wszyscy użytkownicy',
  },
  en: {
    question: 'How many countries can I call with a calling plan?',
    human: 'I want to talk to a person',
    description: 'Nobody in the company can send e-mail since this morning',
    affected: 'All users',
  },
};

export function readPromptSet(path: string): PromptCase[] {
  return readJsonLines<PromptCase>(
    path,
    (c) => PROMPTS.includes(c.prompt) && typeof c.text === 'string' && !!c.expect && (c.lang === 'pl' || c.lang === 'en'),
    `{prompt: ${PROMPTS.join('|')}, text, expect, lang: pl|en}`,
  );
}

/** The text of a message key before its first placeholder: what every reply of that key starts with. */
export function opening(locale: Locale, key: MessageKey): string {
  const placeholders = new Proxy({}, { get: (_, name) => `{${String(name)}}` });
  return t(locale, key, placeholders).split('{')[0]!.trim();
}

function stepOf(replies: Partial<Activity>[], locale: Locale): Step {
  const texts = replies.map((r) => r.text ?? '').join('\n');
  const buttons = replies.flatMap(buttonsOf);
  const has = (key: MessageKey) => texts.includes(opening(locale, key));
  const buttonsAre = (...keys: MessageKey[]) => keys.every((key) => buttons.includes(t(locale, key)));
  if (has('ticket.created')) return 'done';
  if (has('faq.helped')) return 'helped';
  if (has('ticket.confirmRetry') || replies.some((r) => JSON.stringify(r.attachments ?? []).includes('confirm_ticket'))) return 'confirm';
  if (buttonsAre('category.technical', 'category.billing')) return 'category';
  if (buttonsAre('choice.contactOk')) return 'contact';
  if (buttonsAre('choice.email', 'choice.phone')) return 'preferred';
  if (buttonsAre('choice.email', 'choice.sms')) return 'pin_channel';
  if (buttons.some((b) => /^[ABC] – /.test(b))) return 'grade';
  if (has('verify.askAdmin') || has('verify.askAdminAgain') || has('verify.askAdminNoted')) return 'admin';
  if (has('verify.askCode')) return 'code';
  if (has('verify.askOrg') || has('verify.orgUnknown') || has('verify.orgAmbiguous')) return 'org';
  if (has('verify.askEmail')) return 'admin_email';
  // The retry of both e-mail prompts: which one, the caller knows.
  if (has('verify.emailInvalid')) return 'email_retry';
  if (has('ticket.askDescription')) return 'description';
  if (has('ticket.askAffected')) return 'affected';
  if (has('ticket.askEmail')) return 'contact_email';
  if (has('ticket.askPhone') || has('ticket.phoneInvalid')) return 'contact_phone';
  if (has('nonAdmin.guidance')) return 'refused';
  return 'other';
}

type Chat = ReturnType<typeof chat>;

/** What a step is answered with on the way to (and after) the prompt under test: its first button, mostly. */
async function usualAnswer(step: Step, c: Chat, world: DeskWorld, target: PromptCase): Promise<string | Partial<Activity>> {
  const lang = target.lang;
  const buttons = buttonsOf(c.replies.find((r) => buttonsOf(r).length > 0) ?? {});
  switch (step) {
    case 'org':
      return 'Contoso';
    case 'admin_email':
      return ADMIN_EMAIL;
    case 'contact_email':
      return CONTACT.email;
    case 'contact_phone':
      return CONTACT.phone;
    case 'contact':
      // To the contact prompts through "change the data".
      return buttons[target.prompt === 'contact_email' || target.prompt === 'contact_phone' ? 1 : 0] ?? '';
    case 'code':
      return world.codeSentTo(ADMIN_EMAIL);
    case 'description':
      return WORDS[lang].description;
    case 'affected':
      return WORDS[lang].affected;
    case 'confirm':
      return CONFIRM;
    default:
      return buttons[0] ?? '';
  }
}

/** Reads an answer at its prompt: what the bot took it for, or 'none' when it asked again. */
async function readAnswer(world: DeskWorld, c: PromptCase): Promise<string> {
  const locale = c.lang;
  const verifying = ['admin', 'org', 'admin_email', 'pin_channel', 'code'].includes(c.prompt);
  const conversation = verifying ? chat(world, { locale }) : await verifiedChat(world, 'contoso', 'jan', { locale });
  await conversation.say(c.prompt === 'helped' ? WORDS[locale].question : WORDS[locale].human);
  let step = stepOf(conversation.replies, locale);
  for (let turns = 0; step !== c.prompt; turns++) {
    if (turns > 8) throw new Error(`the walk did not reach the prompt "${c.prompt}" (stuck at "${step}")`);
    await conversation.say(await usualAnswer(step, conversation, world, c));
    step = stepOf(conversation.replies, locale);
  }
  let text = c.text;
  const written = WRITTEN_CODE.exec(text);
  if (written) {
    const code = await world.codeSentTo(ADMIN_EMAIL);
    text = text.replace(WRITTEN_CODE, [...code].map((digit, i) => digit + (written[i + 1] ?? '')).join(''));
  }
  await conversation.say(text);
  const texts = conversation.replies.map((r) => r.text ?? '').join('\n');
  const after = stepOf(conversation.replies, locale);
  switch (c.prompt) {
    case 'helped':
      return texts.includes(opening(locale, 'faq.thanks')) ? 'yes' : texts.includes(opening(locale, 'faq.sorry')) ? 'no' : 'other';
    case 'admin':
      return after === 'org' ? 'yes' : after === 'refused' ? 'no' : after === 'admin' ? 'none' : 'left';
    case 'org':
      if (after !== 'admin_email') return after === 'org' ? 'none' : 'left';
      return texts.includes('Fabrikam') ? 'fabrikam' : 'contoso';
    case 'admin_email':
      if (after !== 'pin_channel') return after === 'email_retry' || after === 'admin_email' ? 'none' : 'left';
      // The code goes out only to the registered address: sent, the address was read as his.
      await conversation.say(await usualAnswer(after, conversation, world, c));
      return (await world.outboxSize()) > 0 ? ADMIN_EMAIL : 'another address';
    case 'pin_channel':
      if (after !== 'code') return after === 'pin_channel' ? 'none' : 'left';
      return /@/.test(texts) ? 'email' : 'sms';
    case 'code':
      if (texts.includes(opening(locale, 'verify.success'))) return 'code';
      return texts.includes(opening(locale, 'verify.codeSent')) ? 'resend' : 'none';
    case 'contact':
      return after === 'preferred'
        ? 'ok'
        : after === 'contact_email' || after === 'contact_phone'
          ? 'change'
          : after === 'contact'
            ? 'none'
            : 'left';
    case 'confirm':
      return after === 'done' ? 'yes' : after === 'confirm' ? 'none' : 'no';
  }
  if (after === c.prompt || (after === 'email_retry' && c.prompt === 'contact_email')) return 'none';
  // Taken: walk on with the buttons and read what the ticket says.
  for (let turns = 0; ; turns++) {
    const step = stepOf(conversation.replies, locale);
    if (step === 'done') break;
    if (step === 'other' || turns > 8) return 'left';
    await conversation.say(await usualAnswer(step, conversation, world, c));
  }
  const tickets = await world.tickets.list({ orgId: 'contoso' });
  const ticket = tickets.find((tk) => (tk.conversation?.conversation as { id?: string } | undefined)?.id === conversation.conversationId);
  if (!ticket) return 'left';
  if (c.prompt === 'category') return ticket.category;
  if (c.prompt === 'preferred') return ticket.contact.preferred;
  if (c.prompt === 'contact_email') return ticket.contact.email?.toLowerCase() ?? 'none';
  if (c.prompt === 'contact_phone') return internationalPhone(ticket.contact.phone ?? '');
  return ticket.grade;
}

/** "600 700 800", "0048 600-700-800" -> "+48600700800": a Polish number as the sets label it. */
function internationalPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 9) return `+48${digits}`;
  return `+${digits.replace(/^00/, '')}`;
}

export type Outcome = 'right' | 'asked' | 'wrong' | 'left';

function outcomeOf(expect: string, got: string): Outcome {
  if (got === expect) return 'right';
  if (got === 'left') return 'left';
  // Not read as any answer: asked again, or (after an answer) read as a message of its own.
  return got === 'none' || got === 'other' ? 'asked' : 'wrong';
}

export interface PromptReport {
  /** Per "<prompt> <lang>", "all <lang>" and "all": how many answers ended each way. */
  counts: Map<string, Record<Outcome, number>>;
  /** The answers not read as meant, one line each (for tuning sets only). */
  misses: string[];
}

/** Reads every answer at its prompt, each in a world of its own on the Redis at TEST_REDIS_URL. */
export async function evaluatePrompts(cases: PromptCase[]): Promise<PromptReport> {
  const counts = new Map<string, Record<Outcome, number>>();
  const misses: string[] = [];
  for (const c of cases) {
    // A world of its own: codes sent to the one administrator are rate-limited per world.
    const world = await deskWorld('eval-prompts');
    let got: string;
    try {
      got = await readAnswer(world, c);
    } finally {
      await world.close();
    }
    const outcome = outcomeOf(c.expect, got);
    for (const row of [`${c.prompt} ${c.lang}`, `all ${c.lang}`, 'all']) {
      const tally = counts.get(row) ?? { right: 0, asked: 0, wrong: 0, left: 0 };
      tally[outcome]++;
      counts.set(row, tally);
    }
    if (outcome !== 'right') misses.push(`  ${outcome.toUpperCase()} ${c.prompt} ${c.expect} -> ${got}: ${c.text}`);
  }
  return { counts, misses };
}

if (require.main === module)
  runEvalCommand('npm run eval:prompts -- <set.jsonl ...> [--misses]', async (path, showMisses) => {
    const cases = readPromptSet(path);
    const { counts, misses } = await evaluatePrompts(cases);
    process.stdout.write(`${path} (${cases.length} answers)\n${'row'.padEnd(16)} right  asked  wrong  left\n`);
    for (const [row, n] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
      const total = n.right + n.asked + n.wrong + n.left;
      process.stdout.write(
        `${row.padEnd(16)} ${`${n.right}/${total}`.padStart(7)} ${String(n.asked).padStart(6)} ${String(n.wrong).padStart(6)} ${String(n.left).padStart(5)}\n`,
      );
    }
    if (showMisses) process.stdout.write(`${misses.join('\n')}\n`);
    process.stdout.write('\n');
  });
