import { readFileSync } from 'fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { silentLogger } from '../../../../common/logger';
import type { CodeMessage } from '../../../../ticketing/verification/senders/codeSender';
import { createCodeSenders } from '../../../../ticketing/verification/senders/createCodeSenders';
import { startSmtpPeer, type SmtpPeer } from '../../../support/smtpPeer';
import { capturingLogger, readOutbox, removeTempOutboxes, tempOutbox } from './fixtures';
import { firstOf } from '../../../support/nth';
import { loadConfig } from '../../../../common/config';

/** The code-delivery part of the configuration these variables make. */
const delivery = (env: NodeJS.ProcessEnv) => loadConfig(env).verification.delivery;

const message: CodeMessage = { code: '482913', orgName: 'Contoso sp. z o.o.', expiresMinutes: 10, locale: 'pl' };
const jan = { channel: 'email' as const, address: 'jan.kowalski@contoso.pl', name: 'Jan Kowalski' };
const janPhone = { channel: 'phone' as const, address: '+48 601 234 123' };

afterAll(removeTempOutboxes);

describe('e-mail over SMTP', () => {
  let peer: SmtpPeer;
  beforeAll(async () => {
    peer = await startSmtpPeer();
  });
  afterAll(() => peer.stop());

  it('delivers the code in Polish to a real SMTP server, from MAIL_FROM', async () => {
    const senders = createCodeSenders(delivery({ SMTP_URL: peer.url, MAIL_FROM: 'Pomoc <pomoc@desk.example>' }), silentLogger);
    try {
      await senders.email.send(jan, message);
      const mail = await peer.waitForMessage(jan.address);
      expect(mail.from).toBe('pomoc@desk.example');
      expect(mail.subject).toBe('Kod weryfikacyjny pomocy technicznej: 482913');
      expect(mail.text).toMatch(/^Dzień dobry,$/m);
      expect(mail.text).toContain('administratorem organizacji Contoso sp. z o.o., to: 482913');
      expect(mail.text).toContain('ważny przez 10 minut');
    } finally {
      senders.close();
    }
  });

  it('writes the mail in English when asked', async () => {
    const senders = createCodeSenders(delivery({ SMTP_URL: peer.url }), silentLogger);
    try {
      await senders.email.send({ channel: 'email', address: 'admin@fabrikam.com' }, { ...message, code: '000417', locale: 'en' });
      const mail = await peer.waitForMessage('admin@fabrikam.com');
      expect(mail.from).toBe('no-reply@localhost');
      expect(mail.subject).toBe('Your support desk verification code: 000417');
      expect(mail.text).toMatch(/^Hello,\n/);
      expect(mail.text).toContain('valid for 10 minutes');
    } finally {
      senders.close();
    }
  });

  it('fails when the server refuses the recipient', async () => {
    const refusing = await startSmtpPeer({ rejectRecipients: [jan.address] });
    const senders = createCodeSenders(delivery({ SMTP_URL: refusing.url }), silentLogger);
    try {
      await expect(senders.email.send(jan, message)).rejects.toThrow(/550|unavailable/);
    } finally {
      senders.close();
      await refusing.stop();
    }
  });
});

describe('SMS through the webhook', () => {
  let server: Server;
  let url: string;
  const received: Array<{ body: unknown; authorization?: string }> = [];
  let respond: (res: ServerResponse) => void = (res) => {
    res.writeHead(204);
    res.end();
  };

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), authorization: req.headers.authorization });
        respond(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received.length = 0;
    respond = (res) => {
      res.writeHead(204);
      res.end();
    };
  });

  it('posts {to, text} with the code, and the bearer token when configured', async () => {
    const senders = createCodeSenders(delivery({ SMS_WEBHOOK_URL: url, SMS_WEBHOOK_TOKEN: 'gateway-token' }), silentLogger);
    await senders.phone.send(janPhone, message);
    expect(received).toEqual([
      {
        body: {
          to: '+48 601 234 123',
          text: '482913 to Twój kod pomocy technicznej dla „Contoso sp. z o.o.”. Ważny 10 min. Nie udostępniaj go.',
        },
        authorization: 'Bearer gateway-token',
      },
    ]);
  });

  it('treats an answer other than 2xx as a failure that names the status', async () => {
    respond = (res) => {
      res.writeHead(502);
      res.end('bad gateway');
    };
    const senders = createCodeSenders(delivery({ SMS_WEBHOOK_URL: url }), silentLogger);
    await expect(senders.phone.send(janPhone, message)).rejects.toThrow('SMS webhook answered HTTP 502');
  });

  it('gives up when the gateway does not answer in time', async () => {
    respond = () => undefined; // never answers
    const senders = createCodeSenders(delivery({ SMS_WEBHOOK_URL: url, SMS_WEBHOOK_TIMEOUT_MS: '200' }), silentLogger);
    await expect(senders.phone.send(janPhone, message)).rejects.toThrow(/abort|timeout/i);
  });
});

