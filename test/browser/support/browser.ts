import { mkdirSync } from 'fs';
import { join } from 'path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, headless; the tests never download a browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** test/artifacts/ (ignored by git) holds the screenshots the browser tests take. */
export function artifactPath(name: string): string {
  const dir = join(__dirname, '..', '..', 'artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
