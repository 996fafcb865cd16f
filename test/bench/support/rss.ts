import { readFileSync } from 'fs';

export interface RssSummary {
  samples: number;
  meanMb: number;
  peakMb: number;
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** Samples a process's RSS every `intervalMs` until stop() is called. */
export function sampleRss(pid: number, intervalMs = 250): { stop(): RssSummary } {
  const samples: number[] = [rssOf(pid)];
  const timer = setInterval(() => samples.push(rssOf(pid)), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
      return { samples: samples.length, meanMb: mb(samples.reduce((a, b) => a + b, 0) / samples.length), peakMb: mb(Math.max(...samples)) };
    },
  };
}
