/**
 * `npm run bench:mail`: mails turned into tickets per second on one instance, beside the floor of
 * fetching the same mails raw over IMAP, and the time from a mail arriving in the mailbox to its
 * ticket being listed by the agent console's HTTP API (p50/p95). Real parts: a private
 * redis-server, dovecot and SMTP peer, DKIM-signed mails; every mail is acknowledged by SMTP.
 */
import { loadavg } from 'os';
import { ImapFlow } from 'imapflow';
import { buildApp } from '../../bot/app';
import { loadConfig } from '../../common/config';
import { silentLogger } from '../../common/logger';
import { PROCESSED_FLAG } from '../../ticketing/mail';
import { startImapServer, type ImapServer } from '../support/imapServer';
import { MailWorld, SUPPORT_ADDRESS } from '../support/mailWorld';
import { startRedisServer } from '../support/redisServer';
import { startSmtpPeer } from '../support/smtpPeer';
import { sleep } from '../support/waitFor';

const COUNT = Number(process.env.BENCH_MAILS ?? 200);
const SAMPLES = Number(process.env.BENCH_MAIL_SAMPLES ?? 20);
/** Mails come in before being moved to the support folder at once: a burst, not the APPEND speed. */
const ARRIVING = 'Arriving';
const AGENT_TOKEN = 'bench-agent-token-0123456789abcdef';

async function main(): Promise<void> {
  const [redis, imap, smtp] = await Promise.all([startRedisServer(), startImapServer(), startSmtpPeer()]);
  const world = new MailWorld([{ domain: 'fabrikam.pl', ip: '192.0.2.20', dmarc: true }]);
  const client = newClient(imap);
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    await client.connect();
    await client.mailboxCreate(ARRIVING);
    for (let n = 1; n <= COUNT; n++) {
      const mail = await world.mail({
        from: 'jan.nowak@fabrikam.pl',
        subject: `Teams nie działa ${n}`,
        text: `Teams nie uruchamia się na komputerze ${n} po aktualizacji.`,
      });
      await client.append(ARRIVING, mail);
    }

    // Floor: the same mails fetched raw, no parsing, no ticket.
    await client.mailboxOpen(ARRIVING);
    const floorStart = process.hrtime.bigint();
    const raw = await client.fetchAll('1:*', { uid: true, source: true });
    const floorMs = Number(process.hrtime.bigint() - floorStart) / 1e6;

    const idleFloor = await idleNoticeTimes(
      client,
      (idle) => newClient(imap, idle),
      () => world.mail({ from: 'jan.nowak@fabrikam.pl', subject: 'IDLE', text: 'x' }),
    );

    const config = loadConfig({
      PORT: '0',
      REDIS_URL: redis.url,
      IMAP_URL: imap.url,
      SMTP_URL: smtp.url,
      MAIL_FROM: `Support Desk <${SUPPORT_ADDRESS}>`,
      IMAP_POLL_SECONDS: '60',
      API_TOKENS: `${AGENT_TOKEN}:agent:bench`,
      DIRECTLINE_SECRET: 'bench-directline-secret-0123456789',
    });
    app = await buildApp({ config, logger: silentLogger, dnsResolver: world.resolver });
    await app.mail!.reader.ready;

    // Throughput: the whole burst lands in the support folder at once.
    const load = loadavg()[0]!.toFixed(1);
    const cpuBefore = process.cpuUsage();
    const start = process.hrtime.bigint();
    await client.messageMove('1:*', 'INBOX');
    await client.mailboxOpen('INBOX');
    const processed = async () => ((await client.search({ keyword: PROCESSED_FLAG }, { uid: true })) || []).length;
    while ((await processed()) < COUNT) await sleep(50);
    const intakeMs = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerMail = (cpu.user + cpu.system) / 1000 / COUNT;

    // End to end: one mail at a time into a quiet mailbox, until the console's list shows its ticket.
    const times: number[] = [];
    for (let n = 1; n <= SAMPLES; n++) {
      await sleep(1000);
      const subject = `Outlook nie działa, próba ${n}`;
      const mail = await world.mail({ from: 'jan.nowak@fabrikam.pl', subject, text: 'Outlook nie uruchamia się.' });
      const e2eStart = process.hrtime.bigint();
      await client.append('INBOX', mail);
      while (!(await listedInConsole(app.url, subject))) await sleep(10);
      times.push(Number(process.hrtime.bigint() - e2eStart) / 1e6);
    }

    console.log(`mails: ${COUNT} (DKIM-signed, DMARC-checked, each opens a ticket and is acknowledged by SMTP)`);
    console.log(`load average (1 min) at the burst: ${load}, 2 cores`);
    console.log(`floor, raw IMAP fetch:   ${(raw.length / (floorMs / 1000)).toFixed(0)} mails/s (${floorMs.toFixed(0)} ms)`);
    console.log(
      `desk, mail -> ticket:    ${(COUNT / (intakeMs / 1000)).toFixed(1)} mails/s (${intakeMs.toFixed(0)} ms for the burst, ` +
        `${cpuMsPerMail.toFixed(1)} ms CPU a mail)`,
    );
    console.log(`floor, dovecot's IDLE notice of an appended mail (${idleFloor.length} mails): ${percentiles(idleFloor)}`);
    console.log(`end to end, mail appended -> ticket in the console's list (${SAMPLES} mails): ${percentiles(times)}`);
  } finally {
    await app?.close();
    await client.logout().catch(() => client.close());
    await Promise.all([redis.stop(), imap.stop(), smtp.stop()]);
  }
}

/** A client; `idle` makes it wait in IDLE as soon as the desk's reader does (half a second after a command). */
function newClient(imap: ImapServer, idle = false): ImapFlow {
  const auth = { user: imap.user, pass: imap.password };
  return new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, auth, logger: false, ...(idle ? { autoIdleDelay: 500 } : {}) });
}

/**
 * The floor under the end-to-end time: a bare client waiting in IDLE is told of a mail appended
 * by another connection (dovecot batches its change notices, so this is not zero).
 */
async function idleNoticeTimes(appender: ImapFlow, open: (idle: boolean) => ImapFlow, compose: () => Promise<Buffer>): Promise<number[]> {
  const folder = 'IdleFloor';
  await appender.mailboxCreate(folder);
  const watcher = open(true);
  await watcher.connect();
  await watcher.mailboxOpen(folder);
  const times: number[] = [];
  try {
    for (let n = 0; n < Math.min(SAMPLES, 10); n++) {
      await sleep(1000);
      const mail = await compose();
      const noticed = new Promise<void>((resolve) => watcher.once('exists', () => resolve()));
      const start = process.hrtime.bigint();
      await appender.append(folder, mail);
      await noticed;
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  } finally {
    await watcher.logout().catch(() => watcher.close());
  }
  return times;
}

function percentiles(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(0);
  return `p50 ${at(50)} ms, p95 ${at(95)} ms`;
}

/** The list the console shows for new tickets (newest first), through its HTTP API as an agent. */
async function listedInConsole(url: string, title: string): Promise<boolean> {
  const res = await fetch(`${url}/api/tickets?status=new&limit=20`, { headers: { authorization: `Bearer ${AGENT_TOKEN}` } });
  if (!res.ok) throw new Error(`GET /api/tickets: ${res.status} ${await res.text()}`);
  const page = (await res.json()) as { items: { title: string }[] };
  return page.items.some((t) => t.title === title);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
