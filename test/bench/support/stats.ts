/** Percentiles and load drivers shared by every benchmark. */

/** The p-th percentile (0-100) of an ascending list, nearest-rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of an empty list');
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface LatencyStats {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** p50, p99 and max of latencies in milliseconds, rounded to the microsecond. */
export function latencyStats(ms: number[]): LatencyStats {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(sorted, p) * 1000) / 1000;
  return { count: ms.length, p50: at(50), p99: at(99), max: at(100) };
}

/** Milliseconds since `start` (a process.hrtime.bigint() reading). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `count` jobs with `parallel` in flight; returns operations per second. */
export async function rate(count: number, parallel: number, job: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await job(next++);
    }),
  );
  return Math.round(count / (msSince(t0) / 1000));
}

/** A timed load: how many operations, over how long, each one's latency in ms. */
export interface LoadSample {
  ops: number;
  seconds: number;
  latencies: number[];
}

export interface LoadResult {
  /** Operations per second over all the samples. */
  perSecond: number;
  latency: LatencyStats;
}

/**
 * `parallel` workers, each calling `job(worker, n)` back to back until `durationMs` has passed;
 * every call is timed. Worker `w`'s n-th call is the n-th of its own sequence (e.g. its own
 * conversation), so a worker never overlaps itself.
 */
export async function loadFor(
  durationMs: number,
  parallel: number,
  job: (worker: number, n: number) => Promise<void>,
): Promise<LoadSample> {
  const latencies: number[] = [];
  const t0 = process.hrtime.bigint();
  const end = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: parallel }, async (_, worker) => {
      for (let n = 0; Date.now() < end; n++) {
        const t = process.hrtime.bigint();
        await job(worker, n);
        latencies.push(msSince(t));
      }
    }),
  );
  return { ops: latencies.length, seconds: msSince(t0) / 1000, latencies };
}

/** `count` jobs shared among `parallel` workers, each timed. */
export async function loadCount(count: number, parallel: number, job: (i: number) => Promise<void>): Promise<LoadSample> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const i = next++;
        const t = process.hrtime.bigint();
        await job(i);
        latencies.push(msSince(t));
      }
    }),
  );
  return { ops: count, seconds: msSince(t0) / 1000, latencies };
}

/** Throughput and latency over one or more samples of the same load (e.g. alternating rounds). */
export function summarize(...samples: LoadSample[]): LoadResult {
  const ops = samples.reduce((sum, s) => sum + s.ops, 0);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  return { perSecond: round1(ops / seconds), latency: latencyStats(samples.flatMap((s) => s.latencies)) };
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
