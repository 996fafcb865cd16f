/**
 * `npm run try:mail`: the whole e-mail loop on this machine, nothing outside it. A private Redis,
 * a private dovecot (the support mailbox), an SMTP peer (the customers' side), a DNS answer that
 * vouches for contoso.pl's DKIM key, and the desk itself reading the mailbox. It sends one mail from
 * Contoso's administrator with a screenshot, prints where to see the ticket in the console, and then
 * mails every line you type into the ticket's thread. Ctrl+C stops everything.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createInterface } from 'readline';
import { simpleParser } from 'mailparser';
import { buildApp } from '../../bot/app';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { startImapServer } from '../support/imapServer';
import { startRedisServer } from '../support/redisServer';
import { startSmtpPeer } from '../support/smtpPeer';
import { MailWorld, SUPPORT_ADDRESS } from '../support/mailWorld';

const ANNA = 'anna.kowalska@contoso.pl'; // an administrator of Contoso in the demo directory
const AGENT_TOKEN = 'try-mail-agent-token-0123456789';
const SCREENSHOT = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa65d3a0000000049454e44ae426082',
  'hex',
);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-try-mail-'));
  const [redis, imap, smtp] = await Promise.all([startRedisServer(), startImapServer(), startSmtpPeer()]);
  const world = new MailWorld([{ domain: 'contoso.pl', ip: '192.0.2.10', dmarc: true }]);
  const app = await buildApp({
    logger: createLogger({ level: 'warn' }),
    dnsResolver: world.resolver,
    config: loadConfig({
      PORT: process.env.PORT ?? '3978',
      REDIS_URL: redis.url,
      API_TOKENS: `${AGENT_TOKEN}:agent:alice`,
      OUTBOX_DIR: join(dir, 'outbox'),
      ATTACHMENTS_DIR: join(dir, 'files'),
      IMAP_URL: imap.url,
      IMAP_POLL_SECONDS: '1',
      SMTP_URL: smtp.url,
      MAIL_FROM: `Support Desk <${SUPPORT_ADDRESS}>`,
    }),
  });
  const stop = async () => {
    await app.close();
    await Promise.all([imap.stop(), smtp.stop(), redis.stop()]);
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  const sentAt = Date.now();
  await imap.deliver(
    await world.mail({
      from: `Anna Kowalska <${ANNA}>`,
      subject: 'Outlook nie wysyła poczty',
      text: 'Od rana Outlook pokazuje błąd 0x800CCC0F przy wysyłaniu. Zrzut ekranu w załączniku.',
      attachments: [{ filename: 'zrzut.png', content: SCREENSHOT, contentType: 'image/png' }],
    }),
  );
  console.log(`Mail from ${ANNA} delivered to the support mailbox (${imap.url.replace(/:[^:@/]+@/, ':***@')}).`);
  const ack = await simpleParser((await smtp.waitForMessage(ANNA, 60_000)).raw);
  const ticketId = /SR-\d{4}-\d{6}/.exec(ack.subject ?? '')?.[0];
  console.log(`Ticket ${ticketId} opened and acknowledged after ${Date.now() - sentAt} ms: "${ack.subject}"`);
  console.log(`\nConsole: ${app.url}/agent#/tickets/${ticketId}   (agent token: ${AGENT_TOKEN})`);
  console.log('An agent reply from the console is mailed to Anna (printed here). Type a line to mail it into the thread; Ctrl+C stops.\n');

  let seen = smtp.messages.length;
  setInterval(() => {
    for (const mail of smtp.messages.slice(seen))
      void simpleParser(mail.raw).then((m) => console.log(`→ mail to ${mail.to.join(', ')}: ${m.subject}\n${m.text ?? ''}`));
    seen = smtp.messages.length;
  }, 500).unref();
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    await imap.deliver(await world.mail({ from: ANNA, subject: `Re: ${ack.subject}`, text: line, inReplyTo: ack.messageId }));
    console.log(`Mailed into ${ticketId}'s thread.`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
