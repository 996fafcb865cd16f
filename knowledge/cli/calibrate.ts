/**
 * npx tsx knowledge/cli/calibrate.ts [--check | --force]
 * Fits the confidence model (search/calibration.json) so that a confidence means the same for
 * every question, the chance that the top entry is the right one, and picks the confidence the
 * engine answers at.
 * Examples come from questions written without the articles in view, never from the articles'
 * own phrasings: search/calibration-questions.yaml (a right top entry is a positive, a wrong one
 * a negative, an off-topic question always a negative) and the blind tuning sets A-M of
 * test/fixtures/knowledge (a top entry whose text matches the expect patterns is a positive). The
 * report set (test/fixtures/knowledge/README.md) is never used.
 * The threshold and the figures printed come from held-out answers (ten folds: each fold's
 * questions answered by the engine with a model fitted on the other nine, so that its other
 * abstain rules and the lower threshold of a Polish question asking no kind count), so they are
 * not the fit's own. The check sets' figures are the engine's answers, as npm run eval:faq counts
 * them. The tune sets N-U are kept out of the fit as a check of whole sets the model never saw.
 * A refit today does not give calibration.json back: fitted on A-M and the yaml, on N-U it
 * answered 1243 of 1360 Polish questions right against 1276, 27 wrong against 34 (all
 * languages), 1 off-topic of 240 against 3 (answering at 0.5); with no 0.5 floor (at 0.108,
 * where 4% of the held-out off-topic questions are answered) 1279 right but 37 wrong and 7
 * off-topic. Fitted on A-E and the yaml as before, it answered 10 fewer of F-I right at the same
 * wrong and off-topic counts. The weights in calibration.json were kept
 * (December 2026, k27). Earlier: fitted on A-I, with or without a flag for a question asking no
 * kind, the kind of the entry's closest phrasing, or a rare word the entry never uses, no model
 * answered as many of J-Q right as calibration.json at its off-topic count (December 2026, k13).
 * Run after changing the articles or the engine. It prints the check sets' figures for the refit
 * and for the weights in calibration.json, and replaces them only when the refit answers more of
 * the check sets right with no more wrong or off-topic answers (--force replaces them anyway);
 * with --check it writes nothing.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../../common/http';
import { loadArticles } from '../loader';
import { Calibration, Example, fitCalibration } from '../search/confidence';
import committed from '../search/calibration.json';
import { answerThreshold, Candidate, DEFAULT_RULE, SearchEngine } from '../search/engine';
import { isRight, readEvalSet } from '../eval/evaluate';
import type { KbEntry } from '../types';
import type { Locale } from '../../common/locale';

const FILE = join(__dirname, '../search/calibration-questions.yaml');
const FIXTURES = join(__dirname, '../../test/fixtures/knowledge');
const TUNING_SETS = [...'ABCDEFGHIJKLM'].map((s) => `blind-${s}.jsonl`);
/** Tune sets never fitted on, measured as whole sets (see above). */
const CHECK_SETS = [...'NOPQRSTU'].map((s) => `blind-${s}.jsonl`);
/** The most blind off-topic questions answered that the threshold may cost, as a share of them. */
const MAX_FALSE_ACCEPTS = 0.04;
const FOLDS = 10;

const schema = z.object({ out_of_scope: z.array(z.string()).min(1), in_scope: z.record(z.array(z.string()).min(1)) });
const parsed = schema.safeParse(parseYaml(readFileSync(FILE, 'utf8')));
if (!parsed.success) throw new Error(`${FILE}: ${describeZodError(parsed.error)}`);
const { out_of_scope: outOfScope, in_scope: inScope } = parsed.data;

const entries = loadArticles();
const ids = new Set(entries.map((e) => e.id));
for (const id of Object.keys(inScope)) if (!ids.has(id)) throw new Error(`${FILE}: in_scope names unknown entry "${id}"`);

