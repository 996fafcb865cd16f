import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { silentLogger } from '../../common/logger';
import { buildApp, type App } from '../../bot/app';
import { loadConfig } from '../../common/config';
import { redisEnv, testRedisUrl, uniquePrefix } from '../support/redis';
import { PATIENCE_MS } from '../support/waitFor';
import { artifactPath, launchChromium } from './support/browser';
import { loadKnowledgeBase } from '../../knowledge';
import { signInThroughProvider } from './support/oidcSignIn';
import { bubble, choose, keepingEvidence, say } from './support/webChatPage';

// The learning loop as an agent meets it: the whole product as `npm start` builds it, Chromium
// for the customer's web chat and for the console's Knowledge page.

const AGENT_TOKEN = 'knowledge-agent-token-alice-0123';
const QUESTION = 'Czy da się zapłacić bonem podarunkowym za Skype Connect?';

let app: App;
let browser: Browser;

/** A page that waits with the suite's patience: on a loaded machine the chat's first load outlasts 30 s. */
async function open(options: BrowserContextOptions): Promise<Page> {
  const page = await browser.newPage(options);
  page.setDefaultTimeout(PATIENCE_MS);
  page.setDefaultNavigationTimeout(PATIENCE_MS);
  return page;
}

beforeAll(async () => {
  [app, browser] = await Promise.all([
    buildApp({
      config: loadConfig({
        PORT: '0',
        ...redisEnv(testRedisUrl()),
        REDIS_PREFIX: uniquePrefix('kbloop'),
        API_TOKENS: `${AGENT_TOKEN}:agent:alice`,
        DIRECTLINE_SECRET: 'kbloop-directline-secret-0123456789',
        PIN_SECRET: 'kbloop-pin-secret-0123456789abcdef0123',
      }),
      logger: silentLogger,
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test('a question the base cannot answer reaches the Knowledge page, an agent adds it as a phrasing, and the chat answers it without a restart', async () => {
  const customer = await open({ viewport: { width: 430, height: 900 }, locale: 'pl-PL' });
  const agent = await open({ viewport: { width: 1280, height: 900 } });
  try {
    await customer.goto(`${app.url}/`);
    await bubble(customer, /asystentem pomocy technicznej/).waitFor();
    await say(customer, QUESTION);
    await bubble(customer, /nie znalazłem odpowiedzi/).waitFor();

    await signInThroughProvider(agent, app.url, 'alice', '/agent/knowledge');
    const row = agent.locator('li', { hasText: QUESTION });
    await row.waitFor();
    await row.getByLabel(`Artykuł dla: ${QUESTION}`).selectOption('skype-connect-channels-payment');
    await row.getByRole('button', { name: 'Dodaj jako sformułowanie' }).click();
    await agent.getByText(/Dodano „Czy da się zapłacić bonem/).waitFor();

    await say(customer, QUESTION);
    await bubble(customer, /salda konta Skype Managera/).waitFor();
  } catch (err) {
    await Promise.all(
      [customer, agent].map((p, i) =>
        p.screenshot({ path: artifactPath(`knowledge-loop-failure-${i}.png`), fullPage: true }).catch(() => undefined),
      ),
    );
    throw err;
  }
});

test('a suggestion picked and a "Nie" reach the Knowledge page, opened from the console, with the question the customer asked', async () => {
  const customer = await open({ viewport: { width: 430, height: 900 }, locale: 'pl-PL' });
  const agent = await open({ viewport: { width: 1280, height: 900 } });
  const vague = 'kanały';
  const [picked] = loadKnowledgeBase().answer(vague).suggestions;
  await keepingEvidence([customer, agent], 'knowledge-feedback-failure', async () => {
    await customer.goto(`${app.url}/`);
    await bubble(customer, /asystentem pomocy technicznej/).waitFor();
    await say(customer, vague);
    await choose(customer, picked!.question);
    await bubble(customer, /Czy to pomogło\?/).waitFor();
    await choose(customer, 'Nie');
    await bubble(customer, /Przykro mi/).waitFor();

    await signInThroughProvider(agent, app.url, 'alice');
    await agent.getByRole('link', { name: 'Knowledge' }).click();
    for (const section of ['#unhelpful', '#chosen']) {
      const group = agent.locator(`${section} .group`, { hasText: picked!.question });
      await group.locator('li > span', { hasText: new RegExp(`^${vague}$`) }).waitFor();
    }
  });
});
