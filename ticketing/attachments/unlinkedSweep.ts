import type { Logger } from '../../common/logger';
import type { AttachmentStore } from './attachmentStore';

const BATCH = 100;
const MAX_EVERY_MS = 60_000;

export interface UnlinkedSweep {
  stop(): void;
}

/**
 * Forgets uploads no ticket linked within `olderThanMs` (ATTACHMENT_UNLINKED_SECONDS), checking a
 * few times per that period and at least once a minute; each round costs what it sweeps. Every
 * instance may run it: an upload is forgotten once, by whichever gets it first.
 */
export function startUnlinkedSweep(
  store: AttachmentStore,
  olderThanMs: number,
  logger: Logger,
  clock: () => Date = () => new Date(),
): UnlinkedSweep {
  let running: Promise<void> | null = null;
  const sweep = async () => {
    let swept = 0;
    for (let batch = BATCH; batch === BATCH; swept += batch) batch = await store.sweepUnlinked(clock(), olderThanMs, BATCH);
    if (swept) logger.info({ swept }, `forgot ${swept} uploaded files no ticket linked`);
  };
  const timer = setInterval(
    () => {
      running ??= sweep()
        .catch((err) => logger.warn({ err }, 'sweeping unlinked uploads failed; trying again on the next round'))
        .finally(() => (running = null));
    },
    Math.max(1000, Math.min(MAX_EVERY_MS, olderThanMs / 4)),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
