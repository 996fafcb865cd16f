import { copyFileSync, mkdirSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { simpleParser } from 'mailparser';
import type { App } from '../../bot/app';
import { SavedReplyStore } from '../../ticketing/store/savedReplyStore';
import type { SmtpPeer } from '../support/smtpPeer';
import { until } from '../support/waitFor';
import { PNG } from './support/files';
import { artifactPath } from './support/browser';
import { signInThroughProvider } from './support/oidcSignIn';
import { startChatDesk, type ChatDesk } from './support/chatDesk';
import { keepingEvidence } from './support/webChatPage';

// An agent's day in the console, in real Chromium against the whole product: finding a ticket by a
// word of its description, an internal note the customer never gets, a saved reply with a file,
// resolving after confirming; a colleague on the same ticket; Polish and a phone's width.

const ALICE = 'workspace-agent-token-alice-0123';
const BOB = 'workspace-agent-token-bob-012345';
const JAN = 'jan.nowak@fabrikam.pl';
const SECRET = 'Tylko dla nas: klient ma zaległą fakturę, bez rabatów';

let desk: ChatDesk;
let app: App;
let smtp: SmtpPeer;
let browser: Browser;
let key = 0;

beforeAll(async () => {
  desk = await startChatDesk({ name: 'workspace', agentToken: ALICE, moreTokens: `${BOB}:agent:bob` });
  ({ app, smtp, browser } = desk);
  // Supervisors keep the saved replies; this one is stored as a supervisor's would be.
  await new SavedReplyStore(app.tickets.store.redis, app.tickets.store.prefix).create(
    {
      title: 'Przyjęte do realizacji',
      text: 'Dzień dobry {{customer}},\nzajmujemy się zgłoszeniem {{ticket}} ({{title}}). Odpowiemy do {{deadline}}.\n{{agent}}',
      locale: 'pl',
    },
    'sue',
    new Date(),
  );
});
afterAll(() => desk?.close());

async function open(title: string, description: string): Promise<string> {
  const { ticket } = await app.tickets.create(
    {
      orgId: 'fabrikam',
      adminId: 'jan.nowak',
      category: 'technical',
      grade: 'B',
      title,
      description,
      affected: 'sekretariat',
      contact: { email: JAN, preferred: 'email' },
    },
    `workspace-${++key}`,
  );
  return ticket.id;
}

/** A demo agent (alice, bob) signs in through the development identity provider. */
async function signIn(page: Page, account: string): Promise<void> {
  await signInThroughProvider(page, app.url, account);
  await page.getByRole('button', { name: 'Claim next ticket' }).waitFor();
}

test('an agent finds a ticket by a word of its description, notes it for colleagues, answers with a saved reply and a file, and resolves it after confirming; the customer gets the reply, never the note', async () => {
  const printer = await open('Sekretariat', 'Drukarka w sekretariacie zacina papier od wczoraj.');
  const mail = await open('Poczta', 'Nikt nie odbiera poczty od rana.');
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await keepingEvidence([page], 'workspace-failure', async () => {
    await signIn(page, 'alice');

    // Found by another form of a word in its description, typed without its case.
    await page.getByRole('link', { name: 'Find tickets' }).click();
    await page.getByLabel('Words, ticket number or phone').fill('DRUKARCE');
    await page.keyboard.press('Enter');
    // The page opens on the list of every ticket; the search has answered once its count shows.
    await page.locator('#find-results .meta', { hasText: /^1 found/ }).waitFor();
    await page.locator('#find-results').getByRole('link', { name: printer }).waitFor();
    expect(await page.locator('#find-results').getByRole('link', { name: mail }).count()).toBe(0);
    await page.locator('#find-results').getByRole('link', { name: printer }).click();
    await page.getByRole('heading', { name: `${printer} · Sekretariat` }).waitFor();
    await page.getByRole('button', { name: 'Claim this ticket' }).click();
    await page.locator('.facts dd', { hasText: 'alice' }).waitFor();

    // An internal note, shown in the thread as the agents' own.
    await page.getByLabel('Note for colleagues (never shown to the customer)').fill(SECRET);
    await page.getByRole('button', { name: 'Add note' }).click();
    const note = page.locator('#t-messages .message.note');
    await note.filter({ hasText: SECRET }).waitFor();
    expect(await note.locator('.meta').textContent()).toContain('Internal note · agents only');

    // A saved reply with the customer's name and the ticket filled in, and a file with it.
    await page.getByLabel('Saved reply').selectOption({ label: 'Przyjęte do realizacji (pl)' });
    await page.getByRole('button', { name: 'Insert' }).click();
    const reply = page.getByLabel('Message to the customer (delivered in their chat)');
    const inserted = await reply.inputValue();
    expect(inserted).toContain('Dzień dobry Jan Nowak,');
    expect(inserted).toContain(`zgłoszeniem ${printer} (Sekretariat)`);
    expect(inserted).toContain('alice');
    await page.locator('#reply-files').setInputFiles([{ name: 'zrzut-drukarki.png', mimeType: 'image/png', buffer: PNG }]);
    await page.getByRole('button', { name: 'Send reply', exact: true }).click();
    await page
      .locator('.message.from-agent', { hasText: 'Dzień dobry Jan Nowak' })
      .getByRole('button', { name: /zrzut-drukarki\.png/ })
      .waitFor();

    // The customer's mail has the reply and its file, and nothing of the note.
    const mailed = await until('the reply mailed to Jan', async () => {
      const found = smtp.messages.filter((m) => m.to.includes(JAN) && m.subject.includes(printer));
      return found.length > 0 && found;
    });
    const parsed = await Promise.all(mailed.map((m) => simpleParser(m.raw)));
    expect(parsed.map((m) => m.text).join('\n')).toContain('Dzień dobry Jan Nowak,');
    expect(parsed.flatMap((m) => m.attachments.map((a) => a.filename))).toContain('zrzut-drukarki.png');
    for (const m of smtp.messages) expect(`${m.subject}\n${(await simpleParser(m.raw)).text}`).not.toContain('zaległą');

    // Resolving asks first and needs a note.
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByText(`Resolve ${printer}? The note stays in its history.`).waitFor();
    await page.getByLabel('Resolution note').fill('Wymieniono rolkę podajnika.');
    await page.getByRole('button', { name: 'Yes, resolve' }).click();
    await page.locator('.facts dd', { hasText: 'resolved' }).waitFor();
    expect((await app.tickets.get(printer))!.status).toBe('resolved');
    await note.filter({ hasText: SECRET }).waitFor();
    await page.screenshot({ path: artifactPath('workspace-ticket.png'), fullPage: true });
  });
  await page.close();
});

test('a second agent opening the same ticket sees the first one viewing it, then typing a reply', async () => {
  const id = await open('Teams', 'Spotkania się rozłączają po minucie.');
  const alice = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const bob = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await keepingEvidence([alice, bob], 'workspace-presence-failure', async () => {
    await signIn(alice, 'alice');
    await signIn(bob, 'bob');
    await alice.goto(`${app.url}/agent#/tickets/${encodeURIComponent(id)}`);
    await alice.getByRole('heading', { name: `${id} · Teams` }).waitFor();
    await bob.goto(`${app.url}/agent#/tickets/${encodeURIComponent(id)}`);
    await bob.locator('#presence', { hasText: 'alice is also viewing this ticket' }).waitFor();
    await alice.locator('#presence', { hasText: 'bob is also viewing this ticket' }).waitFor();

    await alice.getByLabel('Message to the customer (delivered in their chat)').pressSequentially('Sprawdzam', { delay: 50 });
    await bob.locator('#presence', { hasText: 'alice is typing a reply' }).waitFor();

    // Bob leaves: Alice no longer sees him.
    await bob.goto(`${app.url}/agent#/`);
    await until('bob gone from the ticket', async () => !(await alice.locator('#presence').textContent())?.includes('bob'));
  });
  await alice.close();
  await bob.close();
});

test("a supervisor reassigns an agent's ticket to a colleague from the ticket page; it leaves the first agent's tickets and joins the colleague's", async () => {
  const id = await open('VPN', 'Połączenie VPN zrywa się co kilka minut.');
  const wide = () => browser.newPage({ viewport: { width: 1280, height: 900 } });
  const [alice, dave, carol] = await Promise.all([wide(), wide(), wide()]);
  const mine = (page: Page) => page.getByRole('region', { name: /^My open tickets/ }).getByRole('link', { name: id });
  await keepingEvidence([alice, dave, carol], 'workspace-reassign-failure', async () => {
    // Alice claims it; Dave, skilled for technical tickets too, has signed in and holds nothing.
    await signIn(alice, 'alice');
    await alice.goto(`${app.url}/agent#/tickets/${encodeURIComponent(id)}`);
    await alice.getByRole('button', { name: 'Claim this ticket' }).click();
    await alice.locator('.facts dd', { hasText: 'alice' }).waitFor();
    await alice.goto(`${app.url}/agent#/`);
    await mine(alice).waitFor();
    await signIn(dave, 'dave');
    expect(await mine(dave).count()).toBe(0);

    // Carol, a supervisor, signs in through the provider and hands the ticket to Dave.
    await signIn(carol, 'carol');
    await carol.goto(`${app.url}/agent#/tickets/${encodeURIComponent(id)}`);
    await carol.locator('.facts dd', { hasText: 'alice' }).waitFor();
    await carol.getByLabel('Agent (id)').fill('dave');
    await carol.getByRole('button', { name: 'Reassign', exact: true }).click();
    await carol.locator('.facts dd', { hasText: 'dave' }).waitFor();
    expect(await carol.locator('#assign-form .error').textContent()).toBe('');

    // Without reloading, the ticket leaves Alice's open tickets and shows among Dave's.
    await until("the ticket among dave's open tickets", async () => (await mine(dave).count()) === 1);
    await until("the ticket gone from alice's open tickets", async () => (await mine(alice).count()) === 0);
    const history = (await app.tickets.get(id))!.history.at(-1);
    expect(history).toMatchObject({ kind: 'assigned', actor: 'supervisor:carol', from: 'alice', to: 'dave' });
  });
  await Promise.all([alice, dave, carol].map((p) => p.close()));
});

test('a supervisor keeps the saved replies on their page: writes one, changes it and deletes it; an agent only reads them', async () => {
  const carol = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const alice = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await keepingEvidence([carol, alice], 'workspace-saved-replies-failure', async () => {
    await signIn(carol, 'carol');
    await carol.getByRole('link', { name: 'Saved replies' }).click();
    const form = carol.locator('#saved-form');
    await form.getByLabel('Title').fill('Prośba o zrzut ekranu');
    await form.getByLabel('Language', { exact: true }).selectOption('pl');
    await form.getByLabel('Text').fill('Dzień dobry {{customer}}, prosimy o zrzut ekranu błędu.');
    await form.getByRole('button', { name: 'Save' }).click();
    const kept = carol.locator('[data-saved-reply]', { hasText: 'Prośba o zrzut ekranu (pl)' });
    await kept.locator('.meta', { hasText: 'Changed by carol' }).waitFor();

    await carol.getByRole('button', { name: 'Edit Prośba o zrzut ekranu' }).click();
    await form.getByLabel('Text').fill('Dzień dobry {{customer}}, prosimy o zrzut ekranu całego okna.');
    await form.getByRole('button', { name: 'Save' }).click();
    await kept.getByText('prosimy o zrzut ekranu całego okna.').waitFor();

    // Alice reads it and has no form.
    await signIn(alice, 'alice');
    await alice.getByRole('link', { name: 'Saved replies' }).click();
    await alice.getByText('prosimy o zrzut ekranu całego okna.').waitFor();
    expect(await alice.getByText('Only supervisors change saved replies.').count()).toBe(1);
    expect(await alice.locator('#saved-form').count()).toBe(0);

    await carol.getByRole('button', { name: 'Delete Prośba o zrzut ekranu' }).click();
    await carol.getByRole('button', { name: 'Yes, delete' }).click();
    await until('the saved reply gone from the list', async () => (await kept.count()) === 0);
    expect(await carol.locator('#saved-error').textContent()).toBe('');
  });
  await Promise.all([carol.close(), alice.close()]);
});

test('the finder and the ticket page work in Polish at a 390 px phone width', async () => {
  const id = await open('Drukarka w recepcji', 'Drukarka w recepcji drukuje puste strony z długimi nazwami plików.');
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await keepingEvidence([page], 'workspace-phone-failure', async () => {
    await signIn(page, 'alice');
    await page.getByLabel('Language / Język').selectOption('pl');
    await page.getByRole('link', { name: 'Szukaj zgłoszeń' }).click();
    // A refusal from the server is said in Polish too.
    await page.getByLabel('Słowa, numer zgłoszenia lub telefon').fill('w');
    await page.getByRole('button', { name: 'Szukaj', exact: true }).click();
    await page.locator('#find-error', { hasText: /^Nieprawidłowe dane: q: / }).waitFor();
    await page.getByLabel('Słowa, numer zgłoszenia lub telefon').fill('drukarki recepcji');
    await page.getByRole('button', { name: 'Szukaj', exact: true }).click();
    await page.locator('#find-results').getByRole('link', { name: id }).waitFor();
    const width = () => page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(390);
    await page.screenshot({ path: artifactPath('console-find-pl-390.png'), fullPage: true });

    await page.locator('#find-results').getByRole('link', { name: id }).click();
    await page.getByLabel('Notatka dla współpracowników (klient jej nie zobaczy)').fill('Sprawdzić sterownik w recepcji.');
    await page.getByRole('button', { name: 'Dodaj notatkę' }).click();
    await page.locator('.message.note', { hasText: 'Notatka wewnętrzna · tylko dla agentów' }).waitFor();
    await page.getByRole('button', { name: 'Rozwiąż' }).click();
    await page.getByLabel('Notatka o rozwiązaniu').waitFor();
    expect(await width()).toBeLessThanOrEqual(390);
    await page.screenshot({ path: artifactPath('console-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: artifactPath('console-pl.png'), fullPage: true });
    if (process.env.UPDATE_DOCS_SCREENSHOTS) {
      const docs = join(__dirname, '..', '..', 'docs');
      mkdirSync(docs, { recursive: true });
      for (const name of ['console-390.png', 'console-pl.png', 'console-find-pl-390.png'])
        copyFileSync(artifactPath(name), join(docs, name));
    }
  });
  await page.close();
});
