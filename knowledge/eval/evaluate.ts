import { readFileSync } from 'fs';
import { z } from 'zod';
import { describeZodError } from '../../common/http';

/** One line of an evaluation set (see DESIGN.md): in-scope questions carry `expect` patterns. */
const caseSchema = z.union([
  z.object({ q: z.string().min(1), expect: z.array(z.string()).min(1), tag: z.string().default('untagged'), oos: z.literal(false).optional() }),
  z.object({ q: z.string().min(1), oos: z.literal(true), tag: z.string().default('oos') }),
]);
export type EvalCase = z.infer<typeof caseSchema>;

export function readEvalSet(path: string): EvalCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${path}:${n}: not valid JSON`);
      }
      const parsed = caseSchema.safeParse(json);
      if (!parsed.success) throw new Error(`${path}:${n}: ${describeZodError(parsed.error)}`);
      return parsed.data;
    });
}

/** What a system answered for a question: the answer text, or null when it abstained. */
export type System = (question: string) => string | null;

export interface Tally {
  inScope: number;
  hits: number;
  outOfScope: number;
  falseAccepts: number;
}

const empty = (): Tally => ({ inScope: 0, hits: 0, outOfScope: 0, falseAccepts: 0 });

/** A hit is an answer that matches every `expect` pattern; any answer to an OOS question is a false accept. */
export function evaluate(cases: EvalCase[], system: System): { overall: Tally; byTag: Map<string, Tally>; misses: EvalCase[] } {
  const overall = empty();
  const byTag = new Map<string, Tally>();
  const misses: EvalCase[] = [];
  for (const c of cases) {
    const tally = byTag.get(c.tag) ?? empty();
    byTag.set(c.tag, tally);
    const answer = system(c.q);
    for (const t of [overall, tally]) {
      if (c.oos) {
        t.outOfScope++;
        if (answer !== null) t.falseAccepts++;
      } else {
        t.inScope++;
        if (answer !== null && c.expect.every((p) => new RegExp(p, 'i').test(answer))) t.hits++;
      }
    }
    const missed = c.oos ? answer !== null : answer === null || !c.expect.every((p) => new RegExp(p, 'i').test(answer));
    if (missed) misses.push(c);
  }
  return { overall, byTag, misses };
}

export function hitRate(t: Tally): number | null {
  return t.inScope ? t.hits / t.inScope : null;
}

export function falseAcceptRate(t: Tally): number | null {
  return t.outOfScope ? t.falseAccepts / t.outOfScope : null;
}