interface Question {
  q: string;
  /** Null for an off-topic question: no entry is right. */
  right: ((e: KbEntry) => boolean) | null;
  /** Written blind (the tuning sets), rather than by the team. */
  blind: boolean;
  /** The language it is asked in (the team's questions are Polish). */
  locale?: Locale;
}
const questions: Question[] = [
  ...Object.entries(inScope).flatMap(([id, qs]) => qs.map((q) => ({ q, right: (e: KbEntry) => e.id === id, blind: false }))),
  ...outOfScope.map((q) => ({ q, right: null, blind: false })),
  ...TUNING_SETS.flatMap((file) =>
    readEvalSet(join(FIXTURES, file)).map((c) => ({
      q: c.q,
      right: c.oos ? null : (e: KbEntry) => isRight(c, [e.answer, ...(e.answerEn ? [e.answerEn] : [])]),
      blind: true,
      locale: c.locale,
    })),
  ),
];

// Ranking does not depend on the calibration, so each question's top entry is found once.
const engine = new SearchEngine(entries);
const offTopic = questions.filter((q) => q.right === null).length;
// Off-topic questions are fewer: weigh them up so that abstaining on them is learnt.
const oosWeight = (questions.length - offTopic) / offTopic;
type Labelled = Example & Question & { oos: boolean; top: Candidate };
const examples: Labelled[] = questions.flatMap((question) => {
  const [top] = engine.rank(question.q, question.locale);
  if (!top) return [];
  const oos = question.right === null;
  return [{ ...question, features: top, correct: !oos && question.right!(top.entry), oos, top, weight: oos ? oosWeight : 1 }];
});

// Each example's answer from an engine whose model was fitted without it (ten folds, a seeded
// shuffle), answering at any confidence: the engine's other abstain rules (a named product, a
// near tie, an object the entry never mentions…) stay in force, so the threshold below is picked
// on what the engine would do, not on the bare confidence.
/** The held-out answer's confidence, -1 when the engine abstains whatever the threshold. */
const held = new Array<number>(examples.length).fill(-1);
const heldRight = new Array<boolean>(examples.length).fill(false);
let seed = 7;
const fold = examples.map(() => (seed = (seed * 16807) % 2147483647) % FOLDS);
for (let k = 0; k < FOLDS; k++) {
  const foldEngine = new SearchEngine(entries, fitCalibration(examples.filter((_, i) => fold[i] !== k)), { ...DEFAULT_RULE, answerAt: 0 });
  examples.forEach((e, i) => {
    if (fold[i] !== k) return;
    const r = foldEngine.answer(e.q, e.locale);
    const entry = r.answered && r.source ? entries.find((x) => x.id === r.source!.articleId) : undefined;
    if (!entry) return;
    held[i] = r.confidence;
    heldRight[i] = !e.oos && e.right!(entry);
  });
}

/**
 * The answer threshold, from the held-out answers: the lowest that answers at most
 * MAX_FALSE_ACCEPTS of the blind off-topic questions (the team's own off-topic list is written to
 * be hard, right next to the domain, and would make the desk answer nothing).
 */
const answered = (i: number, answerAt: number): boolean =>
  held[i]! >= 0 && held[i]! >= answerThreshold(examples[i]!.top, examples[i]!.locale ?? 'pl', { ...DEFAULT_RULE, answerAt });
const blindOff = examples.flatMap((e, i) => (e.blind && e.oos ? [i] : []));
const offAnswered = (answerAt: number): number => blindOff.filter((i) => answered(i, answerAt)).length;
// Never below 0.5: fitted on A-M with no floor it answered at 0.108, and on N-U 3 more Polish
// questions right but 3 more wrong and 4 more off-topic than calibration.json (December 2026, k27).
const answerAt = Math.max(
  0.5,
  [0, ...blindOff.map((i) => held[i]! + 1e-3)].sort((a, b) => a - b).find((t) => offAnswered(t) <= MAX_FALSE_ACCEPTS * blindOff.length) ??
    1,
);

