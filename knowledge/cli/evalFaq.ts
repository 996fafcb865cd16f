/**
 * npm run eval:faq [path] [--misses]
 * Runs an evaluation set (JSONL, see DESIGN.md) through the engine and two baselines and prints,
 * per tag and overall, the in-scope top-1 hit rate and the out-of-scope false-accept rate.
 */
import { join, resolve } from 'path';
import { loadKnowledgeBase } from '../knowledgeBase';
import { bm25Baseline, naturalTfIdfBaseline, Retriever } from '../eval/baselines';
import { evaluate, falseAcceptRate, hitRate, readEvalSet, System, Tally } from '../eval/evaluate';

const REPO_ROOT = join(__dirname, '../..');
const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const path = resolve(REPO_ROOT, args.find((a) => !a.startsWith('--')) ?? '../shared/eval/faq-dev.jsonl');

const kb = loadKnowledgeBase();
const cases = readEvalSet(path);
const fromRetriever = (r: Retriever): System => (q) => r(q)?.answer ?? null;
const systems: [string, System][] = [
  ['engine', (q) => {
    const result = kb.answer(q);
    return result.answered ? result.answer : null;
  }],
  ['natural TfIdf', fromRetriever(naturalTfIdfBaseline(kb.entries))],
  ['BM25', fromRetriever(bm25Baseline(kb.entries))],
];
const results = systems.map(([name, system]) => ({ name, ...evaluate(cases, system) }));

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
const cell = (t: Tally | undefined): string[] => [
  t ? pct(hitRate(t)) : '-',
  t ? pct(falseAcceptRate(t)) : '-',
];
const header = ['tag', 'in/oos', ...results.flatMap((r) => [`${r.name} hit`, `${r.name} FA`])];
const rows: string[][] = [];
const tags = [...results[0].byTag.keys()].sort();
for (const tag of [...tags, 'overall']) {
  const own = tag === 'overall' ? results[0].overall : results[0].byTag.get(tag)!;
  rows.push([tag, `${own.inScope}/${own.outOfScope}`, ...results.flatMap((r) => cell(tag === 'overall' ? r.overall : r.byTag.get(tag)))]);
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
const out = [`eval set: ${path} (${cases.length} questions)`, line(header), ...rows.map(line)];
out.push('hit = in-scope question answered with text matching every expect pattern; FA = out-of-scope question answered.');
out.push('Baselines answer whenever any entry shares a term with the question (no abstain rule).');
if (showMisses) {
  for (const c of results[0].misses) {
    const r = kb.answer(c.q);
    out.push(`MISS [${c.tag}] ${c.q} -> ${r.answered ? r.source?.articleId : `abstained (${r.suggestions.map((s) => s.articleId).join(', ') || 'not covered'})`} conf=${r.confidence}`);
  }
}
process.stdout.write(`${out.join('\n')}\n`);
