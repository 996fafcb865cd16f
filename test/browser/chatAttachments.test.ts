import type { Browser } from 'playwright-core';
import type { App } from '../../bot/app';
import type { SmtpPeer } from '../support/smtpPeer';
import { webChat } from '../support/webChat';
import { PNG } from './support/files';
import { artifactPath } from './support/browser';
import { signInThroughProvider } from './support/oidcSignIn';
import { startChatDesk, type ChatDesk } from './support/chatDesk';
import { bubble, say, choose, verifyByMailedPin } from './support/webChatPage';

// A file sent with Web Chat's own upload button (real Chromium, the official Web Chat bundle) goes
// with the ticket the customer opens; the agent downloads it in the console; nobody else opens it.

const AGENT_TOKEN = 'files-agent-token-alice-0123456';
const ADMIN_EMAIL = 'jan.nowak@fabrikam.pl';

let desk: ChatDesk;
let app: App;
let smtp: SmtpPeer;
let browser: Browser;

beforeAll(async () => {
  desk = await startChatDesk({ name: 'chat-files', agentToken: AGENT_TOKEN });
  ({ app, smtp, browser } = desk);
});

afterAll(() => desk?.close());

test('a screenshot sent with the upload button reaches the ticket; the agent downloads it; other chats and anonymous callers cannot', async () => {
  const customer = await browser.newPage({ viewport: { width: 430, height: 900 }, locale: 'pl-PL' });
  const agent = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  try {
    await customer.goto(`${app.url}/`);
    await bubble(customer, /asystentem pomocy technicznej/).waitFor();

    // 1. Two files through Web Chat's upload button: a screenshot, and a page pretending to be a PNG.
    await customer.locator('input[type="file"]').setInputFiles([
      { name: 'zrzut-bledu.png', mimeType: 'image/png', buffer: PNG },
      { name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script></html>') },
    ]);
    await customer.locator('button.webchat__send-button').click();
    await bubble(customer, /Nie mogę przyjąć pliku logo\.png: it is HTML, SVG or XML/).waitFor();
    await bubble(customer, /Mam Twój plik: zrzut-bledu\.png/).waitFor();

    // 2. The administrator verifies and opens a ticket: it takes the file.
    await say(customer, 'rozmowa z konsultantem');
    await verifyByMailedPin(customer, smtp, 'Fabrikam S.A.', ADMIN_EMAIL);
    await choose(customer, 'Problem techniczny');
    await bubble(customer, /Opisz problem/).waitFor();
    await say(customer, 'Outlook pokazuje błąd synchronizacji, zrzut ekranu wysłałem wyżej');
    await bubble(customer, /Kogo lub czego dotyczy/).waitFor();
    await say(customer, 'Jednego użytkownika');
    await bubble(customer, /Czy są poprawne\?/).waitFor();
    await choose(customer, 'Dane są poprawne');
    await bubble(customer, /forma kontaktu/).waitFor();
    await choose(customer, 'E-mail');
    await bubble(customer, /Proponuję priorytet/).waitFor();
    await customer.getByRole('button', { name: /^C – / }).last().click();
    await bubble(customer, /Podsumowanie zgłoszenia/).waitFor();
    await choose(customer, 'Załóż zgłoszenie');
    const opened = await bubble(customer, /Założyłem zgłoszenie SR-\d{4}-\d{6}/).textContent();
    const ticketId = /SR-\d{4}-\d{6}/.exec(opened!)![0];
    const ticket = (await app.tickets.get(ticketId))!;
    expect(ticket.attachments).toEqual([{ id: expect.any(String), name: 'zrzut-bledu.png', type: 'image/png', size: PNG.length }]);
    const fileId = ticket.attachments![0]!.id;

    // 3. The agent sees it on the ticket and downloads it.
    await signInThroughProvider(agent, app.url, 'alice');
    await agent.goto(`${app.url}/agent#/tickets/${ticketId}`);
    const [download] = await Promise.all([
      agent.waitForEvent('download'),
      agent.getByRole('button', { name: 'Download zrzut-bledu.png (1 KB)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('zrzut-bledu.png');
    const { readFile } = await import('fs/promises');
    expect(await readFile((await download.path())!)).toEqual(PNG);

    // 4. The customer's own chat shows the file through its signed link, served as a download.
    const link = await customer
      .locator(`a[href*="/v3/directline/attachments/${fileId}"], img[src*="/v3/directline/attachments/${fileId}"]`)
      .first();
    const href = (await link.getAttribute('href')) ?? (await link.getAttribute('src'))!;
    const own = await fetch(new URL(href, app.url));
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');

    // 5. Nobody else: another customer's chat (another organisation's administrator, say), the
    //    link re-signed for their conversation, anonymous callers.
    const other = await webChat(app.url);
    const url = new URL(href, app.url);
    url.searchParams.set('c', other.conversationId);
    expect((await fetch(url)).status).toBe(403);
    const ownConversation = new URL(href, app.url).searchParams.get('c')!;
    const theirs = (path: string) => fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${other.token}` } });
    expect((await theirs(`/v3/directline/conversations/${ownConversation}/attachments/${fileId}`)).status).toBe(403);
    expect((await theirs(`/v3/directline/conversations/${other.conversationId}/attachments/${fileId}`)).status).toBe(404);
    expect((await theirs(`/api/tickets/${ticketId}/attachments/${fileId}`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/tickets/${ticketId}/attachments/${fileId}`)).status).toBe(401);
    expect((await fetch(`${app.url}/v3/directline/conversations/${ownConversation}/attachments/${fileId}`)).status).toBe(401);
    expect((await fetch(`${app.url}/v3/directline/attachments/${fileId}`)).status).toBe(403);
  } catch (err) {
    await customer.screenshot({ path: artifactPath('chat-files-failure.png'), fullPage: true }).catch(() => undefined);
    await agent.screenshot({ path: artifactPath('console-files-failure.png'), fullPage: true }).catch(() => undefined);
    throw err;
  }
});