describe('the local outbox', () => {
  it('writes one file per message holding the code, and logs the file name but never the code', async () => {
    const dir = tempOutbox();
    const { lines, logger } = capturingLogger();
    const senders = createCodeSenders(delivery({ OUTBOX_DIR: dir }), logger);
    await senders.email.send(jan, message);
    await senders.phone.send(janPhone, { ...message, code: '730055', locale: 'en' });

    const [mail, sms] = firstOf(await readOutbox(dir), 2);
    expect(mail).toMatchObject({
      channel: 'email',
      to: jan.address,
      code: '482913',
      subject: 'Kod weryfikacyjny pomocy technicznej: 482913',
    });
    expect(mail.text).toContain('482913');
    expect(sms).toMatchObject({ channel: 'phone', to: '+48 601 234 123', code: '730055' });
    expect(sms.text).toMatch(/^730055 is your support desk code/);

    expect(lines).toHaveLength(2);
    const logged = lines.join('\n');
    expect(logged).toContain(join(dir, mail.file));
    expect(logged).toContain('j***@contoso.pl');
    expect(logged).toContain('+48 *** *** *23');
    expect(logged).not.toMatch(/482913|730055|jan\.kowalski|601 234/);
    expect(readFileSync(join(dir, sms.file), 'utf8')).toContain('730055');
  });
});

describe('createCodeSenders', () => {
  it('says where codes go, for the start-up log', () => {
    expect(createCodeSenders(delivery({}), silentLogger).describe()).toBe(
      'codes by e-mail go to the outbox ./.data/outbox (no SMTP_URL); codes by SMS go to the outbox ./.data/outbox (no SMS_WEBHOOK_URL)',
    );
    const configured = createCodeSenders(
      delivery({
        SMTP_URL: 'smtp://user:secret-pass@mail.example.com:587',
        MAIL_FROM: 'Desk <desk@example.com>',
        SMS_WEBHOOK_URL: 'https://sms.example.com/send',
      }),
      silentLogger,
    );
    expect(configured.describe()).toBe(
      'codes by e-mail go through SMTP at mail.example.com:587 from Desk <desk@example.com>; codes by SMS go to the webhook at sms.example.com',
    );
    configured.close();
  });

  it('refuses a bad setting and names the variable', () => {
    expect(() => createCodeSenders(delivery({ SMTP_URL: 'mail.example.com' }), silentLogger)).toThrow(/SMTP_URL/);
    expect(() => createCodeSenders(delivery({ SMS_WEBHOOK_URL: 'ftp://sms.example.com' }), silentLogger)).toThrow(
      /SMS_WEBHOOK_URL: must be a URL starting with http: or https:/,
    );
    expect(() => createCodeSenders(delivery({ SMS_WEBHOOK_TIMEOUT_MS: 'soon' }), silentLogger)).toThrow(/SMS_WEBHOOK_TIMEOUT_MS/);
  });

  it('offers only the ways that deliver: in production (no outbox) the ones configured', () => {
    const production = (env: NodeJS.ProcessEnv) => createCodeSenders({ ...delivery(env), outboxDir: undefined }, silentLogger);
    const smtpOnly = production({ SMTP_URL: 'smtp://mail.example.com:587' });
    expect(smtpOnly.channels).toEqual(['email']);
    smtpOnly.close();
    expect(production({ SMS_WEBHOOK_URL: 'https://sms.example.com/send' }).channels).toEqual(['phone']);
    const both = production({ SMTP_URL: 'smtp://mail.example.com:587', SMS_WEBHOOK_URL: 'https://sms.example.com/send' });
    expect(both.channels).toEqual(['email', 'phone']);
    both.close();
    // In development the outbox takes whatever is not configured.
    expect(createCodeSenders(delivery({ SMTP_URL: 'smtp://mail.example.com:587' }), silentLogger).channels).toEqual(['email', 'phone']);
  });

  it('treats an empty variable as not set', () => {
    expect(createCodeSenders(delivery({ SMTP_URL: '', SMS_WEBHOOK_URL: ' ' }), silentLogger).describe()).toMatch(/outbox.*outbox/);
  });
});
