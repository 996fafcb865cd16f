/**
 * Fits the confidence model (search/calibration.json) so that a confidence means the same for
 * every question: the chance that the top entry is the right one.
 * Positives and negatives come from leave-one-out retrieval: each alternate phrasing is asked
 * against a knowledge base that does not contain it (a right top entry is a positive, a wrong
 * one a negative), plus the out-of-scope questions in search/calibration-questions.yaml.
 * Run after changing the articles or the engine: npx tsx knowledge/cli/calibrate.ts
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse as parseYaml } from 'yaml';
import { loadArticles } from '../loader';
import { Features, fitCalibration } from '../search/confidence';
import { SearchEngine } from '../search/engine';

const entries = loadArticles();
const examples: { features: Features; correct: boolean }[] = [];
const add = (engine: SearchEngine, question: string, expectedId: string | null): void => {
  const [top] = engine.rank(question);
  if (top) examples.push({ features: top, correct: top.entry.id === expectedId });
};

entries.forEach((entry, i) => {
  entry.alternates.forEach((alternate, j) => {
    const without = entries.slice();
    without[i] = { ...entry, alternates: entry.alternates.filter((_, k) => k !== j) };
    add(new SearchEngine(without), alternate, entry.id);
  });
});
const oos = (parseYaml(readFileSync(join(__dirname, '../search/calibration-questions.yaml'), 'utf8')) as { out_of_scope: string[] }).out_of_scope;
const engine = new SearchEngine(entries);
// Out-of-scope questions are fewer than phrasings: weigh them up so abstaining is learnt.
const oosWeight = Math.max(1, Math.round(examples.length / (3 * oos.length)));
for (const q of oos) for (let k = 0; k < oosWeight; k++) add(engine, q, null);

const calibration = fitCalibration(examples);
const rounded = Object.fromEntries(Object.entries(calibration).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
writeFileSync(join(__dirname, '../search/calibration.json'), `${JSON.stringify(rounded, null, 2)}\n`);
const positives = examples.filter((e) => e.correct).length;
process.stdout.write(`${examples.length} examples (${positives} right top entries); weights ${JSON.stringify(rounded)}\n`);
