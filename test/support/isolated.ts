import { spawn } from 'child_process';
import { resolve } from 'path';
import { PATIENCE_MS } from './waitFor';

const ROOT = resolve(__dirname, '../..');

/**
 * Calls `exportName` of a repository module with `args` in a child process and resolves with
 * its JSON result; rejects when it has not finished after `waitMs`. A runaway regular expression
 * blocks its thread, so only another process can give up on it (jest's timeout cannot): the wait
 * is generous, it catches "never finishes" without timing anything.
 */
export function callIsolated(modulePath: string, exportName: string, args: unknown[], waitMs = PATIENCE_MS): Promise<unknown> {
  const program = `
    let input = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d) => { input += d; });
    process.stdin.on('end', async () => {
      const mod = require(${JSON.stringify(resolve(ROOT, modulePath))});
      const result = await mod[${JSON.stringify(exportName)}](...JSON.parse(input));
      process.stdout.write(JSON.stringify(result === undefined ? null : result));
    });`;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', program], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${modulePath}#${exportName} did not finish within ${waitMs} ms`));
    }, waitMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) done(JSON.parse(out));
      else if (code !== null) fail(new Error(`${modulePath}#${exportName} failed (${code}): ${err.slice(-2000)}`));
    });
    child.stdin.end(JSON.stringify(args));
  });
}