const pct = (n: number, of: number): string => `${((100 * n) / of).toFixed(1)}%`;
const report = (blind: boolean): string => {
  const of = examples.flatMap((e, i) => (e.blind === blind ? [i] : []));
  const inScope = of.filter((i) => !examples[i]!.oos);
  const off = of.filter((i) => examples[i]!.oos);
  const said = inScope.filter((i) => answered(i, answerAt));
  return `in-scope answered right ${pct(said.filter((i) => heldRight[i]).length, inScope.length)}, wrong ${said.filter((i) => !heldRight[i]).length} of ${inScope.length} (top entry right ${pct(inScope.filter((i) => examples[i]!.correct).length, inScope.length)}), off-topic answered ${off.filter((i) => answered(i, answerAt)).length} of ${off.length}`;
};

const calibration = fitCalibration(examples);

interface CheckFigures {
  file: string;
  inScope: number;
  right: number;
  wrong: number;
  off: number;
  offAnswered: number;
}

/** A check set's figures from the engine answering with these weights: answered right and wrong, off-topic answered. */
const check = (file: string, calibration: Calibration): CheckFigures => {
  const checked = new SearchEngine(entries, calibration, { ...DEFAULT_RULE, answerAt: calibration.answerAt ?? answerAt });
  const figures = { file, inScope: 0, right: 0, wrong: 0, off: 0, offAnswered: 0 };
  for (const c of readEvalSet(join(FIXTURES, file))) {
    const r = checked.answer(c.q, c.locale);
    const entry = r.answered && r.source ? entries.find((e) => e.id === r.source!.articleId) : undefined;
    if (c.oos) {
      figures.off++;
      figures.offAnswered += +!!entry;
    } else {
      figures.inScope++;
      const ok = !!entry && isRight(c, [entry.answer, ...(entry.answerEn ? [entry.answerEn] : [])]);
      figures.right += +ok;
      figures.wrong += +(!!entry && !ok);
    }
  }
  return figures;
};
const describe = (f: CheckFigures): string =>
  `${f.file}: answered right ${pct(f.right, f.inScope)}, wrong ${f.wrong} of ${f.inScope}, off-topic answered ${f.offAnswered} of ${f.off}`;
const total = (figures: CheckFigures[], key: 'right' | 'wrong' | 'offAnswered'): number => figures.reduce((n, f) => n + f[key], 0);

const fitted = { ...calibration, answerAt };
const rounded = Object.fromEntries(Object.entries(fitted).map(([k, v]) => [k, Math.round((v ?? 0) * 1000) / 1000]));
const checkOnly = process.argv.includes('--check');
const refit = CHECK_SETS.map((file) => check(file, fitted));
const kept = CHECK_SETS.map((file) => check(file, committed));
// A refit replaces the committed weights only when the sets it never saw gain from it: more
// right, no more wrong or off-topic answers (--force overrides, e.g. after an engine change
// that makes the old weights meaningless).
const better =
  total(refit, 'right') > total(kept, 'right') &&
  total(refit, 'wrong') <= total(kept, 'wrong') &&
  total(refit, 'offAnswered') <= total(kept, 'offAnswered');
const write = !checkOnly && (better || process.argv.includes('--force'));
if (write) writeFileSync(join(__dirname, '../search/calibration.json'), `${JSON.stringify(rounded, null, 2)}\n`);
process.stdout.write(
  [
    `${examples.length} examples (${offTopic} off-topic, weighed x${oosWeight.toFixed(1)}); answer at ${answerAt.toFixed(3)}`,
    `held out (${FOLDS} folds), blind tune sets A-M: ${report(true)}`,
    `held out (${FOLDS} folds), calibration-questions.yaml: ${report(false)}`,
    ...refit.map((f) => `never fitted, ${describe(f)}`),
    ...kept.map((f) => `calibration.json as committed, ${describe(f)}`),
    JSON.stringify(rounded),
    checkOnly
      ? 'checked only: calibration.json unchanged'
      : write
        ? 'calibration.json replaced by the refit'
        : 'calibration.json kept: on the never-fitted sets the refit is not better (more right, no more wrong or off-topic answered); --force writes it anyway',
  ].join('\n') + '\n',
);
