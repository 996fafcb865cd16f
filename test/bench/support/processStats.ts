import { readFileSync } from 'fs';

export interface ProcessLoadSummary {
  /** RSS samples taken. */
  samples: number;
  meanRssMb: number;
  peakRssMb: number;
  /** CPU time (user + system) the process used while sampled, in ms. */
  cpuMs: number;
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/**
 * CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat. Unlike throughput
 * it hardly changes when other work on the machine competes for the cores.
 */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at ") "; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ (getconf CLK_TCK): 100 on Linux
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** Samples a process's RSS every `intervalMs` and counts its CPU time until stop() is called. */
export function watchProcess(pid: number, intervalMs = 250): { stop(): ProcessLoadSummary } {
  const cpuAtStart = cpuMsOf(pid);
  const samples: number[] = [rssOf(pid)];
  const timer = setInterval(() => samples.push(rssOf(pid)), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      samples.push(rssOf(pid));
      const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
      return {
        samples: samples.length,
        meanRssMb: mb(samples.reduce((a, b) => a + b, 0) / samples.length),
        peakRssMb: mb(Math.max(...samples)),
        cpuMs: cpuMsOf(pid) - cpuAtStart,
      };
    },
  };
}
