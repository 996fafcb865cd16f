/**
 * npm run eval:faq [set.jsonl ...] [--misses]
 * Runs evaluation sets (JSONL, see test/fixtures/knowledge/README.md; by default the blind sets)
 * through the engine and two baselines and prints, per set and per style: the engine's
 * answered-right rate, the right-answer-first rate of the engine and of each baseline (its top
 * entry, answered or not), the share where the engine answered or offered a right entry (a
 * suggestion, or a related entry beside the answer), and
 * the off-topic questions answered, and how many in-scope questions it answered wrong. It prints no question unless asked for the misses (--misses),
 * which it refuses for the report sets.
 */
import { basename, join, resolve } from 'path';
import { loadKnowledgeBase } from '../knowledgeBase';
import { bm25Baseline, naturalTfIdfBaseline } from '../eval/baselines';
import { evaluate, falseAcceptRate, firstRightRate, hitRate, offeredRightRate, readEvalSet, Tally } from '../eval/evaluate';
import { knowledgeBaseSystem, retrieverSystem } from '../eval/systems';

const REPO_ROOT = join(__dirname, '../..');
const FIXTURES = join(REPO_ROOT, 'test/fixtures/knowledge');
const DEFAULT_SETS = [
  'blind-A.jsonl',
  'blind-B.jsonl',
  'blind-C.jsonl',
  'blind-D.jsonl',
  'blind-E.jsonl',
  'blind-F.jsonl',
  'blind-G.jsonl',
  'blind-H.jsonl',
  'blind-I.jsonl',
  'blind-J.jsonl',
  'blind-K.jsonl',
  'blind-L.jsonl',
  'blind-M.jsonl',
  'blind-N.jsonl',
  'blind-O.jsonl',
  'blind-P.jsonl',
  'blind-Q.jsonl',
  'blind-R.jsonl',
  'blind-S.jsonl',
  'blind-T.jsonl',
  'blind-U.jsonl',
  'blind-X.jsonl',
  'blind-Y.jsonl',
  'blind-Z.jsonl',
  'blind-ZB.jsonl',
  'blind-AA.jsonl',
  'blind-AB.jsonl',
].map((f) => join(FIXTURES, f));
/** Sets reported on and never read (kept outside the repository): their questions are never printed. */
const REPORT_SETS = new Set(['faq-AC.jsonl', 'blind-AC.jsonl', 'faq-AD.jsonl', 'blind-AD.jsonl']);
const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const paths = args.filter((a) => !a.startsWith('--')).map((a) => resolve(process.cwd(), a));
const reportSets = (paths.length ? paths : DEFAULT_SETS).filter((p) => REPORT_SETS.has(basename(p)));
if (showMisses && reportSets.length > 0) {
  process.stderr.write(`--misses prints questions; ${reportSets.map((p) => basename(p)).join(', ')} is a report set: aggregates only\n`);
  process.exit(2);
}

const kb = loadKnowledgeBase();
const engine = knowledgeBaseSystem(kb);
const bm25 = retrieverSystem(bm25Baseline(kb.entries));
const tfidf = retrieverSystem(naturalTfIdfBaseline(kb.entries));

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
const header = [
  'style',
  'in/oos',
  'answered right',
  'answered wrong',
  'right first',
  'BM25 first',
  'TfIdf first',
  'answered|suggested',
  'off-topic answered',
  'BM25 off-topic',
];
const row = (name: string, e: Tally, b: Tally, t: Tally): string[] => [
  name,
  `${e.inScope}/${e.outOfScope}`,
  pct(hitRate(e)),
  e.inScope ? String(e.wrongAnswers) : '-',
  pct(firstRightRate(e)),
  pct(firstRightRate(b)),
  pct(firstRightRate(t)),
  pct(offeredRightRate(e)),
  pct(falseAcceptRate(e)),
  pct(falseAcceptRate(b)),
];
const table = (rows: string[][]): string[] => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  return [header, ...rows].map((cells) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
};

const out: string[] = [];
for (const path of paths.length ? paths : DEFAULT_SETS) {
  const cases = readEvalSet(path);
  const [e, b, t] = [evaluate(cases, engine), evaluate(cases, bm25), evaluate(cases, tfidf)];
  const rows = [...e.byGroup.keys()].sort().map((g) => row(g, e.byGroup.get(g)!, b.byGroup.get(g)!, t.byGroup.get(g)!));
  for (const locale of e.byLocale.keys())
    rows.push(row(`all ${locale}`, e.byLocale.get(locale)!, b.byLocale.get(locale)!, t.byLocale.get(locale)!));
  rows.push(row('overall', e.overall, b.overall, t.overall));
  out.push(`${basename(path)} (${cases.length} questions)`, ...table(rows), '');
  if (showMisses) {
    for (const c of e.misses) {
      const r = kb.answer(c.q, c.locale);
      out.push(
        `MISS [${c.group}] ${c.q} -> ${r.answered ? `${r.source?.articleId}${r.related.length ? ` (related ${r.related.map((s) => s.articleId).join(', ')})` : ''}` : `abstained (${r.suggestions.map((s) => s.articleId).join(', ') || 'not covered'})`} conf=${r.confidence}`,
      );
    }
    out.push('');
  }
}
out.push(
  'answered right = answered with text matching every expect pattern; answered wrong = in-scope questions answered with an entry that does not match (a count);',
  'right first = the top-ranked entry matches (answered or not);',
  'answered|suggested = a matching entry was answered, suggested or offered as related beside the answer; baselines answer whenever any entry shares a term (no abstain rule).',
);
process.stdout.write(`${out.join('\n')}\n`);
