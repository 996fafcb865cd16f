/**
 * Waits for `work` but not for ever: true when it settled (resolved or rejected) within
 * `graceMs`, false when the grace ran out first. Shutdown uses it so one stuck part cannot
 * keep the rest from closing.
 */
export async function settleWithin(work: Promise<unknown>, graceMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<false>((resolve) => (timer = setTimeout(resolve, graceMs, false)));
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      grace,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
