import { createHash } from 'crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { IncomingFile } from '../attachments/attachmentStore';
import { newText } from './newText';

/** A mail as the desk reads it: who sent it, what it answers, its text without quoted history. */
export interface InboundMail {
  /** The Message-ID (angle brackets included); one made from the content when the mail has none. */
  messageId: string;
  from: { address: string; name: string } | null;
  subject: string;
  /** The new text of the mail: HTML turned into text, quoted history and signature cut off. */
  text: string;
  /** In-Reply-To and References, most recent first. */
  replyTo: string[];
  /** Why the mail was sent by a machine (Auto-Submitted, Precedence, an empty Return-Path), or null. */
  automatic: string | null;
  /** Its attached files (pasted images and forwarded mails included), unchecked. */
  files: IncomingFile[];
}

/** Parses a raw message (RFC 5322). HTML-only mails get their text from the HTML: never markup. */
export async function readMail(raw: Buffer): Promise<InboundMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true } as Parameters<typeof simpleParser>[1]);
  const from = parsed.from?.value[0];
  const references = ([] as string[]).concat(parsed.references ?? []);
  return {
    messageId: parsed.messageId?.trim() || `<sha256-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@desk.invalid>`,
    from: from?.address ? { address: from.address.toLowerCase(), name: from.name ?? '' } : null,
    subject: (parsed.subject ?? '').trim(),
    text: newText(parsed.text ?? '', { forwarded: /^\s*(fwd?|pd|przekaż|przek)\s*:/i.test(parsed.subject ?? '') }),
    replyTo: [...new Set([parsed.inReplyTo, ...references.reverse()].filter((id): id is string => !!id))],
    automatic: automaticReason(parsed),
    files: parsed.attachments.map((a, i) => ({ name: a.filename || `attachment-${i + 1}`, data: a.content })),
  };
}

/** A key that names one mail in Redis and in idempotency keys, whatever characters its Message-ID has. */
export function mailKey(messageId: string): string {
  return createHash('sha256').update(messageId.trim().toLowerCase()).digest('base64url').slice(0, 32);
}

/** RFC 3834 and the de-facto headers of auto-responders, bounces and bulk mail. */
function automaticReason(parsed: ParsedMail): string | null {
  const header = (name: string) =>
    parsed.headerLines
      .find((h) => h.key === name)
      ?.line.slice(name.length + 1)
      .trim() ?? null;
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = header('precedence')?.toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  const returnPath = header('return-path');
  if (returnPath !== null && /^<\s*>$/.test(returnPath)) return 'Return-Path <> (a bounce)';
  if (header('x-autoreply') || header('x-autorespond')) return 'X-Autoreply';
  if (header('list-id')) return 'List-Id (a mailing list)';
  return null;
}
