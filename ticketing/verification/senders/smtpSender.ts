import nodemailer from 'nodemailer';
import type { CodeSender } from './codeSender';
import { codeText } from './codeText';

/** Codes by e-mail through an SMTP server (SMTP_URL, e.g. smtp://user:pass@mail.example.com:587). */
export function createSmtpSender(smtpUrl: string, from: string): CodeSender & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, message) {
      const text = codeText(message, to.name);
      await transport.sendMail({
        from,
        to: to.name ? { name: to.name, address: to.address } : to.address,
        subject: text.subject,
        text: text.body,
      });
    },
    close: () => transport.close(),
  };
}
