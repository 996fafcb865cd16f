import { simpleParser, type ParsedMail } from 'mailparser';
import { startDeskApp, type DeskApp } from '../../support/deskApp';
import type { ImapServer } from '../../support/imapServer';
import { MailWorld, SUPPORT_ADDRESS } from '../../support/mailWorld';
import type { SmtpPeer } from '../../support/smtpPeer';
import type { DnsResolver } from '../../../ticketing/mail/authenticity';
import { PATIENCE_MS } from '../../support/waitFor';

/** contoso.pl publishes DMARC (p=reject); fabrikam.pl only DKIM and SPF. */
export function demoMailWorld(): MailWorld {
  return new MailWorld([
    { domain: 'contoso.pl', ip: '192.0.2.10', dmarc: true },
    { domain: 'fabrikam.pl', ip: '192.0.2.20', dmarc: false },
    { domain: 'example.org', ip: '192.0.2.30', dmarc: true },
  ]);
}

/** The desk reading `folder` of the test IMAP server and answering through the SMTP peer. */
export function startMailDeskApp(
  name: string,
  options: {
    imap: ImapServer;
    smtpUrl: string;
    world: MailWorld;
    folder: string;
    prefix?: string;
    env?: NodeJS.ProcessEnv;
    /** DNS for the authenticity checks instead of the world's own answers. */
    resolver?: DnsResolver;
  },
): Promise<DeskApp> {
  return startDeskApp(name, {
    prefix: options.prefix,
    logLevel: process.env.MAIL_TEST_LOG ? 'debug' : undefined,
    dnsResolver: options.resolver ?? options.world.resolver,
    env: {
      IMAP_URL: options.imap.url,
      IMAP_FOLDER: options.folder,
      IMAP_POLL_SECONDS: '0.5',
      SMTP_URL: options.smtpUrl,
      MAIL_FROM: `Support Desk <${SUPPORT_ADDRESS}>`,
      ...options.env,
    },
  });
}

/** Waits for a condition (never for a fixed time): resolves with its first truthy value. */
export async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = PATIENCE_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every mail the peer received for an address, parsed (multipart included). */
export async function mailsTo(peer: SmtpPeer, address: string): Promise<ParsedMail[]> {
  return Promise.all(peer.messages.filter((m) => m.to.includes(address)).map((m) => simpleParser(m.raw)));
}

/** Waits until every mail in the folder carries the processed flag. */
export async function allProcessed(imap: ImapServer, folder: string, count: number): Promise<void> {
  await until(`${count} processed mails in ${folder}`, async () => {
    const flags = [...(await imap.flags(folder)).values()];
    return flags.length === count && flags.every((f) => f.has('$DeskProcessed'));
  });
}
