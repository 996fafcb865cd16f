/**
 * npm run kb:import -- <file> [--out dir]
 * Writes draft entries from a raw article to <dir>/<file name>.draft.yaml (default dir:
 * knowledge/drafts) and prints where, with a one-line summary; drafts need a person's review.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { basename, join, resolve } from 'path';
import { draftsToYaml, importArticle } from '../importer';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outDir = resolve(outIndex >= 0 ? (args[outIndex + 1] ?? '') : join(__dirname, '..', 'drafts'));
const file = args.find((a, i) => !a.startsWith('--') && (outIndex < 0 || i !== outIndex + 1));
if (!file || (outIndex >= 0 && !args[outIndex + 1])) {
  process.stderr.write('usage: npm run kb:import -- <file> [--out dir]\n');
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (err) {
  process.stderr.write(`cannot read ${file}: ${(err as Error).message}\n`);
  process.exit(1);
}
const result = importArticle(text);
if (result.drafts.length === 0) {
  process.stderr.write(`${file}: no sections or question lines found; nothing written\n`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
const out = join(outDir, `${basename(file).replace(/\.[^.]+$/, '')}.draft.yaml`);
writeFileSync(out, draftsToYaml(result, basename(file)));
process.stdout.write(`${result.drafts.length} draft entries (${result.shape}, ${result.skipped.length} lines skipped) written to ${out}\n`);
