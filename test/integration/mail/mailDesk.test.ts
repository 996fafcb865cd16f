import { startImapServer, type ImapServer } from '../../support/imapServer';
import { startSmtpPeer, type SmtpPeer } from '../../support/smtpPeer';
import type { DeskApp } from '../../support/deskApp';
import { PATIENCE_MS } from '../../support/waitFor';
import { allProcessed, demoMailWorld, mailsTo, startMailDeskApp, until } from './mailFixtures';

const ANNA = 'anna.kowalska@contoso.pl';
const JAN = 'jan.nowak@fabrikam.pl';

describe('the support mailbox', () => {
  const world = demoMailWorld();
  let imap: ImapServer;
  let smtp: SmtpPeer;
  const apps: DeskApp[] = [];

  beforeAll(async () => {
    [imap, smtp] = await Promise.all([startImapServer(), startSmtpPeer()]);
  });
  afterAll(async () => {
    if (process.env.MAIL_TEST_LOG) for (const a of apps) console.log(a.logLines.filter((l) => /mail|imap|IMAP/.test(l)).join(''));
    await Promise.all(apps.map((a) => a.close()));
    await Promise.all([imap?.stop(), smtp?.stop()]);
  });
  const desk = async (folder: string, extra: { prefix?: string; env?: NodeJS.ProcessEnv; smtpUrl?: string } = {}) => {
    const app = await startMailDeskApp(`mail-${folder}`, {
      imap,
      smtpUrl: extra.smtpUrl ?? smtp.url,
      world,
      folder,
      prefix: extra.prefix,
      env: extra.env,
    });
    apps.push(app);
    return app;
  };

  it("opens a ticket for an administrator's mail, acknowledges it, threads the reply and mails the agent's answer back threaded", async () => {
    await imap.createFolder('Thread');
    const app = await desk('Thread');
    const first = await world.mail({
      from: `Anna Kowalska <${ANNA}>`,
      subject: 'Exchange Online nie działa',
      text: 'Od rana nikt w firmie nie może wysyłać ani odbierać poczty, Exchange Online nie działa dla wszystkich 200 użytkowników.\n\n-- \nAnna Kowalska\nContoso',
      messageId: '<first-1@contoso.pl>',
    });
    await imap.deliver(first, 'Thread');

    const ack = await until('the acknowledgement', async () =>
      (await mailsTo(smtp, ANNA)).find((m) => m.inReplyTo === '<first-1@contoso.pl>'),
    );
    const ticketId = /SR-\d{4}-\d{6}/.exec(ack.subject ?? '')?.[0];
    expect(ticketId).toBeDefined();
    expect(ack.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.text).toContain(ticketId);
    expect(ack.text).toMatch(/Priorytet: A \(krytyczny\)/); // premier contract, a technical outage
    expect(ack.text).toMatch(/Odpowiemy najpóźniej: \S+, \d{1,2} \S+ \d{4}, godz\. \d\d:\d\d/);
    expect(ack.html).toContain(ticketId!);

    const ticket = (await app.app.tickets.get(ticketId!))!;
    expect(ticket).toMatchObject({
      orgId: 'contoso',
      adminId: 'anna.kowalska',
      category: 'technical',
      grade: 'A',
      title: 'Exchange Online nie działa',
    });
    expect(ticket.description).toContain('200 użytkowników');
    expect(ticket.description).not.toContain('Contoso'); // the signature is cut off
    await allProcessed(imap, 'Thread', 1);

    // Anna answers the acknowledgement; her client quotes it below her text.
    const answer = await world.mail({
      from: ANNA,
      subject: `Re: ${ack.subject}`,
      text: 'Dotyczy to też kalendarzy.\n\nW dniu 1.12.2026 o 10:00 Support Desk napisał:\n> Dziękujemy, otworzyliśmy zgłoszenie',
      inReplyTo: ack.messageId,
      references: ['<first-1@contoso.pl>', ack.messageId!],
      messageId: '<answer-1@contoso.pl>',
    });
    await imap.deliver(answer, 'Thread');
    const threaded = await until('the answer in the thread', async () => {
      const t = await app.app.tickets.get(ticketId!);
      return t && t.messages.length === 1 ? t : null;
    });
    expect(threaded.messages[0]).toMatchObject({
      from: 'customer',
      author: 'anna.kowalska',
      text: 'Dotyczy to też kalendarzy.',
      mailId: '<answer-1@contoso.pl>',
    });

    // The agent answers in the console: the mail threads under Anna's answer.
    await app.app.tickets.reply(ticketId!, 'agent-ewa', 'Sprawdzamy konfigurację rekordów MX.');
    const reply = await until("the agent's answer by mail", async () =>
      (await mailsTo(smtp, ANNA)).find((m) => m.inReplyTo === '<answer-1@contoso.pl>'),
    );
    expect(reply.subject).toBe(`Re: [${ticketId}] Exchange Online nie działa`);
    expect(reply.references).toEqual(expect.arrayContaining(['<first-1@contoso.pl>', '<answer-1@contoso.pl>']));
    expect(reply.text).toContain('Sprawdzamy konfigurację rekordów MX.');
    expect(reply.html).toContain('Sprawdzamy konfigurację rekordów MX.');
    expect(reply.headers.get('auto-submitted')).toBeUndefined(); // a person wrote it
    const recorded = await until(
      'the sent Message-ID on the message',
      async () => (await app.app.tickets.get(ticketId!))?.messages[1]?.mailId,
    );
    expect(recorded).toBe(reply.messageId);
  });

  it('asks for a rating when the ticket is resolved; a reply starting with a rating records it once, without reopening', async () => {
    await imap.createFolder('Rating');
    const app = await desk('Rating');
    const opened = await world.mail({
      from: ANNA,
      subject: 'Nie działa drukarka',
      text: 'Drukarka sieciowa w biurze nie drukuje z Outlooka.',
      messageId: '<rating-1@contoso.pl>',
    });
    await imap.deliver(opened, 'Rating');
    const ack = await until(
      'the acknowledgement',
      async () => (await mailsTo(smtp, ANNA)).find((m) => m.inReplyTo === '<rating-1@contoso.pl>'),
      PATIENCE_MS,
    );
    const ticketId = /SR-\d{4}-\d{6}/.exec(ack.subject ?? '')![0];
    const month = new Date().toISOString().slice(0, 7);
    const before = (await app.app.tickets.slaReport(month)).satisfaction;

    await app.app.tickets.reply(ticketId, 'agent-ewa', 'Proszę zaktualizować sterownik.');
    await app.app.tickets.changeStatus(ticketId, 'resolved', 'agent:agent-ewa', 'Zaktualizowano sterownik drukarki.');
    const notice = await until(
      'the resolve notice',
      async () => (await mailsTo(smtp, ANNA)).find((m) => /zostało rozwiązane/.test(m.text ?? '')),
      PATIENCE_MS,
    );
    expect(notice.text).toContain('Jak oceniasz naszą pomoc? Odpowiedz cyfrą od 1 (bardzo słabo) do 5 (świetnie)');

    // Anna answers the notice from her mail client: the rating, a comment, her quote of the notice below.
    const rating = await world.mail({
      from: ANNA,
      subject: `Re: ${notice.subject}`,
      text: `5, dziękuję za szybką pomoc\n\nW dniu 1.12.2026 o 10:00 Support Desk napisał:\n> Twoje zgłoszenie ${ticketId} zostało rozwiązane.`,
      inReplyTo: notice.messageId,
      references: [notice.messageId!],
      messageId: '<rating-2@contoso.pl>',
    });
    await imap.deliver(rating, 'Rating');
    const rated = await until('the rating on the ticket', async () => (await app.app.tickets.get(ticketId))?.satisfaction, PATIENCE_MS);
    expect(rated).toMatchObject({ rating: 5, comment: 'dziękuję za szybką pomoc' });
    const ticket = (await app.app.tickets.get(ticketId))!;
    expect(ticket.status).toBe('resolved'); // a rating is not "the problem is back"
    expect(ticket.messages.filter((m) => m.from === 'customer')).toEqual([]);
    const after = (await app.app.tickets.slaReport(month)).satisfaction;
    expect(after.count).toBe(before.count + 1);
    expect(after.byRating['5']).toBe((before.byRating['5'] ?? 0) + 1);

    // A second answer is a message as before: once rated, the ticket reopens on it.
    const again = await world.mail({
      from: ANNA,
      subject: `Re: ${notice.subject}`,
      text: 'Niestety znowu nie drukuje.',
      inReplyTo: notice.messageId,
      messageId: '<rating-3@contoso.pl>',
    });
    await imap.deliver(again, 'Rating');
    const reopened = await until(
      'the second answer in the thread',
      async () => {
        const t = await app.app.tickets.get(ticketId);
        return t?.messages.some((m) => m.from === 'customer') ? t : null;
      },
      PATIENCE_MS,
    );
    expect(reopened.satisfaction!.rating).toBe(5);
  });

  it('opens nothing for a forged sender, a stranger or a machine, and answers a stranger at most a few times an hour', async () => {
    await imap.createFolder('Refused');
    const app = await desk('Refused', { env: { MAIL_AUTO_REPLIES_PER_HOUR: '2' } });
    const mails = [
      // Anna's address, but not sent by contoso.pl's server and not signed by it: DMARC fails.
      await world.mail({
        from: ANNA,
        subject: 'Pilne: reset hasła',
        text: 'Zresetuj hasło administratora.',
        sign: false,
        ip: '203.0.113.5',
      }),
      // An auto-responder and a bounce from Anna's real server: never answered, never a ticket.
      await world.mail({
        from: ANNA,
        subject: 'Automatyczna odpowiedź: urlop',
        text: 'Jestem na urlopie.',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
      await world.mail({ from: ANNA, subject: 'Newsletter', text: 'Nowości', headers: { Precedence: 'bulk' } }),
      await world.mail({ from: ANNA, subject: 'Undelivered Mail Returned to Sender', text: 'bounce', returnPath: '' }),
      // A stranger (authentic mail from a domain with no customer) writes three times.
      ...(await Promise.all(
        [1, 2, 3].map((n) => world.mail({ from: 'ola@example.org', subject: `Pytanie ${n}`, text: 'Ile kosztuje licencja?' })),
      )),
      // A stranger writing in English is answered in English.
      await world.mail({ from: 'john@example.org', subject: 'Licence price', text: 'How much does a licence cost? Please help.' }),
    ];
    for (const m of mails) await imap.deliver(m, 'Refused');
    await allProcessed(imap, 'Refused', mails.length);

    expect(await app.app.tickets.list({ orgId: 'contoso' })).toEqual([]);
    const toAnna = await mailsTo(smtp, ANNA);
    const refusals = toAnna.filter((m) => m.subject === 'Re: Pilne: reset hasła');
    expect(refusals).toHaveLength(1); // the forged mail: one polite reply on how to reach support
    expect(refusals[0]!.text).toMatch(/czacie pomocy/);
    expect(refusals[0]!.headers.get('auto-submitted')).toBe('auto-replied');
    expect(toAnna.filter((m) => /urlop|Newsletter|Undelivered/.test(m.subject ?? ''))).toEqual([]);
    const toOla = await mailsTo(smtp, 'ola@example.org');
    expect(toOla).toHaveLength(2); // MAIL_AUTO_REPLIES_PER_HOUR
    expect(toOla[0]!.text).toMatch(/Napisz do nas na czacie pomocy/);
    const toJohn = await mailsTo(smtp, 'john@example.org');
    expect(toJohn).toHaveLength(1);
    expect(toJohn[0]!.text).toMatch(/Please write to us in the support chat/);
    expect(toJohn[0]!.text).not.toMatch(/czacie/);
  });

  it('stops a mail loop with an auto-responder that does not say it is one', async () => {
    await imap.createFolder('Loop');
    await desk('Loop', { env: { MAIL_AUTO_REPLIES_PER_HOUR: '3' } });
    const ROBOT = 'robot@example.org';
    const fromDesk = () => smtp.messages.filter((m) => m.to.includes(ROBOT));
    const answered = new Set<string>();
    let delivered = 0;
    const deliver = async (raw: Buffer) => {
      delivered += 1;
      await imap.deliver(raw, 'Loop');
    };
    await deliver(await world.mail({ from: ROBOT, subject: 'Zamówienie 1', text: 'Potwierdzamy przyjęcie zamówienia.' }));
    // The robot answers every mail the desk sends it, with no Auto-Submitted, Precedence or List header.
    await until('the exchange to stop', async () => {
      for (const sent of fromDesk()) {
        const id = sent.headers['message-id']!;
        if (answered.has(id)) continue;
        answered.add(id);
        await deliver(
          await world.mail({ from: ROBOT, subject: `Re: ${sent.subject}`, text: 'Potwierdzamy przyjęcie wiadomości.', inReplyTo: id }),
        );
      }
      // The desk answers while processing a mail, before marking it: all marked means all answers sent.
      const flags = [...(await imap.flags('Loop')).values()];
      return flags.length === delivered && flags.every((f) => f.has('$DeskProcessed')) && fromDesk().length === answered.size;
    });
    expect(answered.size).toBe(3); // MAIL_AUTO_REPLIES_PER_HOUR, then silence
    expect(delivered).toBe(4);
  });

  it('processes each mail once when two instances read one mailbox', async () => {
    await imap.createFolder('Shared');
    const one = await desk('Shared');
    await desk('Shared', { prefix: one.prefix });
    const count = 12;
    for (let n = 1; n <= count; n++) {
      await imap.deliver(
        await world.mail({ from: JAN, subject: `Faktura ${n} ma błędną kwotę`, text: `Faktura nr ${n} za licencje ma błędną kwotę.` }),
        'Shared',
      );
    }
    await allProcessed(imap, 'Shared', count);
    const tickets = await one.app.tickets.list({ orgId: 'fabrikam', limit: 100 });
    expect(tickets).toHaveLength(count);
    expect(new Set(tickets.map((t) => t.title)).size).toBe(count);
    expect(tickets.every((t) => t.category === 'billing' && t.grade !== 'A')).toBe(true);
    const acks = (await mailsTo(smtp, JAN)).filter((m) => /Faktura \d+ ma/.test(m.subject ?? ''));
    expect(acks).toHaveLength(count);
  });

  it('loses and duplicates nothing when an instance stalls between reading a mail and storing its ticket', async () => {
    await imap.createFolder('Stall');
    // The first instance takes the mail and hangs in its authenticity check, before storing anything,
    // as one stopped by the machine would; only once another took the mail over does it go on.
    let stuck!: () => void;
    const taken = new Promise<void>((resolve) => (stuck = resolve));
    let goOn!: () => void;
    const resumed = new Promise<void>((resolve) => (goOn = resolve));
    const stalled = await startMailDeskApp('mail-Stall', {
      imap,
      smtpUrl: smtp.url,
      world,
      folder: 'Stall',
      env: { MAIL_LOCK_SECONDS: '2' },
      resolver: async (name, type) => {
        stuck();
        await resumed;
        return world.resolver(name, type);
      },
    });
    apps.push(stalled);
    await imap.deliver(
      await world.mail({
        from: JAN,
        subject: 'OneDrive nie synchronizuje',
        text: 'OneDrive nie synchronizuje plików od wczoraj.',
        messageId: '<stall-1@fabrikam.pl>',
      }),
      'Stall',
    );
    await taken;

    const other = await desk('Stall', { prefix: stalled.prefix, env: { MAIL_LOCK_SECONDS: '2' } });
    await allProcessed(imap, 'Stall', 1);
    const ticketsNamed = async () =>
      (await other.app.tickets.list({ orgId: 'fabrikam', limit: 100 })).filter((t) => t.title === 'OneDrive nie synchronizuje');
    expect(await ticketsNamed()).toHaveLength(1);

    // The stalled instance wakes up and finishes the same mail: nothing is added or sent twice.
    goOn();
    await stalled.close();
    apps.splice(apps.indexOf(stalled), 1);
    expect(await ticketsNamed()).toHaveLength(1);
    const acks = (await mailsTo(smtp, JAN)).filter((m) => m.inReplyTo === '<stall-1@fabrikam.pl>');
    expect(acks).toHaveLength(1);
    expect(acks[0]!.subject).toContain((await ticketsNamed())[0]!.id);
  });

  it('loses and duplicates nothing when an instance dies after storing the ticket and before marking the mail', async () => {
    await imap.createFolder('Crash');
    // Nothing listens at this SMTP address: the ticket is stored, the acknowledgement fails, the
    // mail stays unmarked; then the instance stops, as a crashed one would.
    const broken = await desk('Crash', { smtpUrl: 'smtp://127.0.0.1:9' });
    await imap.deliver(
      await world.mail({
        from: JAN,
        subject: 'Teams nie uruchamia się',
        text: 'Teams na trzech komputerach nie uruchamia się po aktualizacji.',
        messageId: '<crash-1@fabrikam.pl>',
      }),
      'Crash',
    );
    const stored = await until('the ticket', async () =>
      (await broken.app.tickets.list({ orgId: 'fabrikam', limit: 100 })).find((t) => t.title === 'Teams nie uruchamia się'),
    );
    expect([...(await imap.flags('Crash')).values()][0]!.has('$DeskProcessed')).toBe(false);
    await broken.close();
    apps.splice(apps.indexOf(broken), 1);

    const restarted = await desk('Crash', { prefix: broken.prefix });
    await allProcessed(imap, 'Crash', 1);
    const tickets = (await restarted.app.tickets.list({ orgId: 'fabrikam', limit: 100 })).filter(
      (t) => t.title === 'Teams nie uruchamia się',
    );
    expect(tickets.map((t) => t.id)).toEqual([stored.id]);
    const acks = (await mailsTo(smtp, JAN)).filter((m) => m.inReplyTo === '<crash-1@fabrikam.pl>');
    expect(acks).toHaveLength(1);
    expect(acks[0]!.subject).toContain(stored.id);
  });
});
