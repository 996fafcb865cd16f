/**
 * `npm run bench:mail`: mails turned into tickets per second on one instance, beside the floor of
 * fetching the same mails raw over IMAP, and the time from a mail arriving to its ticket being
 * listed. Real parts: a private redis-server, dovecot and SMTP peer, DKIM-signed mails.
 */
import { ImapFlow } from 'imapflow';
import { buildApp } from '../../bot/app';
import { loadConfig } from '../../common/config';
import { silentLogger } from '../../common/logger';
import { startImapServer } from '../support/imapServer';
import { MailWorld, SUPPORT_ADDRESS } from '../support/mailWorld';
import { startRedisServer } from '../support/redisServer';
import { startSmtpPeer } from '../support/smtpPeer';

const COUNT = Number(process.env.BENCH_MAILS ?? 200);

async function main(): Promise<void> {
  const [redis, imap, smtp] = await Promise.all([startRedisServer(), startImapServer(), startSmtpPeer()]);
  const world = new MailWorld([{ domain: 'fabrikam.pl', ip: '192.0.2.20', dmarc: true }]);
  try {
    for (let n = 1; n <= COUNT; n++) {
      await imap.deliver(
        await world.mail({
          from: 'jan.nowak@fabrikam.pl',
          subject: `Teams nie działa ${n}`,
          text: `Teams nie uruchamia się na komputerze ${n} po aktualizacji.`,
        }),
      );
    }

    // Floor: the same mails fetched raw, no parsing, no ticket.
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: imap.port,
      secure: false,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
    });
    await client.connect();
    await client.mailboxOpen('INBOX');
    const floorStart = process.hrtime.bigint();
    const raw = await client.fetchAll('1:*', { uid: true, source: true });
    const floorMs = Number(process.hrtime.bigint() - floorStart) / 1e6;
    await client.logout();

    const config = loadConfig({
      PORT: '0',
      REDIS_URL: redis.url,
      IMAP_URL: imap.url,
      SMTP_URL: smtp.url,
      MAIL_FROM: `Support Desk <${SUPPORT_ADDRESS}>`,
      IMAP_POLL_SECONDS: '1',
      DIRECTLINE_SECRET: 'bench-directline-secret-0123456789',
    });
    const start = process.hrtime.bigint();
    const app = await buildApp({ config, logger: silentLogger, dnsResolver: world.resolver });
    const processed = async () => [...(await imap.flags()).values()].filter((f) => f.has('$DeskProcessed')).length;
    while ((await processed()) < COUNT) await new Promise((r) => setTimeout(r, 100));
    const intakeMs = Number(process.hrtime.bigint() - start) / 1e6;

    // End to end: one more mail, from delivery to its ticket in the organisation's list.
    const e2eStart = process.hrtime.bigint();
    await imap.deliver(await world.mail({ from: 'jan.nowak@fabrikam.pl', subject: 'Ostatni test', text: 'Outlook nie działa.' }));
    while (!(await app.tickets.list({ orgId: 'fabrikam', limit: 5 })).some((t) => t.title === 'Ostatni test'))
      await new Promise((r) => setTimeout(r, 10));
    const e2eMs = Number(process.hrtime.bigint() - e2eStart) / 1e6;
    await app.close();

    console.log(`mails: ${COUNT} (DKIM-signed, DMARC-checked, each opens a ticket and is acknowledged by SMTP)`);
    console.log(`floor, raw IMAP fetch:   ${(raw.length / (floorMs / 1000)).toFixed(0)} mails/s (${floorMs.toFixed(0)} ms)`);
    console.log(
      `desk, mail -> ticket:    ${(COUNT / (intakeMs / 1000)).toFixed(1)} mails/s (${intakeMs.toFixed(0)} ms, start-up included)`,
    );
    console.log(`end to end, one mail delivered -> ticket listed: ${e2eMs.toFixed(0)} ms`);
  } finally {
    await Promise.all([redis.stop(), imap.stop(), smtp.stop()]);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
