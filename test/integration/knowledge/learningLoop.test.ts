import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { parse } from 'yaml';
import { silentLogger } from '../../../common/logger';
import { KbRevisions } from '../../../knowledge/learning/edits';
import { insightsOf } from '../../../knowledge/learning/insights';
import { LiveKnowledgeBase } from '../../../knowledge/learning/live';
import { QuestionLog } from '../../../knowledge/learning/questionLog';
import { recordingAnswers } from '../../../knowledge/learning/recording';
import { loadArticles } from '../../../knowledge/loader';
import { testRedis, redisEnv, testRedisUrl, uniquePrefix } from '../../support/redis';

// The export runs the CLI in a child process: slow on a busy machine.

/** The learning loop against a real Redis: recording, insights, revisions on two instances, export. */
const redis = testRedis();
const articles = loadArticles();
const UNANSWERABLE = 'Czy da się zapłacić bonem podarunkowym za Skype Connect? Pisze jan.kowalski@firma.pl, tel. +48 601 234 567';
const instances: LiveKnowledgeBase[] = [];

afterAll(async () => {
  await Promise.all(instances.map((i) => i.close()));
  redis.disconnect();
});

async function instance(prefix: string): Promise<LiveKnowledgeBase> {
  const kb = new LiveKnowledgeBase(articles, new KbRevisions(redis, prefix), silentLogger);
  await kb.start(redis);
  instances.push(kb);
  return kb;
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting until ${what}`);
}

test('unanswered questions are recorded masked, grouped by likely article, and forgotten after the retention', async () => {
  const prefix = uniquePrefix('kblog');
  const kb = await instance(prefix);
  const log = new QuestionLog(redis, prefix, { retentionMs: 1000 * 60, maxEvents: 3 });
  let now = 1_000_000;
  const recorded = recordingAnswers(kb, log, () => now, silentLogger);
  expect(recorded.answer(UNANSWERABLE).answered).toBe(false);
  // Recording does not hold up the answer: wait for it to land.
  let events = await log.recent(now);
  for (let i = 0; i < 200 && events.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 25));
    events = await log.recent(now);
  }
  expect(events).toHaveLength(1);
  expect(events[0]!.question).toBe('Czy da się zapłacić bonem podarunkowym za Skype Connect? Pisze [e-mail], tel. [telefon]');
  const insights = insightsOf(events, kb);
  expect(insights.unanswered[0]).toMatchObject({ count: 1, questions: [{ question: events[0]!.question, count: 1 }] });

  // Bounded: at most three events, and none older than the retention.
  for (let i = 0; i < 5; i++) await log.record({ question: `pytanie ${i}`, locale: 'pl', outcome: 'unanswered' }, now + i);
  expect(await log.recent(now + 5)).toHaveLength(3);
  now += 61_000;
  await log.record({ question: 'nowe', locale: 'en', outcome: 'unanswered' }, now);
  expect((await log.recent(now)).map((e) => e.question)).toEqual(['nowe']);
});

test('a phrasing added on one instance answers on another without a restart, and kb:export writes it to YAML', async () => {
  const prefix = uniquePrefix('kbrev');
  const [one, other] = [await instance(prefix), await instance(prefix)];
  const question = 'Czy da się zapłacić bonem podarunkowym za Skype Connect?';
  expect(other.answer(question).answered).toBe(false);

  await one.revisions.add({ kind: 'phrasing', articleId: 'skype-connect-channels-payment', question }, 'agent:alice', Date.now());
  await eventually(() => other.answer(question).answered, 'the other instance answers');
  expect(other.answer(question).source?.articleId).toBe('skype-connect-channels-payment');

  const out = mkdtempSync(join(tmpdir(), 'kb-export-'));
  try {
    await promisify(execFile)('npx', ['tsx', 'knowledge/cli/export.ts', out], {
      cwd: join(__dirname, '../../..'),
      env: { ...process.env, ...redisEnv(testRedisUrl()), REDIS_PREFIX: prefix },
    });
    const doc = parse(readFileSync(join(out, 'skype-connect-channels.yaml'), 'utf8'));
    const entry = doc.entries.find((e: { id: string }) => e.id === 'skype-connect-channels-payment');
    expect(entry.alternates).toContain(question);
    expect(loadArticles(out)).toHaveLength(articles.length);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
