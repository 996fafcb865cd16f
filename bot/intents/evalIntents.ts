/**
 * npm run eval:intents [set.jsonl ...] [--misses]
 * Routes every message of an intent set (JSONL: text, intent, lang, style) through the bot's
 * recogniser and prints, per language and style, how many reached the intended intent directly
 * ("direct") or after the bot's one question back ("reached"), and how many it asked about.
 * Without a path: the tuning set and the blind set in test/fixtures/bot (see its README).
 * Only aggregate figures are printed (never a message), so it can be run on a blind set;
 * --misses lists the messages it got wrong, for tuning sets only.
 */
import { join, resolve } from 'path';
import { loadKnowledgeBase } from '../../knowledge';
import { evaluateIntents, formatIntentReport, readIntentSet } from './evaluation';
import { IntentRecognizer } from './recognizer';

const REPO_ROOT = join(__dirname, '../..');
const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const paths = args.filter((a) => !a.startsWith('--'));
const sets = paths.length > 0 ? paths : ['test/fixtures/bot/intents-tune.jsonl', 'test/fixtures/bot/intents-blind.jsonl'];

const recognizer = new IntentRecognizer(loadKnowledgeBase());
for (const path of sets) {
  const cases = readIntentSet(resolve(REPO_ROOT, path));
  const report = evaluateIntents(cases, (text) => recognizer.recognize(text));
  process.stdout.write(`${path} (${cases.length} messages)\n${formatIntentReport(report)}\n`);
  if (showMisses) {
    for (const { case: c, got } of report.misses) {
      process.stdout.write(`  MISS ${c.intent} -> ${'ask' in got ? `ask ${got.ask.join('/')}` : got.intent}: ${c.text}\n`);
    }
  }
  process.stdout.write('\n');
}
