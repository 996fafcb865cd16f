import type { Browser, Page } from 'playwright-core';
import { silentLogger } from '../../common/logger';
import { TicketChangeFeed } from '../../ticketing/console/changeFeed';
import { testRedis } from '../support/redis';
import { artifactPath, launchChromium } from './support/browser';
import { CONSOLE_TOKENS, startConsoleApp } from './support/consoleApp';
import { fillProviderForm, signInThroughProvider } from './support/oidcSignIn';

let browser: Browser;
let app: Awaited<ReturnType<typeof startConsoleApp>>;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), startConsoleApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Signs a demo agent in through the identity provider's page and opens the console. */
async function signIn(page: Page, account = 'alice'): Promise<void> {
  await signInThroughProvider(page, app.url, account);
}

const queueRows = (page: Page, category: string) => page.locator(`[data-queue="${category}"] tbody tr`);

test('an agent works a ticket from the queue: urgency order, live countdown, claim, reply, live customer answer, grade, ask, resolve, close', async () => {
  app.clock.offsetMs = -4 * 24 * 3600 * 1000; // opened four days ago: long past its deadline
  const overdue = await app.open({ orgId: 'fabrikam', category: 'technical', grade: 'C', title: 'Stare zgłoszenie o drukarce' });
  app.clock.offsetMs = 0;
  const b = await app.open({ orgId: 'fabrikam', category: 'technical', grade: 'B', title: 'Outlook nie synchronizuje poczty' });
  const a = await app.open({
    orgId: 'contoso',
    category: 'technical',
    grade: 'A',
    title: 'Exchange Online nie działa',
    contact: { phone: '601 222 333', email: 'it@contoso.pl', preferred: 'phone' },
  });
  await app.open({ orgId: 'contoso', category: 'billing', grade: 'B', title: 'Błędna faktura' });

  // Signed out, the console offers the organisation's sign-in; the provider's page brings the agent back signed in.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${app.url}/agent`);
  await page.getByRole('link', { name: 'Sign in with your organisation account' }).click();
  await fillProviderForm(page, 'alice');
  await page.getByRole('heading', { name: 'Technical queue (3)' }).waitFor();
  await page.getByText('Signed in as Alice Nowak').waitFor();

  // Most urgent first (grade, then deadline); each with grade, organisation and a countdown; the overdue one marked.
  const rows = queueRows(page, 'technical');
  expect(await rows.locator('td:nth-child(2)').allTextContents()).toEqual([a.id, b.id, overdue.id]);
  expect(await rows.nth(0).locator('td').allTextContents()).toEqual(
    expect.arrayContaining(['A', 'Exchange Online nie działa', 'Contoso Sp. z o.o.']),
  );
  await expect(rows.nth(2).getAttribute('class')).resolves.toContain('is-breached');
  expect(await rows.nth(2).locator('.countdown').textContent()).toMatch(/^overdue by /);
  expect((await rows.nth(1).getAttribute('class')) ?? '').not.toContain('is-breached');
  const before = await rows.nth(0).locator('.countdown').textContent();
  expect(before).toMatch(/^(59|60) min \d\d s left$|^1 h 00 min/);
  await page.waitForFunction(
    (text) => document.querySelector('[data-queue="technical"] tbody tr .countdown')?.textContent !== text,
    before,
  );

  // A ticket opened now appears by itself.
  await app.open({ orgId: 'fabrikam', category: 'presales', grade: 'C', title: 'Pytanie o licencje' });
  await page.getByRole('heading', { name: 'Pre-sales queue (1)' }).waitFor();

  await page.getByRole('button', { name: 'Claim next ticket' }).click();
  await page.getByRole('heading', { name: `${a.id} · Exchange Online nie działa` }).waitFor();
  await page.getByText('grade A technical: 1 h on the always').waitFor();
  // The customer asked to be phoned: the preferred method comes first and says so.
  expect(await page.locator('#t-contact li').allTextContents()).toEqual(['Phone 601 222 333 (preferred)', 'E-mail it@contoso.pl']);
  await expect(page.getByRole('link', { name: '601 222 333' }).getAttribute('href')).resolves.toBe('tel:601222333');

  await page.getByLabel('Message to the customer (delivered in their chat)').fill('Sprawdzamy serwer Exchange.');
  await page.getByRole('button', { name: 'Send reply', exact: true }).click();
  await page.locator('.message.from-agent', { hasText: 'Sprawdzamy serwer Exchange.' }).waitFor();
  await page.locator('#t-deadline .countdown', { hasText: /^answered / }).waitFor();

  // The customer answers in the chat (through the bot); the open page shows it without a reload.
  await app.service.customerMessage(a.id, 'anna.kowalska', 'Dziękuję, czekam na informację.');
  await page.locator('.message.from-customer', { hasText: 'Dziękuję, czekam na informację.' }).waitFor();

  // Lowering the grade needs a reason from the list and what backs it; the history keeps both.
  await page.getByLabel('New grade').selectOption('B');
  await page.getByRole('button', { name: 'Change grade' }).click();
  await page
    .locator('form .error')
    .filter({ hasText: /reason/i })
    .waitFor();
  await page.getByLabel('Reason (lowering)').selectOption('wrong_initial_grade');
  await page.getByRole('button', { name: 'Change grade' }).click();
  await page
    .locator('form .error')
    .filter({ hasText: /evidence/i })
    .waitFor();
  await page.getByLabel('Who agreed (administrator id), the evidence, or why it is raised').fill('dotyczy jednego użytkownika');
  await page.getByRole('button', { name: 'Change grade' }).click();
  await page.locator('#t-head .grade', { hasText: 'B' }).waitFor();
  await page.locator('#t-history td', { hasText: 'wrong initial grade: dotyczy jednego użytkownika' }).first().waitFor();

  await page.getByLabel('Message to the customer (delivered in their chat)').fill('Proszę o zrzut ekranu błędu.');
  await page.getByRole('button', { name: 'Ask the customer (wait for the answer)' }).click();
  await page.locator('.facts dd', { hasText: 'waiting on customer' }).waitFor();
  await page.screenshot({ path: artifactPath('console-ticket.png'), fullPage: true });

  // Resolving asks first and needs a note; cancelling changes nothing.
  await page.getByRole('button', { name: 'Resolve' }).click();
  await page.getByText(`Resolve ${a.id}? The note stays in its history.`).waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText(`Resolve ${a.id}?`).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Resolve' }).click();
  await page.getByRole('button', { name: 'Yes, resolve' }).click();
  await page.locator('#actions-error', { hasText: 'Write a resolution note' }).waitFor();
  expect((await app.service.get(a.id))!.status).toBe('waiting_on_customer');
  await page.getByLabel('Resolution note').fill('Zrestartowano usługę Exchange; poczta działa.');
  await page.getByRole('button', { name: 'Yes, resolve' }).click();
  await page.locator('.facts dd', { hasText: 'resolved' }).waitFor();
  await page.locator('#t-history td', { hasText: 'Zrestartowano usługę Exchange; poczta działa.' }).waitFor();
  // A resolved ticket keeps its grade: the form is gone.
  await page.locator('#grade-form').waitFor({ state: 'hidden' });

  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByText(`Close ${a.id}? It can only be reopened afterwards.`).waitFor();
  expect((await app.service.get(a.id))!.status).toBe('resolved');
  await page.getByRole('button', { name: 'Yes, close' }).click();
  await page.locator('.facts dd', { hasText: 'closed' }).waitFor();
  expect((await app.service.get(a.id))!.status).toBe('closed');
  expect(await page.locator('#grade-form').isHidden()).toBe(true);

  // The service refuses a grade change on the closed ticket whatever the page shows.
  const regrade = await fetch(`${app.url}/api/tickets/${a.id}/grade`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CONSOLE_TOKENS.agent}`, 'content-type': 'application/json' },
    body: JSON.stringify({ grade: 'A', reason: 'raised' }),
  });
  expect(regrade.status).toBe(409);
  expect(await regrade.json()).toMatchObject({ error: 'ticket_not_open' });
  expect((await app.service.get(a.id))!.grade).toBe('B');

  await page.getByRole('link', { name: '← Queues' }).click();
  await page.getByRole('heading', { name: 'Technical queue (2)' }).waitFor();
  await page.close();
});

test('the queues and the ticket page fit a 390 px wide phone without scrolling sideways', async () => {
  const ticket = await app.open({
    orgId: 'contoso',
    category: 'billing',
    grade: 'B',
    title: 'Faktura FV/2026/11/000123 naliczona podwójnie za licencje Microsoft 365 Business Premium',
    contact: { phone: '+48 601 222 333', email: 'ksiegowosc.dzial-rozliczen@contoso.pl', preferred: 'email' },
  });
  await app.service.customerMessage(ticket.id, 'anna.kowalska', 'Załączam numer faktury: FV/2026/11/000123-KOREKTA-DO-ZAPŁATY');
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await signIn(page);
  await page.getByRole('heading', { name: /^Billing and subscription queue/ }).waitFor();
  const width = () => page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(await width()).toBeLessThanOrEqual(390);

  await page.goto(`${app.url}/agent#/tickets/${encodeURIComponent(ticket.id)}`);
  await page.locator('#t-contact').waitFor();
  await page.locator('.message.from-customer').waitFor();
  await page.locator('#t-history tbody tr').first().waitFor();
  await page.getByRole('button', { name: 'Resolve' }).click();
  await page.getByLabel('Resolution note').waitFor();
  expect(await width()).toBeLessThanOrEqual(390);
  await page.screenshot({ path: artifactPath('console-390.png'), fullPage: true });
  await page.close();
});

