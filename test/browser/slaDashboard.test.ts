import { readFile } from 'fs/promises';
import type { Browser } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import { startConsoleApp } from './support/consoleApp';
import { signInThroughProvider } from './support/oidcSignIn';
import { waitFor } from '../support/waitFor';

let browser: Browser;
let app: Awaited<ReturnType<typeof startConsoleApp>>;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), startConsoleApp()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const HOUR = 3_600_000;

/** Resolves once every message of the ticket has reached the customer. */
const delivered = (id: string) =>
  waitFor(
    async () => (await app.service.get(id))!.messages.every((m) => !m.delivery || m.delivery.state === 'delivered'),
    `the replies of ${id} delivered`,
  );

/** Parses the simple CSV the export writes (no cell of this test needs quoting). */
const csvRows = (text: string) =>
  text
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));

test("the SLA dashboard shows the attainment of the test's tickets, and the CSV has the same figures", async () => {
  // Two grade A tickets answered in time, one answered an hour after its deadline (all this month).
  const quick = await app.open({ orgId: 'contoso', category: 'technical', grade: 'A', title: 'Exchange Online nie działa' });
  const alsoQuick = await app.open({ orgId: 'contoso', category: 'technical', grade: 'A', title: 'Teams nie łączy rozmów' });
  app.clock.offsetMs = -2 * HOUR;
  const late = await app.open({ orgId: 'contoso', category: 'technical', grade: 'A', title: 'SharePoint nie otwiera plików' });
  app.clock.offsetMs = 0;
  await app.service.reply(quick.id, 'alice', 'Sprawdzamy.');
  await app.service.reply(alsoQuick.id, 'alice', 'Sprawdzamy.');
  await app.service.reply(late.id, 'bob', 'Przepraszamy, sprawdzamy.');
  // A first response counts when it reaches the customer (here by e-mail).
  await Promise.all([quick, alsoQuick, late].map((t) => delivered(t.id)));
  // A next response: the customer writes, alice answers at once.
  await app.service.customerMessage(quick.id, 'anna.kowalska', 'Nadal nie działa u dwóch osób.');
  await app.service.reply(quick.id, 'alice', 'Poprawione dla obu.');
  await delivered(quick.id);
  // The customer rates a resolved ticket 4 of 5.
  await app.service.changeStatus(alsoQuick.id, 'resolved', 'agent:alice');
  await app.service.rate(alsoQuick.id, 'anna.kowalska', 4, 'Dobrze.');
  const month = new Date().toISOString().slice(0, 7);

  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  await signInThroughProvider(page, app.url, 'alice', '/agent/reports');
  await page.goto(`${app.url}/agent/reports?month=${month}`);
  await page.getByRole('heading', { name: `SLA report ${month}` }).waitFor();

  const row = (goal: string, dimension: string, key: string) =>
    page.locator(`tr[data-goal="${goal}"][data-dimension="${dimension}"][data-key="${key}"]`);
  const cells = async (goal: string, dimension: string, key: string) =>
    row(goal, dimension, key).locator('td[data-field]').allTextContents();
  expect(await cells('first_response', 'all', 'all')).toEqual(['2', '1', '0', '66.67%']);
  expect(await cells('first_response', 'grade', 'A')).toEqual(['2', '1', '0', '66.67%']);
  expect(await cells('first_response', 'organisation', 'contoso')).toEqual(['2', '1', '0', '66.67%']);
  expect(await cells('next_response', 'all', 'all')).toEqual(['1', '0', '0', '100.00%']);
  expect(await cells('first_response', 'agent', 'alice')).toEqual(['2', '0', '0', '100.00%']);
  expect(await cells('first_response', 'agent', 'bob')).toEqual(['0', '1', '0', '0.00%']);
  expect(await cells('next_response', 'agent', 'alice')).toEqual(['1', '0', '0', '100.00%']);
  expect(await page.locator('[data-section="backlog"] tr[data-key="< 1 d"] td').textContent()).toBe('2');
  expect(await page.locator('[data-section="satisfaction"] caption').textContent()).toBe(
    'Customer satisfaction: 1 answer, average 4.00 of 5',
  );
  expect(await page.locator('[data-section="satisfaction"] tr[data-key="4"] td').textContent()).toBe('1');
  await page.screenshot({ path: artifactPath('sla-dashboard.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`sla-${month}.csv`);
  const csv = csvRows(await readFile((await download.path())!, 'utf8'));
  expect(csv[0]).toEqual(['section', 'goal', 'dimension', 'key', 'met', 'missed', 'resolved_without_response', 'attainment']);
  // Every figure row the dashboard shows is a CSV row with the same counts and share.
  const shown = await page.locator('tr[data-goal]').evaluateAll((rows) =>
    rows.map((r) => ({
      goal: r.getAttribute('data-goal')!,
      dimension: r.getAttribute('data-dimension')!,
      key: r.getAttribute('data-key')!,
      counts: Array.from(r.querySelectorAll('td[data-field]'), (td) => td.textContent ?? ''),
    })),
  );
  expect(shown.length).toBeGreaterThan(10);
  const figureRows = csv.filter((r) => r[0] === 'attainment' || r[0] === 'agent');
  expect(figureRows).toHaveLength(shown.length);
  for (const s of shown) {
    const match = figureRows.find((r) => r[1] === s.goal && r[2] === s.dimension && r[3] === s.key);
    expect(match).toBeDefined();
    const [met, missed, unresolved, share] = match!.slice(4);
    const percent = share === '' ? '–' : `${(Number(share) * 100).toFixed(2)}%`;
    expect([met, missed, unresolved, percent]).toEqual(s.counts);
  }
  expect(csv.find((r) => r[0] === 'backlog' && r[3] === '< 1 d')?.[4]).toBe('2');
  expect(csv.find((r) => r[0] === 'satisfaction' && r[3] === '4')?.[4]).toBe('1');
});
