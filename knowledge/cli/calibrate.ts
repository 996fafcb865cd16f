/**
 * Fits the confidence model (search/calibration.json) so that a confidence means the same for
 * every question: the chance that the top entry is the right one.
 * Examples come from questions written without the articles in view, never from the articles'
 * own phrasings: search/calibration-questions.yaml (in-scope questions typed the way customers
 * type: a right top entry is a positive, a wrong one a negative; out-of-scope ones are always
 * negatives) and the blind tuning set test/fixtures/knowledge/blind-A.jsonl (a top entry whose
 * text matches the expect patterns is a positive). The blind report sets B and C are never used. Leave-one-out phrasings alone were too pessimistic: an alternate taken out
 * of its entry is often the only phrasing with its words, which real questions rarely are.
 * Run after changing the articles or the engine: npx tsx knowledge/cli/calibrate.ts
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../../common/http';
import { loadArticles } from '../loader';
import { Features, fitCalibration } from '../search/confidence';
import { SearchEngine } from '../search/engine';
import { isRight, readEvalSet } from '../eval/evaluate';

const FILE = join(__dirname, '../search/calibration-questions.yaml');
const TUNING_SET = join(__dirname, '../../test/fixtures/knowledge/blind-A.jsonl');
const schema = z.object({ out_of_scope: z.array(z.string()).min(1), in_scope: z.record(z.array(z.string()).min(1)) });
const parsed = schema.safeParse(parseYaml(readFileSync(FILE, 'utf8')));
if (!parsed.success) throw new Error(`${FILE}: ${describeZodError(parsed.error)}`);
const { out_of_scope: outOfScope, in_scope: inScope } = parsed.data;

const entries = loadArticles();
const ids = new Set(entries.map((e) => e.id));
for (const id of Object.keys(inScope)) if (!ids.has(id)) throw new Error(`${FILE}: in_scope names unknown entry "${id}"`);

const engine = new SearchEngine(entries);
const examples: { features: Features; correct: boolean }[] = [];
const add = (question: string, expectedId: string | null, weight = 1): void => {
  const [top] = engine.rank(question);
  if (!top) return;
  for (let k = 0; k < weight; k++) examples.push({ features: top, correct: top.entry.id === expectedId });
};
const inScopeCount = Object.values(inScope).reduce((n, qs) => n + qs.length, 0);
for (const [id, questions] of Object.entries(inScope)) for (const q of questions) add(q, id);
// Out-of-scope questions are fewer: weigh them up so that abstaining on them is learnt.
const oosWeight = Math.max(1, Math.round(inScopeCount / outOfScope.length));
for (const q of outOfScope) add(q, null, oosWeight);
const tuning = readEvalSet(TUNING_SET);
for (const c of tuning) {
  const [top] = engine.rank(c.q);
  if (!top) continue;
  const text = c.locale === 'en' && top.entry.answerEn ? top.entry.answerEn : top.entry.answer;
  for (let k = 0; k < (c.oos ? oosWeight : 1); k++) examples.push({ features: top, correct: isRight(c, text) });
}

const calibration = fitCalibration(examples);
const rounded = Object.fromEntries(Object.entries(calibration).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
writeFileSync(join(__dirname, '../search/calibration.json'), `${JSON.stringify(rounded, null, 2)}\n`);
const right = examples.filter((e) => e.correct).length;
process.stdout.write(
  `${inScopeCount} in-scope and ${outOfScope.length} out-of-scope questions (x${oosWeight}), ${tuning.length} of the tuning set; ${right} of ${examples.length} examples had the right top entry; weights ${JSON.stringify(rounded)}\n`,
);
