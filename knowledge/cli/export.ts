/**
 * npm run kb:export [-- out-dir]
 * Writes the articles with every console revision applied (phrasings added, drafted articles in
 * console.yaml) as YAML files, by default over knowledge/articles/, for review and commit.
 * Reads REDIS_URL (or REDIS_CLUSTER_NODES) and REDIS_PREFIX like the service.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { loadConfig } from '../../common/config';
import { newRedisClient } from '../../common/redisConnection';
import { applyRevisions, KbRevisions } from '../learning/edits';
import { articlesAsYaml } from '../learning/exportYaml';
import { DEFAULT_ARTICLES_DIR, loadArticles } from '../loader';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const out = resolve(process.argv[2] ?? DEFAULT_ARTICLES_DIR);
  const redis = newRedisClient(config.redis.url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    const revisions = await new KbRevisions(redis, config.redis.prefix).all();
    const files = articlesAsYaml(applyRevisions(loadArticles(), revisions));
    mkdirSync(out, { recursive: true });
    for (const [file, text] of files) writeFileSync(join(out, file), text);
    process.stdout.write(`${revisions.length} revisions applied; ${files.size} files written to ${out}\n`);
  } finally {
    redis.disconnect();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`kb:export: ${err.message}\n`);
  process.exit(1);
});
