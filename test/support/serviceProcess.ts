import { spawn, ChildProcess } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { redisEnv } from './redis';
import { freePort } from './redisServer';
import { PATIENCE_MS } from './waitFor';
import { TEST_TOKENS } from './ticketingApiServer';
import { keptAliveFetch } from './keptAliveFetch';

const ROOT = resolve(__dirname, '../..');

/** The options `npm start` gives node (package.json's start script), so a test runs the service as production does. */
export const START_NODE_FLAGS: string[] = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

/** API_TOKENS for the service: the same callers as the in-process ticketing API tests. */
export const SERVICE_API_TOKENS = [
  `${TEST_TOKENS.system}:system:bot`,
  `${TEST_TOKENS.agent}:agent:alice`,
  `${TEST_TOKENS.operator}:operator:ops`,
].join(',');

export interface ServiceOptions {
  /** The run's Redis: a redis:// URL or a cluster address (test/support/redis.ts). */
  redisUrl: string;
  /** REDIS_PREFIX; instances that share it share their data. */
  prefix: string;
  /** Default: a free loopback port. Pass the previous one to restart "the same" service. */
  port?: number;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /** Options for node itself, before the script (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ApiReply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON the test inspects
}

/** The real service (`npm start`, compiled once per run by globalSetup) in a child process. */
export interface ServiceProcess {
  url: string;
  port: number;
  prefix: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has exited (at once if it already has). */
  exited(): Promise<ServiceExit>;
  /** Sends the signal and waits for the exit; SIGKILL after `timeoutMs` (default 15 s). */
  kill(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ServiceExit>;
  /** One JSON request; `as` picks a TEST_TOKENS bearer token. Network errors reject. */
  call(
    method: string,
    path: string,
    options?: { as?: keyof typeof TEST_TOKENS; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiReply>;
}

/**
 * Starts the service with its own outbox directory and waits until /healthz answers. The child
 * is killed when the test process exits, so a failed test never leaves one behind.
 */
export async function startService(options: ServiceOptions): Promise<ServiceProcess> {
  const port = options.port ?? (await freePort());
  const outbox = mkdtempSync(join(tmpdir(), 'desk-outbox-'));
  const attachments = mkdtempSync(join(tmpdir(), 'desk-files-'));
  // The run's compiled copy (globalSetup); outside jest, the sources through tsx as `npm start` does.
  const serviceDir = process.env.TEST_SERVICE_DIR;
  const main = serviceDir ? [join(serviceDir, 'bot/main.js')] : ['--import', 'tsx', 'bot/main.ts'];
  const child = spawn(process.execPath, [...START_NODE_FLAGS, ...(options.nodeArgs ?? []), ...main], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      PORT: String(port),
      ...redisEnv(options.redisUrl),
      REDIS_PREFIX: options.prefix,
      API_TOKENS: SERVICE_API_TOKENS,
      OUTBOX_DIR: outbox,
      ATTACHMENTS_DIR: attachments,
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout!.on('data', (d: Buffer) => chunks.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => chunks.push(d.toString()));
  const exit = new Promise<ServiceExit>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exit.then(() => {
    process.removeListener('exit', killOnExit);
    rmSync(outbox, { recursive: true, force: true });
    rmSync(attachments, { recursive: true, force: true });
  });

  const url = `http://127.0.0.1:${port}`;
  const service: ServiceProcess = {
    url,
    port,
    prefix: options.prefix,
    child,
    output: () => chunks.join(''),
    exited: () => exit,
    async kill(signal = 'SIGTERM', timeoutMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exit;
      clearTimeout(timer);
      return result;
    },
    call: (method, path, callOptions = {}) => callJson(url, method, path, callOptions),
  };

  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the service exited (${child.exitCode ?? child.signalCode}) before answering /healthz:\n${service.output().slice(-3000)}`,
      );
    }
    if (await answers(`${url}/healthz`)) return service;
    if (Date.now() > deadline) {
      await service.kill('SIGKILL');
      throw new Error(`the service did not answer /healthz within ${PATIENCE_MS / 1000} s:\n${service.output().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer(); // a body left unread keeps its socket open
    return res.ok;
  } catch {
    return false;
  }
}

async function callJson(
  base: string,
  method: string,
  path: string,
  options: { as?: keyof typeof TEST_TOKENS; body?: unknown; headers?: Record<string, string> },
): Promise<ApiReply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) headers.authorization = `Bearer ${TEST_TOKENS[options.as]}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await keptAliveFetch(base + path, { method, headers, body, signal: AbortSignal.timeout(PATIENCE_MS) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (e.g. /metrics): the test gets the text.
  }
  return { status: res.status, body: parsed };
}
