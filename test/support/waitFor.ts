/**
 * How long a test waits for something that should happen. Generous on purpose: on a busy machine
 * everything is slower, and a wait only ends early when the condition holds, so a quiet run
 * loses nothing. Something that never happens still fails, naming what was awaited.
 * How fast things happen is measured by `npm run bench`, not here.
 */
export const PATIENCE_MS = 120_000;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` holds; fails naming `what` after PATIENCE_MS. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, everyMs = 20): Promise<void> {
  await until(what, async () => (await check()) || undefined, everyMs);
}

/** Polls until `probe` gives a value and returns it; fails naming `what` after PATIENCE_MS. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  everyMs = 20,
): Promise<T> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waited ${PATIENCE_MS / 1000} s for ${what} in vain`);
    await sleep(everyMs);
  }
}
