/**
 * npm run bench:kb
 * Index build time and answer latency (p50/p99 over 10,000 questions) for the real knowledge
 * base and a synthetic one of 5,000 entries, beside two floors: an echo lookup, and a call doing
 * fixed work as long as the engine's median answer (what the load alone makes of such a call).
 * Goal: p99 under 2 ms of CPU per answer on 5,000 entries.
 * `npm run bench` runs the same through benchKnowledge().
 */
import { cpus, loadavg, platform, release, totalmem } from 'os';
import { loadArticles } from '../../knowledge/loader';
import { fold } from '../../common/text';
import { SearchEngine } from '../../knowledge/search/engine';
import type { KbEntry } from '../../knowledge/types';
import { percentile } from './support/stats';
import { nth } from '../support/nth';

const QUESTIONS = 10_000;

/** A small seeded generator, so every run measures the same questions. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = random(42);
const pick = <T>(items: readonly T[]): T => nth(items, Math.floor(rnd() * items.length));

/** Synthetic entries built from the real vocabulary, so trigram postings have realistic lengths. */
export function syntheticEntries(real: KbEntry[], count: number): KbEntry[] {
  const vocabulary = [...new Set(real.flatMap((e) => [e.title, ...e.alternates, e.answer].join(' ').split(/\s+/)))].filter(
    (w) => w.length > 2,
  );
  const sentence = (n: number): string => Array.from({ length: n }, () => pick(vocabulary)).join(' ');
  return Array.from({ length: count }, (_, i) => ({
    id: `synthetic-${i}`,
    title: `${sentence(6)}?`,
    alternates: Array.from({ length: 5 }, () => sentence(5)),
    answer: sentence(60),
    tags: [],
    source: 'synthetic',
    file: 'synthetic.yaml',
  }));
}

/**
 * Questions as people type them: a phrasing of an entry (its id kept, to check the top entry),
 * sometimes folded or with a typo, or off-topic.
 */
function questionsFor(entries: KbEntry[], n: number): { q: string; id: string | null }[] {
  const offTopic = ['jak ugotować rosół', 'jaka jutro pogoda', 'jak zainstalować drukarkę', 'ile kosztuje iPhone'];
  return Array.from({ length: n }, () => {
    if (rnd() < 0.1) return { q: pick(offTopic), id: null };
    const e = pick(entries);
    let q = pick([e.title, ...e.alternates]);
    if (rnd() < 0.3) q = fold(q);
    if (rnd() < 0.3) {
      const at = Math.floor(rnd() * (q.length - 1));
      q = q.slice(0, at) + q[at + 1] + q[at] + q.slice(at + 2);
    }
    return { q, id: e.id };
  });
}

export interface KbBenchLine {
  base: string;
  entries: number;
  buildMs: number;
  wall: { p50: number; p99: number };
  cpu: { p50: number; p99: number };
  /** Share of on-topic questions whose asked entry ranks first: speed must not come from skipped work. */
  top1?: number;
}

/** p50 and p99 wall and CPU milliseconds of `answer` over the questions (after a warm-up). */
function latencies(questions: { q: string }[], answer: (q: string) => unknown): Pick<KbBenchLine, 'wall' | 'cpu'> {
  for (const { q } of questions.slice(0, 500)) answer(q); // warm-up (JIT)
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const { q } of questions) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    answer(q);
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const at = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const ms = (p: number) => Math.round(percentile(sorted, p) * 1000) / 1000;
    return { p50: ms(50), p99: ms(99) };
  };
  return { wall: at(wall), cpu: at(cpu) };
}

function measure(name: string, entries: KbEntry[], count: number): KbBenchLine {
  const started = process.hrtime.bigint();
  const engine = new SearchEngine(entries);
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  const questions = questionsFor(entries, count);
  const asked = questions.filter((x) => x.id !== null);
  const top1 = asked.filter(({ q, id }) => engine.rank(q)[0]?.entry.id === id).length / asked.length;
  return { base: name, entries: entries.length, buildMs: Math.round(buildMs), ...latencies(questions, (q) => engine.answer(q)), top1 };
}

/** A fixed number of steps of a xorshift generator: the same CPU work every call, whatever the input. */
function fixedWork(steps: number): () => number {
  return () => {
    let x = 2463534242;
    for (let i = 0; i < steps; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
    }
    return x;
  };
}

/**
 * The second floor: a call doing the same work every time, sized to take as long as the engine's
 * median answer. Its p99 is what the machine's load alone makes of a call of that length
 * (preemption, caches emptied by other processes), so the engine's tail can be read against it.
 */
function fixedWorkFloor(questions: number, medianMs: number): KbBenchLine {
  const probeSteps = 100_000;
  const probe = latencies(
    Array.from({ length: 1_000 }, () => ({ q: '' })),
    fixedWork(probeSteps),
  );
  const steps = Math.max(1_000, Math.round((probeSteps * medianMs) / probe.cpu.p50));
  const calls = Array.from({ length: questions }, () => ({ q: '' }));
  return { base: "floor: fixed work, the engine's median", entries: 0, buildMs: 0, ...latencies(calls, fixedWork(steps)) };
}

/**
 * The floor: the same questions through a lookup that does no search (folded text, one Map read:
 * what an answer-cache hit costs), timed the same way, so the clocks' own cost and the machine's
 * load show beside the engine's figures.
 */
function floor(entries: KbEntry[], count: number): KbBenchLine {
  const questions = questionsFor(entries, count);
  const known = new Map(entries.map((e) => [fold(e.title), e]));
  return {
    base: 'floor: echo lookup (fold + Map read)',
    entries: entries.length,
    buildMs: 0,
    ...latencies(questions, (q) => known.get(fold(q))),
  };
}

/** Answer latency on the real knowledge base and on a synthetic one of 5,000 entries. */
export function benchKnowledge(questions = QUESTIONS): KbBenchLine[] {
  const real = loadArticles();
  const synthetic = syntheticEntries(real, 5000);
  const echo = floor(synthetic, questions);
  const lines = [measure('real (knowledge/articles)', real, questions), measure('synthetic', synthetic, questions)];
  return [echo, fixedWorkFloor(questions, lines[1]!.cpu.p50), ...lines];
}

function main(): void {
  const rows = [
    ['knowledge base', 'entries', 'build ms', 'wall p50 ms', 'wall p99 ms', 'cpu p50 ms', 'cpu p99 ms', 'top-1 entry'],
    ...benchKnowledge().map((l) => [
      l.base,
      String(l.entries),
      String(l.buildMs),
      ...[l.wall.p50, l.wall.p99, l.cpu.p50, l.cpu.p99].map((x) => x.toFixed(3)),
      l.top1 === undefined ? '-' : `${(100 * l.top1).toFixed(1)}%`,
    ]),
  ];
  const widths = rows.reduce<number[]>((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  const cpu = cpus();
  process.stdout.write(
    [
      `machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}, node ${process.version}`,
      `load average (1/5/15 min): ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (wall times include waiting for a core; cpu = this process's CPU time per answer)`,
      `answer latency over ${QUESTIONS.toLocaleString('en')} questions per base (10% off-topic, 30% without diacritics, 30% with a swapped-letter typo)`,
      ...rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')),
      '',
    ].join('\n'),
  );
}

if (require.main === module) main();
