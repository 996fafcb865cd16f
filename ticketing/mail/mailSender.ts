import { randomUUID } from 'crypto';
import nodemailer from 'nodemailer';
import type { MailText } from './mailTexts';
import { escapeHtml } from '../../common/html';

export interface OutgoingMail extends MailText {
  to: string;
  /** The Message-ID of the mail being answered, and the thread's earlier ones (oldest first). */
  inReplyTo?: string;
  references?: string[];
  /** Sent by the desk itself (acknowledgement, refusal, notice), not typed by a person: RFC 3834. */
  automatic: boolean;
  /** Files sent with it (an agent's reply's attachments). */
  files?: { filename: string; content: Buffer; contentType: string }[];
}

export interface MailSender {
  /** Sends the mail and resolves with its Message-ID; rejects when the SMTP server refuses it. */
  send(mail: OutgoingMail): Promise<string>;
  /** The support mailbox's own address (mail from it is never answered). */
  readonly address: string;
  close(): void;
}

/** Mail through SMTP (SMTP_URL) from MAIL_FROM, each with a text and an HTML part. */
export function createMailSender(smtpUrl: string, from: string): MailSender {
  const transport = nodemailer.createTransport(pooled(smtpUrl));
  const address = (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
  const domain = address.split('@')[1] || 'localhost';
  return {
    address,
    async send(mail) {
      const messageId = `<${randomUUID()}@${domain}>`;
      const headers: Record<string, string> = {};
      // Auto-Submitted tells other desks and auto-responders not to answer: no mail loops.
      if (mail.automatic) headers['Auto-Submitted'] = 'auto-replied';
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references?.length ? mail.references : undefined,
        headers,
        text: mail.paragraphs.join('\n\n'),
        html: `<!doctype html><html><body>${mail.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('')}</body></html>`,
        attachments: mail.files,
      });
      return messageId;
    },
    close: () => transport.close(),
  };
}

/**
 * The URL with nodemailer's connection pool on (unless it says otherwise): a few SMTP connections
 * kept open and reused, instead of a TCP connection and SMTP greeting for every mail.
 */
function pooled(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  return url.toString();
}
