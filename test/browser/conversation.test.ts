import type { Browser } from 'playwright-core';
import type { App } from '../../bot/app';
import type { SmtpPeer } from '../support/smtpPeer';
import { uniquePrefix } from '../support/redis';
import { longConversation, longConversationText, returningTab } from '../support/longConversation';
import { RECENT_ACTIVITIES } from '../../bot/directline/transcript';
import { artifactPath } from './support/browser';
import { signInThroughProvider } from './support/oidcSignIn';
import { startChatDesk, type ChatDesk } from './support/chatDesk';
import { bubble, say, choose, keepingEvidence } from './support/webChatPage';

// Issue 12 in the official Web Chat: a request in the customer's own words, the ticket's thread
// (three messages in a row reach the agent's console), the customer told of a regrade and a
// resolution, and a long conversation that reopens at its end with older messages on demand.

const AGENT_TOKEN = 'conversation-agent-token-alice-0123';
const ADMIN_EMAIL = 'jan.nowak@fabrikam.pl'; // Fabrikam S.A.'s administrator in the demo directory
const PREFIX = uniquePrefix('conversation');

let desk: ChatDesk;
let app: App;
let smtp: SmtpPeer;
let browser: Browser;

beforeAll(async () => {
  desk = await startChatDesk({ name: 'conversation', agentToken: AGENT_TOKEN, prefix: PREFIX });
  ({ app, smtp, browser } = desk);
});

afterAll(() => desk?.close());

test("a request in the customer's words, three messages to the agent, and the regrade and resolution told in the chat", async () => {
  const customer = await browser.newPage({ viewport: { width: 430, height: 900 }, locale: 'pl-PL' });
  const agent = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await keepingEvidence([customer, agent], 'conversation-failure', async () => {
    await customer.goto(`${app.url}/`);
    await bubble(customer, /asystentem pomocy technicznej/).waitFor();

    // Not the catalogue's phrase: the request starts all the same, and "fabrikam sa" is Fabrikam S.A.
    await say(customer, 'Mamy awarię, nikt w biurze nie może wysłać maila, potrzebuję pomocy konsultanta');
    await bubble(customer, /Czy jesteś administratorem\?/).waitFor();
    await choose(customer, 'Tak');
    await bubble(customer, /nazwę lub identyfikator/).waitFor();
    await say(customer, 'fabrikam sa');
    await bubble(customer, /organizacji „Fabrikam S\.A\.”/).waitFor();
    await say(customer, ADMIN_EMAIL);
    await choose(customer, 'E-mail');
    const mail = await smtp.waitForMessage(ADMIN_EMAIL);
    await say(customer, /\b(\d{6})\b/.exec(mail.text)![1]!);
    await bubble(customer, 'Dziękuję, weryfikacja zakończona.').waitFor();
    await choose(customer, 'Problem techniczny');
    await say(customer, 'Nikt w biurze nie może wysłać poczty od rana, Outlook zgłasza błąd');
    await say(customer, 'Wszyscy użytkownicy, Exchange Online');
    await choose(customer, 'Dane są poprawne');
    await choose(customer, 'E-mail');
    await choose(customer, 'B – wysoki');
    await choose(customer, 'Załóż zgłoszenie');
    const opened = await bubble(customer, /Założyłem zgłoszenie SR-\d{4}-\d{6}/).textContent();
    const ticketId = /SR-\d{4}-\d{6}/.exec(opened!)![0];
    expect(opened).toContain(`Kolejne wiadomości z tego czatu dopiszę do zgłoszenia ${ticketId}`);

    // The agent replies from the console.
    await signInThroughProvider(agent, app.url, 'alice');
    await agent.getByRole('button', { name: 'Claim next ticket' }).click();
    await agent.getByRole('heading', { name: new RegExp(`^${ticketId}`) }).waitFor();
    await agent.getByLabel('Message to the customer (delivered in their chat)').fill('Proszę podać treść błędu z Outlooka.');
    await agent.getByRole('button', { name: 'Send reply', exact: true }).click();
    await bubble(customer, /Proszę podać treść błędu z Outlooka/).waitFor();

    // Three messages in a row: every one reaches the console.
    const three = ['Błąd 0x800CCC0F przy wysyłaniu.', 'Partner zmienił konektor w piątek na smarthost.', 'Odbieranie działa normalnie.'];
    for (const text of three) await say(customer, text);
    for (const text of three) await agent.locator('.message.from-customer', { hasText: text }).waitFor();

    // A regrade and the resolution (with its note) are told in the chat.
    await app.tickets.changeGrade(ticketId, 'C', 'agent:alice', {
      reason: 'wrong_initial_grade',
      evidence: 'Odbieranie działa, a wysyłka przez webmail też.',
    });
    await bubble(customer, new RegExp(`Priorytet zgłoszenia ${ticketId} zmieniono na C – niekrytyczny`)).waitFor();
    await app.tickets.changeStatus(ticketId, 'resolved', 'agent:alice', 'Przywrócono poprzedni konektor.');
    await bubble(customer, new RegExp(`Zgłoszenie ${ticketId} zostało rozwiązane`)).waitFor();
    await bubble(customer, /Rozwiązanie: Przywrócono poprzedni konektor\./).waitFor();
    // The resolve asks for a rating: Web Chat shows the card; a comment and a button answer it.
    await bubble(customer, `Jak oceniasz naszą pomoc przy zgłoszeniu ${ticketId}?`).waitFor();
    await customer.getByRole('textbox', { name: 'Komentarz (nieobowiązkowy)' }).fill('Szybko i konkretnie.');
    await choose(customer, '5');
    await bubble(customer, `Dziękujemy za ocenę 5/5 zgłoszenia ${ticketId} i za komentarz – przekażemy go zespołowi.`).waitFor();
    expect((await app.tickets.get(ticketId))!.satisfaction).toMatchObject({ rating: 5, comment: 'Szybko i konkretnie.' });
    await customer.screenshot({ path: artifactPath('conversation-chat.png') });
  });
});

test('a long conversation reopens at its last message, older messages on demand', async () => {
  const saved = await longConversation(app.url, app.redis.client, PREFIX, 500, 'Ostatnia wiadomość długiej rozmowy');
  const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 430, height: 900 } });
  await returningTab(context, saved);
  const page = await context.newPage();
  await keepingEvidence([page], 'reload-failure', async () => {
    await page.goto(`${app.url}/`);
    await bubble(page, 'Ostatnia wiadomość długiej rozmowy').waitFor();
    // Reloaded again (its renewed token), it is still the same conversation.
    await page.reload();
    await bubble(page, 'Ostatnia wiadomość długiej rozmowy').waitFor();
    // The recent history is shown whole; the older is read when asked for.
    await bubble(page, longConversationText(500, 500 - RECENT_ACTIVITIES)).waitFor({ state: 'attached' });
    const older = longConversationText(500, 500 - RECENT_ACTIVITIES - 25);
    expect(await bubble(page, older).count()).toBe(0);
    await page.getByRole('button', { name: 'Pokaż wcześniejsze wiadomości' }).click();
    await bubble(page, older).waitFor();
  });
  await context.close();
});
