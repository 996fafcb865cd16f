/**
 * npx tsx knowledge/cli/calibrate.ts [--check]
 * Fits the confidence model (search/calibration.json) so that a confidence means the same for
 * every question, the chance that the top entry is the right one, and picks the confidence the
 * engine answers at.
 * Examples come from questions written without the articles in view, never from the articles'
 * own phrasings: search/calibration-questions.yaml (a right top entry is a positive, a wrong one
 * a negative, an off-topic question always a negative) and the blind tuning sets A-E of
 * test/fixtures/knowledge (a top entry whose text matches the expect patterns is a positive). The
 * report set (test/fixtures/knowledge/README.md) is never used.
 * The threshold and the figures printed come from held-out confidences (ten folds: each fold's
 * questions scored by a model fitted on the other nine), so they are not the fit's own. The later
 * tune sets F-I are kept out of the fit as a check of whole sets the model never saw: fitted on
 * A-H (or A-E and G), the model answered as many of them right or fewer, at the same off-topic
 * and wrong-answer counts (December 2026, night round), so more sets buy nothing yet. Nor do
 * more features: fitted on A-I, with or without a flag for a question asking no kind, the kind
 * of the entry's closest phrasing, or a rare word the entry never uses, no model answered as many
 * of J-Q right as calibration.json at its off-topic count (5 of 240: 9 or more fewer), and fitted
 * on J-Q none answered more of A-I right at its count (3 of 257) (December 2026, k13).
 * Run after changing the articles or the engine. With --check it writes nothing and prints the
 * check sets' figures for the weights in calibration.json as well, to compare before replacing them.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../../common/http';
import { loadArticles } from '../loader';
import { Calibration, confidenceOf, Example, fitCalibration } from '../search/confidence';
import committed from '../search/calibration.json';
import { answerThreshold, Candidate, DEFAULT_RULE, leads, SearchEngine } from '../search/engine';
import { isRight, readEvalSet } from '../eval/evaluate';
import type { KbEntry } from '../types';
import type { Locale } from '../../common/locale';

const FILE = join(__dirname, '../search/calibration-questions.yaml');
const FIXTURES = join(__dirname, '../../test/fixtures/knowledge');
const TUNING_SETS = ['blind-A.jsonl', 'blind-B.jsonl', 'blind-C.jsonl', 'blind-D.jsonl', 'blind-E.jsonl'];
/** Tune sets never fitted on, measured as whole sets (see above). */
const CHECK_SETS = ['blind-F.jsonl', 'blind-G.jsonl', 'blind-H.jsonl', 'blind-I.jsonl'];
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
type Labelled = Example & { oos: boolean; blind: boolean; top: Candidate };
const examples: Labelled[] = questions.flatMap(({ q, right, blind, locale }) => {
  const [top] = engine.rank(q, locale);
  if (!top) return [];
  const oos = right === null;
  return [{ features: top, correct: !oos && right(top.entry), oos, blind, top, weight: oos ? oosWeight : 1 }];
});

// Each example's confidence from a model fitted without it (ten folds, a seeded shuffle).
const held = new Array<number>(examples.length).fill(0);
let seed = 7;
const fold = examples.map(() => (seed = (seed * 16807) % 2147483647) % FOLDS);
for (let k = 0; k < FOLDS; k++) {
  const calibration = fitCalibration(examples.filter((_, i) => fold[i] !== k));
  examples.forEach((e, i) => {
    if (fold[i] === k) held[i] = confidenceOf(e.features, calibration);
  });
}

/**
 * The answer threshold, from the held-out confidences: the lowest that answers at most
 * MAX_FALSE_ACCEPTS of the blind off-topic questions (the team's own off-topic list is written to
 * be hard, right next to the domain, and would make the desk answer nothing).
 */
// The engine never answers a question surely naming another company's product, nor a price its entry
// never tells, nor a near tie it is unsure of.
const rule = (e: Pick<Labelled, 'top'>, confidence: number): boolean => !e.top.namesProduct && leads(e.top, confidence, DEFAULT_RULE);
examples.forEach((e, i) => {
  if (!rule(e, held[i]!)) held[i] = 0;
});
const blindOff = examples.flatMap((e, i) => (e.blind && e.oos ? [held[i]!] : [])).sort((a, b) => b - a);
const answerAt = Math.max(0.5, (blindOff[Math.floor(MAX_FALSE_ACCEPTS * blindOff.length)] ?? 0) + 1e-3);

const pct = (n: number, of: number): string => `${((100 * n) / of).toFixed(1)}%`;
const report = (blind: boolean): string => {
  const inScope = examples.filter((e) => e.blind === blind && !e.oos);
  const off = examples.filter((e) => e.blind === blind && e.oos);
  const answered = (e: Labelled): boolean => held[examples.indexOf(e)]! >= answerAt;
  return `in-scope answered right ${pct(inScope.filter((e) => e.correct && answered(e)).length, inScope.length)} (top entry right ${pct(inScope.filter((e) => e.correct).length, inScope.length)}), off-topic answered ${pct(off.filter(answered).length, off.length)}`;
};

const calibration = fitCalibration(examples);

/** A check set's figures under the engine's rule: answered right and wrong, off-topic answered. */
const check = (file: string, calibration: Calibration): string => {
  let [inScope, right, wrong, off, offAnswered] = [0, 0, 0, 0, 0];
  for (const c of readEvalSet(join(FIXTURES, file))) {
    const [top] = engine.rank(c.q, c.locale);
    const confidence = top ? confidenceOf(top, calibration) : 0;
    const answered =
      !!top &&
      rule({ top }, confidence) &&
      confidence >= answerThreshold(top, c.locale, { ...DEFAULT_RULE, answerAt: calibration.answerAt ?? answerAt });
    if (c.oos) {
      off++;
      offAnswered += +answered;
    } else {
      inScope++;
      const ok = !!top && isRight(c, [top.entry.answer, ...(top.entry.answerEn ? [top.entry.answerEn] : [])]);
      right += +(answered && ok);
      wrong += +(answered && !ok);
    }
  }
  return `${file}: answered right ${pct(right, inScope)}, wrong ${wrong} of ${inScope}, off-topic answered ${offAnswered} of ${off}`;
};

const rounded = Object.fromEntries(Object.entries({ ...calibration, answerAt }).map(([k, v]) => [k, Math.round((v ?? 0) * 1000) / 1000]));
const checkOnly = process.argv.includes('--check');
if (!checkOnly) writeFileSync(join(__dirname, '../search/calibration.json'), `${JSON.stringify(rounded, null, 2)}\n`);
process.stdout.write(
  [
    `${examples.length} examples (${offTopic} off-topic, weighed x${oosWeight.toFixed(1)}); answer at ${answerAt.toFixed(3)}`,
    `held out (${FOLDS} folds), blind tune sets A-E: ${report(true)}`,
    `held out (${FOLDS} folds), calibration-questions.yaml: ${report(false)}`,
    ...CHECK_SETS.map((file) => `never fitted, ${check(file, calibration)}`),
    ...(checkOnly ? CHECK_SETS.map((file) => `calibration.json as committed, ${check(file, committed)}`) : []),
    JSON.stringify(rounded),
  ].join('\n') + '\n',
);
