import { copyFileSync, mkdirSync } from 'fs';
import { join } from 'path';
import type { Browser } from 'playwright-core';
import type { App } from '../../bot/app';
import { conversationKeys } from '../../common/conversationKeys';
import type { SmtpPeer } from '../support/smtpPeer';
import { uniquePrefix } from '../support/redis';
import { artifactPath } from './support/browser';
import { signInThroughProvider } from './support/oidcSignIn';
import { startChatDesk, type ChatDesk } from './support/chatDesk';
import { bubble, say, choose, keepingEvidence, verifyByMailedPin } from './support/webChatPage';
import { simpleParser } from 'mailparser';
import { until } from '../support/waitFor';

// The whole product as `npm start` builds it, a real SMTP server for the PIN mail, and Chromium
// for the customer's chat and the agent's console.

const AGENT_TOKEN = 'scenario-agent-token-alice-0123';
const ADMIN_EMAIL = 'jan.nowak@fabrikam.pl'; // Fabrikam's administrator in the demo directory

const prefix = uniquePrefix('scenario');
let desk: ChatDesk;
let app: App;
let smtp: SmtpPeer;
let browser: Browser;

beforeAll(async () => {
  desk = await startChatDesk({ name: 'scenario', agentToken: AGENT_TOKEN, prefix });
  ({ app, smtp, browser } = desk);
});

afterAll(() => desk?.close());

test('FAQ answer, PIN verification by e-mail, a B ticket, and an agent conversation through the console', async () => {
  const customer = await browser.newPage({ viewport: { width: 430, height: 900 }, locale: 'pl-PL' });
  const agent = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await keepingEvidence([customer, agent], 'scenario-failure', async () => {
    await customer.goto(`${app.url}/`);

    // 1. An FAQ question from a chip is answered from the knowledge base.
    await bubble(customer, /asystentem pomocy technicznej/).waitFor();
    await customer.getByRole('button', { name: 'Ile kanałów obsługuje Skype Connect?' }).click();
    await bubble(customer, /do 300 kanałów/).waitFor();

    // 2. The administrator asks for a person and verifies with the PIN mailed to the registered address.
    await say(customer, 'rozmowa z konsultantem');
    await verifyByMailedPin(customer, smtp, 'Fabrikam S.A.', ADMIN_EMAIL);
    // The chat named where the code went, masked.
    await bubble(customer, /kod został wysłany na j\*+@fabrikam\.pl/).waitFor();

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
    await signInThroughProvider(agent, app.url, 'alice');
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
    expect(await app.redis.client.del(`${conversationKeys(prefix, conversationId)}dl:conv`)).toBe(1);
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
