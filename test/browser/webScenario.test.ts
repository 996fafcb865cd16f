import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { silentLogger } from '../../common/logger';
import { buildApp, type App } from '../../bot/app';
import { startSmtpPeer, type SmtpPeer } from '../support/smtpPeer';
import { testRedisUrl, uniquePrefix } from '../support/redis';
import { artifactPath, launchChromium } from './support/browser';
import { loadConfig } from '../../common/config';
import { simpleParser } from 'mailparser';
import { until } from '../support/waitFor';

// The whole product as `npm start` builds it, a real SMTP server for the PIN mail, and Chromium
// for the customer's chat and the agent's console.

const AGENT_TOKEN = 'scenario-agent-token-alice-0123';
const ADMIN_EMAIL = 'jan.nowak@fabrikam.pl'; // Fabrikam's administrator in the demo directory

let app: App;
let smtp: SmtpPeer;
let browser: Browser;
let outbox: string;
const prefix = uniquePrefix('scenario');

beforeAll(async () => {
  outbox = mkdtempSync(join(tmpdir(), 'desk-scenario-'));
  smtp = await startSmtpPeer();
  [app, browser] = await Promise.all([
    buildApp({
      config: loadConfig({
        PORT: '0',
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        SMTP_URL: smtp.url,
        MAIL_FROM: 'desk@example.test',
        OUTBOX_DIR: outbox,
        API_TOKENS: `${AGENT_TOKEN}:agent:alice`,
        DIRECTLINE_SECRET: 'scenario-directline-secret-0123456789',
        PIN_SECRET: 'scenario-pin-secret-0123456789abcdef',
      }),
      logger: silentLogger,
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await smtp?.stop();
  rmSync(outbox, { recursive: true, force: true });
});

/** A message bubble in Web Chat. */
const bubble = (page: Page, text: string | RegExp) => page.locator('.webchat__bubble__content', { hasText: text });

/** Types into Web Chat's send box and sends. */
async function say(page: Page, text: string): Promise<void> {
  await page.getByPlaceholder('Wpisz wiadomość').fill(text);
  await page.keyboard.press('Enter');
}

/** Presses the newest suggested action (or card button) with this title. */
async function choose(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: title, exact: true }).last().click();
}

/** On failure, what each page showed is kept under test/artifacts/ for whoever reads the CI log. */
async function keepingEvidence(pages: Page[], run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    await Promise.all(
      pages.map((p, i) => p.screenshot({ path: artifactPath(`scenario-failure-${i}.png`), fullPage: true }).catch(() => undefined)),
    );
    throw err;
  }
}

test('FAQ answer, PIN verification by e-mail, a B ticket, and an agent conversation through the console', async () => {
  const customer = await browser.newPage({ viewport: { width: 430, height: 900 }, locale: 'pl-PL' });
  const agent = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await keepingEvidence([customer, agent], async () => {
    await customer.goto(`${app.url}/`);

    // 1. An FAQ question from a chip is answered from the knowledge base.
    await bubble(customer, /asystentem pomocy technicznej/).waitFor();
    await customer.getByRole('button', { name: 'Ile kanałów obsługuje Skype Connect?' }).click();
    await bubble(customer, /do 300 kanałów/).waitFor();

    // 2. The administrator asks for a person and verifies with the PIN mailed to the registered address.
    await say(customer, 'rozmowa z konsultantem');
    await bubble(customer, /Czy jesteś administratorem\?/).waitFor();
    await choose(customer, 'Tak');
    await bubble(customer, /nazwę lub identyfikator/).waitFor();
    await say(customer, 'Fabrikam S.A.');
    await bubble(customer, /adres e-mail administratora/).waitFor();
    await say(customer, ADMIN_EMAIL);
    await bubble(customer, /Gdzie go wysłać\?/).waitFor();
    await choose(customer, 'E-mail');
    await bubble(customer, /kod został wysłany na j\*+@fabrikam\.pl/).waitFor();
    const mail = await smtp.waitForMessage(ADMIN_EMAIL);
    const pin = /\b(\d{6})\b/.exec(mail.text)?.[1];
    expect(pin).toBeDefined();
    await say(customer, pin!);
    await bubble(customer, 'Dziękuję, weryfikacja zakończona.').waitFor();

    // 3. A technical B ticket.
    await choose(customer, 'Problem techniczny');
    await bubble(customer, /Opisz problem/).waitFor();
    await say(customer, 'Outlook u trzech użytkowników nie synchronizuje poczty od rana');
    await bubble(customer, /Kogo lub czego dotyczy/).waitFor();
    await say(customer, 'Trzech użytkowników, Exchange Online');
    await bubble(customer, /Czy są poprawne\?/).waitFor();
    await choose(customer, 'Dane są poprawne');
    await bubble(customer, /forma kontaktu/).waitFor();
    await choose(customer, 'E-mail');
    await bubble(customer, /Proponuję priorytet B/).waitFor();
    await choose(customer, 'B – wysoki');
    await bubble(customer, /Podsumowanie zgłoszenia/).waitFor();
    await choose(customer, 'Załóż zgłoszenie'); // the summary card's Action.Submit
    const opened = await bubble(customer, /Założyłem zgłoszenie SR-\d{4}-\d{6}/).textContent();
    const ticketId = /SR-\d{4}-\d{6}/.exec(opened!)![0];

    // 4. The agent signs in and finds it at the top of the technical queue, with its deadline.
    await agent.goto(`${app.url}/agent`);
    await agent.getByLabel('Agent token').fill(AGENT_TOKEN);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    const top = agent.locator('[data-queue="technical"] tbody tr').first();
    await top.waitFor();
    expect(await top.locator('td:nth-child(2)').textContent()).toBe(ticketId);
    expect(await top.locator('td:nth-child(1)').textContent()).toBe('B');
    expect(await top.locator('td:nth-child(4)').textContent()).toBe('Fabrikam S.A.');
    expect(await top.locator('.countdown').textContent()).toMatch(/left$/);
    await agent.screenshot({ path: artifactPath('console-queues.png') });

    // 5. Claims it and replies; the reply reaches the customer's open chat.
    await agent.getByRole('button', { name: 'Claim next ticket' }).click();
    await agent.getByRole('heading', { name: new RegExp(`^${ticketId}`) }).waitFor();
    await agent
      .getByText(/grade B technical/)
      .first()
      .waitFor();
    await agent
      .getByLabel('Message to the customer (delivered in their chat)')
      .fill('Dzień dobry, proszę o zrzut ekranu z błędem synchronizacji.');
    await agent.getByRole('button', { name: 'Send reply', exact: true }).click();
    await bubble(customer, /proszę o zrzut ekranu z błędem synchronizacji/).waitFor();

    // 6. The customer answers in the chat; the console shows the answer without a reload.
    await say(customer, 'Zrzut ekranu wysłałem mailem, błąd 0x8004010F.');
    await agent.locator('.message.from-customer', { hasText: 'błąd 0x8004010F' }).waitFor();

    await customer.screenshot({ path: artifactPath('chat.png') });
    await agent.screenshot({ path: artifactPath('console.png'), fullPage: true });
    // The README shows these (docs/ is committed, test/artifacts/ is not): UPDATE_DOCS_SCREENSHOTS=1 refreshes them.
    if (process.env.UPDATE_DOCS_SCREENSHOTS) {
      const docs = join(__dirname, '..', '..', 'docs');
      mkdirSync(docs, { recursive: true });
      for (const name of ['chat.png', 'console.png', 'console-queues.png']) copyFileSync(artifactPath(name), join(docs, name));
    }

    // 7. The chat is gone (the web-chat conversation expired on the server): the next reply shows
    // as failed in the chat, in the console, and reaches the customer by e-mail instead.
    const stored = (await app.tickets.get(ticketId))!;
    const conversationId = (stored.conversation as { conversation: { id: string } }).conversation.id;
    expect(await app.redis.client.del(`${prefix}dl:conv:${conversationId}`)).toBe(1);
    await agent.getByLabel('Message to the customer (delivered in their chat)').fill('Proszę sprawdzić ustawienia profilu Outlooka.');
    await agent.getByRole('button', { name: 'Send reply', exact: true }).click();
    const delivery = agent
      .locator('.message.from-agent', { hasText: 'Proszę sprawdzić ustawienia profilu Outlooka.' })
      .locator('.delivery');
    await delivery.locator('.chat-failed', { hasText: 'no longer knows this conversation' }).waitFor();
    await delivery.getByText(`Delivered by e-mail to ${ADMIN_EMAIL}`).waitFor();
    const mailed = await until('the reply by e-mail', () =>
      smtp.messages.find((m) => m.to.includes(ADMIN_EMAIL) && m.subject === `Re: [${ticketId}] ${stored.title}`),
    );
    expect((await simpleParser(mailed.raw)).text).toContain('Proszę sprawdzić ustawienia profilu Outlooka.');
    await agent.screenshot({ path: artifactPath('console-delivery.png'), fullPage: true });
  });
});