test("an agent switches the console to Polish; times are in the agent's own time zone", async () => {
  const ticket = await app.open({ orgId: 'fabrikam', category: 'presales', grade: 'C', title: 'Pytanie o ofertę' });
  const page = await browser.newPage({ timezoneId: 'Asia/Tokyo' });
  await signIn(page);
  await page.getByRole('heading', { name: /^Technical queue/ }).waitFor();
  await page.getByLabel('Language / Język').selectOption('pl');
  await page.getByRole('heading', { name: /^Kolejka: Przedsprzedaż \(\d+\)$/ }).waitFor();
  await page.getByRole('button', { name: 'Wyloguj' }).waitFor();
  await page.getByText('Zalogowano jako Alice Nowak').waitFor();

  await page.getByRole('link', { name: ticket.id }).click();
  await page.getByRole('heading', { name: 'Termin pierwszej odpowiedzi' }).waitFor();
  const opened = page.locator('.facts dt', { hasText: 'Otwarte' }).locator('xpath=following-sibling::dd[1]');
  expect(await opened.textContent()).toMatch(/GMT\+9/);
  await page.getByRole('button', { name: 'Rozwiąż' }).click();
  await page.getByText(`Rozwiąż ${ticket.id}? Notatka zostanie w historii.`).waitFor();
  await page.screenshot({ path: artifactPath('console-pl.png'), fullPage: true });

  // The choice stays for the next visit in this browser; English is one switch away.
  await page.goto(`${app.url}/agent#/`);
  await page.reload();
  await page.getByRole('heading', { name: /^Kolejka: Przedsprzedaż/ }).waitFor();
  await page.getByLabel('Language / Język').selectOption('en');
  await page.getByRole('heading', { name: /^Pre-sales queue/ }).waitFor();
  await page.close();
});

