import { startImapServer, type ImapServer } from '../../support/imapServer';
import { startSmtpPeer, type SmtpPeer } from '../../support/smtpPeer';
import type { DeskApp } from '../../support/deskApp';
import { TEST_TOKENS } from '../../support/ticketingApiServer';
import { allProcessed, demoMailWorld, mailsTo, startMailDeskApp, until } from './mailFixtures';

const ANNA = 'anna.kowalska@contoso.pl';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa65d3a0000000049454e44ae426082',
  'hex',
);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);
const EML = Buffer.from(
  'Received: from mx.contoso.pl\r\nFrom: Szef <szef@contoso.pl>\r\nTo: anna.kowalska@contoso.pl\r\nSubject: Pilne: zmiana konta\r\nDate: Tue, 1 Dec 2026 09:00:00 +0100\r\nMessage-ID: <phish-1@evil.example>\r\n\r\nKliknij tutaj.\r\n',
);

describe('files sent by mail', () => {
  const world = demoMailWorld();
  let imap: ImapServer;
  let smtp: SmtpPeer;
  let app: DeskApp;

  beforeAll(async () => {
    [imap, smtp] = await Promise.all([startImapServer(), startSmtpPeer()]);
    await imap.createFolder('Files');
    app = await startMailDeskApp('mail-files', {
      imap,
      smtpUrl: smtp.url,
      world,
      folder: 'Files',
      env: { ATTACHMENT_MAX_FILE_MB: '0.05' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([imap?.stop(), smtp?.stop()]);
  });

  const get = (path: string, token?: string) => fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('keeps the allowed files with the ticket, refuses the others by content, and serves them to agents only', async () => {
    await imap.deliver(
      await world.mail({
        from: `Anna Kowalska <${ANNA}>`,
        subject: 'Outlook pokazuje błąd przy wysyłaniu',
        text: 'Przy wysyłaniu poczty Outlook pokazuje błąd 0x800CCC0F, zrzut ekranu w załączniku.',
        messageId: '<files-1@contoso.pl>',
        attachments: [
          { filename: 'zrzut ekranu.png', content: PNG, contentType: 'image/png' },
          { filename: 'faktura.pdf', content: EXE, contentType: 'application/pdf' },
          { filename: 'logo.png', content: Buffer.from('<html><script>alert(document.cookie)</script></html>'), contentType: 'image/png' },
          { filename: 'duzy.log', content: Buffer.alloc(60 * 1024, 'x'), contentType: 'text/plain' },
        ],
      }),
      'Files',
    );
    const ack = await until('the acknowledgement', async () =>
      (await mailsTo(smtp, ANNA)).find((m) => m.inReplyTo === '<files-1@contoso.pl>'),
    );
    const ticketId = /SR-\d{4}-\d{6}/.exec(ack.subject ?? '')![0];
    await allProcessed(imap, 'Files', 1);

    const ticket = (await app.app.tickets.get(ticketId))!;
    expect(ticket.description).toContain('0x800CCC0F'); // the rest of the mail is kept
    expect(ticket.attachments).toEqual([{ id: expect.any(String), name: 'zrzut ekranu.png', type: 'image/png', size: PNG.length }]);
    expect(ticket.refusedFiles).toEqual([
      { name: 'faktura.pdf', reason: expect.stringContaining('Windows program') },
      { name: 'logo.png', reason: expect.stringContaining('HTML, SVG or XML') },
      { name: 'duzy.log', reason: expect.stringContaining('at most 51 KB') },
    ]);

    const path = `/api/tickets/${ticketId}/attachments/${ticket.attachments![0]!.id}`;
    const byAgent = await get(path, TEST_TOKENS.agent);
    expect(byAgent.status).toBe(200);
    expect(Buffer.from(await byAgent.arrayBuffer())).toEqual(PNG);
    expect(byAgent.headers.get('content-type')).toBe('image/png');
    expect(byAgent.headers.get('content-disposition')).toBe(`attachment; filename="zrzut ekranu.png"; filename*=UTF-8''zrzut%20ekranu.png`);
    expect(byAgent.headers.get('x-content-type-options')).toBe('nosniff');

    // Nobody else: no token, the bot's token, a customer's web-chat token, another ticket's path.
    expect((await get(path)).status).toBe(401);
    expect((await get(path, TEST_TOKENS.system)).status).toBe(403);
    const chat = (await (await fetch(`${app.url}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as {
      conversationId: string;
      token: string;
    };
    expect((await get(path, chat.token)).status).toBe(401);
    const viaChat = `/v3/directline/conversations/${chat.conversationId}/attachments/${ticket.attachments![0]!.id}`;
    expect((await get(viaChat, chat.token)).status).toBe(404);
    const other = await app.app.tickets.create(
      {
        ...ticket,
        title: 'Inne zgłoszenie',
        contact: ticket.contact,
        mailThread: undefined,
        attachments: undefined,
        refusedFiles: undefined,
      },
      'other-ticket',
    );
    expect((await get(`/api/tickets/${other.ticket.id}/attachments/${ticket.attachments![0]!.id}`, TEST_TOKENS.agent)).status).toBe(404);
  });

  it('threads an answer with a forwarded .eml into the ticket, the file on that message', async () => {
    const ack = (await mailsTo(smtp, ANNA)).find((m) => m.inReplyTo === '<files-1@contoso.pl>')!;
    const ticketId = /SR-\d{4}-\d{6}/.exec(ack.subject ?? '')![0];
    await imap.deliver(
      await world.mail({
        from: ANNA,
        subject: `Re: ${ack.subject}`,
        text: 'Przesyłam też podejrzaną wiadomość jako plik.',
        inReplyTo: ack.messageId,
        references: ['<files-1@contoso.pl>', ack.messageId!],
        messageId: '<files-2@contoso.pl>',
        attachments: [{ filename: 'podejrzana.eml', content: EML, contentType: 'application/octet-stream' }],
      }),
      'Files',
    );
    const message = await until('the answer in the thread', async () =>
      (await app.app.tickets.get(ticketId))!.messages.find((m) => m.mailId === '<files-2@contoso.pl>'),
    );
    expect(message.text).toContain('podejrzaną wiadomość');
    expect(message.attachments).toEqual([{ id: expect.any(String), name: 'podejrzana.eml', type: 'message/rfc822', size: EML.length }]);
    const file = await get(`/api/tickets/${ticketId}/attachments/${message.attachments![0]!.id}`, TEST_TOKENS.agent);
    expect(file.status).toBe(200);
    expect(await file.text()).toContain('Pilne: zmiana konta');
  });

  it("mails an agent's reply with the files the agent attached; a program among them is refused and named", async () => {
    const ack = (await mailsTo(smtp, ANNA)).find((m) => m.inReplyTo === '<files-1@contoso.pl>')!;
    const ticketId = /SR-\d{4}-\d{6}/.exec(ack.subject ?? '')![0];
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)]), 'instrukcja.png');
    form.append('file', new Blob([new Uint8Array(EXE)]), 'naprawa.pdf');
    const upload = (token: string) =>
      fetch(`${app.url}/api/tickets/${ticketId}/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
    expect((await upload(TEST_TOKENS.system)).status).toBe(403);
    const uploaded = await upload(TEST_TOKENS.agent);
    expect(uploaded.status).toBe(201);
    const files = (await uploaded.json()) as { attachments: { id: string; name: string }[]; refused: { name: string; reason: string }[] };
    expect(files.attachments.map((a) => a.name)).toEqual(['instrukcja.png']);
    expect(files.refused).toEqual([{ name: 'naprawa.pdf', reason: expect.stringContaining('Windows program') }]);

    const reply = await fetch(`${app.url}/api/tickets/${ticketId}/replies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKENS.agent}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Proszę postępować według instrukcji w załączniku.', attachments: files.attachments.map((a) => a.id) }),
    });
    expect(reply.status).toBe(201);
    const mailed = await until('the reply by mail', async () =>
      (await mailsTo(smtp, ANNA)).find((m) => m.text?.includes('według instrukcji')),
    );
    expect(mailed.attachments.map((a) => [a.filename, a.contentType, a.content.equals(PNG)])).toEqual([
      ['instrukcja.png', 'image/png', true],
    ]);

    // A reply may carry only files uploaded for its own ticket.
    const foreign = await fetch(`${app.url}/api/tickets/${ticketId}/replies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKENS.agent}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x', attachments: [(await app.app.tickets.get(ticketId))!.attachments![0]!.id] }),
    });
    expect(foreign.status).toBe(400);
  });
});
