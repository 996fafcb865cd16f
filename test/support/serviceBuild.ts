import { cpSync, mkdtempSync, readdirSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '../..');
const SOURCE_DIRS = ['bot', 'ticketing', 'knowledge', 'common'];

/**
 * The service compiled once per test run into a temporary directory, so each spawned service
 * starts plain JavaScript instead of compiling TypeScript again (seconds per start on a busy
 * machine). Files are transpiled one by one (no bundle), and the files the code reads next to
 * itself (Lua scripts, articles, static pages, JSON) are copied, so `__dirname` paths hold.
 * Returns the directory; `bot/main.js` inside it is `npm start`.
 */
export async function buildService(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'desk-service-'));
  // tsx's own esbuild: the top-level one is an old copy pulled in by botframework-webchat.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved from tsx's folder on purpose
  const esbuild = require(require.resolve('esbuild', { paths: [join(ROOT, 'node_modules/tsx')] })) as typeof import('esbuild');
  const sources = SOURCE_DIRS.flatMap((dir) => filesUnder(join(ROOT, dir)));
  await esbuild.build({
    entryPoints: sources.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')),
    outdir: outDir,
    outbase: ROOT,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  for (const dir of SOURCE_DIRS) {
    cpSync(join(ROOT, dir), join(outDir, dir), { recursive: true, filter: (src) => !src.endsWith('.ts') });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  return outDir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}
