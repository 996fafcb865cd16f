import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import { bubble } from './support/webChatPage';
import { startEchoChat } from './support/echoChat';

let browser: Browser;
let chat: Awaited<ReturnType<typeof startEchoChat>>;

beforeAll(async () => {
  [browser, chat] = await Promise.all([launchChromium(), startEchoChat()]);
});

afterAll(async () => {
  await browser?.close();
  await chat?.close();
});

async function conversationId(page: Page): Promise<string> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('desk.chat') ?? '{}').conversationId as string);
}

test('on a phone, in Polish: a chip asks its question, an agent message arrives without a reload, and a reload continues the chat', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 780 }, locale: 'pl-PL', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${chat.url}/`);

  expect(await page.getAttribute('html', 'lang')).toBe('pl');
  await page.getByRole('heading', { name: 'Support Desk' }).waitFor();
  await bubble(page, 'Dzień dobry!').waitFor();
  await page.getByPlaceholder('Wpisz wiadomość').waitFor();

  await page.getByRole('button', { name: 'Ile kanałów obsługuje Skype Connect?' }).click();
  await bubble(page, 'echo (pl-PL): Ile kanałów obsługuje Skype Connect?').waitFor();

  // An agent's reply is sent proactively into the stored conversation: it appears in the open page.
  const id = await conversationId(page);
  await chat.web.adapter.continueConversationAsync('', chat.bot.references.get(id)!, async (ctx) => {
    await ctx.sendActivity('Konsultant: sprawdzimy to jeszcze dziś.');
  });
  await bubble(page, 'Konsultant: sprawdzimy to jeszcze dziś.').waitFor();

  // Nothing sticks out sideways on a phone, and the send box stays on screen.
  const layout = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(layout.scroll).toBeLessThanOrEqual(layout.width);
  const sendBox = await page.getByPlaceholder('Wpisz wiadomość').boundingBox();
  expect(sendBox!.y + sendBox!.height).toBeLessThanOrEqual(780);
  await page.screenshot({ path: artifactPath('chat-phone.png') });

  await page.reload();
  await bubble(page, 'Konsultant: sprawdzimy to jeszcze dziś.').waitFor();
  expect(await conversationId(page)).toBe(id);
  expect(await bubble(page, 'Dzień dobry!').count()).toBe(1);
  await page.getByPlaceholder('Wpisz wiadomość').fill('dziękuję');
  await page.keyboard.press('Enter');
  await bubble(page, 'echo (pl-PL): dziękuję').waitFor();
  await context.close();
});

test('an English browser gets the page in English, and the switch turns it to Polish', async () => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${chat.url}/`);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await bubble(page, 'Hello!').waitFor();
  await page.getByRole('button', { name: 'Talk to a person' }).click();
  await bubble(page, 'echo (en-US): Talk to a person').waitFor();

  await page.getByRole('link', { name: 'Polski' }).click();
  await page.waitForURL(/lang=pl/);
  expect(await page.getAttribute('html', 'lang')).toBe('pl');
  await page.getByRole('button', { name: 'Rozmowa z konsultantem' }).click();
  await bubble(page, 'echo (pl-PL): Rozmowa z konsultantem').waitFor();
  await context.close();
});

test('a chip pressed while the chat is still connecting is sent once it is connected, once', async () => {
  const context = await browser.newContext({ locale: 'pl-PL' });
  const page = await context.newPage();
  // The conversation's token is held back, so the press comes before Web Chat is connected.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/v3/directline/tokens/generate', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${chat.url}/`);
  await page.getByRole('button', { name: 'Ile kanałów obsługuje Skype Connect?' }).click();
  release();

  await bubble(page, 'echo (pl-PL): Ile kanałów obsługuje Skype Connect?').waitFor();
  expect(await bubble(page, 'echo (pl-PL): Ile kanałów obsługuje Skype Connect?').count()).toBe(1);
  await context.close();
});
