import { generateKeyPairSync } from 'crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { dkimSign } from 'mailauth';
import type { DnsResolver } from '../../ticketing/mail/authenticity';

/**
 * The outside world of the support mailbox for tests: organisations' mail domains with a DKIM key,
 * an SPF record and a DMARC policy, answered by a resolver the test hands to the service (no
 * internet), and mails composed and signed the way those domains' servers would send them.
 */
export interface MailDomain {
  domain: string;
  /** The IP its outgoing mail server sends from (SPF allows it). */
  ip: string;
  /** Publishes a DMARC policy (p=reject); without one, DKIM or SPF alone decides. */
  dmarc: boolean;
}

export interface MailSpec {
  from: string;
  to?: string;
  subject: string;
  text?: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  /** Sign with the From domain's key (default true). */
  sign?: boolean;
  /** Sent from this IP instead of the domain's server (a forger's machine). */
  ip?: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
  /** The envelope sender the MX recorded; '' for a bounce (Return-Path <>). Default: from. */
  returnPath?: string;
}

export const SUPPORT_ADDRESS = 'support@desk.test';
const SELECTOR = 'test2026';

export class MailWorld {
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly domains = new Map<string, MailDomain>();
  private counter = 0;

  constructor(domains: MailDomain[]) {
    for (const d of domains) this.domains.set(d.domain, d);
  }

  /** Answers only about the domains above; anything else does not exist. */
  readonly resolver: DnsResolver = async (name: string, rrtype: string) => {
    const lower = name.toLowerCase().replace(/\.$/, '');
    if (rrtype === 'TXT') {
      for (const d of this.domains.values()) {
        if (lower === `${SELECTOR}._domainkey.${d.domain}`) {
          const spki = this.keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
          return [[`v=DKIM1; k=rsa; p=${spki}`]];
        }
        if (lower === `_dmarc.${d.domain}` && d.dmarc) return [['v=DMARC1; p=reject; adkim=r; aspf=r']];
        if (lower === d.domain) return [[`v=spf1 ip4:${d.ip} -all`]];
      }
    }
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };

  /** A raw mail as the support mailbox's MX received it (its Received line on top). */
  async mail(spec: MailSpec): Promise<Buffer> {
    this.counter += 1;
    const fromAddress = /<([^>]+)>/.exec(spec.from)?.[1] ?? spec.from;
    const fromDomain = fromAddress.split('@')[1]!;
    const domain = this.domains.get(fromDomain);
    const composed = await new MailComposer({
      from: spec.from,
      to: spec.to ?? SUPPORT_ADDRESS,
      subject: spec.subject,
      text: spec.text,
      html: spec.html,
      messageId: spec.messageId ?? `<m${this.counter}.${Date.now()}@${fromDomain}>`,
      inReplyTo: spec.inReplyTo,
      references: spec.references,
      headers: spec.headers,
      date: new Date(),
      attachments: spec.attachments,
    })
      .compile()
      .build();
    let signed = composed;
    if (spec.sign !== false && domain) {
      const pem = this.keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      // mailauth 4 reads the keys from signatureData (the top-level fields only fill in defaults).
      const { signatures } = await dkimSign(composed, {
        canonicalization: 'relaxed/relaxed',
        signatureData: [{ signingDomain: fromDomain, selector: SELECTOR, privateKey: pem }],
      } as unknown as Parameters<typeof dkimSign>[1]);
      signed = Buffer.concat([Buffer.from(signatures), composed]);
    }
    const ip = spec.ip ?? domain?.ip ?? '198.51.100.66';
    const returnPath = `Return-Path: <${spec.returnPath ?? fromAddress}>\r\n`;
    const received = `Received: from mail.${fromDomain} (mail.${fromDomain} [${ip}])\r\n\tby mx.desk.test with ESMTP id t${this.counter}\r\n\tfor <${spec.to ?? SUPPORT_ADDRESS}>; ${new Date().toUTCString()}\r\n`;
    return Buffer.concat([Buffer.from(returnPath + received), signed]);
  }
}
