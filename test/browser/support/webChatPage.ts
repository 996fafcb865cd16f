import type { Page } from 'playwright-core';
import { artifactPath } from './browser';

// What a customer does in the official Web Chat, and what a failed browser test leaves behind.

/** A message bubble in Web Chat. */
export const bubble = (page: Page, text: string | RegExp) => page.locator('.webchat__bubble__content', { hasText: text });

/** Types into Web Chat's send box (Polish page) and sends. */
export async function say(page: Page, text: string): Promise<void> {
  await page.getByPlaceholder('Wpisz wiadomość').fill(text);
  await page.keyboard.press('Enter');
}

/** Presses the newest suggested action (or card button) with this title. */
export async function choose(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: title, exact: true }).last().click();
}

/**
 * An administrator's answers once the bot asks "Czy jesteś administratorem?": yes, the organisation,
 * the registered e-mail, the PIN by e-mail (read at the SMTP peer) and back in the chat.
 */
export async function verifyByMailedPin(
  page: Page,
  mailbox: { waitForMessage(to: string): Promise<{ text: string }> },
  organisation: string,
  email: string,
): Promise<void> {
  await bubble(page, /Czy jesteś administratorem\?/).waitFor();
  await choose(page, 'Tak');
  await bubble(page, /nazwę lub identyfikator/).waitFor();
  await say(page, organisation);
  await bubble(page, /adres e-mail administratora/).waitFor();
  await say(page, email);
  await bubble(page, /Gdzie go wysłać\?/).waitFor();
  await choose(page, 'E-mail');
  const mail = await mailbox.waitForMessage(email);
  await say(page, /\b(\d{6})\b/.exec(mail.text)![1]!);
  await bubble(page, 'Dziękuję, weryfikacja zakończona.').waitFor();
}

/** On failure, what each page showed is kept under test/artifacts/ (`<name>-<n>.png`) for whoever reads the CI log. */
export async function keepingEvidence(pages: Page[], name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    await Promise.all(pages.map((p, i) => p.screenshot({ path: artifactPath(`${name}-${i}.png`), fullPage: true }).catch(() => undefined)));
    throw err;
  }
}
