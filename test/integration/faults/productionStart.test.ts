import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { freePort, startRedisServer, type RedisServerHandle } from '../../support/redisServer';
import { SERVICE_API_TOKENS, START_NODE_FLAGS } from '../../support/serviceProcess';
import { redisEnv, testRedisUrl } from '../../support/redis';
import { waitFor } from './faultFixtures';

/**
 * `NODE_ENV=production npm start` as an operator runs it: without what production needs it does
 * not start (one line says what is missing); with Redis unreachable it waits for the configured
 * Redis, says so, and is not ready until it has it, never a private empty one.
 */

const ROOT = resolve(__dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'desk-production-'));
const children: ChildProcess[] = [];
let redisServer: RedisServerHandle | undefined;

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await redisServer?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** What a complete production configuration holds. */
const COMPLETE = {
  MicrosoftAppId: '3f2a7c1e-0000-4000-8000-000000000001',
  MicrosoftAppPassword: 'bot-framework-client-secret',
  DIRECTLINE_SECRET: 'production-directline-secret-0123456789',
  PIN_SECRET: 'production-pin-secret-0123456789abcdef0123',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  API_TOKENS: SERVICE_API_TOKENS,
  PUBLIC_URL: 'https://desk.example.com',
  OIDC_ISSUER_URL: 'https://login.example.com/desk',
  DIRECTORY_FILE: 'none',
};

function startProduction(env: Record<string, string>) {
  const child = spawn(process.execPath, [...START_NODE_FLAGS, '--import', 'tsx', 'bot/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      OUTBOX_DIR: join(work, 'outbox'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, out, exited };
}

async function status(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0; // not listening
  }
}

test('refuses to start without what production needs, in one line naming all of it', async () => {
  const { out, exited } = startProduction({ API_TOKENS: SERVICE_API_TOKENS, PORT: String(await freePort()), ...redisEnv(testRedisUrl()) });
  expect(await exited).toBe(1);
  const lines = out.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  for (const missing of [
    'MicrosoftAppId and MicrosoftAppPassword',
    'DIRECTLINE_SECRET',
    'PIN_SECRET',
    'SMTP_URL or SMS_WEBHOOK_URL',
    'PUBLIC_URL',
    'OIDC_ISSUER_URL',
  ]) {
    expect(lines[0]).toContain(missing);
  }
  expect(lines[0]).not.toContain('API_TOKENS');
  expect(out.stdout).not.toMatch(/listening|redis-server/);
});

test('waits for the configured Redis, reports it, and is ready only once it answers', async () => {
  const redisPort = await freePort();
  const port = await freePort();
  const { out } = startProduction({ ...COMPLETE, PORT: String(port), REDIS_URL: `redis://127.0.0.1:${redisPort}` });
  await waitFor(
    async () => /waiting for Redis at REDIS_URL=redis:\/\/127\.0\.0\.1:\d+/.test(out.stdout),
    'the log to say it waits for Redis',
  );
  // Alive while it waits, so a liveness probe does not restart it; not ready, saying why.
  expect(await status(`http://127.0.0.1:${port}/healthz`)).toBe(200);
  const readiness = await fetch(`http://127.0.0.1:${port}/readyz`);
  expect(readiness.status).toBe(503);
  expect(await readiness.json()).toEqual({
    status: 'not_ready',
    reason: expect.stringMatching(/^waiting for Redis at REDIS_URL=redis:\/\/127\.0\.0\.1:\d+/),
  });
  expect(out.stdout).not.toMatch(/private redis-server/);

  redisServer = await startRedisServer({ port: redisPort });
  await waitFor(async () => (await status(`http://127.0.0.1:${port}/readyz`)) === 200, '/readyz once Redis answers');
  expect(await status(`http://127.0.0.1:${port}/healthz`)).toBe(200);
  // The service's log is buffered (up to 250 ms): the line may come after /readyz says 200.
  await waitFor(async () => /Bot Framework authentication is on/.test(out.stdout), 'the log to say authentication is on');
  expect(out.stdout).not.toMatch(/private redis-server|authentication is OFF/);
});
