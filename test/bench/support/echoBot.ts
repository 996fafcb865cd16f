/**
 * The floor for bot turns: a bot that echoes, on the product's own adapter (createAdapter),
 * server (createServer, with metrics and the access log) and route (registerBotRoutes), in its
 * own process like the service. Whatever a FAQ turn costs beyond this is the product's work.
 *
 *   startEchoBot()                          from a benchmark
 *   PORT=3999 tsx test/bench/support/echoBot.ts   by hand
 */
import { spawn } from 'child_process';
import { resolve } from 'path';
import { ActivityHandler } from 'botbuilder';
import { createAdapter, registerBotRoutes } from '../../../bot/adapter';
import { createServer } from '../../../bot/server';
import { createLogger } from '../../../common/logger';
import { Metrics } from '../../../common/metrics';
import { freePort } from '../../support/redisServer';
import { loadConfig } from '../../../common/config';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(context.activity.text ?? '');
      await next();
    });
  }
}

function serve(port: number): void {
  const logger = createLogger();
  const server = createServer({ logger, metrics: new Metrics(), notReadyBecause: () => undefined });
  const adapter = createAdapter(loadConfig({}).bot, logger);
  // The same channel check as the product (development rules: loopback service URLs).
  registerBotRoutes(server, {
    adapter,
    bot: new EchoBot(),
    rules: { teamsServiceHosts: loadConfig({}).teamsServiceHosts, allowLoopback: true },
    logger,
  });
  server.listen(port, '127.0.0.1', () => logger.info({ port }, 'echo bot listening'));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

export interface EchoBotProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the echo bot in a child process (as `node --import tsx`, like the service) and waits for /healthz. */
export async function startEchoBot(env: Record<string, string> = {}): Promise<EchoBotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', __filename], {
    cwd: resolve(__dirname, '../../..'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Read (as the service's logs are) and keep only the tail for an error message.
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-3000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-3000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the echo bot exited (${child.exitCode}):\n${output}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the echo bot did not answer /healthz within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

if (require.main === module) serve(Number(process.env.PORT ?? 3999));