test('the console is usable from the keyboard alone', async () => {
  const page = await browser.newPage();
  await page.goto(`${app.url}/agent`);
  await page.getByRole('link', { name: 'Sign in with your organisation account' }).waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in');
  await page.keyboard.press('Enter');
  await page.getByLabel('Account').waitFor();
  await page.keyboard.type('alice');
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /^Technical queue/ }).waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('view-title');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('claim-next');
  await page.close();
});

test('the event stream needs an agent token and relays changes published by another instance', async () => {
  expect((await fetch(`${app.url}/api/events`)).status).toBe(401);

  const controller = new AbortController();
  const res = await fetch(`${app.url}/api/events`, {
    headers: { authorization: `Bearer ${CONSOLE_TOKENS.agent}` },
    signal: controller.signal,
  });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  let received = '';
  await readUntil(reader, (text) => (received += text).includes(': connected'));

  // Another instance: its own feed over the same Redis and prefix.
  const otherRedis = testRedis();
  const other = new TicketChangeFeed({
    redis: otherRedis,
    prefix: (app.feed as unknown as { deps: { prefix: string } }).deps.prefix,
    logger: silentLogger,
  });
  const ticket = await app.open({ orgId: 'fabrikam', category: 'billing', grade: 'C', title: 'Zmiana subskrypcji' });
  other.events.onChanged({ ...ticket, status: 'in_progress' }, []);
  await readUntil(reader, (text) => (received += text).includes(`"ticketId":"${ticket.id}","kind":"changed"`));
  expect(received).toContain('event: ticket');
  controller.abort();
  await other.close();
  otherRedis.disconnect();
});

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, done: (chunk: string) => boolean): Promise<void> {
  const decoder = new TextDecoder();
  for (;;) {
    const { value, done: ended } = await reader.read();
    if (ended) throw new Error('the event stream ended');
    if (done(decoder.decode(value))) return;
  }
}
