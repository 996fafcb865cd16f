/**
 * npm run eval:mail -- <set.jsonl ...> [--misses]
 * Reads each mail of a mail set (JSONL: client, lang, kind new|reply, subject, body as the mail
 * program wrote its text part, and exact fragments of it: `expect` what the person newly wrote,
 * `quoted` the earlier mail it quotes, `signature` the signature, footer or disclaimer) as the
 * desk reads a mail (readMail over the raw message), and counts per kind, language and client
 * how many kept every new fragment ("lost" when one is missing: the customer's words gone), how
 * many kept quoted history, and how many cut the signature. Fragments are compared with runs of
 * white space as one space. Only aggregates are printed, so it can be run on a report set;
 * --misses shows what was extracted from the mails that lost words or kept a quote, for tuning
 * sets only.
 */
import { readMail } from '../../ticketing/mail/inboundMail';
import { runEvalCommand } from './evalCommand';
import { groupCases, percent, readJsonLines } from './evalSets';

export interface MailCase {
  client: string;
  lang: 'pl' | 'en';
  kind: 'new' | 'reply';
  subject: string;
  body: string;
  expect: string[];
  quoted: string[];
  signature: string[];
}

export interface MailOutcome {
  lost: string[];
  quoteKept: string[];
  signatureKept: string[];
  text: string;
}

export function readMailSet(path: string): MailCase[] {
  const fragmentsOfBody = (c: MailCase, list: unknown) =>
    Array.isArray(list) && list.every((f) => typeof f === 'string' && c.body.includes(f));
  return readJsonLines<MailCase>(
    path,
    (c) =>
      typeof c.body === 'string' &&
      (c.kind === 'new' || c.kind === 'reply') &&
      Array.isArray(c.expect) &&
      c.expect.length > 0 &&
      [c.expect, c.quoted ?? [], c.signature ?? []].every((list) => fragmentsOfBody(c, list)),
    '{client, lang, kind: new|reply, subject, body, expect, quoted, signature}, fragments of body',
  ).map((c) => ({ ...c, quoted: c.quoted ?? [], signature: c.signature ?? [], subject: c.subject ?? '' }));
}

/** The mail as its program sends it: UTF-8 text, CRLF lines. */
export function rawMail(c: MailCase, n: number): Buffer {
  const headers = [
    'From: Jan Kowalski <jan.kowalski@contoso.pl>',
    'To: pomoc@desk.example',
    `Subject: =?UTF-8?B?${Buffer.from(c.subject).toString('base64')}?=`,
    `Message-ID: <eval-${n}@contoso.pl>`,
    'Date: Fri, 4 Dec 2026 10:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${c.body.replace(/\r?\n/g, '\r\n')}\r\n`, 'utf8');
}

const spaced = (text: string) => text.replace(/\s+/g, ' ').trim();

export async function outcomeOf(c: MailCase, n: number): Promise<MailOutcome> {
  const { text } = await readMail(rawMail(c, n));
  const extracted = spaced(text);
  const present = (f: string) => extracted.includes(spaced(f));
  return {
    lost: c.expect.filter((f) => !present(f)),
    quoteKept: c.quoted.filter(present),
    signatureKept: c.signature.filter(present),
    text,
  };
}

function report(path: string, cases: MailCase[], outcomes: MailOutcome[], showMisses: boolean): void {
  const groups = groupCases(cases, (c) => [`kind ${c.kind}`, `lang ${c.lang}`, `client ${c.client.split(/[-_ ]/)[0]!.toLowerCase()}`]);
  console.log(`\n${path} (${cases.length} mails)`);
  const rows: Record<string, Record<string, string | number>> = {};
  for (const [name, indexes] of groups) {
    const clean = indexes.filter((i) => outcomes[i]!.lost.length === 0 && outcomes[i]!.quoteKept.length === 0).length;
    const withQuote = indexes.filter((i) => cases[i]!.quoted.length > 0);
    const withSignature = indexes.filter((i) => cases[i]!.signature.length > 0);
    rows[name] = {
      mails: indexes.length,
      'new text exactly': percent(clean, indexes.length),
      'words lost': indexes.filter((i) => outcomes[i]!.lost.length > 0).length,
      'quote kept': `${withQuote.filter((i) => outcomes[i]!.quoteKept.length > 0).length}/${withQuote.length}`,
      'signature cut': `${withSignature.filter((i) => outcomes[i]!.signatureKept.length === 0).length}/${withSignature.length}`,
    };
  }
  console.table(rows);
  if (!showMisses) return;
  cases.forEach((c, i) => {
    const o = outcomes[i]!;
    if (o.lost.length === 0 && o.quoteKept.length === 0 && o.signatureKept.length === 0) return;
    console.log(
      `\n--- ${i + 1} ${c.client} ${c.kind} lost=${JSON.stringify(o.lost)} quote=${JSON.stringify(o.quoteKept)} signature=${JSON.stringify(o.signatureKept)}`,
    );
    console.log(o.text);
  });
}

if (require.main === module) {
  runEvalCommand(
    'npm run eval:mail -- <set.jsonl ...> [--misses]',
    async (path, showMisses) => {
      const cases = readMailSet(path);
      const outcomes: MailOutcome[] = [];
      for (const [i, c] of cases.entries()) outcomes.push(await outcomeOf(c, i + 1));
      report(path, cases, outcomes, showMisses);
    },
    false,
  );
}
