import { readFileSync } from 'fs';
import { z } from 'zod';
import { describeZodError } from '../../common/http';
import { LOCALES, type Locale } from '../../common/locale';

/**
 * One line of an evaluation set (see test/fixtures/knowledge/README.md): in-scope questions carry
 * `expect` patterns; `style` (blind sets) or `tag` (older sets) groups the figures.
 */
const common = { q: z.string().min(1), tag: z.string().optional(), style: z.string().optional(), lang: z.enum(LOCALES).optional() };
const caseSchema = z.union([
  z.object({ ...common, expect: z.array(z.string()).min(1), fact: z.string().optional(), oos: z.literal(false).optional() }),
  z.object({ ...common, oos: z.literal(true) }),
]);
type RawCase = z.infer<typeof caseSchema>;
export type EvalCase = RawCase & { group: string; locale: Locale };

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
      const c = parsed.data;
      const group = c.style ?? c.tag ?? (c.oos ? 'oos' : 'untagged');
      return { ...c, group: c.oos && c.style ? `oos-${c.style}` : group, locale: c.lang ?? 'pl' };
    });
}

/**
 * What a system did with a question: the texts of what it answered (null when it abstained), of
 * its top-ranked entry whether or not it answered, and of everything it offered (the answer and
 * its related entries, or the entries behind its suggestions). An entry's texts are the one the chat shows and the
 * entry's text in the other language: blind helpers wrote some English questions' patterns in
 * Polish, from the Polish source articles, and the article is right either way.
 */
export type Texts = readonly string[];
export interface Outcome {
  answered: Texts | null;
  first: Texts | null;
  offered: Texts[];
}
export type System = (question: string, locale: Locale) => Outcome;

export interface Tally {
  inScope: number;
  /** Answered, and the answer matches every pattern. */
  hits: number;
  /** Answered with an entry that does not match: worse for the user than a suggestion. */
  wrongAnswers: number;
  /** The top-ranked entry matches, answered or not (what a baseline without abstention does). */
  firstRight: number;
  /** A matching text was answered or offered (suggested, or related beside the answer). */
  offeredRight: number;
  outOfScope: number;
  falseAccepts: number;
}

const empty = (): Tally => ({ inScope: 0, hits: 0, wrongAnswers: 0, firstRight: 0, offeredRight: 0, outOfScope: 0, falseAccepts: 0 });

/** Whether one of the texts matches every expect pattern. */
export function isRight(c: EvalCase, texts: Texts | null): boolean {
  if (texts === null || c.oos) return false;
  const patterns = c.expect.map((p) => new RegExp(p, 'i'));
  return texts.some((text) => patterns.every((p) => p.test(text)));
}

/** Tallies overall, per group (style or tag) and per locale; a miss is a wrong answer, an abstention on an in-scope question, or any answer to an off-topic one. */
export function evaluate(
  cases: EvalCase[],
  system: System,
): { overall: Tally; byGroup: Map<string, Tally>; byLocale: Map<Locale, Tally>; misses: EvalCase[] } {
  const overall = empty();
  const byGroup = new Map<string, Tally>();
  const byLocale = new Map<Locale, Tally>();
  const misses: EvalCase[] = [];
  for (const c of cases) {
    const group = byGroup.get(c.group) ?? empty();
    byGroup.set(c.group, group);
    const locale = byLocale.get(c.locale) ?? empty();
    byLocale.set(c.locale, locale);
    const outcome = system(c.q, c.locale);
    const hit = isRight(c, outcome.answered);
    for (const t of [overall, group, locale]) {
      if (c.oos) {
        t.outOfScope++;
        if (outcome.answered !== null) t.falseAccepts++;
      } else {
        t.inScope++;
        if (hit) t.hits++;
        else if (outcome.answered !== null) t.wrongAnswers++;
        if (isRight(c, outcome.first)) t.firstRight++;
        if (outcome.offered.some((text) => isRight(c, text))) t.offeredRight++;
      }
    }
    if (c.oos ? outcome.answered !== null : !hit) misses.push(c);
  }
  return { overall, byGroup, byLocale, misses };
}

const rate = (n: number, of: number): number | null => (of ? n / of : null);
export const hitRate = (t: Tally): number | null => rate(t.hits, t.inScope);
export const firstRightRate = (t: Tally): number | null => rate(t.firstRight, t.inScope);
export const offeredRightRate = (t: Tally): number | null => rate(t.offeredRight, t.inScope);
export const falseAcceptRate = (t: Tally): number | null => rate(t.falseAccepts, t.outOfScope);
