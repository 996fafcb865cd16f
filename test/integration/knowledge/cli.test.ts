import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { nth } from '../../support/nth';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');
const npm = (...args: string[]) => run('npm', ['run', '--silent', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });

describe('npm run ask', () => {
  it('prints the answer JSON on one line and nothing else on stdout', async () => {
    const { stdout } = await npm('ask', '--', 'jak anulowac kanaly skype connect');
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const result = JSON.parse(nth(lines, 0));
    expect(result).toMatchObject({ answered: true, source: { articleId: 'skype-connect-channels-cancel' } });
    expect(Object.keys(result).sort()).toEqual(['answer', 'answered', 'confidence', 'related', 'source', 'suggestions']);
  });

  it('exits with a usage message on stderr when no question is given', async () => {
    await expect(npm('ask')).rejects.toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/usage/) });
  });
});

describe('npm run kb:import', () => {
  it('writes a draft file for a seed and says where', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kb-import-'));
    try {
      const { stdout } = await npm('kb:import', '--', join(ROOT, 'test/fixtures/knowledge/seeds/001_26d639b59518149c.txt'), '--out', out);
      const file = join(out, '001_26d639b59518149c.draft.yaml');
      expect(stdout.trim()).toMatch(new RegExp(`draft entries \\(plain, .*\\) written to ${file}$`));
      expect(readdirSync(out)).toEqual(['001_26d639b59518149c.draft.yaml']);
      expect(readFileSync(file, 'utf8')).toMatch(/title: Anulowanie abonamentu kanałów/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('fails with a clear message for a missing file', async () => {
    await expect(npm('kb:import', '--', '/nonexistent/article.txt')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/cannot read \/nonexistent\/article\.txt/),
    });
  });
});
