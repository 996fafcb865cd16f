/**
 * npm run --silent ask -- "pytanie" [--en]
 * Prints the knowledge base's answer as the same JSON the HTTP API returns, on one line.
 */
import { loadKnowledgeBase } from '../knowledgeBase';

const args = process.argv.slice(2);
const locale = args.includes('--en') ? 'en' : 'pl';
const question = args
  .filter((a) => a !== '--en')
  .join(' ')
  .trim();
if (!question) {
  process.stderr.write('usage: npm run --silent ask -- "pytanie" [--en]\n');
  process.exit(2);
}
try {
  process.stdout.write(`${JSON.stringify(loadKnowledgeBase().answer(question, locale))}\n`);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
