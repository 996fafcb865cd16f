import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../ticketing/demo/devIdentityProvider';

/**
 * Signs a demo agent (alice, bob, dave, carol) in as a person does: the desk sends the browser to the
 * development identity provider's sign-in page, the account and password are typed there, and
 * the provider sends the browser back to `path` on the desk with a session.
 */
export async function signInThroughProvider(page: Page, deskUrl: string, account: string, path = '/agent'): Promise<void> {
  await page.goto(`${deskUrl}/auth/login?return=${encodeURIComponent(path)}`);
  await fillProviderForm(page, account);
  await page.waitForURL((url) => url.origin === new URL(deskUrl).origin && url.pathname === path);
}

/** The provider's own page: account, password, Sign in. */
export async function fillProviderForm(page: Page, account: string): Promise<void> {
  await page.getByRole('heading', { name: 'Development sign-in' }).waitFor();
  await page.getByLabel('Account').fill(account);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
